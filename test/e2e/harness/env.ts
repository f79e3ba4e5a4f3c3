// What the e2e runner tells the tests about the current launch (environment variables of the
// extension host, set by scripts/e2e/run-code-server.mjs and run-desktop.mjs).

export interface E2eLaunch {
  /** Name of the launch configuration: `trusted` or `restricted` (see scripts/e2e/configs.mjs). */
  config: string;
  /** Whether the runner opened the workspace as trusted (false: Restricted Mode). */
  trusted: boolean;
  /** `development` (extensionDevelopmentPath = the repository) or `vsix` (the packaged extension installed). */
  extensionMode: 'development' | 'vsix';
  /** `code-server` (web workbench in headless Chromium) or `desktop` (@vscode/test-electron). */
  host: 'code-server' | 'desktop';
  /** Where the extension under test must be loaded from: the repository, or the extensions folder (vsix). */
  extensionPath?: string;
}

export function e2eLaunch(): E2eLaunch {
  const env = process.env;
  return {
    config: env.BLUEBOOK_E2E_CONFIG ?? 'trusted',
    trusted: env.BLUEBOOK_E2E_TRUSTED !== '0',
    extensionMode: env.BLUEBOOK_E2E_EXTENSION_MODE === 'vsix' ? 'vsix' : 'development',
    host: env.BLUEBOOK_E2E_HOST === 'desktop' ? 'desktop' : 'code-server',
    extensionPath: env.BLUEBOOK_E2E_EXTENSION_PATH || undefined,
  };
}

/**
 * The contract between the Bluebook language server and its clients (the VS Code extension, or
 * any LSP editor that wants the extras). Declared once here and imported by both sides, so a
 * message name or a setting can never drift between them. Plain data only: no `vscode` and no
 * `vscode-languageserver` imports, so `core` stays editor-agnostic.
 *
 * How to add a setting: add it to `BluebookSettings` and `DEFAULT_SETTINGS`, contribute it under
 * `contributes.configuration` in package.json, read it in the server through `getSettings(uri)`.
 */
import type { SuiteResult } from './results.js';

/** Commands the code lenses invoke. The extension implements them. */
export const Commands = {
  runTest: 'bluebook.runTest',
  runStep: 'bluebook.runStep',
  /** Serves a `*.mock.yaml` file; its argument is the document's URI string. */
  startMock: 'bluebook.startMock',
} as const;

/** Argument of `bluebook.runTest` (without `stepIndex`) and `bluebook.runStep` (with it). */
export interface RunCommandArgs {
  /** The suite document's URI as the editor gave it to the server. */
  uri: string;
  /** The test id (the mapping key under `tests:`). */
  testId: string;
  /** Index in the test's `steps` list, for `bluebook.runStep`. */
  stepIndex?: number;
}

/**
 * Client → server notification: the last results of running a suite (for "Accept actual value"
 * quick fixes), keyed by the suite's URI. Send `results: undefined` to forget them (for example
 * after the document changed).
 */
export const LastResultsNotification = 'bluebook/lastResults';
export interface LastResultsParams {
  uri: string;
  /** The document version the run used; fixes are offered only while it is still current. */
  version?: number;
  results?: SuiteResult;
}

/**
 * Client → server notification: the environment selected in the editor (status-bar picker).
 * Hovers show variable values from it; `undefined` means the config's `defaultEnvironment`.
 */
export const SelectedEnvironmentNotification = 'bluebook/selectedEnvironment';
export interface SelectedEnvironmentParams {
  environment?: string;
}

/**
 * Client → server, once: the server may now validate the workspace's closed suites. A client
 * that sets `deferWorkspaceScan` in `initializationOptions` sends it when it is ready (VS Code's
 * Test Explorer first discovers the suites: both would read and parse every file at once, on the
 * same cores). Without that option the server scans at once; with it, after 10 s at the latest.
 */
export const WorkspaceScanNotification = 'bluebook/workspaceScan';
export interface BluebookInitializationOptions {
  deferWorkspaceScan?: boolean;
}

/** Settings under `bluebook.*`, read per resource (`workspace/configuration`, section `bluebook`). */
export interface BluebookSettings {
  validate: {
    /** Report `${...}` names that no scope defines. */
    undefinedVariables: boolean;
    /** Check that schema, `each` and multipart files exist and are valid. */
    files: boolean;
  };
  codeLens: {
    /** Show "▶ Run test" / "▶ Run step" lenses. */
    enabled: boolean;
  };
}

export const DEFAULT_SETTINGS: BluebookSettings = {
  validate: { undefinedVariables: true, files: true },
  codeLens: { enabled: true },
};

/** Merges a partial settings object (as an editor returns it) over the defaults. */
export function resolveSettings(partial: unknown): BluebookSettings {
  const value = (partial && typeof partial === 'object' ? partial : {}) as Partial<Record<string, unknown>>;
  const section = <T extends object>(name: string, defaults: T): T => {
    const given = value[name];
    if (!given || typeof given !== 'object') return { ...defaults };
    const result = { ...defaults } as Record<string, unknown>;
    for (const [key, fallback] of Object.entries(defaults)) {
      const v = (given as Record<string, unknown>)[key];
      if (typeof v === typeof fallback) result[key] = v;
    }
    return result as T;
  };
  return {
    validate: section('validate', DEFAULT_SETTINGS.validate),
    codeLens: section('codeLens', DEFAULT_SETTINGS.codeLens),
  };
}

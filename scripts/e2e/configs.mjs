// Launch configurations of the e2e tier, shared by run-code-server.mjs and run-desktop.mjs.
//
// Each launch opens a fresh copy of the fixture workspace in a fresh VS Code profile and runs the
// tests module (out/test/e2e/index.js). The tests learn about the launch from BLUEBOOK_E2E_*
// variables (see test/e2e/harness/env.ts); test/e2e/index.ts selects the tests of each launch by
// the `@restricted` tag in their titles.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib.mjs';

export const FIXTURE_WORKSPACE = join(repoRoot, 'test', 'e2e', 'workspace');
export const TESTS_PATH = join(repoRoot, 'out', 'test', 'e2e');
const SUITE_DIR = join(repoRoot, 'test', 'e2e', 'suite');
const RESTRICTED_TAG = '@restricted';

/** @type {Record<string, { description: string, trusted: boolean, needsTag?: string }>} */
export const LAUNCH_CONFIGS = {
  trusted: {
    description: 'trusted workspace; every test not tagged @restricted',
    trusted: true,
  },
  restricted: {
    description: 'Restricted Mode (workspace trust on, folder untrusted); tests tagged @restricted',
    trusted: false,
    needsTag: RESTRICTED_TAG,
  },
};

/**
 * The launches to run: the named ones (`--config a,b`), or all of them, minus those whose tag no
 * suite file mentions (nothing to run there, and a launch costs ~10 s).
 */
export function selectLaunches(names) {
  const wanted = names.length ? names : Object.keys(LAUNCH_CONFIGS);
  const unknown = wanted.filter((n) => !LAUNCH_CONFIGS[n]);
  if (unknown.length) {
    throw new Error(
      `unknown launch configuration ${unknown.join(', ')}; known: ${Object.keys(LAUNCH_CONFIGS).join(', ')}`,
    );
  }
  const sources = existsSync(SUITE_DIR)
    ? readdirSync(SUITE_DIR)
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => readFileSync(join(SUITE_DIR, f), 'utf8'))
        .join('\n')
    : '';
  return wanted
    .map((name) => ({ name, ...LAUNCH_CONFIGS[name] }))
    .filter((c) => names.includes(c.name) || !c.needsTag || sources.includes(c.needsTag));
}

/** User settings of a launch's fresh profile. */
export function userSettings(launch) {
  return {
    // Off = every folder is trusted; on (with no prompt) = the folder opens in Restricted Mode.
    'security.workspace.trust.enabled': !launch.trusted,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'npm.autoDetect': 'off',
    'typescript.disableAutomaticTypeAcquisition': true,
  };
}

/** Writes `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir, launch) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(launch), null, 2));
}

/** Copies the fixture workspace (or `source`) into `dir`, so tests may change it. */
export function copyWorkspace(dir, source = FIXTURE_WORKSPACE) {
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Environment variables of the extension host that describe the launch to the tests. */
export function launchEnv(launch, { host, extensionMode, extensionPath, grep, resultFile }) {
  const env = {
    BLUEBOOK_E2E_RESULT_FILE: resultFile,
    BLUEBOOK_E2E: '1',
    BLUEBOOK_E2E_CONFIG: launch.name,
    BLUEBOOK_E2E_TRUSTED: launch.trusted ? '1' : '0',
    BLUEBOOK_E2E_HOST: host,
    BLUEBOOK_E2E_EXTENSION_MODE: extensionMode,
    BLUEBOOK_E2E_EXTENSION_PATH: extensionPath,
  };
  if (grep) env.BLUEBOOK_E2E_GREP = grep;
  return env;
}

/** What the tests module wrote to BLUEBOOK_E2E_RESULT_FILE (`{ launch, total, failures }`), if anything. */
export function readResult(resultFile) {
  try {
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The exit code of a whole run: the first failing launch's code; 1 when, with a grep, no launch ran
 * a single test (a typo must not pass silently).
 */
export function overallExitCode(results, grep) {
  const failed = results.find((r) => r.code !== 0);
  if (failed) return failed.code || 1;
  const ran = results.reduce((n, r) => n + (r.result?.total ?? 0), 0);
  if (grep && ran === 0) {
    console.error(`\n[e2e] FAILED: no test matches --grep ${grep} in any launch`);
    return 1;
  }
  return 0;
}

// Runs the e2e tests inside a real VS Code: code-server (VS Code 1.100's server + web workbench,
// installed from the npm registry by setup-code-server.mjs) driven by Debian's headless Chromium.
// The workbench loads the extension (from this repository, or an installed .vsix) and runs the
// tests module out/test/e2e/index.js in the extension host, exactly like `--extensionTestsPath`
// on the desktop; it reports the result through `window.codeAutomationExit(code)`.
//
//   npm run test:e2e [-- options]
//     --config NAME[,NAME]  launch configurations to run (default: all; see configs.mjs)
//     --grep REGEXP         only tests whose full title matches (also BLUEBOOK_E2E_GREP)
//     --vsix FILE           install this package with --install-extension instead of loading the
//                           repository as extensionDevelopmentPath
//     --workspace DIR       open DIR itself instead of a temporary copy of test/e2e/workspace
//     --no-build            do not run scripts/build.mjs even if sources are newer than the bundles
//     --timeout SECONDS     overall limit, setup included (default 600, BLUEBOOK_E2E_TIMEOUT)
//     --keep                keep the temporary profile/workspace folders (paths are printed)
//     --verbose             also print code-server's own log and the workbench's log
//
// Exit code: the tests' exit code (0 = all passed) when every launch ran; 1 when something else
// went wrong (the reason is printed last). Artifacts (logs, a screenshot of a failed launch) go
// to test-results/e2e/<launch>/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  copyWorkspace,
  launchEnv,
  overallExitCode,
  readResult,
  selectLaunches,
  TESTS_PATH,
  writeUserSettings,
} from './configs.mjs';
import { E2eError, ensureBuilt, log, repoRoot, run, seconds, timed } from './lib.mjs';
import { launchChromium, startCodeServer } from './code-server.mjs';
import { CODE_SERVER_VERSION, setupCodeServer } from './setup-code-server.mjs';

const { values: opts } = parseArgs({
  options: {
    config: { type: 'string', multiple: true, default: [] },
    grep: { type: 'string', default: process.env.BLUEBOOK_E2E_GREP },
    vsix: { type: 'string' },
    workspace: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    timeout: { type: 'string', default: process.env.BLUEBOOK_E2E_TIMEOUT ?? '600' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: !!process.env.BLUEBOOK_E2E_VERBOSE },
  },
  allowPositionals: false,
});

// Everything to undo at exit, newest first.
const cleanups = [];
let phase = 'starting';
let exiting = false;
/** The workbench page of the running launch, for a screenshot when something goes wrong. */
let current; // { page, resultsDir }

async function cleanUp() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(`[e2e] cleanup: ${error?.message ?? error}`);
    }
  }
}

async function fail(reason, code = 1) {
  if (exiting) return;
  exiting = true;
  console.error(`\n[e2e] FAILED (${phase}): ${reason}`);
  if (current) await screenshot(current.page, current.resultsDir);
  await cleanUp();
  process.exit(code);
}

const timeoutSeconds = Number(opts.timeout);
if (!(timeoutSeconds > 0)) {
  console.error(`--timeout must be a number of seconds, got ${opts.timeout}`);
  process.exit(2);
}
const overall = setTimeout(() => {
  void fail(`overall timeout: no result after ${timeoutSeconds} s (raise it with --timeout SECONDS)`);
}, timeoutSeconds * 1000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void fail(`interrupted by ${signal}`, 130));
}

/** One launch: fresh profile + workspace, code-server, Chromium, the tests. Resolves with the exit code. */
async function runLaunch(launch, { entry, vsix }) {
  const resultsDir = join(repoRoot, 'test-results', 'e2e', launch.name);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), `bluebook-e2e-${launch.name}-`));
  if (opts.keep) log(`temporary folder (kept): ${tmp}`);
  else cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, launch);
  const folder = opts.workspace ? resolve(opts.workspace) : copyWorkspace(join(tmp, 'workspace'));
  const extensionMode = vsix ? 'vsix' : 'development';

  const env = {
    ...process.env,
    ...launchEnv(launch, {
      host: 'code-server',
      extensionMode,
      extensionPath: vsix ? extensionsDir : repoRoot,
      grep: opts.grep,
      resultFile: join(tmp, 'result.json'),
    }),
    // No extension gallery (code-server's default is open-vsx.org): nothing may reach the internet.
    EXTENSIONS_GALLERY: '{}',
    // Keep code-server's own state (and the extensions' XDG folders) out of the user's home.
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
  };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];

  if (vsix) {
    phase = `${launch.name}: installing ${vsix}`;
    await timed(`installing ${vsix} into the launch profile`, () =>
      run(
        process.execPath,
        [
          entry,
          '--user-data-dir',
          userDataDir,
          '--extensions-dir',
          extensionsDir,
          '--install-extension',
          vsix,
          '--force',
        ],
        {
          env,
          label: 'install-extension',
        },
      ),
    );
  }

  phase = `${launch.name}: starting code-server`;
  const logFile = join(resultsDir, 'code-server.log');
  const server = await timed(`starting code-server ${CODE_SERVER_VERSION}`, () =>
    startCodeServer({
      entry,
      userDataDir,
      extensionsDir,
      folder,
      env,
      configFile: join(tmp, 'code-server.yaml'),
      verbose: opts.verbose,
    }),
  );
  cleanups.push(async () => {
    await server.stop();
    writeFileSync(logFile, server.lines.join('\n') + '\n');
  });
  log(`code-server listening on ${server.url}`);

  phase = `${launch.name}: starting Chromium`;
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  current = { page, resultsDir };

  const { host } = new URL(server.url);
  const remote = (path) => `vscode-remote://${host}${path}`;
  const payload = [
    ['extensionTestsPath', remote(TESTS_PATH)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  // The workbench runs extensionTestsPath only in an extension development window, so with --vsix
  // an empty development extension stands in and the installed package is the one under test.
  payload.unshift(['extensionDevelopmentPath', remote(vsix ? hostExtension(tmp) : repoRoot)]);

  // The workbench calls these two (VS Code's browser integration-test hooks); they must exist
  // before the first script of the page runs.
  let settle;
  const result = new Promise((resolvePromise, reject) => (settle = { resolve: resolvePromise, reject }));
  result.catch(() => {}); // handled below; avoid an unhandled rejection while still navigating
  await page.exposeFunction('codeAutomationLog', (type, args) => printExtensionHostLog(type, args));
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    saveLogs(resultsDir, logs);
    settle.resolve(code);
  });
  page.on('crash', () => settle.reject(new E2eError('the Chromium page crashed')));
  browser.on('disconnected', () => settle.reject(new E2eError('Chromium exited or disconnected')));
  server.child.on('exit', (code, signal) =>
    settle.reject(
      new E2eError(
        `code-server exited (${signal ?? `code ${code}`}) during the tests:\n${server.lines.slice(-20).join('\n')}`,
      ),
    ),
  );
  page.on('pageerror', (error) => opts.verbose && console.log(`  page error| ${error.message}`));
  if (opts.verbose) page.on('console', (m) => console.log(`  browser ${m.type()}| ${m.text()}`));

  phase = `${launch.name}: tests running`;
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`opening the workbench (${launch.name}: ${launch.description})`);
  await Promise.race([page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 }), result]);

  const code = await result; // on a rejection, fail() takes the screenshot
  if (code !== 0) await screenshot(page, resultsDir);
  current = undefined;
  const testsResult = readResult(join(tmp, 'result.json'));
  await cleanUp();
  return { code, result: testsResult };
}

// The extension host's console reaches us through codeAutomationLog, mixed with the workbench's
// own log. test/e2e/index.ts marks every line it (mocha, the tests) prints with OUTPUT_MARKER:
// those are printed as they are; of the rest, only warnings and errors (their first line), unless
// --verbose.
const OUTPUT_MARKER = '\u2063';
function printExtensionHostLog(type, args) {
  const text = (Array.isArray(args) ? args : [args])
    .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
    .join(' ');
  if (text.includes(OUTPUT_MARKER)) {
    process.stdout.write(`${text.replaceAll(OUTPUT_MARKER, '')}\n`);
  } else if (opts.verbose) {
    console.log(`  workbench ${type}| ${text}`);
  } else if (type === 'error' || type === 'warn') {
    console.log(`  workbench ${type}| ${text.split('\n')[0].slice(0, 300)}`);
  }
}

/** An extension that contributes nothing, as the development extension of a --vsix launch. */
function hostExtension(tmp) {
  const dir = join(tmp, 'host-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'e2e-host',
      publisher: 'bluebook-test',
      version: '0.0.0',
      engines: { vscode: '*' },
    }),
  );
  return dir;
}

function saveLogs(dir, logs) {
  if (!Array.isArray(logs)) return;
  for (const { relativePath, contents } of logs) {
    const path = join(dir, 'logs', relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
}

async function screenshot(page, dir) {
  try {
    const path = join(dir, 'failure.png');
    await page.screenshot({ path, timeout: 5000 });
    log(`screenshot of the workbench: ${path}`);
  } catch {
    // the page may be gone
  }
}

async function main() {
  const started = Date.now();
  const launches = selectLaunches(opts.config.flatMap((c) => c.split(',')).filter(Boolean));
  const vsix = opts.vsix ? resolve(opts.vsix) : undefined;
  if (vsix && !existsSync(vsix)) throw new E2eError(`--vsix ${vsix}: no such file`);

  phase = 'setup';
  const entry = await setupCodeServer();

  phase = 'build';
  await ensureBuilt({ skip: opts['no-build'] });

  const results = [];
  for (const launch of launches) {
    const t0 = Date.now();
    log(`launch "${launch.name}"`);
    const { code, result } = await runLaunch(launch, { entry, vsix });
    results.push({ name: launch.name, code, result, ms: Date.now() - t0 });
    log(
      `launch "${launch.name}": ${code === 0 ? 'passed' : `FAILED (exit code ${code})`} in ${seconds(Date.now() - t0)}`,
    );
  }
  clearTimeout(overall);
  log(
    `e2e: ${results.map((r) => `${r.name} ${r.code === 0 ? 'passed' : 'FAILED'} (${r.result?.total ?? '?'} tests, ${seconds(r.ms)})`).join(', ')}; total ${seconds(Date.now() - started)}`,
  );
  process.exit(overallExitCode(results, opts.grep));
}

try {
  await main();
} catch (error) {
  await fail(error instanceof E2eError ? error.message : (error?.stack ?? String(error)));
}

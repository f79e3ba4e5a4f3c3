// Runs the same e2e tests module (out/test/e2e/index.js) in desktop VS Code through
// @vscode/test-electron, for machines with internet access and a display: it downloads VS Code
// (into <cache>/desktop) on first use. On the offline build machines use `npm run test:e2e`
// (code-server) instead; this script fails there with a clear message.
//
//   npm run test:vscode-desktop [-- options]
//     --config NAME[,NAME]  launch configurations (default: all; see configs.mjs)
//     --grep REGEXP         only tests whose full title matches
//     --vsix FILE           install this package instead of loading the repository
//     --vscode VERSION      VS Code version to download (default: stable; BLUEBOOK_VSCODE_VERSION)
//     --executable PATH     use this VS Code executable instead of downloading one
//                           (BLUEBOOK_VSCODE_EXECUTABLE)
//     --workspace DIR       open DIR itself instead of a temporary copy of test/e2e/workspace
//     --no-build            do not run scripts/build.mjs
//     --timeout SECONDS     overall limit (default 900, download included)
//
// On Linux without $DISPLAY it re-runs itself under `xvfb-run -a` when that is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
import { cacheRoot, E2eError, ensureBuilt, hasCommand, log, repoRoot, run, seconds } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    config: { type: 'string', multiple: true, default: [] },
    grep: { type: 'string', default: process.env.BLUEBOOK_E2E_GREP },
    vsix: { type: 'string' },
    vscode: { type: 'string', default: process.env.BLUEBOOK_VSCODE_VERSION ?? 'stable' },
    executable: { type: 'string', default: process.env.BLUEBOOK_VSCODE_EXECUTABLE },
    workspace: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    timeout: { type: 'string', default: process.env.BLUEBOOK_E2E_TIMEOUT ?? '900' },
  },
});

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  if (hasCommand('xvfb-run') && !process.env.BLUEBOOK_UNDER_XVFB) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, BLUEBOOK_UNDER_XVFB: '1' },
    });
    process.exit(r.status ?? 1);
  }
  log('no $DISPLAY and no xvfb-run: desktop VS Code will probably not start (apt-get install xvfb)');
}

const timeoutSeconds = Number(opts.timeout);
const overall = setTimeout(() => {
  console.error(
    `\n[e2e] FAILED: overall timeout, no result after ${timeoutSeconds} s (raise it with --timeout)`,
  );
  process.exit(1);
}, timeoutSeconds * 1000);

const temporary = [];
process.on('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

async function main() {
  const started = Date.now();
  const { runTests, downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } =
    await import('@vscode/test-electron');
  const launches = selectLaunches(opts.config.flatMap((c) => c.split(',')).filter(Boolean));
  const vsix = opts.vsix ? resolve(opts.vsix) : undefined;
  if (vsix && !existsSync(vsix)) throw new E2eError(`--vsix ${vsix}: no such file`);

  await ensureBuilt({ skip: opts['no-build'] });

  let vscodeExecutablePath = opts.executable && resolve(opts.executable);
  if (vscodeExecutablePath && !existsSync(vscodeExecutablePath)) {
    throw new E2eError(`--executable ${vscodeExecutablePath}: no such file`);
  }
  try {
    vscodeExecutablePath ??= await downloadAndUnzipVSCode({
      version: opts.vscode,
      cachePath: join(cacheRoot, 'desktop'),
      timeout: 30_000,
    });
  } catch (error) {
    throw new E2eError(
      `cannot download VS Code ${opts.vscode} (${error?.message ?? error}). This needs internet access; ` +
        'offline, run `npm run test:e2e` (code-server) instead.',
    );
  }
  log(`VS Code executable: ${vscodeExecutablePath}`);

  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox', '--disable-gpu-sandbox'] : [];
  const results = [];
  for (const launch of launches) {
    const t0 = Date.now();
    const tmp = mkdtempSync(join(tmpdir(), `bluebook-e2e-desktop-${launch.name}-`));
    temporary.push(tmp);
    const userDataDir = join(tmp, 'user-data');
    const extensionsDir = join(tmp, 'extensions');
    mkdirSync(extensionsDir, { recursive: true });
    writeUserSettings(userDataDir, launch);
    const folder = opts.workspace ? resolve(opts.workspace) : copyWorkspace(join(tmp, 'workspace'));
    const profile = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    let extensionDevelopmentPath = repoRoot;
    if (vsix) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      await run(cli, [...cliArgs, ...profile, '--install-extension', vsix, '--force'], {
        label: 'install-extension',
      });
      // runTests needs a development extension: an empty one, so the installed package is tested.
      extensionDevelopmentPath = join(tmp, 'host-extension');
      mkdirSync(extensionDevelopmentPath);
      writeFileSync(
        join(extensionDevelopmentPath, 'package.json'),
        JSON.stringify({
          name: 'e2e-host',
          publisher: 'bluebook-test',
          version: '0.0.0',
          engines: { vscode: '*' },
        }),
      );
    }

    log(`launch "${launch.name}" (${launch.description})`);
    let code;
    try {
      code = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath,
        extensionTestsPath: TESTS_PATH,
        extensionTestsEnv: launchEnv(launch, {
          host: 'desktop',
          extensionMode: vsix ? 'vsix' : 'development',
          extensionPath: vsix ? extensionsDir : repoRoot,
          grep: opts.grep,
          resultFile: join(tmp, 'result.json'),
        }),
        launchArgs: [
          folder,
          ...profile,
          ...sandboxArgs,
          // Other installed extensions off (the one under development stays on); not with --vsix,
          // where the extension under test is an installed one.
          ...(vsix ? [] : ['--disable-extensions']),
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-telemetry',
        ],
      });
    } catch (error) {
      // runTests rejects when VS Code exits non-zero (TestRunFailedError) or cannot start.
      code = typeof error?.code === 'number' ? error.code || 1 : 1;
      console.error(`[e2e] launch "${launch.name}": ${error?.message ?? error}`);
    }
    results.push({
      name: launch.name,
      code,
      result: readResult(join(tmp, 'result.json')),
      ms: Date.now() - t0,
    });
  }
  clearTimeout(overall);
  log(
    `e2e (desktop): ${results.map((r) => `${r.name} ${r.code === 0 ? 'passed' : 'FAILED'} (${seconds(r.ms)})`).join(', ')}; ` +
      `total ${seconds(Date.now() - started)}`,
  );
  process.exit(overallExitCode(results, opts.grep));
}

try {
  await main();
} catch (error) {
  console.error(
    `\n[e2e] FAILED: ${error instanceof E2eError ? error.message : (error?.stack ?? String(error))}`,
  );
  process.exit(1);
}

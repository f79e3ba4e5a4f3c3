// Installs code-server (a real VS Code: web workbench + the same Node extension host as the desktop)
// from the npm registry into the test cache, without any download outside the npm registry and
// Debian's packages. See MACHINE-NOTES ("A real VS Code for tests, without a download").
//
//   node scripts/e2e/setup-code-server.mjs [--force]
//
// Cache: $BLUEBOOK_VSCODE_TEST_CACHE or <repo>/.vscode-test; code-server lands in <cache>/code-server.
// A marker file written last makes later runs skip everything; the install is built in a staging
// folder and renamed into place, so an interrupted setup never looks complete.
//
// Why it is not a plain `npm install code-server`:
//   - its postinstall (lib/vscode's native modules) refuses to run as root without unsafe-perm, needs
//     libkrb5-dev for `kerberos`, and @vscode/ripgrep's postinstall downloads rg from GitHub;
//   - so everything is installed with --ignore-scripts, Debian's /usr/bin/rg is copied where
//     @vscode/ripgrep looks (its postinstall then sees bin/ and skips the download), the native
//     modules are built with `npm rebuild`, code-server's postinstall.sh steps are redone here, and
//     argon2 is built from source with node-pre-gyp.
//   - npm 11 reviews dependency install scripts against an `allowScripts` policy. npm 11.19 only
//     warns ("N packages have install scripts not yet covered by allowScripts") and still runs them,
//     but `strict-allow-scripts` (or a later default) would skip or refuse them, leaving VS Code
//     without its native modules. The one `npm rebuild` below therefore bypasses the policy for this
//     tree only (pinned by code-server's npm-shrinkwrap.json; its 9 install scripts are node-gyp
//     builds, node-pty's cleanup and ripgrep's download, which finds bin/ and skips), and every
//     native module is then loaded once to prove it was built.
//   - Nested npm commands run without the `npm_*` variables of the calling `npm run` (its
//     `npm_config_local_prefix` would point them at this repository) and with `nodedir` set to the
//     running Node's headers, since node-gyp cannot download them here.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  cacheRoot,
  cleanNpmEnv,
  E2eError,
  ensureDebianPackages,
  hasCommand,
  log,
  run,
  timed,
} from './lib.mjs';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; 4.103+ needs Node 22
const RECIPE = 1; // bump when the steps below change, to invalidate existing caches

export const codeServerDir = join(cacheRoot, 'code-server');
const markerPath = join(codeServerDir, '.bluebook-setup.json');

/** Native modules of VS Code's server that must load after the build (linux). */
const VSCODE_NATIVE_MODULES = [
  'kerberos',
  '@vscode/spdlog',
  'node-pty',
  'native-watchdog',
  '@parcel/watcher',
  '@vscode/deviceid',
];

function expectedMarker() {
  return {
    codeServer: CODE_SERVER_VERSION,
    recipe: RECIPE,
    nodeModules: process.versions.modules, // native modules are built for this ABI
    platform: `${process.platform}-${process.arch}`,
  };
}

function markerMatches() {
  try {
    const found = JSON.parse(readFileSync(markerPath, 'utf8'));
    return Object.entries(expectedMarker()).every(([k, v]) => found[k] === v);
  } catch {
    return false;
  }
}

/** The Debian packages the e2e tier needs; installed only when missing. */
export async function ensureSystemPackages() {
  const packages = ['chromium', 'ripgrep', 'libkrb5-dev'];
  // Native builds need a C++ toolchain and Python (node-gyp); slim images may lack them.
  if (!hasCommand('g++') || !hasCommand('make')) packages.push('build-essential');
  if (!hasCommand('python3')) packages.push('python3');
  await ensureDebianPackages(packages);
}

function npmKnowsConfig(name) {
  const r = spawnSync('npm', ['config', 'get', name], { encoding: 'utf8', env: cleanNpmEnv() });
  return r.status === 0 && r.stdout.trim() !== 'undefined';
}

function verifyLoads(dir, modules, label) {
  for (const name of modules) {
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      throw new E2eError(
        `${label}: native module ${name} does not load after the build:\n${r.stderr.trim().split('\n').slice(0, 8).join('\n')}`,
      );
    }
  }
}

async function install(staging) {
  const env = cleanNpmEnv();
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // Its own package.json, so npm never walks up into the repository.
  writeFileSync(
    join(staging, 'package.json'),
    JSON.stringify({ name: 'bluebook-code-server-cache', private: true }, null, 2),
  );

  await timed(`npm install code-server@${CODE_SERVER_VERSION} (scripts off)`, () =>
    run(
      'npm',
      ['install', '--ignore-scripts', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
      { cwd: staging, env, label: 'npm' },
    ),
  );
  const cs = join(staging, 'node_modules', 'code-server');
  const vscode = join(cs, 'lib', 'vscode');

  await timed('npm install in lib/vscode (scripts off)', () =>
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscode, env, label: 'npm' }),
  );

  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new E2eError('ripgrep (rg) is not on PATH; install Debian package `ripgrep`');
  const rgBin = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  cpSync(rg, join(rgBin, 'rg'));
  log(`copied ${rg} to @vscode/ripgrep/bin/rg`);

  // prebuild-install (kerberos) would first try to download a binary from GitHub. Naming the package
  // (rather than `true`) keeps @parcel/watcher on its prebuilt binary.
  const rebuildEnv = { ...env, npm_config_build_from_source: 'kerberos' };
  if (npmKnowsConfig('dangerously-allow-all-scripts'))
    rebuildEnv.npm_config_dangerously_allow_all_scripts = 'true';
  await timed('npm rebuild in lib/vscode (native modules: node-gyp)', () =>
    run('npm', ['rebuild'], {
      cwd: vscode,
      env: rebuildEnv,
      label: 'rebuild',
      quiet: !process.env.BLUEBOOK_E2E_VERBOSE,
    }),
  );
  verifyLoads(vscode, VSCODE_NATIVE_MODULES, 'lib/vscode');

  // What code-server's postinstall.sh does after its `npm install` in lib/vscode.
  await timed('code-server postinstall steps', async () => {
    const link = (target, path) => {
      rmSync(path, { recursive: true, force: true });
      symlinkSync(target, path);
    };
    link('node_modules', join(vscode, 'node_modules.asar'));
    link('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
    link('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));
    await run('npm', ['install', '--omit=dev'], {
      cwd: join(vscode, 'extensions'),
      env,
      label: 'npm',
      quiet: true,
    });
  });

  await timed('build argon2 from source', () =>
    run(
      process.execPath,
      [
        join(staging, 'node_modules', '@mapbox', 'node-pre-gyp', 'bin', 'node-pre-gyp'),
        'install',
        '--fallback-to-build',
        '--build-from-source',
      ],
      {
        cwd: join(staging, 'node_modules', 'argon2'),
        env,
        label: 'argon2',
        quiet: !process.env.BLUEBOOK_E2E_VERBOSE,
      },
    ),
  );
  verifyLoads(staging, ['argon2'], 'code-server');

  writeFileSync(
    join(staging, '.bluebook-setup.json'),
    JSON.stringify({ ...expectedMarker(), installedAt: new Date().toISOString() }, null, 2) + '\n',
  );
}

/**
 * Makes sure code-server is installed in the cache (and the Debian packages are present).
 * Returns the path of code-server's entry script.
 */
export async function setupCodeServer({ force = false } = {}) {
  await ensureSystemPackages();
  const entry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!force && markerMatches() && existsSync(entry)) {
    log(`code-server ${CODE_SERVER_VERSION} is cached in ${codeServerDir}`);
    return entry;
  }
  await timed(`setting up code-server ${CODE_SERVER_VERSION} in ${codeServerDir}`, async () => {
    mkdirSync(cacheRoot, { recursive: true });
    const staging = join(cacheRoot, `code-server.partial-${process.pid}`);
    try {
      await install(staging);
      // Another run may have finished first; either result is good, keep the one in place.
      if (!force && markerMatches()) return;
      rmSync(codeServerDir, { recursive: true, force: true });
      renameSync(staging, codeServerDir);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  });
  if (!markerMatches()) throw new E2eError('code-server setup finished but its marker is missing');
  return entry;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await setupCodeServer({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(
      `\n[e2e] code-server setup FAILED: ${error instanceof E2eError ? error.message : (error?.stack ?? error)}`,
    );
    process.exit(1);
  }
}

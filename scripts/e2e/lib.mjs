// Shared helpers of the e2e scripts: logging with timings, child processes, paths, Debian packages.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The cache of downloaded/built test editors. CI can share it between clones with this variable. */
export const cacheRoot = process.env.BLUEBOOK_VSCODE_TEST_CACHE
  ? resolve(process.env.BLUEBOOK_VSCODE_TEST_CACHE)
  : join(repoRoot, '.vscode-test');

const started = Date.now();

/** Seconds since this process started, for log lines. */
export function elapsed() {
  return ((Date.now() - started) / 1000).toFixed(1).padStart(6);
}

export function log(message) {
  console.log(`[e2e ${elapsed()}s] ${message}`);
}

/** Runs `fn` and logs how long it took. */
export async function timed(what, fn) {
  const t0 = Date.now();
  log(`${what}…`);
  const result = await fn();
  log(`${what}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

export class E2eError extends Error {}

/**
 * Runs a command, streaming its output with a prefix. Rejects with the command line and the tail of
 * its output when it exits non-zero, so a failure in a nested install says what failed.
 */
export function run(
  command,
  args,
  { cwd = repoRoot, env = process.env, quiet = false, label = command } = {},
) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (!quiet) console.log(`  ${label}| ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new E2eError(`cannot start ${command}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new E2eError(
            `\`${command} ${args.join(' ')}\` (in ${cwd}) failed with ${signal ?? `exit code ${code}`}.\n` +
              `Last output:\n${tail.map((l) => `    ${l}`).join('\n')}`,
          ),
        );
    });
  });
}

/** Whether an executable is on PATH. */
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/**
 * Installs the Debian packages that are missing (`apt-get update` first, only when something is
 * missing). Off Debian, or without root, it says what to install instead of guessing.
 */
export async function ensureDebianPackages(packages) {
  if (!hasCommand('dpkg-query')) {
    log(`not a Debian system: make sure these are installed yourself: ${packages.join(', ')}`);
    return;
  }
  const missing = packages.filter((p) => !debianPackageInstalled(p));
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const prefix = isRoot ? [] : hasCommand('sudo') ? ['sudo', '-n'] : null;
  if (!prefix) {
    throw new E2eError(
      `missing Debian packages: ${missing.join(' ')}. Install them as root: apt-get install -y ${missing.join(' ')}`,
    );
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await timed(`installing Debian packages ${missing.join(' ')}`, async () => {
    const apt = (args) =>
      prefix.length
        ? run(prefix[0], [...prefix.slice(1), 'apt-get', ...args], { env: aptEnv, label: 'apt' })
        : run('apt-get', args, { env: aptEnv, label: 'apt' });
    await apt(['update', '-qq']);
    await apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  });
  const still = missing.filter((p) => !debianPackageInstalled(p));
  if (still.length) throw new E2eError(`apt-get did not install: ${still.join(' ')}`);
}

/**
 * The environment for nested npm commands. `npm run` exports dozens of `npm_*` variables (among
 * them `npm_config_local_prefix`, which would make a nested `npm install` target this repository);
 * they are all dropped and only what the nested installs need is set.
 */
export function cleanNpmEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k)) env[k] = v;
  }
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_update_notifier = 'false';
  env.npm_config_yes = 'true';
  // node-gyp downloads Node's headers from nodejs.org unless told where they are; Node packages on
  // Debian (and the official tarballs) ship them in <prefix>/include/node.
  const nodePrefix = resolve(dirname(process.execPath), '..');
  if (!process.env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodePrefix;
  } else if (process.env.npm_config_nodedir) {
    env.npm_config_nodedir = process.env.npm_config_nodedir;
  }
  return { ...env, ...extra };
}

/** Formats a duration in seconds. */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

const BUNDLES = ['dist/extension.js', 'dist/run-worker.js', 'dist/server.js', 'out/test/e2e/index.js'];
const SOURCES = ['client/src', 'server/src', 'core/src', 'test/e2e', 'scripts/build.mjs', 'package.json'];

/** Whether a bundle the e2e tier needs is missing or older than a source it is built from. */
export function needsBuild() {
  const outputs = BUNDLES.map((p) => join(repoRoot, p));
  if (!outputs.every((p) => existsSync(p))) return true;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const newest = (path) => {
    if (!existsSync(path)) return 0;
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(
      st.mtimeMs,
      ...readdirSync(path).map((n) => (n === 'node_modules' ? 0 : newest(join(path, n)))),
    );
  };
  return SOURCES.some((s) => newest(join(repoRoot, s)) > built);
}

/** Runs `node scripts/build.mjs` when {@link needsBuild}; then checks the tests module exists. */
export async function ensureBuilt({ skip = false } = {}) {
  if (!skip && needsBuild()) {
    await timed('building (scripts/build.mjs)', () =>
      run(process.execPath, ['scripts/build.mjs'], { label: 'build' }),
    );
  }
  const testsModule = join(repoRoot, 'out', 'test', 'e2e', 'index.js');
  if (!existsSync(testsModule))
    throw new E2eError(`no tests module at ${testsModule}: run \`npm run build\``);
}

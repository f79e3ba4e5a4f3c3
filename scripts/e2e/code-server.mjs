// Starting code-server and headless Chromium, shared by the e2e runner (run-code-server.mjs) and
// the UI check (ui-screenshot.mjs): one set of flags, one start-up wait, one way to stop.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { E2eError } from './lib.mjs';

export const CHROMIUM = process.env.BLUEBOOK_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];
const SERVER_START_MS = 90_000;

/** Headless Chromium (playwright-core) with the flags a container needs. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM))
    throw new E2eError(`no Chromium at ${CHROMIUM} (Debian package \`chromium\`, or set BLUEBOOK_CHROMIUM)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** Starts code-server on a free loopback port; resolves with its URL and a stop function. */
export async function startCodeServer({
  entry,
  userDataDir,
  extensionsDir,
  folder,
  env,
  configFile,
  verbose,
}) {
  writeFileSync(configFile, 'auth: none\n');
  const args = [
    entry,
    '--config',
    configFile, // never read or write ~/.config/code-server
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0', // code-server prints the port it got
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    folder,
  ];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines = [];
  // Stops the whole process group (server, extension host, language server, …), also when the
  // server itself is already gone but its children are not.
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!child.pid || !groupAlive()) return;
    process.kill(-child.pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive() && Date.now() < deadline) await delay(100);
    if (groupAlive()) process.kill(-child.pid, 'SIGKILL');
  };
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new E2eError(
            `code-server did not start listening within ${SERVER_START_MS / 1000} s:\n${lines.slice(-20).join('\n')}`,
          ),
        ),
      SERVER_START_MS,
    );
    const onLine = (line) => {
      lines.push(line);
      if (lines.length > 400) lines.shift();
      if (verbose) console.log(`  code-server| ${line}`);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop();
        parts.forEach(onLine);
      });
    }
    child.on('error', (error) => reject(new E2eError(`cannot start code-server: ${error.message}`)));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new E2eError(
          `code-server exited (${signal ?? `code ${code}`}) before listening:\n${lines.slice(-20).join('\n')}`,
        ),
      );
    });
  });
  return { url, child, stop, lines };
}

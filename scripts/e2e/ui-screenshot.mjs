// A UI-level check through the real workbench (code-server in headless Chromium, driven by
// Playwright): opens a suite with a failing test, runs that test by clicking its "▶ Run test" code
// lens, waits until the editor shows the failure and the Testing view lists the tests, and saves a
// screenshot to test-results/ui/bluebook-ui.png. Exit code 0 when every wait was met.
//
//   node scripts/e2e/ui-screenshot.mjs [--keep]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeUserSettings } from './configs.mjs';
import { ensureBuilt, log, repoRoot } from './lib.mjs';
import { setupCodeServer } from './setup-code-server.mjs';

const CHROMIUM = process.env.BLUEBOOK_CHROMIUM || '/usr/bin/chromium';
const keep = process.argv.includes('--keep');
const outDir = join(repoRoot, 'test-results', 'ui');
const cleanups = [];

const SUITE = `name: Users API
baseUrl: \${baseUrl}
tests:
  health:
    name: The API is up
    steps:
      - GET: /health
        expect:
          status: 200
  read-user:
    name: Reads a user
    steps:
      - GET: /users/42
        expect:
          status: 200
          json:
            $.name: Ada
`;

async function main() {
  const entry = await setupCodeServer();
  await ensureBuilt();
  mkdirSync(outDir, { recursive: true });

  // The API under test: /health answers, /users/42 does not exist.
  const api = createServer((req, res) => {
    const ok = req.url === '/health';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { status: 'up' } : { error: 'not found' }));
  });
  await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => api.close(resolve)));
  const apiUrl = `http://127.0.0.1:${api.address().port}`;

  const tmp = mkdtempSync(join(tmpdir(), 'bluebook-ui-'));
  if (!keep) cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'users.bluebook.yaml'), SUITE);
  writeFileSync(
    join(workspace, 'bluebook.config.yaml'),
    `environments:\n  local:\n    baseUrl: ${apiUrl}\ndefaultEnvironment: local\n`,
  );
  const userDataDir = join(tmp, 'user-data');
  writeUserSettings(userDataDir, { trusted: true });
  mkdirSync(join(tmp, 'extensions'), { recursive: true });
  writeFileSync(join(tmp, 'code-server.yaml'), 'auth: none\n');

  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(tmp, 'xdg'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
  };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  const child = spawn(
    process.execPath,
    [
      entry,
      '--config',
      join(tmp, 'code-server.yaml'),
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      join(tmp, 'extensions'),
      workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  cleanups.push(() => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  });
  const serverUrl = await new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited (${code}):\n${text.slice(-2000)}`)));
  });
  log(`code-server on ${serverUrl}, API on ${apiUrl}`);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const { host } = new URL(serverUrl);
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${repoRoot}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  await page.goto(
    `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

  // Open the suite through Quick Open, like a user.
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('users.bluebook.yaml');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible' });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });

  // Click "▶ Run test" above the failing test (the second test lens).
  const lenses = page.locator('.codelens-decoration a', { hasText: 'Run test' });
  await lenses.nth(1).waitFor({ state: 'visible', timeout: 60_000 });
  await lenses.nth(1).click();

  // The failure peek opens on the failing line; close it so the inline results show, then open the Testing view.
  await page.waitForSelector(
    '.monaco-editor .test-message-inline-content, .monaco-editor .peekview-widget, .codicon-testing-failed-icon',
    { timeout: 60_000 },
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('View: Show Testing');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible' });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.test-explorer .monaco-list-row', { timeout: 30_000 });
  // Expand the file so the tests show (their states are already reported).
  await page.locator('.test-explorer .monaco-list-row').first().click();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.test-explorer .monaco-list-row:has-text("Reads a user")', { timeout: 30_000 });
  await page.keyboard.press('ArrowRight');
  // Put the focus back in the editor so the inline results are in view.
  await page
    .locator('.monaco-editor .view-lines')
    .first()
    .click({ position: { x: 5, y: 5 } });
  const file = join(outDir, 'bluebook-ui.png');
  await page.screenshot({ path: file });
  log(`screenshot: ${file}`);
}

let code = 0;
try {
  await main();
} catch (error) {
  console.error(`[ui] FAILED: ${error?.stack ?? error}`);
  code = 1;
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
process.exit(code);

// A UI-level check through the real workbench (code-server in headless Chromium, driven by
// Playwright), walking through the extension as a user would and saving a screenshot of each
// stop under test-results/ui/:
//   bluebook-ui.png            a failing test run from its "▶ Run test" code lens: inline results,
//                              VS Code's failure badges, the Testing view
//   2-failure-peek.png         the peek a click on a failure badge opens
//   3-hover.png                the hover of a step's method line: the last response
//   4-response-document.png    the full request/response document the hover links to
//   5-older-run.png            after running another test: the older failure lines keep their text
//   6-environment-picker.png   the environment status bar item and its quick pick
//   7-diagnostic.png           a diagnostic (unknown key) in its hover
//   8-quick-fix.png            its quick fix menu
// It fails (exit 1) when a wait is not met or when any inline text of ours overlaps one of VS
// Code's failure badges (checked on the rendered boxes, not on the picture).
//
//   node scripts/e2e/ui-screenshot.mjs [--keep]
/* global document, getComputedStyle -- functions passed to page.evaluate run in the browser */
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeUserSettings } from './configs.mjs';
import { ensureBuilt, log, repoRoot } from './lib.mjs';
import { launchChromium, startCodeServer } from './code-server.mjs';
import { setupCodeServer } from './setup-code-server.mjs';

const keep = process.argv.includes('--keep');
const outDir = join(repoRoot, 'test-results', 'ui');
const cleanups = [];

const TYPO = `name: Typo
tests:
  read:
    steps:
      - GET: /health
        expct:
          status: 200
`;

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
  writeFileSync(join(workspace, 'typo.bluebook.yaml'), TYPO);
  writeFileSync(
    join(workspace, 'bluebook.config.yaml'),
    `environments:\n  local:\n    baseUrl: ${apiUrl}\n  staging:\n    baseUrl: http://127.0.0.1:9\ndefaultEnvironment: local\n`,
  );
  const userDataDir = join(tmp, 'user-data');
  writeUserSettings(userDataDir, { trusted: true });
  mkdirSync(join(tmp, 'extensions'), { recursive: true });

  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(tmp, 'xdg'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
  };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  const server = await startCodeServer({
    entry,
    userDataDir,
    extensionsDir: join(tmp, 'extensions'),
    folder: workspace,
    env,
    configFile: join(tmp, 'code-server.yaml'),
  });
  cleanups.push(() => server.stop());
  const serverUrl = server.url;
  log(`code-server on ${serverUrl}, API on ${apiUrl}`);

  const browser = await launchChromium();
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

  const shot = async (name) => {
    const file = join(outDir, name);
    await page.screenshot({ path: file });
    log(`screenshot: ${file}`);
  };
  const openFile = async (name) => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(name);
    await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${name}")`, {
      state: 'visible',
    });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab.active:has-text("${name}")`);
    await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });
  };
  const command = async (title) => {
    await page.keyboard.press('Control+Shift+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(title);
    await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title}")`, {
      state: 'visible',
    });
    await page.keyboard.press('Enter');
  };
  const goTo = async (position) => {
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(position);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  };
  // A click below the text: the cursor lands on the empty last line (no word highlights).
  const focusEditor = () =>
    page
      .locator('.editor-group-container.active .monaco-editor')
      .first()
      .click({ position: { x: 300, y: 640 } });
  // Hovers fade in: a screenshot taken during the animation shows them half transparent.
  const settled = () =>
    page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      ).then(() => undefined),
    );

  // 1. Open the suite through Quick Open, like a user, and run the failing test from its code lens.
  await openFile('users.bluebook.yaml');
  const lenses = page.locator('.codelens-decoration a', { hasText: 'Run test' });
  await lenses.nth(1).waitFor({ state: 'visible', timeout: 60_000 });
  await lenses.nth(1).click();
  await page.waitForSelector('.monaco-editor .test-error-content-widget', { timeout: 60_000 });
  await waitForInline(page, { prefixes: ['✗ 404 Not Found'] });
  const badges = await page.$$eval('.monaco-editor .test-error-content-widget', (nodes) =>
    nodes.map((node) => node.textContent.trim()),
  );
  log(`VS Code's failure badges: ${JSON.stringify(badges)}`);
  for (const wanted of ['expected 200, got 404', 'expected "Ada", got (absent)']) {
    if (!badges.includes(wanted)) throw new Error(`no badge reads ${wanted}: ${JSON.stringify(badges)}`);
  }
  await assertNoOverlap(page);
  // The Testing view, with the file expanded so the tests show (their states are already reported).
  await command('View: Show Testing');
  await page.waitForSelector('.test-explorer .monaco-list-row', { timeout: 30_000 });
  await page.locator('.test-explorer .monaco-list-row', { hasText: 'users.bluebook.yaml' }).click();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.test-explorer .monaco-list-row:has-text("Reads a user")', { timeout: 30_000 });
  await page.keyboard.press('ArrowRight');
  await focusEditor();
  await shot('bluebook-ui.png');

  // 2. A click on the status line's badge opens VS Code's failure peek.
  await page.locator('.test-error-content-widget', { hasText: 'expected 200, got 404' }).click();
  await page.waitForSelector('.monaco-editor .peekview-widget', { timeout: 30_000 });
  await page.waitForSelector('.monaco-editor .peekview-widget :text("Expected")', { timeout: 30_000 });
  await settled();
  await shot('2-failure-peek.png');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.monaco-editor .peekview-widget', { state: 'detached', timeout: 30_000 });

  // 3. The hover of the failing step's method line: its last response.
  await focusEditor();
  await goTo('13:9');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Last run' });
  await hover.waitFor({ timeout: 30_000 });
  await settled();
  await shot('3-hover.png');

  // 4. Its link opens the full request/response as a read-only document.
  await hover.locator('a', { hasText: 'Open full request/response' }).click();
  await page.waitForSelector('.tab.active:has-text(".http")', { timeout: 30_000 });
  await page.waitForSelector('.monaco-editor .view-lines:has-text("HTTP/1.1 404 Not Found")', {
    timeout: 30_000,
  });
  await focusEditor();
  await hover.waitFor({ state: 'hidden', timeout: 30_000 });
  await shot('4-response-document.png');

  // 5. Run the other test: VS Code drops the older run's badges, our text takes their place.
  await page.locator('.tab:has-text("users.bluebook.yaml")').click();
  await page.waitForSelector('.tab.active:has-text("users.bluebook.yaml")');
  await lenses.nth(0).click();
  await page.waitForSelector('.monaco-editor .test-error-content-widget', {
    state: 'detached',
    timeout: 30_000,
  });
  await waitForInline(page, { exact: ['expected 200, got 404'], prefixes: ['✓ 200 OK', '✗ 404 Not Found'] });
  await assertNoOverlap(page);
  await focusEditor();
  await shot('5-older-run.png');

  // 6. The environment in the status bar, and its picker.
  await page.locator('.statusbar-item', { hasText: 'local' }).first().click();
  await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("staging")', { timeout: 30_000 });
  await settled();
  await shot('6-environment-picker.png');
  await page.keyboard.press('Escape');

  // 7. A diagnostic and 8. its quick fix.
  await openFile('typo.bluebook.yaml');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60_000 });
  await goTo('6:10');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.locator('.monaco-hover:visible', { hasText: 'expct' }).waitFor({ timeout: 30_000 });
  await settled();
  await shot('7-diagnostic.png');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 30_000 });
  await settled();
  await shot('8-quick-fix.png');
}

/**
 * Waits until the `after` texts our decorations draw (CSS ::after content in the editor) include
 * every text of `exact` and, for each of `prefixes`, one starting with it.
 */
async function waitForInline(page, { exact = [], prefixes = [] }) {
  const handle = await page
    .waitForFunction(
      ({ exact, prefixes }) => {
        const texts = [...document.querySelectorAll('.monaco-editor .view-line span')]
          .map((node) => getComputedStyle(node, '::after').content)
          .filter((content) => content && content !== 'none' && content !== 'normal')
          .map((content) => JSON.parse(content));
        const met =
          exact.every((text) => texts.includes(text)) &&
          prefixes.every((prefix) => texts.some((text) => text.startsWith(prefix)));
        return met && texts;
      },
      { exact, prefixes },
      { timeout: 30_000 },
    )
    .catch((error) => {
      throw new Error(`inline texts ${JSON.stringify({ exact, prefixes })} did not show: ${error.message}`);
    });
  return handle.jsonValue();
}

/** Fails when the box of any inline text of ours intersects one of VS Code's failure badges. */
async function assertNoOverlap(page) {
  const clashes = await page.evaluate(() => {
    const badges = [...document.querySelectorAll('.monaco-editor .test-error-content-widget .inner')].map(
      (node) => ({ text: node.textContent.trim(), box: node.getBoundingClientRect() }),
    );
    const ours = [...document.querySelectorAll('.monaco-editor .view-line span')]
      .filter((node) => !['none', 'normal', ''].includes(getComputedStyle(node, '::after').content))
      .map((node) => ({
        text: getComputedStyle(node, '::after').content,
        box: node.getBoundingClientRect(),
      }));
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return ours.flatMap((o) =>
      badges.filter((b) => meet(o.box, b.box)).map((b) => `${o.text} under ${b.text}`),
    );
  });
  if (clashes.length > 0) throw new Error(`inline text overlaps VS Code's badge: ${clashes.join('; ')}`);
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

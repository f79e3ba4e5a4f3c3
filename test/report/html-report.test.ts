/**
 * The HTML report (`-r html:FILE`) in a real browser: the report of the CLI golden run
 * (run/outcomes.bluebook.yaml) opened from file:// in headless Chromium, and a secret-bearing run
 * (redaction fixture), and a synthesised 10,000-test report's time to interactive.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildReportData } from '../../cli/src/reporters/html-model.js';
import { renderHtmlReport } from '../../cli/src/reporters/html-page.js';
import { ROOT, runCli } from '../cli/support/cli.js';
import { startTargetServer, type TargetServer } from '../cli/support/target-server.js';
import { syntheticRun, timeToInteractive } from './support/big-report.js';
import { launchBrowser, watchPage } from './support/browser.js';

const SECRET = 's3cr3t-T0KEN-value';
let server: TargetServer;
let browser: Browser;
let dir: string;
let outcomes: string;

before(async () => {
  server = await startTargetServer();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'bluebook-html-report-'));
  outcomes = join(dir, 'outcomes.html');
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const result = await runCli([
    'run',
    'run/outcomes.bluebook.yaml',
    '--var',
    `baseUrl=${server.url}`,
    '-r',
    `html:${outcomes}`,
  ]);
  assert.equal(result.code, 1, result.stderr);
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watchPage(page);
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-ready]', { timeout: 20_000 });
  return { page, problems };
}

const listText = (page: Page): Promise<string> => page.locator('#suites').innerText();

void describe('HTML report of the golden run', () => {
  void test('opens from file:// without errors and shows totals and the failures', async () => {
    const { page, problems } = await open(outcomes);
    const failures = await page.locator('.failures').innerText();
    assert.match(failures, /Failures \(3\)/);
    assert.match(failures, /Expects the wrong user › read user/);
    assert.match(failures, /Cannot connect/);
    assert.match(failures, /User 2 exists/);
    assert.match(await page.locator('.totals').innerText(), /2 passed\s+3 failed\s+1 skipped/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  void test('filters by status and searches', async () => {
    const { page, problems } = await open(outcomes);
    await page.click('button[data-status="passed"]');
    await page.click('#suites .suite > .toggle');
    let text = await listText(page);
    assert.match(text, /Reads the health check/);
    assert.match(text, /User 1 exists/);
    assert.doesNotMatch(text, /Expects the wrong user|Not today/);
    await page.click('button[data-status="skipped"]');
    text = await listText(page);
    assert.match(text, /Not today/);
    assert.doesNotMatch(text, /Reads the health check/);
    await page.click('button[data-status="all"]');
    await page.fill('#search', 'wrong user');
    await page.waitForFunction(() => !document.querySelector('#suites')!.textContent!.includes('Not today'));
    text = await listText(page);
    assert.match(text, /Expects the wrong user/);
    await page.fill('#search', 'no such test anywhere');
    await page.waitForSelector('#suites .empty');
    assert.deepEqual(problems, []);
    await page.close();
  });

  void test('keyboard: Tab reaches a failure link and the filter, Enter follows the link to its step', async () => {
    const { page, problems } = await open(outcomes);
    const seen: string[] = [];
    for (let i = 0; i < 30 && !seen.includes('filter'); i++) {
      await page.keyboard.press('Tab');
      seen.push(
        await page.evaluate(() => {
          const active = document.activeElement!;
          if (active.matches('.failures a')) return 'failure';
          if (active.matches('button[data-status]')) return 'filter';
          return active.tagName;
        }),
      );
    }
    assert.ok(seen.includes('failure'), `Tab order: ${seen.join(', ')}`);
    assert.ok(seen.includes('filter'), `Tab order: ${seen.join(', ')}`);
    await page.keyboard.press('Shift+Tab');
    while ((await page.evaluate(() => document.activeElement!.matches('.failures a'))) === false)
      await page.keyboard.press('Shift+Tab');
    const target = await page.evaluate(() => document.activeElement!.getAttribute('data-target'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.id === id, target);
    const step = await page.locator(`[id="${target}"]`).innerText();
    assert.match(step, /expected|error/);
    assert.match(step, /\^/, 'the source excerpt has a caret');
    await page.screenshot({ path: join(ROOT, 'test-results', 'html-report.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  void test('a failed step shows its request, response and the expected/actual diff', async () => {
    const { page } = await open(outcomes);
    await page.click('.failures a >> text=/read user/');
    const step = page.locator('.step.failed').first();
    const text = await step.innerText();
    assert.match(text, /Request GET http:\/\/127\.0\.0\.1:\d+\/users\/1/);
    assert.match(text, /Response 200/);
    assert.match(text, /run\/outcomes\.bluebook\.yaml:17:11/);
    assert.match(text, /- expected/);
    await page.close();
  });

  void test('follows the colour scheme: light and dark', async () => {
    const { page, problems } = await open(outcomes);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    assert.notEqual(light, dark);
    await page.screenshot({ path: join(ROOT, 'test-results', 'html-report-dark.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });
});

void test('no secret in the HTML report file nor in the page', async () => {
  const file = join(dir, 'secret.html');
  const result = await runCli(['run', 'redaction', '--var', `baseUrl=${server.url}`, '-r', `html:${file}`], {
    env: { BLUEBOOK_TEST_TOKEN: SECRET },
  });
  assert.equal(result.code, 1, result.stderr);
  assert.ok(
    server.requests.some((r) => r.path === '/echo-auth'),
    'the secret was sent',
  );
  const html = readFileSync(file, 'utf8');
  assert.match(html, /•••/);
  assert.ok(!html.includes(SECRET), 'the report file leaks the secret');
  const { page, problems } = await open(file);
  for (const link of await page.locator('.failures a').all()) await link.click();
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const text = await page.locator('body').innerText();
  assert.match(text, /•••/);
  assert.ok(!text.includes(SECRET), 'the page shows the secret');
  assert.deepEqual(problems, []);
  await page.close();
});

void test('a value cannot close the data script or inject markup', async () => {
  const run = syntheticRun(1);
  run.suites[0].tests[0].name = '</script><img src=x onerror=alert(1)>';
  const file = join(dir, 'inject.html');
  writeFileSync(file, renderHtmlReport(buildReportData(run)));
  assert.equal(readFileSync(file, 'utf8').split('</script>').length, 3, 'only the two real script ends');
  const { page, problems } = await open(file);
  await page.click('#suites .suite > .toggle');
  assert.match(await listText(page), /<\/script><img src=x/);
  assert.equal(await page.locator('#suites img').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

void test('a 10,000-test report becomes interactive (does not hang)', async () => {
  const file = join(dir, 'big.html');
  writeFileSync(file, renderHtmlReport(buildReportData(syntheticRun(10_000))));
  const page = await browser.newPage();
  const problems = watchPage(page);
  const { readyMs, filterMs } = await timeToInteractive(page, pathToFileURL(file).href);
  console.log(
    `10,000-test HTML report: ready ${readyMs} ms after navigation start, "Failed" filter ${filterMs} ms`,
  );
  assert.ok(readyMs + filterMs < 20_000, `${readyMs} + ${filterMs} ms`);
  assert.match(await page.locator('.totals').innerText(), /10000 tests/);
  assert.deepEqual(problems, []);
  await page.close();
});

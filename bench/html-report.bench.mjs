// HTML report benchmark (SPEC §12: a 10,000-test report is interactive in < 2 s). Renders a
// synthesised 10,000-test run to a file (test/report/support/big-report.ts), opens it from file://
// in headless Chromium (the e2e tier's, through playwright-core) and reports, over fresh pages,
// the median time from navigation start to `data-ready` and from a click on the "Failed" filter to
// the re-rendered list, with the file's size.
// Usage: npm run bench:report   (or: node --import tsx bench/html-report.bench.mjs [tests] [runs])
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildReportData } from '../cli/src/reporters/html-model.ts';
import { renderHtmlReport } from '../cli/src/reporters/html-page.ts';
import { syntheticRun, timeToInteractive } from '../test/report/support/big-report.ts';
import { launchBrowser } from '../test/report/support/browser.ts';

const tests = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);
const TARGET_MS = 2000;

const dir = mkdtempSync(join(tmpdir(), 'bluebook-html-bench-'));
const file = join(dir, 'report.html');
const renderStart = performance.now();
writeFileSync(file, renderHtmlReport(buildReportData(syntheticRun(tests))));
const renderMs = performance.now() - renderStart;
const megabytes = (statSync(file).size / 1024 / 1024).toFixed(1);
const browser = await launchBrowser();
const ready = [];
const filter = [];
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    const result = await timeToInteractive(page, pathToFileURL(file).href);
    ready.push(result.readyMs);
    filter.push(result.filterMs);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const interactive = median(ready) + median(filter);
console.log(`HTML report of ${tests} tests: ${megabytes} MB, written in ${Math.round(renderMs)} ms`);
console.log(`  navigation start → data-ready: median ${median(ready)} ms (${ready.join(', ')})`);
console.log(`  "Failed" filter click → list: median ${median(filter)} ms (${filter.join(', ')})`);
console.log(
  `  interactive: ${interactive} ms (target < ${TARGET_MS} ms) ${interactive < TARGET_MS ? 'OK' : 'OVER'}`,
);

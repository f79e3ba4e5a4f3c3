// The e2e tests module: VS Code loads it in the extension host (its `extensionTestsPath` is
// out/test/e2e, built from this file by scripts/build.mjs) and awaits `run()`; the runner's exit
// code is 0 only when `run()` resolves.
//
// Writing tests: put them in test/e2e/suite/<topic>.test.ts. They are bundled automatically (no
// list to edit). Mocha's **TDD** interface is used, as in VS Code's own extension tests:
// `suite`, `test`, `suiteSetup`, `suiteTeardown`, `setup`, `teardown`. Use test/e2e/harness
// (waitFor, waitForDiagnostics, openFixture, …) and never fixed sleeps.
//
// Launch configurations (scripts/e2e/configs.mjs): a test whose full title contains `@restricted`
// runs only in the Restricted Mode launch (untrusted workspace); every other test runs only in the
// normal, trusted launch. BLUEBOOK_E2E_GREP (a regular expression, e.g. `npm run test:e2e -- --grep
// Activation`) narrows a run further.
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { suites } from 'virtual:e2e-suites';
import { e2eLaunch } from './harness/env';

const RESTRICTED_TAG = '@restricted';

/**
 * Prefix of every console line written while the tests run under code-server. There the extension
 * host's console reaches the runner mixed with the workbench's own log; the runner prints marked
 * lines as they are and shows the rest only as workbench warnings/errors (all of it with --verbose).
 */
export const OUTPUT_MARKER = '\u2063';

export async function run(): Promise<void> {
  // Stack traces of failures point into test/e2e/**/*.ts (the bundle carries an inline source map).
  process.setSourceMapsEnabled(true);
  const restoreConsole = e2eLaunch().host === 'code-server' ? markConsole() : () => {};
  try {
    await runTests();
  } finally {
    restoreConsole();
  }
}

/**
 * Swaps the global `console` for one that formats each message here (the forwarding to the
 * workbench drops `%s` arguments) and marks its lines. VS Code pins the methods of the extension
 * host's console object (assigning `console.log` is ignored), so the global binding is replaced.
 */
function markConsole(): () => void {
  const original = globalThis.console;
  const marked: Console = Object.create(original);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    Object.defineProperty(marked, method, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) =>
        original[method](
          format(...args)
            .split('\n')
            .map((line) => OUTPUT_MARKER + line)
            .join('\n'),
        ),
    });
  }
  globalThis.console = marked;
  // Mocha's reporters keep their own reference to the console.log they saw when loaded.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalBaseLog = base.consoleLog;
  base.consoleLog = (...args) => marked.log(...args);
  return () => {
    globalThis.console = original;
    base.consoleLog = originalBaseLog;
  };
}

async function runTests(): Promise<void> {
  const launch = e2eLaunch();
  console.log(
    `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}, ui ${vscode.UIKind[vscode.env.uiKind]}), ` +
      `Node ${process.version}, launch "${launch.config}" (workspace ${launch.trusted ? 'trusted' : 'restricted'}, ` +
      `extension from ${launch.extensionMode}), workspace trusted: ${vscode.workspace.isTrusted}`,
  );
  if (suites.length === 0) throw new Error('no e2e suite files were bundled (test/e2e/suite/*.test.ts)');

  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    // Per test; harness waits time out earlier (20 s) with a message saying what they waited for.
    timeout: Number(process.env.BLUEBOOK_E2E_TEST_TIMEOUT_MS) || 60_000,
  });

  const onlyRestricted = !launch.trusted;
  const userGrep = process.env.BLUEBOOK_E2E_GREP ? new RegExp(process.env.BLUEBOOK_E2E_GREP) : undefined;

  for (const { file, load } of suites) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    mocha.suite.emit('require', load(), file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }

  // Select tests by launch (the @restricted tag) and by the user's grep, then run.
  const selected = (title: string) =>
    title.includes(RESTRICTED_TAG) === onlyRestricted && (!userGrep || userGrep.test(title));
  const total = countTests(mocha.suite, selected);
  if (total === 0) {
    // With a grep, another launch may hold the matching tests; the runner fails the whole run only
    // when no launch ran any. Without one, an empty launch means something is broken.
    if (!userGrep) throw new Error(`no e2e test belongs to launch "${launch.config}"; nothing was run`);
    console.log(`e2e launch "${launch.config}": no test matches grep ${userGrep}`);
    writeResult({ launch: launch.config, total, failures: 0 });
    return;
  }
  filterTests(mocha.suite, selected);

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`e2e launch "${launch.config}": ${total - failures} of ${total} tests passed`);
  writeResult({ launch: launch.config, total, failures });
  if (failures > 0) throw new Error(`${failures} e2e test(s) failed`);
}

/** Tells the runner how many tests ran (BLUEBOOK_E2E_RESULT_FILE, set by scripts/e2e/run-*.mjs). */
function writeResult(result: { launch: string; total: number; failures: number }): void {
  const file = process.env.BLUEBOOK_E2E_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(result));
}

function countTests(suite: Mocha.Suite, selected: (title: string) => boolean): number {
  return (
    suite.tests.filter((t) => selected(t.fullTitle())).length +
    suite.suites.reduce((n, s) => n + countTests(s, selected), 0)
  );
}

function filterTests(suite: Mocha.Suite, selected: (title: string) => boolean): void {
  suite.tests = suite.tests.filter((t) => selected(t.fullTitle()));
  for (const child of suite.suites) filterTests(child, selected);
}

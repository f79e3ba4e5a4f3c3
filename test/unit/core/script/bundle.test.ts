// The sandbox from an esbuild bundle, as scripts/build.mjs makes them (CommonJS, node20): QuickJS is
// not touched when the bundle loads, and it runs from the WebAssembly copied next to the bundle
// as dist/quickjs.wasm, outside any node_modules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bluebook-sandbox-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { evaluateExpression } from ${JSON.stringify(resolve('core/src/script/index.ts'))};\n` +
      `console.log('loaded');\n` +
      `if (process.argv[2] === 'evaluate') evaluateExpression('[n + 1, typeof require]', { n: 1 }).then(\n` +
      `  (result) => console.log(JSON.stringify(result)),\n` +
      `  (error) => console.log('failed: ' + error.message),\n` +
      `);\n`,
  );
  await esbuild.build({
    entryPoints: { bundle: entry },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
});

after(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): string {
  return execFileSync(process.execPath, [join(dir, 'bundle.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

test('loading the bundle does not load QuickJS; evaluating needs quickjs.wasm next to it', () => {
  assert.equal(run(), 'loaded');
  assert.match(run('evaluate'), /^loaded\nfailed: /);
});

test('with quickjs.wasm next to the bundle, expressions evaluate', () => {
  copyFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'), join(dir, 'quickjs.wasm'));
  assert.equal(run('evaluate'), 'loaded\n{"ok":true,"value":[2,"undefined"]}');
});

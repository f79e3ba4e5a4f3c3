// Bundles the extension, its runner process, the language server, the CLI and the e2e tests module
// with esbuild.
// `--production` minifies and drops source maps (used by `npm run package`).
import * as esbuild from 'esbuild';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cliBuilds, QUICKJS_WASM, YAML_ESM } from './cli-bundle.cjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // Keep `new Error().stack` readable in bug reports while staying small.
  keepNames: true,
  // yaml's ES module build (scripts/cli-bundle.cjs says why).
  alias: YAML_ESM,
};

rmSync('dist', { recursive: true, force: true });
rmSync('out', { recursive: true, force: true });

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' }),
  // The language server reads `openapi:` documents in this worker thread (server/src/features/openapiLoad.ts).
  esbuild.build({
    ...common,
    entryPoints: { 'openapi-worker': 'server/src/openapiWorker.ts' },
    outdir: 'dist',
  }),
  // The runner process the extension forks for each Test Explorer run (client/src/worker/).
  esbuild.build({ ...common, entryPoints: { 'run-worker': 'client/src/worker/main.ts' }, outdir: 'dist' }),
  ...cliBuilds(production).map((options) => esbuild.build(options)),
  // The e2e tests module runs inside the VS Code extension host (code-server or desktop). Every
  // test/e2e/suite/*.test.ts is bundled into it through the `virtual:e2e-suites` module.
  esbuild.build({
    ...common,
    entryPoints: { index: 'test/e2e/index.ts' },
    outdir: 'out/test/e2e',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    plugins: [e2eSuitesPlugin()],
  }),
]);
// The script sandbox (core/src/script) reads QuickJS's WebAssembly next to the bundle that loads it.
copyFileSync(createRequire(import.meta.url).resolve(QUICKJS_WASM), 'dist/quickjs.wasm');

/**
 * `import { suites } from 'virtual:e2e-suites'` → one `{ file, load }` per test/e2e/suite/*.test.ts,
 * in file-name order. `load` is a `require()` inside a function, so esbuild evaluates each suite file
 * only when the tests module calls it, after mocha has installed its globals (`suite`, `test`, …).
 */
function e2eSuitesPlugin() {
  return {
    name: 'e2e-suites',
    setup(build) {
      build.onResolve({ filter: /^virtual:e2e-suites$/ }, () => ({
        path: 'e2e-suites',
        namespace: 'e2e-suites',
      }));
      build.onLoad({ filter: /.*/, namespace: 'e2e-suites' }, () => {
        const dir = 'test/e2e/suite';
        let files = [];
        try {
          files = readdirSync(dir)
            .filter((f) => f.endsWith('.test.ts'))
            .sort();
        } catch {
          // no suite folder: an empty list
        }
        const entries = files.map(
          (f) =>
            `  { file: ${JSON.stringify(`${dir}/${f}`)}, load: () => require(${JSON.stringify(`./${f}`)}) },`,
        );
        return {
          contents: `export const suites = [\n${entries.join('\n')}\n];\n`,
          resolveDir: resolve(dir),
          loader: 'js',
          watchDirs: [resolve(dir)],
        };
      });
    },
  };
}

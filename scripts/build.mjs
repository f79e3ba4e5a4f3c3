// Bundles the extension, the language server, the CLI and the e2e tests module with esbuild.
// `--production` minifies and drops source maps (used by `npm run package`).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

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
};

rmSync('dist', { recursive: true, force: true });
rmSync('out', { recursive: true, force: true });

await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' }),
  esbuild.build({
    ...common,
    entryPoints: { cli: 'cli/src/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The e2e tests module runs inside the VS Code extension host (code-server or desktop).
  esbuild.build({
    ...common,
    entryPoints: { index: 'test/e2e/index.ts' },
    outdir: 'out/test/e2e',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
  }),
]);

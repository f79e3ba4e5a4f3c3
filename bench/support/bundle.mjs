// Benchmarks load Bluebook's TypeScript sources as one CommonJS bundle in a fresh temporary
// folder (where they also write their suites and data files).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bundles `entry` (a path, or `{ stdin }` source) to `<work>/<name>.cjs`; returns both paths.
 * `name` also prefixes the temporary folder.
 */
export async function bundleForBench(entry, name) {
  const work = mkdtempSync(join(tmpdir(), `bluebook-bench-${name}-`));
  const path = join(work, `${name}.cjs`);
  await esbuild.build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : entry),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: path,
    logLevel: 'warning',
    // As the product bundles it (scripts/build.mjs).
    alias: createRequire(import.meta.url)('../../scripts/cli-bundle.cjs').YAML_ESM,
  });
  return { work, path };
}

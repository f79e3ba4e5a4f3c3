/**
 * The `bluebook` executable (`dist/cli.js`): loads the CLI bundle (`dist/cli-main.js`) through
 * V8's code cache, so every run after the first skips compiling 2 MB of JavaScript. That is about
 * 50 ms of a one-request run's 250 ms budget (bench/cli-startup.bench.mjs).
 *
 * On Node ≥ 22.1 `module.enableCompileCache()` does this natively; on Node 20 the bundle is
 * compiled with `vm.Script` and its `cachedData`, written at exit (after the functions the run
 * used were compiled, so they are in the cache too). Each command has its own cache: one made
 * by `--version` holds little of what `run` compiles, and would be kept. Caching is best-effort:
 * any failure falls back to a plain compile, and V8 itself rejects a cache made for other source
 * or flags. `BLUEBOOK_NO_COMPILE_CACHE=1` turns it off.
 *
 * The build keeps the main bundle ASCII (scripts/cli-bundle.cjs), so it is read as Latin-1: a
 * one-byte string, with no UTF-8 decoding.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { COMMANDS } from './commands.js';

// WebAssembly (undici's HTTP parser, the script sandbox) compiled by Liftoff only: by default V8
// also compiles it with TurboFan on background threads, and the process waits for them at exit:
// 380 → 210 ms for a one-request run. A short-lived CLI never profits from the optimised code:
// 1,000 requests took 1.15 s before and 1.01 s after, 300 script steps 1.13 s and 1.02 s.
setFlagsFromString('--liftoff-only');

const mainFile = join(__dirname, 'cli-main.js');
const enableCompileCache = (Module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
const cacheDir = process.env.BLUEBOOK_CACHE_DIR ?? join(tmpdir(), 'bluebook-compile-cache');

// The main bundle is loaded at run time, by path: it is a sibling file, not part of this bundle.
const load = createRequire(__filename);
if (process.env.BLUEBOOK_NO_COMPILE_CACHE) {
  load(mainFile);
} else if (enableCompileCache) {
  enableCompileCache(cacheDir);
  load(mainFile);
} else {
  runWithCodeCache();
}

function runWithCodeCache(): void {
  let source = readFileSync(mainFile, 'latin1');
  const { size, mtimeMs } = statSync(mainFile);
  const command = COMMANDS.find((name) => name === process.argv[2]) ?? 'other';
  const cacheFile = join(
    cacheDir,
    `cli-${command}-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.v8`,
  );
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run with this bundle: compile, then write the cache at exit
  }
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(Module.wrap(source), { filename: mainFile, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile); // atomic: concurrent runs never read half a cache
      } catch {
        // a read-only or full disk only costs speed
      }
    });
  }
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(mainFile), module, mainFile, dirname(mainFile));
}

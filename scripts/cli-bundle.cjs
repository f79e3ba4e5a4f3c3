// The CLI's two bundles, shared by scripts/build.mjs and the CLI test tier (which rebuilds just
// the CLI when its sources are newer):
//   dist/cli.js       the executable: a tiny loader that compiles the bundle with V8's code cache
//   dist/cli-main.js  the CLI itself
//   dist/vendor-*.js  libraries only some features use (VENDORED), read from disk on first use
// The main bundle is always minified (whitespace and syntax, names kept) and ASCII: less to read
// and compile on every start-up, while stack traces keep readable function names.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, required by build.mjs and the CLI tests
const { readFileSync, writeFileSync } = require('node:fs');

/**
 * Packages kept out of dist/cli-main.js: every start-up reads the whole main bundle, and these
 * (~3 MB) serve only some features, each loaded where it is used (`require` in a function, or
 * a module only that feature imports).
 */
const VENDORED = {
  '@readme/openapi-parser': 'vendor-openapi-parser', // mocks with an `openapi:` document
  'json-schema-faker': 'vendor-json-schema-faker',
  cheerio: 'vendor-cheerio', // `css:` expectations
  '@xmldom/xmldom': 'vendor-xmldom', // `xpath:` expectations
  xpath: 'vendor-xpath',
  graphql: 'vendor-graphql', // `graphql:` steps with a schema
  'postman-collection': 'vendor-postman-collection', // `bluebook import`
  re2js: 'vendor-re2js', // regular expressions
};

/** Resolves a vendored package to `require('./vendor-….js')`, beside the main bundle at run time. */
const vendorSplit = {
  name: 'vendor-split',
  setup(build) {
    const names = Object.keys(VENDORED).map((name) => name.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
      path: args.path,
      namespace: 'vendor',
    }));
    build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./${VENDORED[args.path]}.js`)});`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/vendor-/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * Rewrites every non-ASCII character of the output as a `\u` escape (an escaping backslash
 * before it, as in a regular expression's `\é`, is dropped: `\u00e9` means the same). esbuild
 * escapes strings and identifiers but not regular expression literals or legal comments, and one
 * such character makes V8 hold the whole bundle as a two-byte string: 5 MB of UTF-8 decoding
 * on every start-up. Columns after an escape on the same line shift in the source map.
 */
const asciiOutput = {
  name: 'ascii-output',
  setup(build) {
    build.onEnd((result) => {
      for (const file of Object.keys(result.metafile?.outputs ?? {})) {
        if (!file.endsWith('.js')) continue;
        const text = readFileSync(file, 'utf8');
        const ascii = text.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, char) => {
          const escape = `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
          return slashes.slice(slashes.length % 2) + escape;
        });
        if (ascii !== text) writeFileSync(file, ascii);
      }
    });
  },
};

/**
 * Dependencies that load, at start-up, a module a plain run never uses: each such `require` or
 * `import` is rewritten into a function that requires it on its first call.
 * - undici's HTTP/1 client requires its HTTP/2 one, which loads `node:http2` (~15 ms); Bluebook
 *   never allows h2 (a socket speaks it only with `allowH2`).
 * - tough-cookie imports tldts (the public-suffix list, ~12 ms to evaluate) for one function,
 *   called only when a cookie is stored.
 * A dependency update that drops the line leaves the file as is, with a build warning.
 */
const LAZY_MODULES = [
  {
    file: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/,
    eager: "const connectH2 = require('./client-h2.js')",
    lazy: "const connectH2 = (...args) => require('./client-h2.js')(...args)",
  },
  {
    file: /[\\/]tough-cookie[\\/]dist[\\/]index\.js$/,
    eager: 'import { getDomain } from "tldts";',
    lazy: 'const getDomain = (...args) => require("tldts").getDomain(...args);',
  },
];

const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    for (const { file, eager, lazy } of LAZY_MODULES)
      build.onLoad({ filter: file }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (source.includes(eager)) return { contents: source.replace(eager, lazy), loader: 'js' };
        return {
          contents: source,
          loader: 'js',
          warnings: [{ text: `${args.path}: no \`${eager}\` to make lazy` }],
        };
      });
  },
};

/**
 * `yaml` as its ES module build: bundled from CommonJS, each of its exports would be read through
 * a getter esbuild adds (`__toESM`), on every `isScalar`/`isMap` call of every walk; as ESM its
 * functions are called directly. The two builds are the same code.
 */
const YAML_ESM = { yaml: './node_modules/yaml/browser/index.js' };

/** esbuild options for the CLI bundles. */
function cliBuilds(production = false) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: 'dist',
    logLevel: 'warning',
    keepNames: true,
    alias: YAML_ESM,
  };
  return [
    {
      ...common,
      entryPoints: { 'cli-main': 'cli/src/main.ts' },
      sourcemap: production ? false : 'linked',
      minifyWhitespace: true,
      minifySyntax: true,
      metafile: true,
      plugins: [vendorSplit, lazyModules, asciiOutput],
    },
    ...Object.entries(VENDORED).map(([name, out]) => ({
      ...common,
      entryPoints: { [out]: name },
      minify: true,
    })),
    {
      ...common,
      entryPoints: { cli: 'cli/src/bootstrap.ts' },
      banner: { js: '#!/usr/bin/env node' },
    },
  ];
}

/** The files a copy of the CLI needs, relative to dist/ (the script sandbox reads quickjs.wasm beside it). */
const CLI_FILES = [
  'cli.js',
  'cli-main.js',
  ...Object.values(VENDORED).map((out) => `${out}.js`),
  'quickjs.wasm',
];

/** Where scripts/build.mjs copies dist/quickjs.wasm from. */
const QUICKJS_WASM = '@jitl/quickjs-wasmfile-release-sync/wasm';

exports.cliBuilds = cliBuilds;
exports.CLI_FILES = CLI_FILES;
exports.QUICKJS_WASM = QUICKJS_WASM;
exports.YAML_ESM = YAML_ESM;

// The CLI's two bundles, shared by scripts/build.mjs and the CLI test tier (which rebuilds just
// the CLI when its sources are newer):
//   dist/cli.js       the executable: a tiny loader that compiles the bundle with V8's code cache
//   dist/cli-main.js  the CLI itself
//   dist/vendor-*.js  libraries only `openapi:` mocks use (VENDORED), read from disk on first use
// The main bundle is always minified (whitespace and syntax, names kept): less to read and
// compile on every start-up, while stack traces keep readable function names.

/**
 * Packages kept out of dist/cli-main.js: every start-up reads and deserialises the whole main
 * bundle, and these (~400 KB) serve only mocks with an `openapi:` document.
 */
const VENDORED = {
  '@readme/openapi-parser': 'vendor-openapi-parser',
  'json-schema-faker': 'vendor-json-schema-faker',
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
  };
  return [
    {
      ...common,
      entryPoints: { 'cli-main': 'cli/src/main.ts' },
      sourcemap: production ? false : 'linked',
      minifyWhitespace: true,
      minifySyntax: true,
      plugins: [vendorSplit],
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

// The list of suite files, generated at build time by scripts/build.mjs (e2eSuitesPlugin).
declare module 'virtual:e2e-suites' {
  /** One entry per test/e2e/suite/*.test.ts; `load()` evaluates the file (registering its tests). */
  export const suites: ReadonlyArray<{ file: string; load: () => unknown }>;
}

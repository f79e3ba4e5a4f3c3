/**
 * Everything the server does for `*.mock.yaml` files, in one module that main.ts loads with
 * `import()` when the first mock document arrives: a session with only suites never loads it.
 */
export { analyzeMock, type AnalyzedMock } from './mockAnalysis.js';
export { mockCodeLenses } from './features/mockCodeLens.js';
export { mockCompletion } from './features/mockCompletion.js';
export { mockDiagnostics } from './features/mockDiagnostics.js';
export { mockFoldingRanges } from './features/mockFolding.js';
export { mockHover } from './features/mockHover.js';
export { mockSymbols } from './features/mockSymbols.js';

/**
 * The parts of core the CLI's start-up path uses, imported from their own modules rather than
 * through core/src/index.ts. Why: in the bundle, importing the index evaluates every engine
 * module (validation with Ajv, JSONPath, the language-server helpers…) before the first line of
 * output, which alone costs more than the 250 ms start-up budget on a loaded CI machine.
 * `bluebook validate` imports the index (it needs all of it).
 */
export { closest, editDistance } from '../../core/src/suggest.js';
export { parseDuration } from '../../core/src/duration.js';
export { formatForDiff, formatValue } from '../../core/src/format.js';
export { LineIndex } from '../../core/src/span.js';
export { countTests, partOfTest } from '../../core/src/results.js';
export { parseSuite, parseSuiteToRun } from '../../core/src/parse.js';
export { runSuite } from '../../core/src/run/runSuite.js';
export { SuiteLoader } from '../../core/src/use/loader.js';
export { runConfigHook, setupRunOptions } from '../../core/src/run/setup.js';
export { findConfigFile, loadConfigFor, resolveRunContext } from '../../core/src/config.js';
export type { ConfigError, LoadedConfig, RunContext } from '../../core/src/config.js';

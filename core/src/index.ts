/** The engine's public surface, used by the CLI, the language server and the extension. */
export * from './span.js';
export * from './model.js';
export * from './diagnostics.js';
export * from './results.js';
export * from './format.js';
export * from './duration.js';
export * from './keys.js';
export {
  parseSuite,
  parseSuiteToRun,
  parseSuiteFully,
  outlineSuite,
  suiteNameFromUri,
  findInterpolations,
  type SuiteDocument,
  type SuiteOutline,
  type SuiteSegments,
} from './parse.js';
export { SuiteParseCache } from './parse/incremental.js';
export { runSuite } from './run/runSuite.js';
export { SuiteLoader, type LoadedSuite } from './use/loader.js';
export { findUsedTest, useLabel, cycleMessage } from './use/target.js';
export { parseUseReference, resolveUseFile, type UseReference } from './use/reference.js';
export type { RunOptions, RunFilter } from './run/options.js';
export { runConfigHook, setupRunOptions, type ConfigHook, type HookRun } from './run/setup.js';
export { closest, editDistance } from './suggest.js';
export { checkGraphqlConfig } from './validate/graphql.js';
export {
  validateSuite,
  loadValidationContext,
  findConfigPath,
  parseProjectConfig,
  parseProjectConfig as parseConfig,
  parseDotEnvFile,
  parseDotEnvFile as parseDotEnv,
  CONFIG_FILE_NAME,
  environmentsDefining,
  analyzeVariables,
  resolveSuitePath,
  readSuiteFromDisk,
  nodeFileSystem,
  OPERATORS,
  OPERATOR_NAMES,
  BUILTIN_FUNCTIONS,
  checkConfigInterpolations,
  yamlNodeAt,
  type LocatedNode,
  type ValidationContext,
  type ValidationResult,
  type ProjectConfig,
  type ConfigKey,
  type DotEnv,
  type FileSystem,
  type VariableDefinition,
  type VariableIndex,
  type VariableReference,
} from './validate/index.js';
// The engine (runner, HTTP, expectations, interpolation, config, redaction).
export { runSuiteFile, runFiles, type RunFileOptions } from './run/files.js';
export { closeSharedAgent } from './http/agent.js';
export { STATUS_CODES, STATUS_CLASSES, statusText, type HttpStatusInfo } from './http/status.js';
export {
  loadConfigFor,
  resolveRunContext,
  findConfigFile,
  type LoadedConfig,
  type RunContext,
  type RunContextRequest,
  type ConfigError,
} from './config.js';
export {
  MATCHERS,
  EXPECTATIONS,
  findMatcher,
  findExpectation,
  evaluateMatcher,
  type MatcherDef,
  type MatcherArgType,
  type ExpectationDef,
} from './expect/registry.js';
export {
  compileJsonPath,
  isSingularJsonPath,
  queryJsonPath,
  selectJsonPath,
  validateJsonPath,
  type JsonPathProblem,
} from './jsonpath.js';
export { compileRegex, regexProblem, RegexError, type RegexProblem, type UserRegex } from './regex.js';
export {
  Scope,
  interpolateValue,
  evaluateExpression,
  UndefinedVariableError,
  InterpolationError,
  BUILTINS,
  type ScopeLayers,
} from './interpolate.js';
export { Redactor, REDACTED, SENSITIVE_HEADERS } from './redact.js';
export { SCRIPT_API, type ScriptApiEntry, type ScriptApiWhere } from './script/api.js';
export { findScriptExpressions, wholeScriptExpression, type ScriptExpression } from './script/template.js';
export type {
  RunningServices,
  ServiceLogTail,
  ServiceSpec,
  ServiceState,
  ServiceStatus,
  StartServicesOptions,
} from './services/types.js';

/**
 * `validateSuite`: every diagnostic of a suite — the parser's (YAML syntax, structure) plus the
 * semantic checks that need more than the text (variables and their scopes, JSONPath, matchers,
 * regexes, referenced files). The language server and `bluebook validate` both call this, so the
 * editor and CI report exactly the same problems.
 */
import { parseDataFile } from '../data.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { nodeFileSystem, type ValidationContext } from './context.js';
import { checkDefaults } from './defaults.js';
import { checkStep } from './expectations.js';
import { resolveSuitePath } from './files.js';
import { analyzeVariables, type VariableIndex } from './scopes.js';
import { checkUses, UseResolver } from './uses.js';
import { checkScripts } from './scripts.js';
import { checkGraphqlSteps } from './graphql.js';
import { checkOpenapiSteps } from './openapi.js';
import { checkInterpolations } from './variables.js';

export interface ValidationResult {
  /** Parser and semantic diagnostics, in document order. */
  diagnostics: Diagnostic[];
  /** The variable analysis, for editors that also need completion or navigation. */
  variables: VariableIndex;
}

/** Validates a parsed suite. Never throws: a failing check is reported, not raised. */
export function validateSuite(doc: SuiteDocument, context: ValidationContext = {}): ValidationResult {
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const report = (diagnostic: Diagnostic): void => {
    diagnostics.push(diagnostic);
  };
  const uses = new UseResolver(doc, context);
  const variables = analyzeVariables(doc, context, uses);
  const guarded = (what: string, check: () => void): void => {
    try {
      check();
    } catch (error) {
      // A bug in one check must not hide the others' results (nor crash the editor or CLI).
      report({
        code: 'invalid-config',
        severity: 'warning',
        message: `internal error while checking ${what}: ${error instanceof Error ? error.message : String(error)}`,
        span: { start: 0, end: 0 },
      });
    }
  };
  guarded('variables', () => checkInterpolations(doc, variables, context, report));
  guarded('uses', () => checkUses(uses, report));
  guarded('defaults', () => checkDefaults(doc, variables, context, report));
  const suite = doc.suite;
  if (suite) {
    const steps: Step[] = [
      ...suite.before,
      ...suite.after,
      ...suite.tests.flatMap((test) => [...test.steps, ...(test.finally ?? [])]),
    ];
    guarded('expectations', () => {
      for (const step of steps) {
        checkStep(step, doc, context, report);
        const failWhen = step.retry?.failWhen;
        if (failWhen)
          checkStep({ ...step, expectations: failWhen.expectations, captures: [] }, doc, context, report);
      }
    });
    guarded('scripts', () => checkScripts(doc, steps, report));
    guarded('graphql', () => checkGraphqlSteps(doc, steps, context.config, context.fileSystem, report));
    guarded('openapi', () => checkOpenapiSteps(doc, steps, context.config, context.openapi, report));
    if (context.checkFiles !== false) {
      guarded('each files', () => {
        for (const test of suite.tests) {
          if (test.each?.kind !== 'file' || test.each.path.includes('${')) continue;
          checkDataFile(test.each.path, test.each.span, context, report);
        }
      });
    }
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { diagnostics, variables };
}

function checkDataFile(
  path: string,
  span: Diagnostic['span'],
  context: ValidationContext,
  report: (d: Diagnostic) => void,
): void {
  const absolute = resolveSuitePath(path, context);
  if (!absolute) return;
  if (!/\.(json|ya?ml|csv)$/i.test(path)) {
    report({
      code: 'invalid-data-file',
      severity: 'error',
      message: `\`each\` file \`${path}\` must be a .json, .yaml or .csv file.`,
      span,
    });
    return;
  }
  const text = (context.fileSystem ?? nodeFileSystem).readText(absolute);
  if (text === undefined) {
    report({
      code: 'missing-file',
      severity: 'error',
      message: `\`each\` file \`${path}\` not found (looked for ${absolute}); paths are relative to the suite file.`,
      span,
    });
    return;
  }
  const { rows, error } = parseDataFile(text, absolute);
  if (error) {
    const where = error.line === undefined ? '' : `, line ${error.line}:`;
    report({
      code: 'invalid-data-file',
      severity: 'error',
      message: `\`each\` file \`${path}\`${where} ${error.message}.`,
      span,
    });
  } else if (rows.length === 0) {
    report({
      code: 'invalid-data-file',
      severity: 'warning',
      message: `\`each\` file \`${path}\` has no rows: the test will not run.`,
      span,
    });
  }
}

export * from './context.js';
export {
  analyzeVariables,
  type VariableDefinition,
  type VariableIndex,
  type VariableReference,
  type DefinitionKind,
} from './scopes.js';
export { BUILTIN_FUNCTIONS } from './variables.js';
export { checkConfigInterpolations } from './configDefaults.js';
export { OPERATORS, OPERATOR_NAMES, operatorInfo, JSON_TYPE_NAMES, type OperatorInfo } from './operators.js';
export { resolveSuitePath, schemaError } from './files.js';
export { readSuiteFromDisk } from './uses.js';
export { nodeStartingAt, mapEntries, yamlNodeAt, topLevelValue, type LocatedNode } from './nodes.js';

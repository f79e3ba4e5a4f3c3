/**
 * `bluebook validate`: the editor's diagnostics for CI. Calls core's `validateSuite` — the same
 * function the language server runs — with the same context (nearest config, `.env`, process
 * environment), so CI and the editor can never disagree. Exit 1 on any error.
 */
import { dirname, resolve } from 'node:path';
import {
  checkConfigInterpolations,
  LineIndex,
  loadValidationContext,
  nodeFileSystem,
  type Diagnostic,
  type FileSystem,
  type ValidationContext,
} from '../../core/src/index.js';
import type { CliArgs } from './args.js';
import { UsageError } from './args.js';
import { displayPath, findSuiteFiles, readSuiteFile } from './discover.js';
import { lineColumn } from './excerpt.js';
import { ExitCode, type Io } from './io.js';
import { openDestinations } from './outputs.js';
import { plural, renderDiagnostic } from './problems.js';
import { OpenapiContracts } from './validateOpenapi.js';
import { validateSuites } from './validateParallel.js';

interface FileReport {
  file: string;
  lineIndex?: LineIndex;
  diagnostics: Diagnostic[];
}

export async function validateCommand(args: CliArgs, io: Io): Promise<number> {
  for (const spec of args.reporters) {
    if (spec.name !== 'pretty' && spec.name !== 'json')
      throw new UsageError(`validate supports the pretty and json reporters, not ${spec.name}`);
  }
  const destinations = openDestinations(args.reporters, {
    cwd: io.cwd,
    stdout: io.stdout,
    env: io.env,
    noColor: args.noColor,
  });
  const suiteFiles = findSuiteFiles(args.paths, io);
  if (!suiteFiles) return ExitCode.Invalid;

  const texts: string[] = [];
  for (const file of suiteFiles) {
    const text = readSuiteFile(file, displayPath(file, io.cwd), io);
    if (text === undefined) return ExitCode.Invalid;
    texts.push(text);
  }
  const overrides = Object.keys(args.vars);
  const contextOf = contextLoader(io.env, overrides);
  const contracts = new OpenapiContracts();
  const results = await validateSuites(suiteFiles, texts, io.env, overrides, { contextOf, contracts });

  const reports: FileReport[] = [];
  const configReports = new Map<string, FileReport>();
  const configChecks = new Map<string, Diagnostic[]>();
  for (const [index, file] of suiteFiles.entries()) {
    const { diagnostics, defined } = results[index];
    // A config's own problems are reported once, against the config file.
    const config = contextOf(file).config;
    let configReport = config && configReports.get(config.path);
    if (config && !configReport) {
      configReport = {
        file: displayPath(config.path, io.cwd),
        lineIndex: config.lineIndex,
        diagnostics: [...config.diagnostics],
      };
      configReports.set(config.path, configReport);
      reports.push(configReport);
      const problem = await contracts.load(config);
      if (problem) configReport.diagnostics.push(problem);
    }
    if (config && configReport) {
      // Suites of a folder usually define the same names: the config is checked once per set.
      const key = `${config.path}\0${defined.join('\0')}`;
      let checked = configChecks.get(key);
      if (!checked) {
        checked = checkConfigInterpolations(config, new Set(defined), overrides);
        configChecks.set(key, checked);
      }
      addNew(configReport.diagnostics, checked);
    }
    reports.push({
      file: displayPath(file, io.cwd),
      lineIndex: diagnostics.length > 0 ? new LineIndex(texts[index]) : undefined,
      diagnostics,
    });
  }
  const configs = new Set(configReports.values());
  const listed = reports.filter((report) => report.diagnostics.length > 0 || !configs.has(report));

  const all = listed.flatMap((report) => report.diagnostics);
  const errors = all.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = all.length - errors;
  for (const destination of destinations) {
    if (destination.spec.name === 'json')
      destination.out.write(
        `${JSON.stringify(jsonReport(listed, suiteFiles.length, errors, warnings), null, 2)}\n`,
      );
    else {
      const style = destination.style;
      const lines: string[] = [];
      for (const report of listed) {
        for (const diagnostic of report.diagnostics) {
          if (report.lineIndex)
            lines.push(...renderDiagnostic(diagnostic, report.file, report.lineIndex, style), '');
        }
      }
      const files = plural(suiteFiles.length, 'suite file');
      if (all.length === 0) lines.push(style.green(`${files} valid`));
      else
        lines.push(
          `${errors > 0 ? style.red(plural(errors, 'error')) : '0 errors'}, ${plural(warnings, 'warning')} in ${files}`,
        );
      destination.out.write(`${lines.join('\n')}\n`);
    }
    destination.close();
  }
  return errors > 0 ? ExitCode.Failed : ExitCode.Passed;
}

/**
 * The validation context of each suite. Suites of one folder share the config and `.env`, read and
 * parsed once; every file (config, `use:` targets, data files, schemas) is read once per command.
 */
export function contextLoader(
  env: NodeJS.ProcessEnv,
  overrides: readonly string[],
): (file: string) => ValidationContext {
  const fileSystem = onceFileSystem();
  const byFolder = new Map<string, ValidationContext>();
  return (file) => {
    const suitePath = resolve(file);
    let context = byFolder.get(dirname(suitePath));
    if (!context) {
      context = loadValidationContext(suitePath, { fileSystem, processEnv: env, overrides: [...overrides] });
      byFolder.set(dirname(suitePath), context);
    }
    return { ...context, suitePath };
  };
}

function onceFileSystem(): FileSystem {
  const files = new Map<string, boolean>();
  const texts = new Map<string, string | undefined>();
  return {
    isFile(path) {
      if (!files.has(path)) files.set(path, nodeFileSystem.isFile(path));
      return files.get(path)!;
    },
    readText(path) {
      if (!texts.has(path)) texts.set(path, nodeFileSystem.readText(path));
      return texts.get(path);
    },
  };
}

/** Appends the diagnostics not already there (a config is checked once per suite using it). */
function addNew(into: Diagnostic[], diagnostics: Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    const seen = into.some(
      (other) =>
        other.span.start === diagnostic.span.start &&
        other.span.end === diagnostic.span.end &&
        other.message === diagnostic.message,
    );
    if (!seen) into.push(diagnostic);
  }
  into.sort((a, b) => a.span.start - b.span.start);
}

/** `validate --reporter json`: stable shape, versioned by `schemaVersion`. */
function jsonReport(reports: FileReport[], suiteCount: number, errors: number, warnings: number): unknown {
  return {
    schemaVersion: 1,
    totals: { files: suiteCount, errors, warnings },
    files: reports.map((report) => ({
      file: report.file,
      diagnostics: report.diagnostics.map((diagnostic) => {
        const start = report.lineIndex ? lineColumn(report.lineIndex, diagnostic.span) : undefined;
        const end = report.lineIndex
          ? lineColumn(report.lineIndex, { start: diagnostic.span.end, end: diagnostic.span.end })
          : undefined;
        return {
          code: diagnostic.code,
          severity: diagnostic.severity,
          message: diagnostic.message,
          ...(start && end
            ? { line: start.line, column: start.column, endLine: end.line, endColumn: end.column }
            : {}),
          span: diagnostic.span,
          ...(diagnostic.fixes ? { fixes: diagnostic.fixes } : {}),
        };
      }),
    })),
  };
}

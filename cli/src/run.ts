/**
 * `bluebook run`: discover → shard → parse (invalid suites stop the run: exit 2) → load each
 * suite's project (config, environment, secrets) → run files `--jobs` at a time, feeding every
 * reporter (the config's `setup` before the first file, its `teardown` after the last: hooks.ts)
 * → exit code. Ctrl-C aborts in-flight requests, lets `after` steps run, reports what
 * ran and exits 130; a second Ctrl-C exits at once.
 */
import {
  countTests,
  parseSuiteToRun,
  runConfigHook,
  runSuite,
  setupRunOptions,
  SuiteLoader,
} from './core.js';
import type {
  HookRun,
  RunContext,
  RunEvent,
  RunOptions,
  SuiteDocument,
  SuiteResult,
} from '../../core/src/index.js';
import { configsWithHooks, hookOptions } from './hooks.js';
import { loadContracts } from './openapi.js';
import type { CliArgs } from './args.js';
import { displayPath, findSuiteFiles, readSuiteFile, shardFiles } from './discover.js';
import { openDestinations } from './outputs.js';
import { plural, renderDiagnostic } from './problems.js';
import { ProjectError, ProjectLoader } from './project.js';
import { loadReporter, type Reporter, type RunSummary, type SourceFile } from './reporters/reporter.js';
import { ExitCode, type Io } from './io.js';
import type { RunServices } from './services.js';

export async function runCommand(args: CliArgs, io: Io): Promise<number> {
  const destinations = openDestinations(args.reporters, {
    cwd: io.cwd,
    stdout: io.stdout,
    env: io.env,
    noColor: args.noColor,
  });
  const err = io.stderrStyle;

  const discovered = findSuiteFiles(args.paths, io);
  if (!discovered) return ExitCode.Invalid;
  const files = shardFiles(discovered, args.shard);
  if (files.length === 0) {
    io.info(
      `shard ${args.shard?.index}/${args.shard?.total} has no suite files (${plural(discovered.length, 'file')} in all)`,
    );
    return ExitCode.Passed;
  }

  // Parse everything first: an invalid suite is reported with its location and nothing runs.
  const docs = new Map<string, SuiteDocument>();
  const sources = new Map<string, SourceFile>();
  // `use:` steps read other suites through one loader: each file parsed once, excerpts from the same text.
  const usedSuites = new SuiteLoader();
  let invalid = 0;
  for (const file of files) {
    const display = displayPath(file, io.cwd);
    const text = readSuiteFile(file, display, io);
    if (text === undefined) {
      invalid++;
      continue;
    }
    const doc = parseSuiteToRun(text, file);
    docs.set(file, doc);
    usedSuites.add(doc);
    sources.set(file, {
      path: file,
      display,
      get lineIndex() {
        return doc.lineIndex; // lines are counted only when a failure is shown
      },
    });
    const errors = doc.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    for (const diagnostic of errors) io.errorLines(renderDiagnostic(diagnostic, display, doc.lineIndex, err));
    if (errors.length > 0 || !doc.suite) invalid++;
  }
  if (invalid > 0) {
    io.error(`${plural(invalid, 'invalid suite file')}; nothing was run (see \`bluebook validate\`)`);
    return ExitCode.Invalid;
  }

  const loader = new ProjectLoader({
    ...(args.env !== undefined ? { envName: args.env } : {}),
    processEnv: io.env,
  });
  const projects = new Map<string, RunContext>();
  for (const file of files) {
    try {
      projects.set(file, loader.forSuite(file));
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      for (const problem of error.problems) {
        const lineIndex = error.lineIndexOf(problem);
        const display = displayPath(problem.file, io.cwd);
        const diagnostic = {
          code: 'invalid-config' as const,
          severity: 'error' as const,
          message: problem.message,
          span: problem.span,
        };
        if (lineIndex && problem.span.end > 0)
          io.errorLines(renderDiagnostic(diagnostic, display, lineIndex, err));
        else io.error(`${display}:${problem.line}:${problem.column}  invalid-config  ${problem.message}`);
      }
      return ExitCode.Invalid;
    }
  }

  const contracts = await loadContracts(projects.values(), io);
  if (!contracts) return ExitCode.Invalid;

  // Files whose tests are all filtered out are not run (their before/after would run for nothing).
  const filtering = args.grep !== undefined || args.tags.length > 0 || args.excludeTags.length > 0;
  const selected = filtering
    ? files.filter((file) => hasSelectedTest(docs.get(file) as SuiteDocument, args))
    : files;
  if (selected.length === 0) {
    const what = [
      args.grep ? `--grep ${args.grep.source}` : '',
      ...args.tags.map((tag) => `--tag ${tag}`),
      ...args.excludeTags.map((tag) => `--exclude-tag ${tag}`),
    ]
      .filter(Boolean)
      .join(' ');
    io.error(`no test matches ${what}`);
    return args.shard ? ExitCode.Passed : ExitCode.Invalid;
  }

  const reporters: Reporter[] = [];
  for (const destination of destinations) {
    const create = await loadReporter(destination.spec.name);
    reporters.push(
      create({
        out: destination.out,
        style: destination.style,
        files: selected,
        source: (file) => sources.get(file) ?? usedSource(file, usedSuites, io.cwd),
        version: io.version,
        verbose: args.verbose,
      }),
    );
  }
  const publish = (event: RunEvent): void => {
    for (const reporter of reporters) reporter.onEvent?.(event);
  };

  const controller = new AbortController();
  let interrupted = false;
  const stopSignals = io.onInterrupt(() => {
    if (interrupted) return true; // second Ctrl-C: exit now
    interrupted = true;
    controller.abort();
    io.error('interrupted: aborting requests, running `after` steps (Ctrl-C again to exit now)');
    return false;
  });

  // The system under test first (SPEC §10): before the config's setup, stopped however the run ends.
  let services: RunServices | undefined;
  if (!args.noServices && selected.some((file) => projects.get(file)?.config.project?.services?.length)) {
    const { startRunServices } = await import('./services.js');
    const started = await startRunServices(selected, projects, docs, io, controller.signal);
    if (typeof started === 'number') {
      stopSignals();
      return started;
    }
    services = started;
  }
  try {
    const started = performance.now();
    const hooked = configsWithHooks(selected, projects);
    const hookBase: RunOptions = {
      suites: usedSuites,
      overrides: args.vars,
      ...(args.timeoutMs !== undefined ? { defaultTimeoutMs: args.timeoutMs } : {}),
      onEvent: publish,
    };
    const setups = new Map<string, HookRun>();
    for (const [path, config] of hooked) {
      sources.set(path, { path, display: displayPath(path, io.cwd), lineIndex: config.project.lineIndex });
      if (!interrupted)
        setups.set(
          path,
          await runConfigHook(
            'setup',
            config.project,
            hookOptions(config, { ...hookBase, signal: controller.signal }),
          ),
        );
    }
    const results = new Map<string, SuiteResult>();
    let bailed = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < selected.length && !interrupted && !bailed) {
        const file = selected[next++];
        const result = await runFile(file, docs.get(file) as SuiteDocument, projects.get(file) as RunContext);
        results.set(file, result);
        if (args.bail && !passedOrSkipped(result)) bailed = true;
      }
    };
    const runFile = async (file: string, doc: SuiteDocument, project: RunContext): Promise<SuiteResult> => {
      let announced = false;
      const setup = project.config.project ? setups.get(project.config.project.path) : undefined;
      const options: RunOptions = {
        ...setupRunOptions(setup),
        signal: controller.signal,
        suites: usedSuites,
        environment: project.environment,
        overrides: args.vars,
        env: project.env,
        secretNames: project.secretNames,
        ...(project.configDefaults ? { configDefaults: project.configDefaults } : {}),
        ...(project.scripts ? { scripts: project.scripts } : {}),
        ...(project.config.project?.openapi
          ? { openapi: project.config.project.openapi.file, contracts }
          : {}),
        bail: args.bail,
        updateSnapshots: args.updateSnapshots === true,
        ci: args.ci === true || process.env.CI === 'true',
        ...(args.timeoutMs !== undefined ? { defaultTimeoutMs: args.timeoutMs } : {}),
        filter: {
          ...(args.grep ? { grep: args.grep } : {}),
          ...(args.tags.length > 0 ? { tags: args.tags } : {}),
          ...(args.excludeTags.length > 0 ? { excludeTags: args.excludeTags } : {}),
        },
        onEvent: (event) => {
          if (event.type === 'suiteFinished') return; // published below, with the result returned
          if (event.type === 'suiteStarted') announced = true;
          if (
            args.bail &&
            event.type === 'testFinished' &&
            (event.result.outcome === 'failed' || event.result.outcome === 'errored')
          )
            bailed = true;
          publish(event);
        },
      };
      let result: SuiteResult;
      try {
        result = await runSuite(doc, options);
      } catch (error) {
        // The engine reports problems as results; an exception here is a bug, shown as a suite error.
        result = {
          file,
          name: doc.suite?.name ?? file,
          outcome: 'errored',
          durationMs: 0,
          before: [],
          tests: [],
          after: [],
          error: { message: `internal error: ${(error as Error).message}`, span: { start: 0, end: 0 } },
        };
      }
      if (!announced) publish({ type: 'suiteStarted', file, name: result.name });
      publish({ type: 'suiteFinished', result });
      return result;
    };
    await Promise.all(Array.from({ length: Math.min(args.jobs, selected.length) }, () => worker()));
    // Teardown after every suite, also after failures and Ctrl-C (not on the aborted signal).
    const teardowns: SuiteResult[] = [];
    for (const [path, config] of [...hooked].reverse()) {
      // Ctrl-C during an earlier config's setup: nothing of this one started, nothing to tear down.
      if (!setups.has(path)) continue;
      const setup = setups.get(path);
      const options = {
        ...hookBase,
        setupCaptures: setup?.captures ?? {},
        ...(setup?.cookies ? { setupCookies: setup.cookies } : {}),
      };
      teardowns.push((await runConfigHook('teardown', config.project, hookOptions(config, options))).result);
    }
    stopSignals();
    const durationMs = performance.now() - started;
    // Stopped before the report: their output is then read to the end, for the tails.
    await services?.stop();

    const suites = [
      ...[...setups.values()].map((setup) => setup.result).filter((setup) => setup.before.length > 0),
      ...selected.filter((file) => results.has(file)).map((file) => results.get(file) as SuiteResult),
      ...teardowns.filter((teardown) => teardown.after.length > 0),
    ];
    const totals = countTests(suites);
    const failed = totals.failed + totals.errored > 0 || suites.some((suite) => !passedOrSkipped(suite));
    const exitCode = interrupted ? ExitCode.Interrupted : failed ? ExitCode.Failed : ExitCode.Passed;
    const summary: RunSummary = {
      suites,
      totals,
      notRun: selected.filter((file) => !results.has(file)),
      interrupted,
      bailed,
      durationMs,
      exitCode,
      ...(services ? { serviceLogs: services.tails() } : {}),
    };
    for (const reporter of reporters) reporter.finish(summary);
    for (const destination of destinations) {
      try {
        destination.close();
      } catch (error) {
        io.error(
          `cannot write ${destination.spec.name} report to ${destination.spec.file}: ${(error as Error).message}`,
        );
        return ExitCode.Invalid;
      }
    }
    return exitCode;
  } finally {
    await services?.stop();
  }
}

/** A suite that `use:` steps read (not itself run): its text as the run read it. */
function usedSource(file: string, suites: SuiteLoader, cwd: string): SourceFile | undefined {
  const doc = suites.document(file);
  return doc && { path: file, display: displayPath(file, cwd), lineIndex: doc.lineIndex };
}

/** A suite passed when its tests and hooks all passed or were skipped, and it had no error. */
function passedOrSkipped(suite: SuiteResult): boolean {
  const steps = [...suite.before, ...suite.after];
  return (
    !suite.error &&
    suite.tests.every((test) => test.outcome === 'passed' || test.outcome === 'skipped') &&
    steps.every((step) => step.outcome === 'passed' || step.outcome === 'skipped')
  );
}

/** Whether a suite has a test `--grep`/`--tag`/`--exclude-tag` select (judged on ids, raw names and tags). */
function hasSelectedTest(doc: SuiteDocument, args: CliArgs): boolean {
  return (doc.suite?.tests ?? []).some((test) => {
    if (args.tags.length > 0 && !test.tags.some((tag) => args.tags.includes(tag))) return false;
    if (test.tags.some((tag) => args.excludeTags.includes(tag))) return false;
    if (args.grep && !args.grep.test(test.id) && !args.grep.test(test.name ?? '')) {
      // A name with `${...}` is rendered per `each` row: let the runner decide.
      return (test.name ?? '').includes('${');
    }
    return true;
  });
}

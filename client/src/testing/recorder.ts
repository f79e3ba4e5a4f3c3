/**
 * Keeps a plain-data record of what each run reported (item states, messages with their lines,
 * output). VS Code offers no API to read test results back, so the e2e tests read this record
 * through the extension's exports; it also makes a bug report reproducible ("Bluebook: Show last run").
 */
import * as vscode from 'vscode';
import type { MessageSpec } from '../results/present.js';
import { fileUri, type LineIndexes } from './lines.js';
import type { RunSink } from './runner.js';

export interface RecordedMessage {
  message: string;
  /** The file the message is located in when it is not its item's (a used step's, a setup step's). */
  uri?: string;
  expected?: string;
  actual?: string;
  /** `TestMessage.contextValue`, which puts message actions such as "Accept new snapshot" on it. */
  contextValue?: string;
  /** Zero-based line and column of the message's location. */
  line?: number;
  character?: number;
}

export interface RecordedState {
  id: string;
  state: 'enqueued' | 'started' | 'passed' | 'failed' | 'errored' | 'skipped';
  messages: RecordedMessage[];
}

export interface RecordedRun {
  states: RecordedState[];
  output: string[];
  progress: { done: number; total: number }[];
  /** The last state of each item id. */
  finalStates: Record<string, RecordedState['state']>;
}

const KEEP = 20;

export class RunRecorder implements vscode.Disposable {
  private readonly current = new Map<vscode.TestRun, RecordedRun>();
  private readonly finished: RecordedRun[] = [];
  private lastStarted: RecordedRun | undefined;
  private readonly ended = new vscode.EventEmitter<RecordedRun>();
  readonly onDidEnd = this.ended.event;

  /** Runs that ended, oldest first (the last {@link KEEP}). */
  get runs(): readonly RecordedRun[] {
    return this.finished;
  }

  wrap(
    run: vscode.TestRun,
    sink: RunSink<vscode.TestItem>,
    lineIndexes: LineIndexes,
  ): RunSink<vscode.TestItem> {
    const record: RecordedRun = { states: [], output: [], progress: [], finalStates: {} };
    this.current.set(run, record);
    this.lastStarted = record;
    const note = (item: vscode.TestItem, state: RecordedState['state'], messages: MessageSpec[] = []) => {
      const own = item.uri?.toString();
      record.states.push({
        id: item.id,
        state,
        messages: messages.map((m) => recordMessage(m, own, lineIndexes)),
      });
      record.finalStates[item.id] = state;
    };
    return {
      enqueued: (item) => (note(item, 'enqueued'), sink.enqueued(item)),
      started: (item) => (note(item, 'started'), sink.started(item)),
      passed: (item, duration) => (note(item, 'passed'), sink.passed(item, duration)),
      failed: (item, messages, duration) => (
        note(item, 'failed', messages),
        sink.failed(item, messages, duration)
      ),
      errored: (item, messages, duration) => (
        note(item, 'errored', messages),
        sink.errored(item, messages, duration)
      ),
      skipped: (item) => (note(item, 'skipped'), sink.skipped(item)),
      appendOutput: (text, location, item) => {
        record.output.push(text);
        sink.appendOutput(text, location, item);
      },
    };
  }

  progress(done: number, total: number): void {
    this.lastStarted?.progress.push({ done, total });
  }

  end(run: vscode.TestRun): void {
    const record = this.current.get(run);
    if (!record) return;
    this.current.delete(run);
    this.finished.push(record);
    if (this.finished.length > KEEP) this.finished.shift();
    this.ended.fire(record);
  }

  dispose(): void {
    this.ended.dispose();
  }
}

function recordMessage(
  message: MessageSpec,
  own: string | undefined,
  lineIndexes: LineIndexes,
): RecordedMessage {
  const uri = message.file !== undefined ? fileUri(message.file) : own;
  const position = uri === undefined ? undefined : lineIndexes(uri)?.positionAt(message.span.start);
  return {
    message: message.message,
    ...(message.file !== undefined ? { uri } : {}),
    ...(message.expected !== undefined ? { expected: message.expected } : {}),
    ...(message.actual !== undefined ? { actual: message.actual } : {}),
    ...(message.contextValue !== undefined ? { contextValue: message.contextValue } : {}),
    ...(position ? { line: position.line, character: position.character } : {}),
  };
}

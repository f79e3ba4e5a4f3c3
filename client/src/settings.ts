/**
 * The extension's own settings (`bluebook.*` read by the client). The language server's settings
 * are declared in core/src/protocol.ts. How to add a setting: see ARCHITECTURE.md ("a setting").
 */
import * as vscode from 'vscode';

export interface ClientSettings {
  /** Show results at the end of step and expectation lines after a run. */
  inlineResultsEnabled: boolean;
  /** Suite files run at the same time by one Test Explorer run. */
  runJobs: number;
  /** Show each request and response in the "Bluebook" output channel. */
  logRequests: boolean;
}

export function readSettings(scope?: vscode.ConfigurationScope): ClientSettings {
  const config = vscode.workspace.getConfiguration('bluebook', scope);
  return {
    inlineResultsEnabled: config.get<boolean>('inlineResults.enabled', true),
    runJobs: Math.max(1, Math.floor(config.get<number>('run.jobs', 4))),
    logRequests: config.get<boolean>('output.logRequests', true),
  };
}

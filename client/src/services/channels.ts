/** One output channel per service ("Bluebook Service: api") or mock ("Bluebook Mock: payments"), made on first use. */
import * as vscode from 'vscode';

export class OutputChannels implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();

  constructor(private readonly prefix: string) {}

  append(name: string, line: string): void {
    this.channel(name).appendLine(line);
  }

  show(name: string, preserveFocus = true): void {
    this.channel(name).show(preserveFocus);
  }

  names(): string[] {
    return [...this.channels.keys()];
  }

  private channel(name: string): vscode.OutputChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = vscode.window.createOutputChannel(`${this.prefix}: ${name}`);
      this.channels.set(name, channel);
    }
    return channel;
  }

  dispose(): void {
    for (const channel of this.channels.values()) channel.dispose();
    this.channels.clear();
  }
}

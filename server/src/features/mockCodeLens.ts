import type { CodeLens } from 'vscode-languageserver';
import { Commands } from '../../../core/src/protocol.js';

/** "▶ Start mock" at the top of a `*.mock.yaml` file; the extension serves it (`bluebook.startMock`). */
export function mockCodeLenses(uri: string): CodeLens[] {
  const top = { line: 0, character: 0 };
  return [
    {
      range: { start: top, end: top },
      command: { title: '▶ Start mock', command: Commands.startMock, arguments: [uri] },
    },
  ];
}

/** `--help` text, generated from the option registry so it cannot drift from the parser. */
import { COMMANDS, OPTIONS, type Command } from './args.js';

const USAGE: Record<Command, string> = {
  run: 'bluebook run [paths|globs...]     run suites (default: every *.bluebook.yaml|yml under the current folder)',
  validate: "bluebook validate [paths...]      report the editor's diagnostics; exit 1 on any error",
  mock: 'bluebook mock [files...]          serve *.mock.yaml files until interrupted (default: every one under the current folder)',
  import:
    'bluebook import curl|postman|http|openapi SOURCE   write *.bluebook.yaml suites from a curl command or a file',
};

export function helpText(command?: Command): string {
  const commands: Command[] = command ? [command] : [...COMMANDS];
  const lines = ['Bluebook: API, end-to-end and integration tests in YAML.', '', 'Usage:'];
  for (const name of commands) lines.push(`  ${USAGE[name]}`);
  lines.push('', 'Options:');
  const shown = OPTIONS.filter((option) => commands.some((name) => option.commands.includes(name)));
  const labels = shown.map(
    (option) =>
      `${option.short ? `-${option.short}, ` : '    '}--${option.long}${option.value ? ` ${option.value}` : ''}`,
  );
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  shown.forEach((option, index) => {
    const only = !command && option.commands.length === 1 ? ` [${option.commands[0]}]` : '';
    lines.push(`  ${labels[index].padEnd(width)}${option.description}${only}`);
  });
  if (command === 'mock') {
    lines.push(
      '',
      'Prints `name → url` per mock, then one line per request; a saved file is reloaded on the same port.',
      '',
      'Exit codes: 0 stopped with Ctrl-C or SIGTERM · 2 a mock file with errors, a port in use, or bad arguments.',
    );
    return `${lines.join('\n')}\n`;
  }
  if (command === 'import') {
    lines.push(
      '',
      'SOURCE: a curl command line (quoted) for `curl`, else a file. Prints the files written and',
      'what could not be converted.',
      '',
      'Exit codes: 0 written · 2 unreadable or unsupported source, an existing file without --force, or bad arguments.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '',
    'Output: `pretty` on standard output unless another reporter takes it; colours only on a terminal',
    '(NO_COLOR / FORCE_COLOR / --no-color). Reporters with :FILE write there, pretty still prints.',
    '',
    'Exit codes: 0 all passed · 1 a test failed or errored · 2 invalid suite, config, arguments,',
    'or no suite found · 130 interrupted (Ctrl-C; `after` steps still run, a second Ctrl-C exits now).',
  );
  return `${lines.join('\n')}\n`;
}

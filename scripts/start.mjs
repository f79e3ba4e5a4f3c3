// `npm start`: `bluebook run examples` with the freshly built CLI. The examples' config declares
// their system (examples/bluebook.config.yaml, `services:`): the demo API on a free port and the
// payments mock it calls come up by themselves, the suites run against them, both stop, and this
// exits with the CLI's code. (`npm run demo-api` still serves the API alone, for the editor.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = spawn(
  process.execPath,
  [join(root, 'dist', 'cli.js'), 'run', 'examples', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// Ctrl-C reaches the CLI from the terminal itself (one interrupt: it stops the services and exits).
process.on('SIGINT', () => {});
process.on('SIGTERM', () => cli.kill('SIGTERM'));
cli.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));

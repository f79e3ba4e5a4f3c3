// `npm start`: brings up the demo API on a free loopback port, runs the example suites against it
// with the freshly built CLI, prints the results, stops the API and exits with the CLI's code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startDemoApi } from '../examples/demo-api/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { server, url } = await startDemoApi({ port: 0 });
console.log(`Demo API listening on ${url}\n`);

const cli = spawn(
  process.execPath,
  [join(root, 'dist', 'cli.js'), 'run', 'examples', '--var', `baseUrl=${url}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
const forward = (signal) => cli.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
cli.on('exit', (code, signal) => {
  server.close();
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
});

/**
 * dist/run-worker.js: the process the extension forks for each Test Explorer run (see
 * testing/runnerProcess.ts). It speaks the protocol of protocol.ts over Node IPC and exits when
 * the host disconnects, so a host that goes away never leaves it behind.
 */
import type { RunnerMessage } from './protocol.js';
import { serve } from './serve.js';

if (!process.send) {
  process.stderr.write(
    'run-worker.js is started by the Bluebook extension (child_process.fork, with IPC).\n',
  );
  process.exit(2);
}

const runner = serve({
  send: (message: RunnerMessage) => {
    if (process.connected) process.send?.(message);
  },
});
process.on('message', (message) => runner.receive(message));
process.on('disconnect', () => process.exit(0));

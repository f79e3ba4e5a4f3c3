/**
 * The worker thread that reads an `openapi:` document (dist/openapi-worker.js): validating and
 * dereferencing a large document takes the CPU for a while, which the server's thread must not.
 * Posts the operations in chunks (each is copied into the server's thread between its requests),
 * then `{ servers }`; or `{ error }` with the loader's message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadOperations } from '../../core/src/openapi/operations.js';

const CHUNK = 250;

const { file } = workerData as { file: string };
loadOperations(file).then(
  ({ operations, servers }) => {
    for (let start = 0; start < operations.length; start += CHUNK)
      parentPort?.postMessage({ operations: operations.slice(start, start + CHUNK) });
    parentPort?.postMessage({ servers });
  },
  (error: unknown) =>
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);

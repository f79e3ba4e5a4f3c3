/**
 * Loads an `openapi:` document for the server: in a worker thread (dist/openapi-worker.js, next to
 * the server's bundle) so that requests keep being answered meanwhile; in this thread when the
 * server runs from its sources (no bundle beside it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  loadOperationIndex,
  type Operation,
  type OperationsOf,
} from '../../../core/src/openapi/operations.js';
import { OperationIndex } from '../../../core/src/openapi/paths.js';

export const WORKER_FILE = 'openapi-worker.js';

export function openapiLoader(folder: string = __dirname): (file: string) => Promise<OperationIndex> {
  const script = join(folder, WORKER_FILE);
  return existsSync(script) ? (file) => loadInWorker(script, file) : loadOperationIndex;
}

function loadInWorker(script: string, file: string): Promise<OperationIndex> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file } });
    const operations: Operation[] = [];
    worker.on('message', (message: Partial<OperationsOf> & { error?: string }) => {
      if (message.operations) {
        operations.push(...message.operations);
        return;
      }
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(new OperationIndex(operations, message.servers ?? []));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the OpenAPI loader stopped (exit code ${code})`)));
  });
}

/**
 * Loads an `openapi:` document for the server in a worker thread, so that requests keep being
 * answered meanwhile: dist/openapi-worker.js next to the server's bundle, or the worker's source
 * through tsx when the server runs from its sources (tests).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Operation, OperationsOf } from '../../../core/src/openapi/operations.js';
import { OperationIndex } from '../../../core/src/openapi/paths.js';

const BUNDLED = join(__dirname, 'openapi-worker.js');
const FROM_SOURCE = `require('tsx/cjs'); require(${JSON.stringify(join(__dirname, '..', 'openapiWorker.ts'))});`;

export function loadInWorker(file: string): Promise<OperationIndex> {
  return new Promise((resolve, reject) => {
    const bundled = existsSync(BUNDLED);
    const worker = new Worker(bundled ? BUNDLED : FROM_SOURCE, { eval: !bundled, workerData: { file } });
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

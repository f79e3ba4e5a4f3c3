/** One shared keep-alive connection pool for every request of the process (speed: no reconnects). */
import { MAX_HEADER_BYTES } from './errors.js';
import { Agent } from './undici.js';

let shared: Agent | undefined;

export function sharedAgent(): Agent {
  shared ??= new Agent({
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
    connections: 256,
    pipelining: 1,
    maxHeaderSize: MAX_HEADER_BYTES,
    // The step's `timeout` bounds the whole exchange (send.ts); undici's own 300 s defaults would
    // cut a longer step short with a less precise error.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return shared;
}

/** Closes idle connections so a CLI process can exit at once. */
export async function closeSharedAgent(): Promise<void> {
  const agent = shared;
  shared = undefined;
  if (agent) await agent.close();
}

// A loopback server (127.0.0.1, port 0, inside the extension host) whose `/rows` is a large JSON
// document: 20,000 rows of ~8 nodes each, built once, so a JSONPath filter over it costs the
// runner real CPU time while serving it costs the extension host almost none. `/never` never
// answers.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeavyServer {
  url: string;
  /**
   * Responses written out so far: once one is, the runner holds (nearly) all of the body and is in
   * synchronous work (JSON parsing, then the expectations) — no longer reading a socket.
   */
  readonly responses: number;
  /** Requests to `/never` received so far. */
  readonly held: number;
  close(): Promise<void>;
}

export async function startHeavyServer(rows = 20_000): Promise<HeavyServer> {
  const items = Array.from({ length: rows }, (_, i) => ({
    id: i,
    name: `n${i}`,
    tags: ['a', 'b'],
    nested: { x: i, y: [i, i + 1] },
  }));
  const body = Buffer.from(JSON.stringify({ items }));
  let responses = 0;
  let held = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/never') {
      held++;
      return;
    }
    res.on('finish', () => responses++);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get responses() {
      return responses;
    },
    get held() {
      return held;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The system under test of services.test.ts: started by the extension through `services:` in
// bluebook.config.yaml, on the port it is given; writes its process id to api.pid beside it.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
writeFileSync(new URL('./api.pid', import.meta.url), String(process.pid));
createServer((request, response) => {
  console.log(`${request.method} ${request.url}`);
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ hello: 'world', pid: process.pid }));
}).listen(port, '127.0.0.1', () => console.log(`api listening on ${port}`));

/**
 * The parts of undici the engine uses, loaded by path. `require('undici')` evaluates every
 * feature of the package (fetch, WebSocket, EventSource, caches, mocks…), about 40 ms of a
 * one-request CLI run, while a run needs only an `Agent` (its `dispatch`: exchange.ts).
 *
 * The request API (`agent.request()`, which `bluebook mock --record` forwards with) is added to
 * the dispatcher prototype on first use, as undici's own index does
 * (`Object.assign(Dispatcher.prototype, api)`). undici's `FormData` (its encoder accepts only its
 * own) is loaded on the first multipart body.
 */
import type * as Undici from 'undici';

/* eslint-disable @typescript-eslint/no-require-imports -- literal paths, so esbuild bundles them */
const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
/* eslint-enable @typescript-eslint/no-require-imports */

export { Agent };
export type Agent = Undici.Agent;
export type FormData = Undici.FormData;

/** Gives every undici dispatcher the request API (`request`, `stream`…); loads it once. */
export function withRequestApi(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy, bundled by esbuild */
  const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as { prototype: object };
  if (!('request' in Dispatcher.prototype))
    Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** A new undici `FormData`; the module is loaded on first use. */
export function createFormData(): FormData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, bundled by esbuild
  const { FormData } = require('undici/lib/web/fetch/formdata.js') as typeof Undici;
  return new FormData();
}

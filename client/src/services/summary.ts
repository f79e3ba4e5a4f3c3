/**
 * What the status bar says about the running services and mocks: `$(server-process) 2 services`
 * with their state, and a tooltip line per service or mock. Journal lines of the mock channels.
 * No `vscode` here.
 */
import type { JournalEntry } from '../../../core/src/mock/types.js';
import type { ServiceState } from '../../../core/src/services/types.js';

export type SummaryState = 'starting' | 'ready' | 'failed';

export interface StatusSummary {
  text: string;
  state: SummaryState;
  /** One line per service, then per mock: `api · http://127.0.0.1:4100 · ready`. */
  lines: string[];
}

export interface MockSummary {
  name: string;
  url: string;
}

/** Undefined when nothing runs (the item is hidden). */
export function statusSummary(services: ServiceState[], mocks: MockSummary[]): StatusSummary | undefined {
  if (services.length === 0 && mocks.length === 0) return undefined;
  const failed = services.filter((service) => service.status === 'failed');
  const starting = services.some((service) => service.status === 'starting' || service.status === 'stopping');
  const state: SummaryState = failed.length > 0 ? 'failed' : starting ? 'starting' : 'ready';
  const counts = [count(services.length, 'service'), count(mocks.length, 'mock')].filter(Boolean).join(' · ');
  const suffix =
    state === 'failed'
      ? `: ${failed.map((service) => service.name).join(', ')} failed`
      : state === 'starting'
        ? ': starting'
        : '';
  return {
    text: `$(server-process) ${counts}${suffix}`,
    state,
    lines: [
      ...services.map((service) =>
        [service.name, service.url, describeStatus(service)].filter(Boolean).join(' · '),
      ),
      ...mocks.map((mock) => `${mock.name} (mock) · ${mock.url} · serving`),
    ],
  };
}

function count(n: number, noun: string): string {
  return n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describeStatus(service: ServiceState): string {
  const status = service.status === 'reused' ? 'ready (already running)' : service.status;
  return service.message && service.status === 'failed' ? `${status}: ${service.message}` : status;
}

/** `12:00:01.250 GET /payments/7 → 200 · GET /payments/:id · 3 ms` */
export function journalLine(entry: JournalEntry): string {
  const time = entry.time.slice(11, 23);
  const route = entry.route ?? 'no route matched';
  return `${time} ${entry.method} ${entry.url} → ${entry.status} · ${route} · ${Math.round(entry.durationMs)} ms`;
}

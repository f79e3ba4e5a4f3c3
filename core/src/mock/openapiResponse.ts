/**
 * The answer of an OpenAPI operation: its lowest 2xx response (else `default`, as 200), with the
 * media type's `example`, else the first of its `examples`, else the schema's own example, else
 * data generated from the schema by json-schema-faker, seeded from the operation (`GET /pets`) so
 * every load of the document answers the same data.
 */
import { toJsonSchema, type Schema } from './openapiSchema.js';
import type { OpenApiVersion } from './openapiLoad.js';
import type { MockReply } from './types.js';

interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown } | undefined>;
}

export interface ResponseObject {
  content?: Record<string, MediaType | undefined>;
}

export type Responder = () => Promise<MockReply>;

/** The status served for a `responses` map: lowest 2xx, else 2XX/default as 200, else the lowest code. */
export function chosenStatus(
  responses: Record<string, unknown>,
): { key: string; status: number } | undefined {
  const codes = Object.keys(responses)
    .filter((key) => /^[1-5]\d\d$/.test(key))
    .map(Number)
    .sort((a, b) => a - b);
  const success = codes.find((code) => code >= 200 && code < 300);
  if (success !== undefined) return { key: String(success), status: success };
  for (const key of ['2XX', '2xx', 'default']) if (key in responses) return { key, status: 200 };
  return codes.length > 0 ? { key: String(codes[0]), status: codes[0] } : undefined;
}

export function responder(
  responses: Record<string, ResponseObject | undefined>,
  version: OpenApiVersion,
  seedText: string,
): Responder {
  const chosen = chosenStatus(responses);
  if (!chosen) return () => Promise.resolve({ status: 200 });
  const content = responses[chosen.key]?.content ?? {};
  const type = preferredType(Object.keys(content));
  if (type === undefined) return () => Promise.resolve({ status: chosen.status });
  const media = content[type] ?? {};
  const schema = media.schema === undefined ? undefined : toJsonSchema(media.schema, version, 'response');
  const given = example(media, schema);
  let value: Promise<unknown> | undefined = given.found ? Promise.resolve(given.value) : undefined;
  return async () => {
    value ??= generate(schema ?? {}, seedOf(seedText));
    try {
      return reply(chosen.status, type, structuredClone(await value));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        status: 500,
        json: {
          error: `${seedText}: cannot generate data from the response schema (${message}); add an \`example\` to the document`,
        },
      };
    }
  };
}

function preferredType(types: string[]): string | undefined {
  return (
    types.find((type) => /^application\/json\b/i.test(type)) ??
    types.find((type) => /^application\/[\w.-]+\+json\b/i.test(type)) ??
    types[0]
  );
}

function example(media: MediaType, schema: Schema | undefined): { found: boolean; value?: unknown } {
  if (media.example !== undefined) return { found: true, value: media.example };
  for (const entry of Object.values(media.examples ?? {}))
    if (entry && entry.value !== undefined) return { found: true, value: entry.value };
  if (typeof schema === 'object' && Array.isArray(schema.examples) && schema.examples.length > 0)
    return { found: true, value: schema.examples[0] };
  return { found: false };
}

async function generate(schema: Schema, seed: number): Promise<unknown> {
  const { generate: fake } = await import('json-schema-faker');
  return fake(schema, {
    seed,
    alwaysFakeOptionals: true,
    useExamplesValue: true,
    maxDefaultItems: 2,
    refDepth: 1,
    formats: { byte: (random) => Buffer.from(String(random.int(0, 1e9))).toString('base64') },
  });
}

/** FNV-1a: a stable 32-bit seed from the operation's text. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function reply(status: number, type: string, value: unknown): MockReply {
  const headers = { 'content-type': type };
  if (/json/i.test(type)) return { status, headers, json: value };
  return { status, headers, body: typeof value === 'string' ? value : JSON.stringify(value) };
}

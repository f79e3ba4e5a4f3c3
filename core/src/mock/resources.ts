/**
 * `resources:` — stateful collections (SPEC §9): list and create at `path`, read, replace, patch
 * and delete at `path/:id`, in memory, seeded from a file. Items go in and out as deep copies.
 */
import type * as PathToRegexp from 'path-to-regexp' with { 'resolution-mode': 'import' };
import { matchTokens } from './pattern.js';
import { mergePatch, isObject } from './mergePatch.js';
import { readSeed } from './seed.js';
import { anyOf, kindOf } from './wording.js';
import type { DynamicRoutes, MockReply, MockRequest, NearMiss, ResourceDef } from './types.js';

type Item = Record<string, unknown>;

const COLLECTION_METHODS = ['GET', 'POST'];
const ITEM_METHODS = ['GET', 'PUT', 'PATCH', 'DELETE'];

/** The routes of one collection; throws an Error naming the seed file when it cannot be read. */
export function resourceRoutes(def: ResourceDef): DynamicRoutes {
  const state = seedItems(def);
  const route = `resource \`${def.name}\` (${def.path}, ${def.path}/:id)`;
  const atCollection = pathMatcher(def.path, []);
  const atItem = pathMatcher(def.path, [
    { type: 'text', value: '/' },
    { type: 'param', name: 'id' },
  ]);
  const belowItem = pathMatcher(def.path, [
    { type: 'text', value: '/' },
    { type: 'param', name: 'id' },
    { type: 'text', value: '/' },
    { type: 'wildcard', name: 'rest' },
  ]);

  return {
    handle(request: MockRequest, misses: NearMiss[]): Promise<MockReply | undefined> {
      const method = request.method.toUpperCase();
      const miss = (reason: string): Promise<undefined> => {
        misses.push({ route, reasons: [reason] });
        return Promise.resolve(undefined);
      };
      const answer = (reply: MockReply, at: string): Promise<MockReply> =>
        Promise.resolve({ ...reply, route: `resource ${def.name}: ${method} ${at}` });
      if (atCollection(request.path)) {
        if (method === 'GET') return answer(list(state, request), def.path);
        if (method === 'POST') return answer(create(state, def, request), def.path);
        return miss(`method: expected ${anyOf(COLLECTION_METHODS)} at ${def.path}, got ${method}`);
      }
      const found = atItem(request.path);
      if (found) {
        const id = found.params.id as string;
        if (!ITEM_METHODS.includes(method))
          return miss(`method: expected ${anyOf(ITEM_METHODS)} at ${def.path}/:id, got ${method}`);
        return answer(itemReply(state, def, method, id, request), `${def.path}/:id`);
      }
      if (belowItem(request.path)) return miss(`path: ${request.path} is deeper than ${def.path}/:id`);
      return Promise.resolve(undefined);
    },
  };
}

type Token = PathToRegexp.Token;

/** `base` is text, never a pattern: `:` or `*` in a collection path are literal. */
function pathMatcher(base: string, tail: Token[]): PathToRegexp.MatchFunction<PathToRegexp.ParamData> {
  const tokens: Token[] = [{ type: 'text', value: base.replace(/\/+$/, '') }, ...tail];
  return matchTokens(tokens);
}

/** The items, by id as text, and the largest numeric id handed out or seen: ids are never reused. */
interface Collection {
  items: Map<string, Item>;
  largest: number;
}

function seedItems(def: ResourceDef): Collection {
  const collection: Collection = { items: new Map(), largest: 0 };
  if (def.seed === undefined) return collection;
  let seeded: Item[];
  try {
    seeded = readSeed(def.seed);
  } catch (error) {
    throw new Error(`resource \`${def.name}\`: seed file ${def.seed}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const positions = new Map<string, number>();
  seeded.forEach((entry, index) => {
    const given = entry[def.idField];
    if (given === undefined || given === null) return;
    const key = String(given);
    const first = positions.get(key);
    if (first !== undefined)
      throw new Error(
        `resource \`${def.name}\`: seed file ${def.seed}: items ${first + 1} and ${index + 1} have the same ${def.idField} ${key}`,
      );
    positions.set(key, index);
    remember(collection, given);
  });
  for (const entry of seeded) {
    const given = entry[def.idField];
    if (given === undefined || given === null) entry[def.idField] = ++collection.largest;
    collection.items.set(String(entry[def.idField]), entry);
  }
  return collection;
}

/** Numbers and integer strings count towards the next id. */
function remember(collection: Collection, id: unknown): void {
  const value = typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : NaN;
  if (Number.isFinite(value) && value > collection.largest) collection.largest = Math.floor(value);
}

function list({ items }: Collection, request: MockRequest): MockReply {
  const paging: Record<string, number> = {};
  const filters: [string, string[]][] = [];
  for (const [name, value] of Object.entries(request.query)) {
    const values = Array.isArray(value) ? value : [value];
    if (name !== '_limit' && name !== '_offset') {
      filters.push([name, values]);
      continue;
    }
    const text = values[values.length - 1];
    if (!/^\d+$/.test(text)) return error(400, `${name} must be a whole number ≥ 0, got "${text}"`);
    paging[name] = Number(text);
  }
  const matching = [...items.values()].filter((entry) =>
    filters.every(([name, values]) => Object.hasOwn(entry, name) && values.includes(textOf(entry[name]))),
  );
  const offset = paging._offset ?? 0;
  const page = matching.slice(offset, paging._limit === undefined ? undefined : offset + paging._limit);
  return {
    status: 200,
    headers: { 'x-total-count': String(matching.length) },
    json: structuredClone(page),
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function create(collection: Collection, def: ResourceDef, request: MockRequest): MockReply {
  const { body, refused } = objectBody(request);
  if (refused) return refused;
  const given = body[def.idField];
  if (given !== undefined && given !== null) {
    if (collection.items.has(String(given)))
      return error(409, `${def.name}: an item with ${def.idField} ${String(given)} exists already`);
    remember(collection, given);
  } else body[def.idField] = ++collection.largest;
  const id = String(body[def.idField]);
  collection.items.set(id, body);
  return {
    status: 201,
    headers: { location: `${def.path.replace(/\/+$/, '')}/${encodeURIComponent(id)}` },
    json: structuredClone(body),
  };
}

function itemReply(
  { items }: Collection,
  def: ResourceDef,
  method: string,
  id: string,
  request: MockRequest,
): MockReply {
  const current = items.get(id);
  if (!current) return error(404, `${def.name}: no item with ${def.idField} ${id}`);
  if (method === 'GET') return { status: 200, json: structuredClone(current) };
  if (method === 'DELETE') {
    items.delete(id);
    return { status: 204 };
  }
  const { body, refused } = objectBody(request);
  if (refused) return refused;
  const next = (method === 'PUT' ? body : mergePatch(current, body)) as Item;
  next[def.idField] = current[def.idField];
  items.set(id, next);
  return { status: 200, json: structuredClone(next) };
}

type Body = { body: Item; refused?: undefined } | { body?: undefined; refused: MockReply };

/** The request's JSON object (a copy), or the 400 that says why there is none. */
function objectBody(request: MockRequest): Body {
  const refuse = (problem: string): Body => ({
    refused: error(400, `${request.method.toUpperCase()} ${request.path}: ${problem}; send a JSON object`),
  });
  if (request.body.length === 0) return refuse('the body is empty');
  if (request.json === undefined) {
    const type = request.headers['content-type'];
    return refuse(`the body is not JSON${type ? ` (content-type ${type})` : ''}`);
  }
  if (!isObject(request.json)) return refuse(`the body is ${kindOf(request.json)}`);
  return { body: structuredClone(request.json) };
}

function error(status: number, message: string): MockReply {
  return { status, json: { error: message } };
}

/**
 * Completion and hover inside a `graphql:` query (SPEC §11), from the config's `graphql.schema`:
 * the fields of the type at the cursor (with their types and descriptions), the arguments inside
 * `field(…)`, and a field's or argument's description on hover.
 */
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionList,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import type * as Graphql from 'graphql';
import { queryCursor } from '../../../core/src/graphql/cursor.js';
import { scalarOffsets, type LocatedScalar } from '../../../core/src/graphql/locate.js';
import { graphql } from '../../../core/src/graphql/schema.js';
import { readGraphqlSchema } from '../../../core/src/validate/graphql.js';
import type { AnalyzedDocument } from '../analysis.js';

interface QueryAt {
  query: LocatedScalar;
  /** The cursor's offset in the query's value. */
  offset: number;
  schema: Graphql.GraphQLSchema;
  toDocument: (offset: number) => number;
}

const NAME = /[_A-Za-z0-9]/;

/** Fields or arguments at the cursor; undefined when the cursor is not inside a checked query. */
export function graphqlCompletion(
  analyzed: AnalyzedDocument,
  position: Position,
): CompletionList | undefined {
  const at = queryAt(analyzed, position);
  if (!at) return undefined;
  let start = at.offset;
  while (start > 0 && NAME.test(at.query.value[start - 1])) start--;
  const cursor = queryCursor(graphql(), at.schema, at.query.value.slice(0, start));
  const lines = analyzed.doc.lineIndex;
  const range = lines.rangeOf({ start: at.toDocument(start), end: at.toDocument(at.offset) });
  if (cursor.argumentsOf) {
    return {
      isIncomplete: false,
      items: cursor.argumentsOf.args.map((arg) => ({
        label: arg.name,
        kind: CompletionItemKind.Variable,
        detail: String(arg.type),
        ...(arg.description ? { documentation: arg.description } : {}),
        textEdit: { range, newText: `${arg.name}: ` },
      })),
    };
  }
  const fields = cursor.type ? Object.values(cursor.type.getFields()) : [];
  return {
    isIncomplete: false,
    items: fields.map((field) => ({
      label: field.name,
      kind: CompletionItemKind.Field,
      detail: String(field.type),
      ...(field.description ? { documentation: field.description } : {}),
      textEdit: { range, newText: field.name },
    })),
  };
}

/** The type and description of the field or argument under the cursor. */
export function graphqlHover(analyzed: AnalyzedDocument, position: Position): Hover | null | undefined {
  const at = queryAt(analyzed, position);
  if (!at) return undefined;
  const value = at.query.value;
  let start = at.offset;
  let end = at.offset;
  while (start > 0 && NAME.test(value[start - 1])) start--;
  while (end < value.length && NAME.test(value[end])) end++;
  if (start === end) return null;
  const name = value.slice(start, end);
  const cursor = queryCursor(graphql(), at.schema, value.slice(0, start));
  const found = cursor.argumentsOf
    ? cursor.argumentsOf.args.find((arg) => arg.name === name)
    : cursor.type?.getFields()[name];
  if (!found) return null;
  const lines = [`**${found.name}**: \`${String(found.type)}\``];
  if (found.description) lines.push('', found.description);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: analyzed.doc.lineIndex.rangeOf({ start: at.toDocument(start), end: at.toDocument(end) }),
  };
}

function queryAt(analyzed: AnalyzedDocument, position: Position): QueryAt | undefined {
  const config = analyzed.context.config?.graphql;
  const suite = analyzed.doc.suite;
  if (!config || !suite) return undefined;
  const target = analyzed.doc.lineIndex.offsetAt(position);
  const steps = [
    ...suite.before,
    ...suite.after,
    ...suite.tests.flatMap((test) => [...test.steps, ...(test.finally ?? [])]),
  ];
  for (const step of steps) {
    const query = step.body?.kind === 'graphql' ? step.body.query : undefined;
    if (!query || target < query.span.start || target > query.span.end) continue;
    const toDocument = scalarOffsets(analyzed.doc.text, query);
    if (!toDocument) return undefined;
    const offset = valueOffset(query.value.length, toDocument, target);
    if (offset === undefined) return undefined;
    const loaded = readGraphqlSchema(config.schema, analyzed.context.fileSystem);
    return 'schema' in loaded ? { query, offset, schema: loaded.schema, toDocument } : undefined;
  }
  return undefined;
}

function valueOffset(
  length: number,
  toDocument: (offset: number) => number,
  target: number,
): number | undefined {
  for (let offset = 0; offset <= length; offset++) if (toDocument(offset) === target) return offset;
  return undefined;
}

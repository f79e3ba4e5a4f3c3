/**
 * Completion and hover inside a `graphql:` query (SPEC §11), from the config's `graphql.schema`:
 * the fields of the type at the cursor (with their types and descriptions), the arguments inside
 * `field(…)`, and a field's or argument's description on hover; the keys of `variables:` from the
 * operation's own declarations.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type * as Graphql from 'graphql';
import { queryCursor, type DeclaredVariable, type QueryCursor } from '../../../core/src/graphql/cursor.js';
import { scalarOffsets, type LocatedScalar } from '../../../core/src/graphql/locate.js';
import { graphql, operationVariables } from '../../../core/src/graphql/schema.js';
import { readGraphqlSchema } from '../../../core/src/validate/graphql.js';
import type { AnalyzedDocument } from '../analysis.js';
import { stepPath, writtenKeys, type CursorContext } from '../cursor.js';
import { stepAt } from './openapiStep.js';

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
  const range = analyzed.doc.lineIndex.rangeOf({
    start: at.toDocument(start),
    end: at.toDocument(at.offset),
  });
  return { isIncomplete: false, items: items(cursor, range) };
}

function items(cursor: QueryCursor, range: Range): CompletionItem[] {
  if (cursor.variable)
    return cursor.variables.map((variable) => variableItem(variable, range, variable.name));
  if (cursor.inputFieldValue) return valueItems(cursor.inputFieldValue, cursor.variables, range);
  if (cursor.inputObject) {
    return Object.values(cursor.inputObject.getFields()).map((field) => ({
      label: field.name,
      kind: CompletionItemKind.Field,
      detail: String(field.type),
      ...(field.description ? { documentation: field.description } : {}),
      textEdit: { range, newText: `${field.name}: ` },
    }));
  }
  if (cursor.argumentValue) return valueItems(cursor.argumentValue, cursor.variables, range);
  if (cursor.argumentsOf) {
    return cursor.argumentsOf.args.map((arg) => ({
      label: arg.name,
      kind: CompletionItemKind.Variable,
      detail: String(arg.type),
      ...(arg.description ? { documentation: arg.description } : {}),
      textEdit: { range, newText: `${arg.name}: ` },
    }));
  }
  const fields = cursor.type ? Object.values(cursor.type.getFields()) : [];
  return fields.map((field) => ({
    label: field.name,
    kind: CompletionItemKind.Field,
    detail: String(field.type),
    ...(field.description ? { documentation: field.description } : {}),
    textEdit: { range, newText: field.name },
  }));
}

/**
 * An argument's or input field's value: the values of an enum type, then the operation's variables
 * of its type.
 */
function valueItems(
  arg: Graphql.GraphQLArgument | Graphql.GraphQLInputField,
  variables: DeclaredVariable[],
  range: Range,
): CompletionItem[] {
  const named = graphql().getNamedType(arg.type);
  const values = graphql().isEnumType(named)
    ? named.getValues().map((value): CompletionItem => ({
        label: value.name,
        kind: CompletionItemKind.EnumMember,
        detail: named.name,
        ...(value.description ? { documentation: value.description } : {}),
        ...(value.deprecationReason ? { tags: [CompletionItemTag.Deprecated] } : {}),
        textEdit: { range, newText: value.name },
      }))
    : [];
  const wanted = String(arg.type).replace(/!$/, '');
  const fitting = variables.filter((variable) => variable.type.replace(/!$/, '') === wanted);
  return [...values, ...fitting.map((variable) => variableItem(variable, range, `$${variable.name}`))];
}

/** The value `name` of an enum-typed argument or input field, described like a field (its type is the enum). */
function enumValue(
  arg: Graphql.GraphQLArgument | Graphql.GraphQLInputField,
  name: string,
):
  { name: string; type: string; description?: string | null; deprecationReason?: string | null } | undefined {
  const named = graphql().getNamedType(arg.type);
  const value = graphql().isEnumType(named) ? named.getValue(name) : undefined;
  return value ? { ...value, type: named.name } : undefined;
}

function variableItem(variable: DeclaredVariable, range: Range, newText: string): CompletionItem {
  return {
    label: `$${variable.name}`,
    kind: CompletionItemKind.Variable,
    detail: variable.type,
    textEdit: { range, newText },
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
  const valued = cursor.inputFieldValue ?? cursor.argumentValue;
  const found = valued
    ? enumValue(valued, name)
    : cursor.inputObject
      ? cursor.inputObject.getFields()[name]
      : cursor.argumentsOf
        ? cursor.argumentsOf.args.find((arg) => arg.name === name)
        : cursor.type?.getFields()[name];
  if (!found) return null;
  const lines = [`**${found.name}**: \`${String(found.type)}\``];
  if (found.description) lines.push('', found.description);
  if (found.deprecationReason) lines.push('', `Deprecated: ${found.deprecationReason}`);
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

/**
 * Keys of a `graphql:` step's `variables:` map: the variables its operation declares and the map
 * does not give yet, required ones first. No schema needed: they come from the query itself.
 */
export function graphqlVariableKeyItems(
  analyzed: AnalyzedDocument,
  cursor: CursorContext,
  offset: number,
): CompletionItem[] | undefined {
  const path = cursor.position === 'key' ? stepPath(cursor.path) : undefined;
  if (path?.length !== 2 || path[0] !== 'graphql' || path[1] !== 'variables') return undefined;
  const body = stepAt(analyzed, offset)?.body;
  if (body?.kind !== 'graphql' || !body.query) return undefined;
  const operationName = (body.value as { operationName?: unknown } | null)?.operationName;
  const declared = operationVariables(
    body.query.value,
    typeof operationName === 'string' ? operationName : undefined,
  );
  if (!declared) return undefined;
  const present = writtenKeys(analyzed.doc.lineIndex, cursor, offset);
  return declared
    .filter((variable) => !present.has(variable.name))
    .map((variable, position) => ({
      label: variable.name,
      kind: CompletionItemKind.Variable,
      detail: variable.required ? `${variable.type} (required)` : variable.type,
      sortText: `${variable.required ? 0 : 1}${String(position).padStart(4, '0')}`,
      insertText: `${variable.name}: `,
    }));
}

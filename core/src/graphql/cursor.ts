/**
 * What a position in a GraphQL query is inside of, from the text before it (which may not parse
 * yet, as while typing): the field types enclosing it, and the field whose arguments it is in.
 */
import type * as Graphql from 'graphql';

export interface QueryCursor {
  /** The type whose fields may be written here (undefined: not known in the schema). */
  type?: Graphql.GraphQLObjectType | Graphql.GraphQLInterfaceType;
  /** Inside `field(…)`: that field, whose arguments may be written here. */
  argumentsOf?: Graphql.GraphQLField<unknown, unknown>;
}

const TOKEN = /"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[_A-Za-z][_0-9A-Za-z]*|[{}()]|\S/g;

type Scope = { name?: string; typeCondition?: string };

export function queryCursor(
  graphql: typeof Graphql,
  schema: Graphql.GraphQLSchema,
  before: string,
): QueryCursor {
  const stack: Scope[] = [];
  let operation: string | undefined;
  let lastName: string | undefined;
  let previous: string | undefined;
  let typeCondition: string | undefined;
  let argumentsOf: string | undefined;
  for (const [token] of before.matchAll(TOKEN)) {
    if (token.startsWith('#') || token.startsWith('"')) continue;
    if (token === '{') {
      stack.push({ name: lastName, typeCondition });
      lastName = typeCondition = undefined;
    } else if (token === '}') {
      stack.pop();
      lastName = undefined;
    } else if (token === '(') argumentsOf = lastName;
    else if (token === ')') {
      lastName = argumentsOf;
      argumentsOf = undefined;
    } else if (/^[_A-Za-z]/.test(token) && argumentsOf === undefined) {
      if (stack.length === 0 && operation === undefined) operation = token;
      if (previous === 'on') typeCondition = token;
      else lastName = token;
    }
    previous = token;
  }
  let type: Graphql.GraphQLNamedType | undefined | null =
    operation === 'mutation'
      ? schema.getMutationType()
      : operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  for (const [index, scope] of stack.entries()) {
    if (scope.typeCondition) type = schema.getType(scope.typeCondition);
    else if (index > 0) type = fieldOf(graphql, type, scope.name)?.type;
  }
  const fields = asFields(graphql, type);
  if (argumentsOf !== undefined) {
    const field = fields?.getFields()[argumentsOf];
    return { ...(fields ? { type: fields } : {}), ...(field ? { argumentsOf: field } : {}) };
  }
  return fields ? { type: fields } : {};
}

function fieldOf(
  graphql: typeof Graphql,
  type: Graphql.GraphQLNamedType | undefined | null,
  name: string | undefined,
): { type: Graphql.GraphQLNamedType } | undefined {
  const field = name === undefined ? undefined : asFields(graphql, type)?.getFields()[name];
  return field ? { type: graphql.getNamedType(field.type) } : undefined;
}

function asFields(
  graphql: typeof Graphql,
  type: Graphql.GraphQLNamedType | undefined | null,
): Graphql.GraphQLObjectType | Graphql.GraphQLInterfaceType | undefined {
  return graphql.isObjectType(type) || graphql.isInterfaceType(type) ? type : undefined;
}

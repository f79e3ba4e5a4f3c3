/**
 * What a position in a GraphQL query is inside of, from the text before it (which may not parse
 * yet, as while typing): the field types enclosing it, the field whose arguments it is in, the
 * argument whose value it is writing, and the variables the operation declares.
 */
import type * as Graphql from 'graphql';

export interface QueryCursor {
  /** The type whose fields may be written here (undefined: not known in the schema). */
  type?: Graphql.GraphQLObjectType | Graphql.GraphQLInterfaceType;
  /** Inside `field(…)`: that field, whose arguments may be written here. */
  argumentsOf?: Graphql.GraphQLField<unknown, unknown>;
  /** After `name:` inside `field(…)`: the argument whose value is written here. */
  argumentValue?: Graphql.GraphQLArgument;
  /** Inside an input object value (`field(input: { … })`): its type, whose fields may be written here. */
  inputObject?: Graphql.GraphQLInputObjectType;
  /** After `name:` inside an input object: the input field whose value is written here. */
  inputFieldValue?: Graphql.GraphQLInputField;
  /** Right after a `$` inside a selection: a variable name is written here. */
  variable?: true;
  /** The variables the operation declares (`query Q($id: ID!)`), in order, with their types as written. */
  variables: DeclaredVariable[];
}

export interface DeclaredVariable {
  name: string;
  type: string;
}

const TOKEN = /"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[_A-Za-z][_0-9A-Za-z]*|[{}()]|\S/g;
const NAME = /^[_A-Za-z]/;

type Scope = { name?: string; typeCondition?: string };

/** Where an argument list is: which argument (or input field) is being named or valued. */
interface ArgumentsState {
  field: string | undefined;
  /** The argument, or inside an input object the input field, named last. */
  argument?: string;
  /** After `argument:` until its value is complete. */
  valuing: boolean;
  /**
   * The object and list values the cursor is inside, outermost first, each with the argument or
   * input field it is (part of) the value of: `a: [{ b: {` → list a, object a, object b.
   */
  values: Array<{ kind: 'object' | 'list'; key: string | undefined }>;
}

export function queryCursor(
  graphql: typeof Graphql,
  schema: Graphql.GraphQLSchema,
  before: string,
): QueryCursor {
  const stack: Scope[] = [];
  const variables: DeclaredVariable[] = [];
  let declaring: DeclaredVariable | 'name' | undefined;
  let operation: string | undefined;
  let lastName: string | undefined;
  let previous: string | undefined;
  let typeCondition: string | undefined;
  let args: ArgumentsState | undefined;
  for (const [token] of before.matchAll(TOKEN)) {
    if (token.startsWith('#')) continue;
    if (args && stack.length === 0) declaring = declare(declaring, token, variables);
    if (token.startsWith('"')) {
      if (args) args.valuing = false;
    } else if (args && valueToken(args, token)) {
      // inside an argument's value: `{`, `}`, `[` and `]` of input objects and lists
    } else if (token === '{') {
      stack.push({ name: lastName, typeCondition });
      lastName = typeCondition = undefined;
    } else if (token === '}') {
      stack.pop();
      lastName = undefined;
    } else if (token === '(') args = { field: lastName, valuing: false, values: [] };
    else if (token === ')') {
      lastName = args?.field;
      args = declaring = undefined;
    } else if (args) argumentToken(args, token, previous);
    else if (NAME.test(token)) {
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
  const cursor: QueryCursor = { ...(fields ? { type: fields } : {}), variables };
  if (previous === '$' && stack.length > 0) cursor.variable = true;
  if (args === undefined || stack.length === 0) return cursor;
  const field = args.field === undefined ? undefined : fields?.getFields()[args.field];
  const keys = args.values.filter((value) => value.kind === 'object').map((value) => value.key);
  if (keys.length > 0) {
    const inputObject = field && inputObjectAt(graphql, field, keys);
    if (inputObject && args.valuing) {
      const inputField = args.argument === undefined ? undefined : inputObject.getFields()[args.argument];
      if (inputField) cursor.inputFieldValue = inputField;
    } else if (inputObject) cursor.inputObject = inputObject;
    return cursor;
  }
  if (field) cursor.argumentsOf = field;
  const valuing = args.valuing || args.values.length > 0;
  const argumentValue = valuing ? field?.args.find((arg) => arg.name === args.argument) : undefined;
  if (argumentValue) cursor.argumentValue = argumentValue;
  return cursor;
}

/**
 * `{`, `}`, `[` and `]` inside `field(…)` open and close object and list values; true when the
 * token was one of them. An object's keys are its input fields, so the argument named before it
 * is kept with it and restored when it closes (its value is then complete).
 */
function valueToken(args: ArgumentsState, token: string): boolean {
  const inner = args.values.at(-1);
  const inValue = args.valuing || inner?.kind === 'list';
  const key = args.valuing || inner?.kind !== 'list' ? args.argument : inner.key;
  if ((token === '{' || token === '[') && inValue) {
    args.values.push({ kind: token === '{' ? 'object' : 'list', key });
    if (token === '{') args.argument = undefined;
    args.valuing = token === '[';
    return true;
  }
  if ((token === '}' && inner?.kind === 'object') || (token === ']' && inner?.kind === 'list')) {
    args.values.pop();
    args.argument = inner.key;
    args.valuing = args.values.at(-1)?.kind === 'list';
    return true;
  }
  if (token === ',' && inner?.kind === 'list') {
    args.valuing = true;
    return true;
  }
  return false;
}

/** The input object type at the end of `keys`: an argument of `field`, then input fields. */
function inputObjectAt(
  graphql: typeof Graphql,
  field: Graphql.GraphQLField<unknown, unknown>,
  keys: Array<string | undefined>,
): Graphql.GraphQLInputObjectType | undefined {
  let type: Graphql.GraphQLInputType | undefined = field.args.find((arg) => arg.name === keys[0])?.type;
  let object: Graphql.GraphQLInputObjectType | undefined;
  for (const [index, key] of keys.entries()) {
    if (index > 0) type = key === undefined ? undefined : object?.getFields()[key]?.type;
    const named = type && graphql.getNamedType(type);
    if (!graphql.isInputObjectType(named)) return undefined;
    object = named;
  }
  return object;
}

/** One token inside `field(…)`: an argument's name, its `:`, or (part of) its value. */
function argumentToken(args: ArgumentsState, token: string, previous: string | undefined): void {
  if (token === ':') args.valuing = true;
  else if (token === '$' || token === ',') return;
  else if (args.valuing) args.valuing = false;
  else if (NAME.test(token) && previous !== '$') args.argument = token;
}

/** Follows `$name: Type` declarations in an operation's header; returns what is expected next. */
function declare(
  state: DeclaredVariable | 'name' | undefined,
  token: string,
  variables: DeclaredVariable[],
): DeclaredVariable | 'name' | undefined {
  if (token === '$') return 'name';
  if (state === 'name' && NAME.test(token)) {
    const variable = { name: token, type: '' };
    variables.push(variable);
    return variable;
  }
  if (typeof state !== 'object' || token === ',' || token === '=' || token === '@' || token === ')')
    return undefined;
  if (token !== ':') state.type += token;
  return state;
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

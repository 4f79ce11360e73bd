// What one operation may cost, judged with the request's variables before
// grafast plans or executes anything. A validation rule cannot do this: grafserv
// validates (and caches) the document without its variables, and `first: $n`
// must not be a way around the page-size limit.
//
// Cost model: every field costs 1; whatever sits under a connection's `nodes`
// or `edges` costs once per row the page may hold (`first`/`last`, else the
// default page size), so nested connections multiply.
import {
  GraphQLError,
  GraphQLInt,
  Kind,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "postgraphile/graphql";
import { TOO_COMPLEX } from "./rules.ts";

export interface CostLimits {
  maxCost: number;
  maxPageSize: number;
  defaultPageSize: number;
}

export interface OperationToJudge {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

class Refusal extends Error {
  readonly error: GraphQLError;
  constructor(error: GraphQLError) {
    super(error.message);
    this.error = error;
  }
}

const PAGED_LISTS = new Set(["nodes", "edges"]);

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith("Connection") && field.args.some((arg) => arg.name === "first");
}

/**
 * Documents whose every page size is written in the document (none is a
 * variable) and that may run: per operation name. grafserv hands the same
 * DocumentNode to every request with the same text (its parse cache), so the
 * common case (the same few operations over and over) is judged once, not
 * once per request (walking the document and coercing the variables again is
 * a measurable part of a small request's cost: bench, sold-out scenario).
 * Refusals are never remembered: they are rare, and with variables that do not
 * coerce grafast's own answer comes first.
 */
const allowedUnder = new WeakMap<CostLimits, WeakMap<DocumentNode, Set<string | null | undefined>>>(); // per server's limits

/** The operation's refusal (too costly, or a page too large), or undefined when it may run. */
export function refuseCostlyOperation(operation: OperationToJudge, limits: CostLimits): GraphQLError | undefined {
  let allowed = allowedUnder.get(limits);
  if (!allowed) allowedUnder.set(limits, (allowed = new WeakMap()));
  if (allowed.get(operation.document)?.has(operation.operationName)) return undefined;
  const { refusal, usesVariables } = judge(operation, limits);
  if (!refusal && !usesVariables) {
    let names = allowed.get(operation.document);
    if (!names) allowed.set(operation.document, (names = new Set()));
    names.add(operation.operationName);
  }
  return refusal;
}

function judge(operation: OperationToJudge, limits: CostLimits): { refusal?: GraphQLError; usesVariables: boolean } {
  const { schema, document } = operation;
  // Whether a page size came from a variable: then the verdict holds for these variables only.
  let usesVariables = false;
  const definition = getOperationAST(document, operation.operationName);
  const rootType = definition && schema.getRootType(definition.operation);
  // No such operation, or variables that do not coerce: grafast answers those itself.
  if (!definition || !rootType) return { usesVariables: true };
  const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], operation.variableValues ?? {}, { maxErrors: 1 });
  if (coerced.errors) return { usesVariables: true };
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const node of document.definitions) if (node.kind === Kind.FRAGMENT_DEFINITION) fragments.set(node.name.value, node);

  const tooCostly = (found?: number) =>
    new Refusal(
      new GraphQLError(
        found === undefined
          ? `Query cost limit of ${limits.maxCost} exceeded.`
          : `Query cost limit of ${limits.maxCost} exceeded, found ${found}.`,
        { extensions: { code: TOO_COMPLEX } },
      ),
    );

  /** Rows one page of this connection may hold; refuses sizes outside 0..maxPageSize. */
  const pageRows = (field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const sizes: number[] = [];
    for (const argument of node.arguments ?? []) {
      const name = argument.name.value;
      if (name !== "first" && name !== "last") continue;
      if (argument.value.kind === Kind.VARIABLE) usesVariables = true;
      const size = valueFromAST(argument.value, GraphQLInt, variables) as number | null | undefined;
      if (size == null) continue;
      if (size < 0 || size > limits.maxPageSize) {
        throw new Refusal(
          new GraphQLError(`\`${name}\` on ${field.name} must be between 0 and ${limits.maxPageSize}; got ${size}.`, {
            nodes: [argument],
            extensions: { code: "INVALID_INPUT", field: name },
          }),
        );
      }
      sizes.push(size);
    }
    // An empty page still plans its subtree: count at least one row of it.
    return Math.max(1, sizes.length ? Math.min(...sizes) : limits.defaultPageSize);
  };

  // Every field visited adds at least 1, so stopping at maxCost visits bounds
  // this walk even for fragments spread many times.
  let visits = 0;
  const selectionCost = (type: GraphQLNamedType, selectionSet: SelectionSetNode, rowsPerNode: number): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fieldCost = costOf(type, selection);
        cost += PAGED_LISTS.has(selection.name.value) ? fieldCost * rowsPerNode : fieldCost;
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : undefined;
        cost += selectionCost(condition ?? type, fragment.selectionSet, rowsPerNode);
      }
      if (cost > limits.maxCost) throw tooCostly();
    }
    return cost;
  };
  const costOf = (parentType: GraphQLNamedType, node: FieldNode): number => {
    if (++visits > limits.maxCost) throw tooCostly();
    const name = node.name.value;
    // Introspection answers from the schema in memory (and is off in production).
    if (name === "__schema" || name === "__type") return 0;
    const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
    if (!field || !node.selectionSet) return 1;
    const rows = isConnection(field) ? pageRows(field, node) : 1;
    return 1 + selectionCost(getNamedType(field.type), node.selectionSet, rows);
  };

  try {
    const total = selectionCost(rootType, definition.selectionSet, 1);
    return { refusal: total > limits.maxCost ? tooCostly(total).error : undefined, usesVariables };
  } catch (error) {
    if (error instanceof Refusal) return { refusal: error.error, usesVariables };
    throw error;
  }
}

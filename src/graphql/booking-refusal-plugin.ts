// A booking this process already knows the database would refuse (sold out,
// started, outside its sales window: src/booking/fast-path.ts) is answered
// before grafast plans or runs anything. The answer is the one grafast gives
// when `bookTicket` rejects with the same error: `data: { bookTicket: null }`
// (under its alias) and one error at that field, which grafserv masks like any
// other (mask-error.ts: message and `extensions.code`). The refused request
// then costs about what `{ __typename }` does (bench: sold-out scenario), which
// matters when thousands of students keep pressing "book" after a sell-out.
//
// Only the plainest shape takes this path: a mutation that is exactly one
// `bookTicket` field, no directives, its variables valid. Anything else goes
// to grafast as before, and gets the same answer the long way.
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type OperationDefinitionNode,
} from "postgraphile/graphql";
import { appRoleOf, type PgSettings } from "../auth/pg-settings.ts";
import type { AvailabilityCache } from "../booking/availability-cache.ts";
import { countFastRefusal } from "../metrics/index.ts";

interface BookingOperation {
  operation: OperationDefinitionNode;
  field: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  /** Where the answer goes: the alias, or bookTicket. */
  responseKey: string;
  /** The answer's error per refusal code, made once (see below). */
  errors: Map<string, GraphQLError>;
}

type Args = Parameters<NonNullable<GraphileConfig.GrafastMiddleware["execute"]>>[0]["args"];

/** The operation when it is one plain bookTicket field, else null. */
function bookingOperation(args: Args): BookingOperation | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== "mutation" || operation.directives?.length) return null;
  const [selection, ...rest] = operation.selectionSet.selections;
  if (rest.length || selection?.kind !== Kind.FIELD || selection.name.value !== "bookTicket" || selection.directives?.length) return null;
  const definition = args.schema.getMutationType()?.getFields().bookTicket;
  if (!definition) return null;
  return { operation, field: selection, definition, responseKey: selection.alias?.value ?? "bookTicket", errors: new Map() };
}

export function makeBookingRefusalPlugin(availability: AvailabilityCache): GraphileConfig.Plugin {
  // Per parsed document (grafserv reuses one per distinct text) and operation
  // name. Only names the document defines are kept (and no name): the name is
  // the client's to choose, and one entry per name sent would grow without bound.
  const shapes = new WeakMap<DocumentNode, Map<string | null | undefined, BookingOperation | null>>();
  const shapeOf = (args: Args) => {
    let byName = shapes.get(args.document);
    if (!byName) shapes.set(args.document, (byName = new Map()));
    let shape = byName.get(args.operationName);
    if (shape !== undefined) return shape;
    shape = bookingOperation(args);
    if (args.operationName == null || getOperationAST(args.document, args.operationName)) byName.set(args.operationName, shape);
    return shape;
  };

  return {
    name: "BookingRefusalPlugin",
    version: "1.0.0",
    // Inside the request bounds (cost, websocket rules): those still answer first.
    after: ["GraphqlLimitsPlugin", "SubscriptionLimitPlugin"],
    grafast: {
      middleware: {
        execute(next, event) {
          const { args } = event;
          const started = performance.now();
          const role = appRoleOf((args.contextValue as { pgSettings?: PgSettings } | undefined)?.pgSettings);
          if (role !== "student") return next();
          const shape = shapeOf(args);
          if (!shape) return next();
          const variables = getVariableValues(args.schema, shape.operation.variableDefinitions ?? [], args.variableValues ?? {}, {
            maxErrors: 1,
          });
          if (variables.errors) return next(); // grafast words those
          let input: { eventId: number; idempotencyKey?: string | null };
          try {
            ({ input } = getArgumentValues(shape.definition, shape.field, variables.coerced) as { input: typeof input });
          } catch {
            // graphql-js throws for some valid documents (a defaulted nullable
            // variable given null where the argument is non-null): grafast words those.
            return next();
          }
          const refusal = availability.refusalFor(role, input.eventId, input.idempotencyKey ?? null);
          if (!refusal) return next();
          countFastRefusal(refusal, started);
          // The error as grafast would build it (nodes, path, originalError), made
          // once per document and refusal: everything in it comes from those two
          // (the refusal is one shared AppError per code, fast-path.ts), and
          // masking only ever sets the same message and code on it again
          // (mask-error.ts). Building a GraphQLError per refusal was a measurable
          // part of its cost (bench, sold-out scenario).
          let error = shape.errors.get(refusal.code);
          if (!error) {
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0; // the stack shown is the AppError's, which has none (src/errors.ts)
            try {
              error = new GraphQLError(refusal.message, { nodes: shape.field, path: [shape.responseKey], originalError: refusal });
            } finally {
              Error.stackTraceLimit = limit;
            }
            shape.errors.set(refusal.code, error);
          }
          return { data: { [shape.responseKey]: null }, errors: [error] }; // grafast's order of keys
        },
      },
    },
  };
}

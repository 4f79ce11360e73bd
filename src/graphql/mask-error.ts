// What GraphQL clients see when something fails: our stable codes in
// `extensions.code` (the same map as REST, src/errors.ts), validation messages
// as they are, and nothing at all of an unexpected error (it is logged).
import { SafeError } from "postgraphile/grafast";
import { GraphQLError } from "postgraphile/graphql";
import { callerRole } from "../auth/http.ts";
import { toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { withoutSuggestions } from "./limits/rules.ts";

/** The same error, placed where the original was, with a new message and extensions. */
function reshaped(error: GraphQLError, message: string, extensions: Record<string, unknown>) {
  // A client-facing answer, not a bug: skip capturing a stack trace nobody reads.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions,
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The same error, its message and extensions replaced in place. Only for errors
 * made for this one answer (grafast wraps each failure of an execution in a new
 * GraphQLError), never for validation errors, which grafserv may keep with the
 * parsed document and hand to the next request. Building a second GraphQLError
 * is a measurable part of a refused booking's cost (bench: sold-out scenario).
 */
function rewritten(error: GraphQLError, message: string, extensions: Record<string, unknown>) {
  error.message = message;
  (error as { extensions: Record<string, unknown> }).extensions = extensions;
  return error;
}

export function makeMaskError(log: Logger, options: { hideSuggestions?: boolean } = {}) {
  const shown = (message: string) => (options.hideSuggestions ? withoutSuggestions(message) : message);
  return (error: GraphQLError): GraphQLError => {
    const appError = toAppError(error.originalError ?? error, callerRole.getStore());
    if (appError) {
      // Our own or the database's refusal: the error was made for this execution (above).
      return (error.originalError ? rewritten : reshaped)(error, appError.message, {
        code: appError.code,
        // The database names columns (total_tickets); GraphQL clients know the field as totalTickets.
        ...(appError.field ? { field: appError.field.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase()) } : {}),
        ...(appError.retryAfterSeconds !== undefined ? { retryAfter: appError.retryAfterSeconds } : {}),
      });
    }
    if (!error.originalError || error.originalError instanceof GraphQLError) {
      // Query/variable validation: the message is already safe and useful.
      return reshaped(error, shown(error.message), { code: "INVALID_INPUT", ...error.extensions });
    }
    if ((error.originalError as { cause?: unknown }).cause instanceof GraphQLError) {
      // grafast's planning refused the variables, e.g. null given to a defaulted
      // variable where the argument is non-null: the client's input, worded by graphql.
      return reshaped(error, shown((error.originalError as { cause: GraphQLError }).cause.message), { code: "INVALID_INPUT" });
    }
    if (error.originalError instanceof SafeError) {
      // grafast's own errors meant for the client, e.g. a malformed pagination cursor, and our
      // refusals before parsing (limits/index.ts), some with when to retry.
      const { code = "INVALID_INPUT", retryAfter } = error.originalError.extensions ?? {};
      return reshaped(error, error.originalError.message, { code, ...(retryAfter === undefined ? {} : { retryAfter }) });
    }
    log.error({ err: error.originalError, path: error.path }, "unexpected GraphQL error");
    return reshaped(error, "Something went wrong on our side.", { code: "INTERNAL" });
  };
}

// The one map from failures to what clients see: a stable code, a sentence a
// person understands, and the HTTP status. GraphQL uses the same codes in
// `extensions.code`. Every refusal is a row of the catalogue app_private.errors
// (db/schema/errors.sql, generated into src/generated/vocabulary.ts): SQL raises
// it with app_private.fail (errcode 'TKnnn', nnn = HTTP status, the code in
// DETAIL and the field in HINT), the server with appError below.
import { ERRORS, type ErrorReason } from "./generated/vocabulary.ts";

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** For 429 and 503: when to try again (the Retry-After header, `extensions.retryAfter` in GraphQL). */
  readonly retryAfterSeconds?: number;
  /** More about the failure, e.g. every invalid field of a request (REST `error.details`). */
  readonly details?: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    retryAfterSeconds?: number,
    details?: Record<string, unknown>,
  ) {
    // An answer to the client, not a bug: no stack trace to capture (it is a
    // measurable part of a refused request's cost, e.g. SOLD_OUT in a rush).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = "AppError";
    this.status = status;
    this.code = code;
    if (field) this.field = field;
    const retryAfter = retryAfterSeconds ?? (status === 503 || status === 429 ? 1 : undefined);
    if (retryAfter !== undefined) this.retryAfterSeconds = retryAfter;
    if (details) this.details = details;
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** A catalogue message with its %s filled in order (format()'s rules for %s and %%, as app_private.fail). */
export function formatMessage(template: string, args: readonly (string | number)[]): string {
  let next = 0;
  return template.replace(/%[s%]/g, (token) => (token === "%%" ? "%" : String(args[next++] ?? "")));
}

/** The catalogue's refusal `reason` (db/schema/errors.sql), as app_private.fail(reason, field, args…) raises it. */
export function appError(reason: ErrorReason, field?: string, ...args: (string | number)[]): AppError {
  const { status, code, message } = ERRORS[reason];
  return new AppError(status, code, formatMessage(message, args), field);
}

interface PgErrorLike {
  code: string;
  detail?: string;
  hint?: string;
  constraint?: string;
  column?: string;
  message: string;
}

function isPgError(error: unknown): error is PgErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as PgErrorLike).code === "string" &&
    /^[0-9A-Z]{5}$/.test((error as PgErrorLike).code)
  );
}

/** `events_total_tickets_valid` → `total_tickets` (our constraint naming convention). */
function fieldOfConstraint(constraint: string | undefined): string | undefined {
  const match = constraint?.match(/^[a-z]+?s_(.+)_valid$/);
  return match?.[1];
}

/**
 * Translate a database (or our own) error into an AppError, or undefined when
 * it is not something the client caused: those are logged and shown as 500.
 * `role` ('anonymous' | 'student' | 'admin'), when known, tells "sign in
 * first" (401) from "not allowed" (403).
 */
const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);

export function toAppError(error: unknown, role?: string): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error === "object" && error !== null && saturatedWaits.has(error)) {
    // Every pooled connection was busy with other requests for the whole wait: the
    // database is there, this instance is saturated (src/db/pools.ts).
    return appError("BUSY");
  }
  if (isUnavailable(error)) {
    return appError("DATABASE_UNAVAILABLE");
  }
  if (!isPgError(error)) return undefined;
  const { code } = error;

  if (code.startsWith("TK")) {
    const status = Number(code.slice(2));
    // HINT is the field, or for 429 `retry_after=<seconds>` (app_private.fail_throttled).
    const retryAfter = error.hint?.match(/^retry_after=(\d+)$/)?.[1];
    if (retryAfter) return new AppError(status, error.detail || "ERROR", error.message, undefined, Number(retryAfter));
    return new AppError(status, error.detail || "ERROR", error.message, error.hint || undefined);
  }
  if (code === "55P03" || code === "40P01" || code === "40001") {
    // lock_timeout (app_private.lock_event), or a deadlock/serialization failure the
    // database resolved by cancelling this transaction: nothing was written, a retry succeeds.
    return appError("BUSY");
  }
  if (code === "42501") {
    return role === "anonymous" ? appError("UNAUTHENTICATED") : appError("FORBIDDEN");
  }
  if (code === "23514") {
    const field = fieldOfConstraint(error.constraint);
    return field ? appError("INVALID_INPUT:field", field, field) : appError("INVALID_INPUT");
  }
  if (code === "23502") {
    return appError("INVALID_INPUT:required", error.column, error.column ?? "A field");
  }
  if (code === "23503") {
    return appError("INVALID_INPUT:reference");
  }
  if (code === "23505") {
    return appError("CONFLICT");
  }
  if (code.startsWith("22")) {
    // data exceptions: bad number/date syntax, out of range, string too long
    return appError("INVALID_INPUT:format");
  }
  return undefined;
}

// Waits for a pooled connection that ran out while every connection was in use (marked by src/db/pools.ts).
const saturatedWaits = new WeakSet<object>();

/** Mark pg-pool's "timeout exceeded when trying to connect" as a wait behind busy connections (then BUSY, not DATABASE_UNAVAILABLE). */
export function poolSaturated<T>(error: T): T {
  if (typeof error === "object" && error !== null) saturatedWaits.add(error);
  return error;
}

// Errors raised while opening a connection (marked by src/db/pools.ts).
const refusedConnections = new WeakSet<object>();

/** Mark an error as the database's refusal to open a connection (then retryable: see isUnavailable). */
export function refusedConnection<T>(error: T): T {
  if (typeof error === "object" && error !== null) refusedConnections.add(error);
  return error;
}

/**
 * SQLSTATEs that mean "not now" from a server that is there: connection
 * exceptions (08), insufficient resources (53: too many connections for the
 * server, the database or the role, out of memory, disk full), and the server
 * or database going away (57P01 admin shutdown, 57P02 crash, 57P03 starting
 * up, 57P04 database dropped, 57P05 idle session timeout).
 */
const UNAVAILABLE_CODE = /^(08|53)|^57P0[1-5]$/;

/** The database cannot be reached, refuses connections or is shutting down: retryable, not the client's fault. */
function isUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  // node-postgres raises these as plain Errors with no code to match instead
  // (pg 8.23 client.js, pg-pool index.js), so the message is all there is; the
  // last: a pooled connection whose backend was terminated between two queries
  // of one transaction.
  if (
    typeof message === "string" &&
    /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/.test(message)
  ) {
    return true;
  }
  if (typeof code !== "string") return false;
  if (NETWORK_ERRORS.has(code) || UNAVAILABLE_CODE.test(code)) return true;
  // 55000 (object not in prerequisite state) on connecting: the database does not
  // accept connections now (ALLOW_CONNECTIONS false). Raised by a query, it is a bug.
  return code === "55000" && refusedConnections.has(error as object);
}

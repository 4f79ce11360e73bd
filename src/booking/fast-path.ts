// The refusals this process may give without asking the database. The database
// decides each booking in one order (allocate_seats, db/schema/booking.sql):
//   FORBIDDEN → INVALID_INPUT (key) → replay → NOT_FOUND → EVENT_CANCELLED →
//   EVENT_STARTED → SALES_CLOSED / SALES_NOT_OPEN → SOLD_OUT → LIMIT_REACHED →
//   PAYMENTS_UNAVAILABLE.
// For a student booking without an idempotency key the rules before
// EVENT_CANCELLED cannot apply, and the availability message carries everything
// the next four need (its sales state says cancelled, which is final; start,
// window, seats left). So the fast path answers
// exactly that prefix, in that order, and leaves everything else to the database.
// For an event that does not exist (the cache asked the database,
// availability-cache.ts) a student's booking, key or not, can only be refused:
// replay needs a ticket of the event, so INVALID_INPUT for a key the database
// would not take, else NOT_FOUND.
//
// Time is judged on this machine's clock: within CLOCK_MARGIN_MS of a moment
// (sales open, sales close, the start) the answer could depend on whose clock,
// so the database decides. Seats left are as last heard (behind by the time a
// notification takes to arrive, never ahead).
import { appError, type AppError } from "../errors.ts";
import type { ErrorReason } from "../generated/vocabulary.ts";

/** How far this machine's clock may be from the database's without the fast path answering differently. */
export const CLOCK_MARGIN_MS = 1_000;

/** What the fast path knows of one event (milliseconds since the epoch). */
export interface KnownEvent {
  /** The event was called off (sales_state 'cancelled': final, so never stale in that direction). */
  cancelled?: boolean;
  startsAt: number;
  salesStart: number | null;
  salesEnd: number | null;
  remaining: number;
}

/** The refusals it can give, by code: the catalogue's rows that allocate_seats answers with (db/schema/errors.sql). */
export const FAST_PATH_REFUSALS = {
  INVALID_INPUT: "INVALID_INPUT:idempotency_key",
  NOT_FOUND: "NOT_FOUND:event",
  EVENT_CANCELLED: "EVENT_CANCELLED",
  EVENT_STARTED: "EVENT_STARTED",
  SALES_CLOSED: "SALES_CLOSED",
  SALES_NOT_OPEN: "SALES_NOT_OPEN",
  SOLD_OUT: "SOLD_OUT",
} as const satisfies Record<string, ErrorReason>;
export type FastPathCode = keyof typeof FAST_PATH_REFUSALS;

/**
 * app_private.idempotency_key_is_valid, on the key as the booking batch sends
 * it (JSON.stringify): that rule's JSON text of 1 to 200 visible ASCII
 * characters, `"` and `\` escaped, is this on the string itself
 * (test/db/booking.test.ts compares the two).
 */
export const idempotencyKeyIsValid = (key: string) => /^[!-~]{1,200}$/.test(key);

/** The database's answer to a student's booking of an event that does not exist. */
export const absentEventCode = (idempotencyKey: string | null): FastPathCode =>
  idempotencyKey === null || idempotencyKeyIsValid(idempotencyKey) ? "NOT_FOUND" : "INVALID_INPUT";

/** Whether `now` is surely at or past `moment` (true), surely before it (false), or too close to tell (undefined). */
function reached(moment: number, now: number): boolean | undefined {
  if (now >= moment + CLOCK_MARGIN_MS) return true;
  if (now < moment - CLOCK_MARGIN_MS) return false;
  return undefined;
}

/**
 * The database's answer to a keyless student booking, when it can be known
 * here: the code of a refusal, or undefined (ask the database).
 */
export function fastPathCode(event: KnownEvent, now: number): Exclude<FastPathCode, "NOT_FOUND" | "INVALID_INPUT"> | undefined {
  if (event.cancelled) return "EVENT_CANCELLED";
  const started = reached(event.startsAt, now);
  if (started !== false) return started ? "EVENT_STARTED" : undefined;
  if (event.salesEnd !== null) {
    const closed = reached(event.salesEnd, now);
    if (closed !== false) return closed ? "SALES_CLOSED" : undefined;
  }
  if (event.salesStart !== null) {
    const open = reached(event.salesStart, now);
    if (open !== true) return open === false ? "SALES_NOT_OPEN" : undefined;
  }
  return event.remaining === 0 ? "SOLD_OUT" : undefined;
}

/**
 * One error per refusal, made once: an AppError carries nothing of the request
 * (code, status, words), and after a sell-out every request of the crowd gets
 * one, so building each anew (and formatting its stack when GraphQL reads it)
 * was a measurable part of a refusal's cost (bench, sold-out scenario).
 */
const refusals = new Map<FastPathCode, AppError>();

export function fastPathRefusal(code: FastPathCode): AppError {
  let refusal = refusals.get(code);
  if (!refusal) {
    refusal = appError(FAST_PATH_REFUSALS[code], code === "INVALID_INPUT" ? "idempotency_key" : undefined);
    refusals.set(code, refusal);
  }
  return refusal;
}

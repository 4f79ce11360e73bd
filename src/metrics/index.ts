// What the rest of the code calls to count things: one cheap call per site, no
// awaits, nothing retained per request. Definitions: registry.ts; gauges read
// at scrape time: pools.ts, database.ts; HTTP: http.ts; serving: endpoint.ts.
import type { EventEmitter } from "node:events";
import { toAppError } from "../errors.ts";
import * as m from "./registry.ts";

export { registry } from "./registry.ts";
export { watchLockIssuer, watchPool } from "./pools.ts";
export { DATABASE_METRICS_POOL, databaseRegistries, watchDatabase } from "./database.ts";

// Error codes and task names come from our own code and SQL, but a label set
// must stay bounded whatever happens: anything odd, or past the cap, is OTHER.
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_NAMES = 100;
const seen = new Set<string>();

export function boundedName(name: string | undefined): string {
  if (name === undefined) return "OTHER";
  if (seen.has(name)) return name;
  if (!NAME.test(name) || seen.size >= MAX_NAMES) return "OTHER";
  seen.add(name);
  return name;
}

/** The stable code a failure answers with (INTERNAL when it is ours). */
function codeOf(error: unknown): string {
  return boundedName(toAppError(error)?.code ?? "INTERNAL");
}

function recordBooking(outcome: string, fastPath: "true" | "false", started: number) {
  m.bookings.inc({ outcome, fast_path: fastPath });
  m.bookingDuration.observe({ fast_path: fastPath }, (performance.now() - started) / 1000);
}

/** A refusal the fast path gave (no lock, no query): counted, and returned as it is. */
export function countFastRefusal<E extends { code: string }>(refusal: E, started: number): E {
  recordBooking(boundedName(refusal.code), "true", started);
  return refusal;
}

/** Count a booking's answer when it settles; returns the same promise (the caller's answer is not delayed). */
export function countBooking<T extends { replayed: boolean }>(started: number, booking: Promise<T>): Promise<T> {
  booking.then(
    (result) => recordBooking(result.replayed ? "REPLAYED" : "OK", "false", started),
    (error: unknown) => recordBooking(codeOf(error), "false", started),
  );
  return booking;
}

export function countBatch(size: number) {
  m.bookingBatchSize.observe(size);
}

/** The Redis lease was had after waiting since `started` (performance.now()). */
export function countLockAcquired(started: number) {
  m.lockWait.observe({ result: "acquired" }, (performance.now() - started) / 1000);
}

/** The Redis lease could not be had before the deadline; returns null (the issuer's answer). */
export function countLockTimeout(started: number): null {
  m.lockWait.observe({ result: "timeout" }, (performance.now() - started) / 1000);
  m.lockTimeouts.inc();
  return null;
}

export function countLockFallback() {
  m.lockFallbacks.inc();
}

/** A 429: `rule` is its error code, `api` where it was refused. */
export function countThrottled(rule: string, api: "rest" | "graphql" | "websocket") {
  m.throttled.inc({ rule: boundedName(rule), api });
}

/** A websocket opened: counted until it closes. */
export function countWebsocket(socket: EventEmitter) {
  m.websocketConnections.inc();
  socket.on("close", () => m.websocketConnections.dec()); // emitted once (on: no wrapper per socket)
}

export function countSubscription(delta: 1 | -1) {
  m.availabilitySubscriptions.inc(delta);
}

/** A notification heard at `arrived` (performance.now()) has been queued for every subscriber. */
export function countDelivery(arrived: number) {
  m.availabilityNotifications.inc();
  m.availabilityDeliveryLag.observe((performance.now() - arrived) / 1000);
}

export function countHoldsExpired(count: number) {
  if (count > 0) m.holdsExpired.inc(count);
}

interface JobEvent {
  job: { task_identifier: string; attempts: number; max_attempts: number };
}

/** Count the outcome of every job attempt a graphile-worker runner reports on `events`. */
export function watchWorkerEvents(events: EventEmitter) {
  events.on("job:success", ({ job }: JobEvent) => m.workerJobs.inc({ task: boundedName(job.task_identifier), result: "success" }));
  events.on("job:error", ({ job }: JobEvent) => m.workerJobs.inc({ task: boundedName(job.task_identifier), result: "error" }));
  events.on("job:failed", ({ job }: JobEvent) => m.workerJobsFailedPermanently.inc({ task: boundedName(job.task_identifier) }));
}

/** GraphQL's maskError, counting each error it shapes by code (and 429s as throttled). */
export function countingGraphqlErrors<E extends { originalError?: unknown; extensions?: Record<string, unknown> }>(
  mask: (error: E) => E,
): (error: E) => E {
  return (error) => {
    const masked = mask(error);
    const code = masked.extensions?.code;
    m.graphqlErrors.inc({ code: boundedName(typeof code === "string" ? code : undefined) });
    if (toAppError(error.originalError ?? error)?.status === 429) countThrottled(String(code), "graphql");
    return masked;
  };
}

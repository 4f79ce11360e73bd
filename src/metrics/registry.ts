// Every metric this process exports, in one registry, served as Prometheus text
// at /metrics (src/metrics/endpoint.ts). Names carry the `ticketing_` prefix,
// except Node's standard process metrics (process_*, nodejs_*), which keep the
// names every Node dashboard knows.
//
// Labels are bounded sets only: outcomes and error codes (labels.ts caps them),
// route templates, pool and task names. Never a user id, an event id or a raw path.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Latency buckets for a rush: 5 ms (a refusal, a quiet booking) to 5 s (the lock wait's default bound). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

// ── Booking (src/booking/service.ts, src/booking/lock.ts) ───────────────────
export const bookings = new Counter({
  name: "ticketing_bookings_total",
  help: "Bookings answered, by outcome (OK, REPLAYED, or the error code such as SOLD_OUT, BUSY, LIMIT_REACHED) and whether the fast path answered without the database (fast_path=\"true\").",
  labelNames: ["outcome", "fast_path"] as const,
  registers: [registry],
});

export const bookingDuration = new Histogram({
  name: "ticketing_booking_duration_seconds",
  help: "Time from a booking request reaching the booking service to its answer (queueing for the batch, the lock wait and the transaction included).",
  labelNames: ["fast_path"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const bookingBatchSize = new Histogram({
  name: "ticketing_booking_batch_size",
  help: "Booking requests handed to the database in one transaction (one per batch attempt; a split batch counts each half).",
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  registers: [registry],
});

export const lockWait = new Histogram({
  name: "ticketing_booking_lock_wait_seconds",
  help: "Time to acquire the per-event Redis lease, by result (acquired, or timeout: the booking answers BUSY).",
  labelNames: ["result"] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const lockTimeouts = new Counter({
  name: "ticketing_booking_lock_timeouts_total",
  help: "Batches that could not get the per-event Redis lease before their deadline (their requests answer BUSY).",
  registers: [registry],
});

export const lockFallbacks = new Counter({
  name: "ticketing_booking_lock_fallbacks_total",
  help: "Batches booked with database locks only because Redis could not be reached (correct, but contenders pile onto PostgreSQL).",
  registers: [registry],
});

// ── Live availability (src/websocket/graphql.ts, src/availability/) ───
export const websocketConnections = new Gauge({
  name: "ticketing_websocket_connections",
  help: "Open GraphQL websocket connections.",
  registers: [registry],
});

export const availabilitySubscriptions = new Gauge({
  name: "ticketing_availability_subscriptions",
  help: "Active availability subscriptions (one per subscribed topic per websocket operation).",
  registers: [registry],
});

export const availabilityNotifications = new Counter({
  name: "ticketing_availability_notifications_total",
  help: "Availability notifications heard on the LISTEN connection for a topic somebody watches.",
  registers: [registry],
});

export const availabilityDeliveryLag = new Histogram({
  name: "ticketing_availability_delivery_seconds",
  help: "Time from an availability notification's arrival on the LISTEN connection to its message being queued for every subscriber of the topic (the message carries no commit time; the bench measures commit to receipt end to end).",
  buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [registry],
});

// ── Throttling and errors (src/rest/index.ts, src/graphql/, src/http/) ──────
export const throttled = new Counter({
  name: "ticketing_throttled_total",
  help: "Requests refused with 429, by rule (the error code: TOO_MANY_ATTEMPTS for sign-in and signup, TOO_MANY_CONNECTIONS, TOO_MANY_SUBSCRIPTIONS, SUBSCRIBER_TOO_SLOW, TOO_MANY_MESSAGES, RATE_LIMITED for new GraphQL documents) and API (rest, graphql, websocket).",
  labelNames: ["rule", "api"] as const,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: "ticketing_graphql_errors_total",
  help: "Errors in GraphQL answers, by code (GraphQL answers most failures with HTTP 200; INTERNAL is our fault).",
  labelNames: ["code"] as const,
  registers: [registry],
});

// ── HTTP (src/metrics/http.ts) ──────────────────────────────────────────────
export const httpRequests = new Counter({
  name: "ticketing_http_requests_total",
  help: "HTTP requests answered, by route template, method and status class (2xx, 3xx, 4xx, 5xx).",
  labelNames: ["route", "method", "status_class"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "ticketing_http_request_duration_seconds",
  help: "Time from an HTTP request's arrival to its answer being written, by route template and method.",
  labelNames: ["route", "method"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

// ── Worker (src/worker/) and the database (src/metrics/database.ts) ─────────
export const workerJobs = new Counter({
  name: "ticketing_worker_jobs_total",
  help: "Job attempts finished by this process's worker, by task and result (success, or error: it is retried until its attempts run out).",
  labelNames: ["task", "result"] as const,
  registers: [registry],
});

export const workerJobsFailedPermanently = new Counter({
  name: "ticketing_worker_jobs_failed_permanently_total",
  help: "Jobs whose last attempt failed: they stay in graphile_worker's table and are not retried.",
  labelNames: ["task"] as const,
  registers: [registry],
});

export const holdsExpired = new Counter({
  name: "ticketing_holds_expired_total",
  help: "Unpaid holds and unanswered waitlist offers released by this process's worker (expire_holds).",
  registers: [registry],
});

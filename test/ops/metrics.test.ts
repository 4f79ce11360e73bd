// What an operator watches during a sale: /metrics scraped from real servers
// (production ones behind a token or on a port of their own, a development one
// on its main port), counters moving with real bookings, refusals and 429s,
// gauges read from pools, websockets and the database; request ids on answers
// and on the log lines of their request.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logOptions } from "../../src/log.ts";
import { makePool } from "../../src/db/pools.ts";
import { DATABASE_METRICS_POOL, watchDatabase } from "../../src/metrics/index.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import type { RunningServer } from "../../src/server.ts";
import { startWorker, type Worker } from "../../src/worker/runner.ts";
import { graphql, request, startTestServer, testPaymentSecret, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";
import { RecordingMailer } from "../helpers/worker.ts";

// Every line the development server logs, parsed.
const lines: Record<string, any>[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
    done();
  },
});
const capturedLog = pino({ ...logOptions, level: "debug" }, capture);

/** Development mode: /metrics on the main port, no token; CORS for one front end; logs captured. */
const t = useTestServer({ corsOrigins: ["https://tickets.example.edu"], overrides: { log: capturedLog } });

const TOKEN = "metrics-token-for-the-test-at-least-32-chars";
let withToken: RunningServer;
let ownPort: RunningServer;
let worker: Worker;

beforeAll(async () => {
  withToken = await startTestServer(t.db, { production: true, overrides: { metrics: { token: TOKEN } } });
  ownPort = await startTestServer(t.db, { production: true, overrides: { metrics: { port: 0 } } });
  // The worker reports the database's gauges (queue, outbox, payments) into this process's registry.
  worker = await startWorker({ ownerUrl: t.db.ownerUrl, mailer: new RecordingMailer(), log: capturedLog.child({}, { level: "warn" }) });
});

afterAll(async () => {
  await withToken?.close();
  await ownPort?.close();
  await worker?.stop();
});

// ── The Prometheus text format, parsed strictly enough to catch a broken exposition ──
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = line.match(/^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram", "summary", "untyped"], line).toContain(meta[3]);
        types.set(meta[2]!, meta[3]!);
      }
      continue;
    }
    const match = line.match(SAMPLE);
    expect(match, `not an exposition line: ${line}`).not.toBeNull();
    // Prometheus reads floats as Go does: NaN in any case (prom-client writes "Nan"), +Inf, -Inf.
    const text = match![3]!;
    const value = text === "+Inf" ? Infinity : text === "-Inf" ? -Infinity : /^nan$/i.test(text) ? NaN : Number(text);
    expect(Number.isNaN(value) && !/^nan$/i.test(text), line).toBe(false);
    const labels = Object.fromEntries([...(match![2] ?? "").matchAll(LABEL)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match![1]!, labels, value });
    // Every sample belongs to a declared family (histograms: _bucket, _sum, _count).
    const family = match![1]!.replace(/_(bucket|sum|count)$/, "");
    expect(types.has(match![1]!) || types.get(family) === "histogram" || types.get(family) === "summary", line).toBe(true);
  }
  // Histograms: cumulative buckets, +Inf equal to _count.
  for (const [family, type] of types) {
    if (type !== "histogram") continue;
    const series = Map.groupBy(
      samples.filter((s) => s.name === `${family}_bucket`),
      (s) => JSON.stringify(Object.entries(s.labels).filter(([k]) => k !== "le")),
    );
    for (const [key, buckets] of series) {
      const values = buckets.map((b) => b.value);
      expect(values, family).toEqual([...values].sort((a, b) => a - b));
      expect(buckets.at(-1)!.labels.le, family).toBe("+Inf");
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(Object.entries(s.labels)) === key);
      expect(count?.value, family).toBe(buckets.at(-1)!.value);
    }
  }
  return { types, samples };
}

/** The sum of every sample named `name` whose labels include `labels`. */
function total(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

async function scrape(url: string, token = TOKEN): Promise<Exposition> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}
const scrapeWithToken = () => scrape(`${withToken.url}/metrics`);

/** Resolves once `find` finds something (request lines are written as the answer finishes). */
async function until<T>(find: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const found = await find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never logged: ${what}`);
}

describe("where /metrics is served", () => {
  it("production without a token: not on the main port (404), only on the port of its own", async () => {
    const main = await request(ownPort.url, "GET", "/metrics");
    expect(main.status).toBe(404);
    expect(main.body.error.code).toBe("NOT_FOUND");
    expect(ownPort.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const own = await fetch(ownPort.metricsUrl!);
    expect(own.status).toBe(200);
    expect(parseExposition(await own.text()).types.get("ticketing_bookings_total")).toBe("counter");
    expect((await fetch(ownPort.metricsUrl!.replace(/\/metrics$/, "/graphql"))).status).toBe(404);
  });

  it("production with a token: refused without it or with a wrong one (401), served with it", async () => {
    const none = await fetch(`${withToken.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await none.json()) as any).error.code).toBe("UNAUTHENTICATED");
    const wrong = await fetch(`${withToken.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    const basic = await fetch(`${withToken.url}/metrics`, { headers: { authorization: `Basic ${btoa(`x:${TOKEN}`)}` } });
    expect(basic.status).toBe(401);
    const exposition = await scrapeWithToken();
    // Node's own process metrics come along.
    expect(exposition.types.get("process_cpu_user_seconds_total")).toBe("counter");
    expect(exposition.types.get("nodejs_eventloop_lag_seconds")).toBe("gauge");
  });

  it("development: on the main port without a token", async () => {
    const response = await fetch(`${t.server.url}/metrics`);
    expect(response.status).toBe(200);
    parseExposition(await response.text());
  });
});

describe("counters an operator watches", () => {
  it("move with a booking, a sold-out refusal, a throttled sign-in and the HTTP answers", async () => {
    const [first, second] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    const before = await scrapeWithToken();

    const book = (token: string) => request(withToken.url, "POST", `/events/${event.id}/book`, { token });
    expect((await book(tokenFor(first!))).status).toBe(201);
    const refused = await book(tokenFor(second!));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("SOLD_OUT");

    // Two failed sign-ins from one address with the per-address rule at 1: the second is throttled.
    const { rows } = await t.db.owner.query("select max_hits from app_private.throttle_rules where rule = 'sign_in_failures_per_address'");
    await t.db.owner.query("update app_private.throttle_rules set max_hits = 1 where rule = 'sign_in_failures_per_address'");
    try {
      const login = () => request(withToken.url, "POST", "/login", { body: { email: "nobody@example.edu", password: "wrong password" } });
      expect((await login()).status).toBe(401);
      expect((await login()).status).toBe(429);
    } finally {
      await t.db.owner.query("update app_private.throttle_rules set max_hits = $1 where rule = 'sign_in_failures_per_address'", [
        rows[0].max_hits,
      ]);
    }

    const after = await scrapeWithToken();
    const moved = (name: string, labels?: Record<string, string>) => total(after, name, labels) - total(before, name, labels);
    expect(moved("ticketing_bookings_total", { outcome: "OK", fast_path: "false" })).toBe(1);
    expect(moved("ticketing_bookings_total", { outcome: "SOLD_OUT" })).toBe(1);
    expect(moved("ticketing_booking_duration_seconds_count")).toBe(2);
    expect(moved("ticketing_booking_batch_size_count")).toBeGreaterThanOrEqual(1);
    expect(moved("ticketing_booking_lock_wait_seconds_count", { result: "acquired" })).toBeGreaterThanOrEqual(1);
    expect(moved("ticketing_throttled_total", { rule: "TOO_MANY_ATTEMPTS", api: "rest" })).toBe(1);
    const book201 = { route: "/events/:id/book", method: "POST", status_class: "2xx" };
    expect(moved("ticketing_http_requests_total", book201)).toBe(1);
    expect(moved("ticketing_http_requests_total", { ...book201, status_class: "4xx" })).toBe(1);
    expect(moved("ticketing_http_requests_total", { route: "/login", method: "POST", status_class: "4xx" })).toBe(2);
    expect(moved("ticketing_http_request_duration_seconds_count", { route: "/events/:id/book", method: "POST" })).toBe(2);
    // No label carries a raw path, a user or an event.
    for (const sample of after.samples.filter((s) => s.name.startsWith("ticketing_"))) {
      for (const [label, value] of Object.entries(sample.labels)) {
        if (label === "le") continue; // a bucket's bound
        expect(value, sample.name).not.toBe(String(event.id));
        expect(value, sample.name).not.toContain(`/${event.id}`);
      }
    }
  });

  it("counts GraphQL errors by code", async () => {
    const before = await scrapeWithToken();
    const answer = await graphql(withToken.url, "mutation { bookTicket(input: { eventId: 2000000000 }) { ticketId } }");
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const after = await scrapeWithToken();
    expect(total(after, "ticketing_graphql_errors_total", { code: "UNAUTHENTICATED" }) - total(before, "ticketing_graphql_errors_total", { code: "UNAUTHENTICATED" })).toBe(1);
  });
});

describe("gauges read at scrape time", () => {
  it("pools, websockets and availability subscriptions", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const idle = await scrapeWithToken();
    const client = wsClient(withToken.url);
    const watching = record(client, "subscription($id: Int!) { eventAvailability(eventId: $id) { ticketsRemaining } }", { id: event.id }, (d) => d);
    try {
      await watching.until((messages) => messages.length > 0);
      const live = await scrapeWithToken();
      expect(total(live, "ticketing_websocket_connections") - total(idle, "ticketing_websocket_connections")).toBe(1);
      expect(total(live, "ticketing_availability_subscriptions") - total(idle, "ticketing_availability_subscriptions")).toBe(1);
      // A change of the event reaches the subscriber: one notification fanned out.
      await t.db.owner.query("update app_public.events set total_tickets = 6 where id = $1", [event.id]);
      await watching.until((messages) => messages.length > 1);
      const notified = await scrapeWithToken();
      expect(total(notified, "ticketing_availability_delivery_seconds_count")).toBeGreaterThan(total(live, "ticketing_availability_delivery_seconds_count"));
      for (const pool of ["api", "booking", "availability", "health"]) {
        expect(notified.samples.some((s) => s.name === "ticketing_db_pool_connections" && s.labels.pool === pool), pool).toBe(true);
        expect(total(notified, "ticketing_db_pool_max", { pool })).toBeGreaterThan(0);
      }
      expect(total(notified, "ticketing_booking_lock_connected", { issuer: "redis" })).toBeGreaterThanOrEqual(1);
    } finally {
      watching.dispose();
      await client.dispose();
    }
  });

  it("the worker's: job outcomes as they happen", async () => {
    const success = { task: "refresh_leaderboard", result: "success" };
    const before = total(await scrapeWithToken(), "ticketing_worker_jobs_total", success);
    await t.db.owner.query("select graphile_worker.add_job('refresh_leaderboard')");
    // The running worker picks the job up at once (graphile-worker LISTENs for new jobs).
    await until(async () => (total(await scrapeWithToken(), "ticketing_worker_jobs_total", success) > before ? true : undefined), "the job's success");
  });

  it("the database's: worker queue, outbox lag, payments by state", async () => {
    await t.db.owner.query("select graphile_worker.add_job('announce_availability', json_build_object('event_id', 0), run_at := now() + interval '1 hour')");
    // A source of its own reads now (the worker's shares one answer among scrapes for 5 s).
    const unwatch = watchDatabase(makePool("metrics", t.db.ownerUrl, DATABASE_METRICS_POOL, capturedLog), capturedLog);
    let exposition: Exposition;
    try {
      exposition = await scrapeWithToken();
    } finally {
      await unwatch();
    }
    expect(total(exposition, "ticketing_database_up")).toBe(1);
    expect(total(exposition, "ticketing_worker_queue_jobs", { state: "scheduled" })).toBeGreaterThanOrEqual(1);
    expect(exposition.samples.some((s) => s.name === "ticketing_worker_oldest_ready_job_age_seconds")).toBe(true);
    expect(exposition.samples.some((s) => s.name === "ticketing_outbox_oldest_unsent_age_seconds")).toBe(true);
    expect(exposition.samples.filter((s) => s.name === "ticketing_payments").map((s) => s.labels.state).sort()).toEqual([
      "created",
      "refunded",
      "succeeded",
    ]);
  });

  it("a database that cannot be reached does not fail the scrape: ticketing_database_up 0, its gauges left out", async () => {
    const silent = capturedLog.child({}, { level: "silent" });
    const unwatch = watchDatabase(makePool("metrics", "postgres://postgres@127.0.0.1:1/unreachable", DATABASE_METRICS_POOL, silent), silent);
    try {
      const exposition = await scrapeWithToken();
      expect(total(exposition, "ticketing_database_up")).toBe(0);
      // Missing, not zero: a zero lag would clear the worker-lag alert just when the database struggles.
      for (const name of ["ticketing_worker_queue_jobs", "ticketing_worker_oldest_ready_job_age_seconds", "ticketing_outbox_oldest_unsent_age_seconds"]) {
        expect(exposition.samples.some((s) => s.name === name), name).toBe(false);
      }
      expect(exposition.samples.some((s) => s.name === "ticketing_bookings_total")).toBe(true);
    } finally {
      await unwatch();
    }
  });
});

describe("request ids", () => {
  it("a sane X-Request-Id comes back and is on the request's log line; anything else is replaced", async () => {
    const sane = await fetch(`${t.server.url}/events`, { headers: { "x-request-id": "ops-test.1:abc" } });
    expect(sane.headers.get("x-request-id")).toBe("ops-test.1:abc");
    const line = await until(() => lines.find((l) => l.reqId === "ops-test.1:abc" && l.res), "the request line");
    expect(line.req.id).toBe("ops-test.1:abc");
    expect(line.req.url).toBe("/events");

    for (const bad of ["has spaces", "x".repeat(129), "<script>"]) {
      const answer = await fetch(`${t.server.url}/events`, { headers: { "x-request-id": bad } });
      expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const generated = (await fetch(`${t.server.url}/healthz`)).headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("browsers may send and read it (CORS)", async () => {
    const preflight = await fetch(`${t.server.url}/events`, {
      method: "OPTIONS",
      headers: { origin: "https://tickets.example.edu", "access-control-request-method": "GET", "access-control-request-headers": "x-request-id" },
    });
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/x-request-id/);
    const answer = await fetch(`${t.server.url}/events`, { headers: { origin: "https://tickets.example.edu" } });
    expect(answer.headers.get("access-control-expose-headers")).toMatch(/x-request-id/);
  });

  it("a GraphQL request's line carries its operation name", async () => {
    const response = await fetch(`${t.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "ops-graphql-1" },
      body: JSON.stringify({ query: "query OpsPing { __typename }" }),
    });
    expect(response.status).toBe(200);
    const line = await until(() => lines.find((l) => l.reqId === "ops-graphql-1" && l.res), "the GraphQL request line");
    expect(line.operation).toBe("OpsPing");
  });

  it("a websocket connection's lines carry its connection id", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const seen = new Set(lines.filter((l) => l.msg === "websocket opened").map((l) => l.connId));
    const client = wsClient(t.server.url);
    const watching = record(client, "subscription($id: Int!) { eventAvailability(eventId: $id) { ticketsRemaining } }", { id: event.id }, (d) => d);
    await watching.until((messages) => messages.length > 0);
    const opened = await until(() => lines.find((l) => l.msg === "websocket opened" && !seen.has(l.connId)), "websocket opened");
    expect(opened.connId).toMatch(/^ws-\d+-\d+$/);
    watching.dispose();
    await client.dispose();
    // Logged from the socket's own close event: the connection's context travels with its events.
    const closed = await until(() => lines.find((l) => l.msg === "websocket closed" && l.connId === opened.connId), "websocket closed");
    expect(closed.code).toBe(1000);
  });

  it("a line logged deeper in the request (the payment service settling a webhook) carries the request's id", async () => {
    const [student] = await insertUsers(t.db, 1);
    const event = await insertEvent(t.db, { total_tickets: 5 });
    await t.db.owner.query("update app_public.events set price_cents = 500 where id = $1", [event.id]);
    const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, { token: tokenFor(student!) });
    expect(booked.body.ticket.status).toBe("pending");
    const paying = await request(t.server.url, "POST", `/tickets/${booked.body.ticket.id}/pay`, { token: tokenFor(student!) });
    expect(paying.status).toBe(201);
    const body = JSON.stringify({
      type: "payment_intent.succeeded",
      data: { intent_id: paying.body.payment.intent_id, ticket_id: booked.body.ticket.id, amount_cents: 500 },
    });
    const webhook = await fetch(`${t.server.url}/webhooks/payments`, {
      method: "POST",
      headers: { "content-type": "application/json", "payment-signature": signWebhook(body, testPaymentSecret), "x-request-id": "ops-webhook-1" },
      body,
    });
    expect(await webhook.json()).toEqual({ received: true, outcome: "confirmed" });
    const settled = await until(() => lines.find((l) => l.msg === "payment settled" && l.intent === paying.body.payment.intent_id), "payment settled");
    expect(settled.reqId).toBe("ops-webhook-1");
  });
});

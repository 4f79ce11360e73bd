// SIGTERM, as `docker stop` (or an orchestrator) sends it to a real server
// process (`node src/main.ts`, DATABASE_URL, Redis): bookings in flight finish
// and get their answers, /readyz turns 503 at once, websockets are closed with
// a code graphql-ws clients retry on, and the process exits 0 with no error.
// In the slow suite (npm run test:slow). No sleeps: every wait is on a log line,
// a database state or a socket event.
import { once } from "node:events";
import { createClient } from "graphql-ws";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { request, testRedisUrl } from "../helpers/app.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { useInstances, type Instance } from "../helpers/instances.ts";

const t = useInstances();

/** Resolves when the instance has logged a line with this message (already or later). */
function logged(instance: Instance, msg: string): Promise<void> {
  const seen = () => instance.output().includes(`"msg":"${msg}"`);
  if (seen()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!seen()) return;
      instance.process.stdout!.off("data", check);
      resolve();
    };
    instance.process.stdout!.on("data", check);
  });
}

/** Lines at error level or worse (pino: 50+), parsed. */
function errorLines(instance: Instance) {
  return instance
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg?: string })
    .filter((line) => line.level >= 50);
}

/** A graphql-ws subscription, acknowledged and delivering; records how the server ended it. */
async function openSubscription(url: string) {
  const retryAsked: number[] = [];
  let acknowledged!: () => void;
  const ack = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createClient({
    url: `${url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 5,
    // graphql-ws asks this only for a close it does not treat as fatal: being
    // asked is the proof a real client would reconnect. No retry here, though.
    shouldRetry: (event) => {
      retryAsked.push((event as { code: number }).code);
      return false;
    },
    on: { connected: () => acknowledged() },
  });
  let firstMessage!: () => void;
  const delivering = new Promise<void>((resolve) => (firstMessage = resolve));
  const ended = new Promise<{ code?: number }>((resolve) => {
    client.subscribe(
      { query: "subscription { eventsAvailability { eventId ticketsRemaining } }" },
      { next: () => firstMessage(), error: (error) => resolve(error as { code?: number }), complete: () => resolve({}) },
    );
  });
  await ack;
  await delivering;
  return { ended, retryAsked, dispose: () => client.dispose() };
}

describe("SIGTERM drains a server process", () => {
  it("answers every booking in flight, closes websockets with 1001 (retried by graphql-ws), then exits 0", async () => {
    const server = await t.start({ REDIS_URL: testRedisUrl, SHUTDOWN_TIMEOUT_MS: "20000" });
    const events = await Promise.all(Array.from({ length: 5 }, () => insertEvent(t.db, { total_tickets: 10 })));
    const tokens = (await insertUsers(t.db, events.length)).map((student) => tokenFor(student));
    const subscription = await openSubscription(server.url);

    // Each event's booking lock is held here, so each booking (one per event,
    // each its own batch and transaction) waits in the database until released.
    const holder = await t.db.owner.connect();
    await holder.query("begin");
    for (const event of events) await holder.query("select pg_advisory_xact_lock(hashtext('ticketing.event'), $1)", [event.id]);
    const bookings = events.map((event, i) => request(server.url, "POST", `/events/${event.id}/book`, { token: tokens[i] }));
    // In flight: every booking's transaction is waiting for its lock.
    for (;;) {
      const { rows } = await t.db.owner.query<{ waiting: number }>(
        `select count(*)::int as waiting from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`,
        [(holder as unknown as { processID: number }).processID],
      );
      if (rows[0]!.waiting === events.length) break;
      await new Promise((resolve) => setImmediate(resolve));
    }

    const exited = once(server.process, "exit") as Promise<[number | null, string | null]>;
    server.process.kill("SIGTERM");
    await logged(server, "listener closed: finishing requests in flight");
    // No new connection gets in any more…
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    // …and only now do the bookings in flight get their locks.
    await holder.query("commit");
    holder.release();

    const answers = await Promise.all(bookings);
    expect(answers.map((answer) => answer.status)).toEqual(events.map(() => 201));
    expect(answers.map((answer) => answer.body.ticket.event_id)).toEqual(events.map((event) => event.id));
    const ended = await subscription.ended;
    expect(ended.code).toBe(1001);
    expect(subscription.retryAsked).toEqual([1001]);
    subscription.dispose();

    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(errorLines(server)).toEqual([]);
    const messages = server.output().match(/"msg":"(shutting down|listener closed: finishing requests in flight|stopped)"/g);
    expect(messages).toEqual([
      '"msg":"shutting down"',
      '"msg":"listener closed: finishing requests in flight"',
      '"msg":"stopped"',
    ]);
    const { rows } = await t.db.owner.query<{ n: number }>(
      "select count(*)::int as n from app_public.tickets where event_id = any($1) and status <> 'cancelled'",
      [events.map((event) => event.id)],
    );
    expect(rows[0]!.n).toBe(events.length);
  });

  it("answers /readyz with 503 SHUTTING_DOWN at once, and keeps serving during SHUTDOWN_DELAY_MS", async () => {
    // The delay is the product's (time for a load balancer to see the 503), not
    // a synchronization stand-in: the checks below only need to happen inside it.
    const server = await t.start({ REDIS_URL: testRedisUrl, SHUTDOWN_DELAY_MS: "5000" });
    const [event] = [await insertEvent(t.db, { total_tickets: 10 })];
    const [student] = await insertUsers(t.db, 1);
    expect((await request(server.url, "GET", "/readyz")).status).toBe(200);

    const exited = once(server.process, "exit") as Promise<[number | null, string | null]>;
    server.process.kill("SIGTERM");
    await logged(server, "shutting down");
    const ready = await request(server.url, "GET", "/readyz");
    expect(ready).toEqual({ status: 503, body: { error: { code: "SHUTTING_DOWN", message: "This instance is shutting down." } } });
    // Still serving meanwhile: a booking made now is answered.
    const booking = await request(server.url, "POST", `/events/${event!.id}/book`, { token: tokenFor(student!) });
    expect(booking.status).toBe(201);
    expect(server.output()).not.toContain("listener closed");

    const [code] = await exited;
    expect(code).toBe(0);
    expect(errorLines(server)).toEqual([]);
  });
});

// Dropped database connections never take the process down. Real production
// processes (`node src/main.ts`, worker in-process) under a loop of bookings,
// queries and subscriptions; their backends terminated several times (as a
// failover does), or the database cut off behind a proxy. The process stays up,
// answers 503 DATABASE_UNAVAILABLE with Retry-After meanwhile, recovers by
// itself, and subscribers get the current value again.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testRedisUrl } from "../helpers/app.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { useInstances, type Instance } from "../helpers/instances.ts";
import { record, wsClient, type Recorder } from "../helpers/subscriptions.ts";
import { startTcpProxy } from "../helpers/tcp-proxy.ts";

const t = useInstances();

async function startProduction(env: Record<string, string> = {}) {
  return t.start({
    NODE_ENV: "production",
    PAYMENT_WEBHOOK_SECRET: "faults-test-payment-webhook-secret-0123456789",
    REDIS_URL: testRedisUrl,
    RUN_WORKER: "true",
    ...env,
  });
}

/** A production instance whose every database connection goes through a TCP proxy the test can cut. */
async function startBehindProxy() {
  const proxy = await startTcpProxy("127.0.0.1", Number(new URL(t.db.ownerUrl).port || 5432));
  const viaProxy = (url: string) => Object.assign(new URL(url), { host: `127.0.0.1:${proxy.port}` }).toString();
  const instance = await startProduction({ DATABASE_URL: viaProxy(t.db.ownerUrl), AUTH_DATABASE_URL: viaProxy(t.db.authUrl) });
  return { proxy, instance };
}

const SUBSCRIPTION = "subscription($id: Int!) { eventAvailability(eventId: $id) { ticketsRemaining version } }";
type Availability = { ticketsRemaining: number; version: string };
const pick = (data: any) => data.eventAvailability as Availability;

interface Outcome {
  kind: "book" | "query";
  startedAt: number;
  status: number;
  code?: string;
  retryAfter?: string | null;
}

/** Students booking one each and anonymous GraphQL reads, until stopped or out of students. */
function startLoad(instance: Instance, eventId: number, tokens: string[], concurrency = 6) {
  const { url } = instance;
  const outcomes: Outcome[] = [];
  const waiters = new Set<() => void>();
  let next = 0;
  let stopped = false;
  const add = (outcome: Outcome) => {
    outcomes.push(outcome);
    for (const wake of waiters) wake();
  };
  const call = async (kind: Outcome["kind"], init: RequestInit & { path: string }) => {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${url}${init.path}`, { ...init, signal: AbortSignal.timeout(15_000) });
      const body = (await response.json()) as any;
      const code = kind === "book" ? body.error?.code : body.errors?.[0]?.extensions?.code;
      add({ kind, startedAt, status: response.status, code, retryAfter: response.headers.get("retry-after") });
    } catch (error) {
      add({ kind, startedAt, status: 0, code: String((error as Error).cause ?? error) });
    }
  };
  const booker = async () => {
    while (!stopped && next < tokens.length) {
      const token = tokens[next++]!;
      await call("book", { path: `/events/${eventId}/book`, method: "POST", headers: { authorization: `Bearer ${token}` } });
    }
  };
  const reader = async () => {
    for (let i = 0; !stopped && i < 100_000; i++) {
      await call("query", {
        path: "/graphql",
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ upcomingEvents(first: 5) { nodes { id ticketsRemaining } } }" }),
      });
    }
  };
  const running = Promise.all([...Array.from({ length: concurrency }, booker), reader()]);
  return {
    outcomes,
    /** Resolves with the first outcome matching `test`, checked as outcomes arrive. */
    until(test: (o: Outcome) => boolean, timeoutMs = 20_000): Promise<Outcome> {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          if (instance.process.exitCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            return reject(new Error(`the process exited:\n${instance.output().slice(-3_000)}`));
          }
          for (; seen < outcomes.length; seen++) {
            if (!test(outcomes[seen]!)) continue;
            waiters.delete(check);
            clearTimeout(timer);
            return resolve(outcomes[seen]!);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; last outcomes: ${JSON.stringify(outcomes.slice(-5))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** Every backend of the test database, as a failover or an operator would. */
async function terminateBackends(): Promise<number> {
  const client = new pg.Client({ connectionString: t.db.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [t.db.name],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** GET /readyz until it answers `status` (each answer timed), at most `attempts` times. */
async function readyzUntil(instance: Instance, status: number, attempts = 200) {
  for (let i = 0; i < attempts; i++) {
    if (instance.process.exitCode !== null) throw new Error(`the process exited:\n${instance.output().slice(-3_000)}`);
    const started = Date.now();
    const response = await fetch(`${instance.url}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    const ms = Date.now() - started;
    if (response?.status === status) return { ms };
    await new Promise((resolve) => setTimeout(resolve, 50)); // pacing between polls
  }
  throw new Error(`/readyz never answered ${status}`);
}

async function invariantHolds() {
  const { rows } = await t.db.owner.query(
    `select e.id, e.total_tickets, e.tickets_remaining,
            (select count(*)::int from app_public.tickets t where t.event_id = e.id and t.status in ('pending', 'offered', 'confirmed')) as live
       from app_public.events e`,
  );
  for (const row of rows) expect(row.tickets_remaining + row.live, `event ${row.id}`).toBe(row.total_tickets);
}

/** Wait until no job is running or due (a job that failed mid-termination is retried seconds later). */
async function jobsDone(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1_000; i++) {
    const { rows } = await t.db.owner.query(
      "select count(*)::int as n from graphile_worker.jobs where locked_at is not null or (run_at < now() + interval '5 seconds' and attempts < max_attempts)",
    );
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].n} jobs still pending or locked`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // pacing between polls
  }
}

async function remaining(eventId: number): Promise<number> {
  return (await t.db.owner.query("select tickets_remaining from app_public.events where id = $1", [eventId])).rows[0].tickets_remaining;
}

/** What a client may see of a request that was in flight when the database went away. */
function expectOnlySuccessOr503(outcomes: Outcome[]) {
  for (const o of outcomes) {
    const ok = o.kind === "book" ? o.status === 201 : o.status === 200 && o.code === undefined;
    if (ok) continue;
    if (o.kind === "book") {
      expect(o, JSON.stringify(o)).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      // BOOKING_OUTCOME_UNKNOWN: the connection died with the batch's commit in flight (src/booking/service.ts).
      expect(["DATABASE_UNAVAILABLE", "BUSY", "BOOKING_OUTCOME_UNKNOWN"]).toContain(o.code);
    } else {
      expect(o.code, JSON.stringify(o)).toBe("DATABASE_UNAVAILABLE");
    }
  }
}

describe("terminated backends", () => {
  it("never kill the process; it serves again by itself, and subscribers get the current value again", async () => {
    const instance = await startProduction();
    const busy = await insertEvent(t.db, { total_tickets: 100_000 });
    const quiet = await insertEvent(t.db, { total_tickets: 50 });
    const tokens = (await insertUsers(t.db, 6_000, "student", { verified: true })).map((s) => tokenFor(s));

    const client = wsClient(instance.url);
    const subs: [Recorder<Availability>, Recorder<Availability>] = [
      record(client, SUBSCRIPTION, { id: busy.id }, pick),
      record(client, SUBSCRIPTION, { id: quiet.id }, pick),
    ];
    await Promise.all(subs.map((s) => s.until((m) => m.length >= 1)));
    const load = startLoad(instance, busy.id, tokens);
    const recoveries: number[] = [];
    try {
      let since = Date.now();
      for (let round = 0; round < 3; round++) {
        const before = load.outcomes.length;
        await load.until((o) => o.kind === "book" && o.status === 201 && o.startedAt > since, 10_000); // under load
        const quietSeen = subs[1].messages.length;
        const terminatedAt = Date.now();
        expect(await terminateBackends()).toBeGreaterThan(0);

        const recovered = await load.until((o) => o.kind === "book" && o.status === 201 && o.startedAt > terminatedAt);
        recoveries.push(Date.now() - terminatedAt);
        since = Date.now();
        await readyzUntil(instance, 200);
        // The quiet event did not change: its subscriber is told its current value again.
        const again = await subs[1].until((m) => m.length > quietSeen);
        expect(again.at(-1)!.ticketsRemaining).toBe(50);
        expect(instance.process.exitCode).toBeNull();
        expect(recovered.status).toBe(201);
        expect(load.outcomes.length).toBeGreaterThan(before);
      }
    } finally {
      await load.stop();
    }
    console.log(`recovery after terminating every backend (ms, first successful booking): ${recoveries.join(", ")}`);

    expect(instance.process.exitCode).toBeNull();
    expect(instance.output()).not.toMatch(/Unhandled|uncaught/i);
    expectOnlySuccessOr503(load.outcomes);
    const truth = await remaining(busy.id);
    await subs[0].until((m) => m.at(-1)?.ticketsRemaining === truth);
    await invariantHolds();
    // The in-process worker works again: every job queued meanwhile (confirmation emails) is done.
    await jobsDone();
    for (const sub of subs) {
      const versions = sub.messages.map((m) => Number(m.version));
      expect(versions).toEqual([...versions].sort((a, b) => a - b)); // never backwards
    }
    subs.forEach((s) => s.dispose());
    await client.dispose();
  });
});

describe("a database cut off behind a proxy", () => {
  it("gives 503s and a quick not-ready, then serves again once it is back", async () => {
    const { proxy, instance } = await startBehindProxy();
    const event = await insertEvent(t.db, { total_tickets: 10 });
    const [cutStudent, laterStudent] = (await insertUsers(t.db, 2, "student", { verified: true })).map((s) => tokenFor(s));
    await readyzUntil(instance, 200);
    const client = wsClient(instance.url);
    const sub = record(client, SUBSCRIPTION, { id: event.id }, pick);
    await sub.until((m) => m.length === 1);

    await proxy.cut();
    const notReady = await readyzUntil(instance, 503);
    expect(notReady.ms).toBeLessThan(2_000);
    const booking = await fetch(`${instance.url}/events/${event.id}/book`, {
      method: "POST",
      headers: { authorization: `Bearer ${cutStudent}` },
    });
    expect(booking.status).toBe(503);
    expect(booking.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await booking.json()) as any).error.code).toBe("DATABASE_UNAVAILABLE");
    const query = await fetch(`${instance.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ upcomingEvents(first: 1) { nodes { id } } }" }),
    });
    expect(((await query.json()) as any).errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");

    await proxy.restore();
    const restoredAt = Date.now();
    await readyzUntil(instance, 200);
    const seen = sub.messages.length;
    let booked: Response | undefined;
    for (let i = 0; i < 100 && booked?.status !== 201; i++) {
      booked = await fetch(`${instance.url}/events/${event.id}/book`, { method: "POST", headers: { authorization: `Bearer ${laterStudent}` } });
    }
    console.log(`ready and booking again ${Date.now() - restoredAt} ms after the database came back`);
    expect(booked?.status).toBe(201);
    await sub.until((m) => m.length > seen && m.at(-1)!.ticketsRemaining === 9);
    expect(instance.process.exitCode).toBeNull();
    await invariantHolds();
    sub.dispose();
    await client.dispose();
  });
});

describe("a connection lost while a booking's transaction is in the database", () => {
  it("answers BOOKING_OUTCOME_UNKNOWN, not a retry: the commit went in the same message and may have run", async () => {
    const { proxy, instance } = await startBehindProxy();
    const event = await insertEvent(t.db, { total_tickets: 10 });
    const [student] = await insertUsers(t.db, 1, "student", { verified: true });
    await readyzUntil(instance, 200);

    // The event's lock is held here (directly, not through the proxy), so the
    // booking's transaction waits inside PostgreSQL with its whole message sent.
    const holder = await t.db.owner.connect();
    try {
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock(hashtext('ticketing.event'), $1)", [event.id]);
      const booking = fetch(`${instance.url}/events/${event.id}/book`, { method: "POST", headers: { authorization: `Bearer ${tokenFor(student!)}` } });
      for (;;) {
        const { rows } = await t.db.owner.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`,
          [(holder as unknown as { processID: number }).processID],
        );
        if (rows[0]!.waiting === 1) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await proxy.cut();
      const answer = await booking;
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as any).error).toMatchObject({
        code: "BOOKING_OUTCOME_UNKNOWN",
        message: expect.stringContaining("Check your tickets"),
      });
    } finally {
      await holder.query("commit");
      holder.release();
    }
    await proxy.restore();
    // The process lived through it (a connection dropped just after start once
    // reached graphile-migrate's pool, whose error handler exits the process).
    expect(instance.process.exitCode).toBeNull();
    // Whatever became of the booking, the counts agree and nobody holds two tickets.
    await invariantHolds();
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.tickets where user_id = $1", [student!.user_id]);
    expect(rows[0].n).toBeLessThanOrEqual(1);
  });
});

// One student must not take bookings from everyone else (issue 17, item 3).
// Against a production-mode server with Redis locks: bookings of events that
// do not exist are refused without a lock, a fencing key or a booking
// connection; one student's bookings in flight are bounded; a long wait for a
// booking connection is a quick 503 BUSY, a slow one to open is not; fencing keys expire. A control
// student books beside each attack.
import { Redis } from "ioredis";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { deleteRedisKeys, graphql, startTestServer, testRedisUrl, useTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertPastEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { startTcpProxy } from "../helpers/tcp-proxy.ts";

const POOL_WAIT_MS = 300;
const t = useTestServer({ production: true, overrides: { booking: { poolWaitMs: POOL_WAIT_MS } } });

interface Answer {
  status: number;
  code?: string;
  retryAfter: string | null;
  ms: number;
}

async function book(baseUrl: string, eventId: number, student: Claims, key?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/events/${eventId}/book`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokenFor(student)}`, ...(key === undefined ? {} : { "idempotency-key": key }) },
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code, retryAfter: response.headers.get("retry-after"), ms: performance.now() - started };
}

const bookViaGraphql = (baseUrl: string, eventId: number, student: Claims, key: string | null = null) =>
  graphql(
    baseUrl,
    "mutation($eventId: Int!, $key: String) { bookTicket(input: { eventId: $eventId, idempotencyKey: $key }) { ticketId } }",
    { eventId, key },
    tokenFor(student),
  );

/** The Redis keys (locks and fencing counters) a database's servers hold, by the event id they name. */
async function redisEventKeys(prefix: string): Promise<Map<number, string[]>> {
  const redis = new Redis(testRedisUrl);
  try {
    const keys = new Map<number, string[]>();
    for await (const batch of redis.scanStream({ match: `${prefix}:*:event:*`, count: 1_000 })) {
      for (const key of batch as string[]) {
        const id = Number(key.slice(key.lastIndexOf(":") + 1));
        keys.set(id, [...(keys.get(id) ?? []), key]);
      }
    }
    return keys;
  } finally {
    redis.disconnect();
  }
}

/** Connections the booking pool of a server on this database holds (src/db/pools.ts names them). */
async function bookingConnections(db: TestDatabase, where = "true"): Promise<number> {
  const { rows } = await db.owner.query(
    `select count(*)::int as n from pg_stat_activity
     where datname = current_database() and application_name = 'ticketing:booking' and ${where}`,
  );
  return rows[0].n;
}

/** Resolves once `count` of the promises have settled, with the answers so far in arrival order. */
function firstSettled<T>(promises: Promise<T>[], count: number): Promise<T[]> {
  const arrived: T[] = [];
  return new Promise((resolve, reject) => {
    for (const promise of promises) {
      promise.then((value) => {
        arrived.push(value);
        if (arrived.length === count) resolve([...arrived]);
      }, reject);
    }
  });
}

describe("bookings of events that do not exist", () => {
  it("are refused without a lock, a fencing key or a booking connection, while a student beside them books", async () => {
    // A database and server of its own: their booking connections are this test's alone.
    const db = await createTestDatabase();
    const server = await startTestServer(db, { production: true });
    try {
      const event = await insertEvent(db, { total_tickets: 10 });
      const [control, ...attackers] = await insertUsers(db, 51);
      // Each attacker stays within its bound of bookings in flight (4): 200 made-up ids at once.
      const bogus = (i: number) => 1_000_000 + i;
      const flood = attackers.flatMap((attacker, a) =>
        [0, 1, 2, 3].map((j) => {
          const i = a * 4 + j;
          if (j === 1) return bookViaGraphql(server.url, bogus(i), attacker).then((r) => r.body.errors?.[0]?.extensions?.code);
          if (j === 2) return book(server.url, bogus(i), attacker, `key-${i}`).then((r) => r.code);
          if (j === 3 && a % 10 === 0) return book(server.url, bogus(i), attacker, "not a key").then((r) => r.code);
          return book(server.url, bogus(i), attacker).then((r) => r.code);
        }),
      );
      const controlAnswer = book(server.url, event.id, control!);
      const codes = await Promise.all(flood);
      expect((await controlAnswer).status).toBe(201);

      // The database's own answers: NOT_FOUND, or INVALID_INPUT for a key it refuses first.
      expect(codes.filter((code) => code === "INVALID_INPUT")).toHaveLength(5);
      expect(codes.filter((code) => code === "NOT_FOUND")).toHaveLength(195);
      // Nothing in Redis for any of them, and no booking transaction: only the
      // control's booking ever took a booking connection.
      const keys = await redisEventKeys(db.name);
      expect([...keys.keys()].filter((id) => id >= 1_000_000)).toEqual([]);
      expect(keys.get(event.id)).toContain(`${db.name}:fence:event:${event.id}`); // the scan sees what a booking leaves
      expect(await bookingConnections(db)).toBeLessThanOrEqual(1);
    } finally {
      await server.close();
      await deleteRedisKeys(db.name);
      await db.drop();
    }
  });

  it("an event the server has not heard of is looked up: a started one is refused without a lock, a new one books", async () => {
    const [student, other] = await insertUsers(t.db, 2);
    // Written with triggers off, so no notification ever tells the server of them:
    // as for an event created on another instance a moment ago, its notification on the way.
    const past = await insertPastEvent(t.db);
    const client = await t.db.owner.connect();
    let unheard: { id: number };
    try {
      await client.query("begin");
      await client.query("set local session_replication_role = replica");
      ({ rows: [unheard] } = (await client.query(
        `insert into app_public.events (name, venue, starts_at, total_tickets, tickets_remaining)
         values ('Unheard of', 'Main Hall', now() + interval '2 days', 5, 5) returning id`,
      )) as pg.QueryResult<{ id: number }>);
      await client.query("commit");
    } finally {
      client.release();
    }

    const refused = await book(t.server.url, past.id, student!);
    expect(refused).toMatchObject({ status: 409, code: "EVENT_STARTED" });
    expect((await redisEventKeys(t.db.name)).get(past.id)).toBeUndefined();

    expect((await book(t.server.url, unheard!.id, student!)).status).toBe(201);
    const viaGraphql = await bookViaGraphql(t.server.url, unheard!.id, other!);
    expect(viaGraphql.body.errors).toBeUndefined();
    expect(viaGraphql.body.data).toMatchObject({ bookTicket: { ticketId: expect.any(Number) } });
  });
});

describe("one student's bookings in flight", () => {
  it("are bounded (429 TOO_MANY_BOOKINGS with Retry-After past 4) while another student books", async () => {
    const [greedy, control] = await insertUsers(t.db, 2);
    const events = await Promise.all(Array.from({ length: 6 }, () => insertEvent(t.db)));
    const other = await insertEvent(t.db);
    const redis = new Redis(testRedisUrl);
    // Another instance holds these events' locks: the greedy student's bookings stay in flight.
    const locks = events.map((e) => `${t.db.name}:lock:event:${e.id}`);
    try {
      for (const lock of locks) await redis.set(lock, "another-instance", "PX", 30_000);
      const answers = events.map((e) => book(t.server.url, e.id, greedy!));
      // Past the bound the answer comes at once, while four wait for their locks.
      const refused = await firstSettled(answers, 2);
      for (const answer of refused) expect(answer).toMatchObject({ status: 429, code: "TOO_MANY_BOOKINGS", retryAfter: "1" });
      const viaGraphql = await bookViaGraphql(t.server.url, other.id, greedy!);
      expect(viaGraphql.body.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_BOOKINGS", retryAfter: 1 });

      expect((await book(t.server.url, other.id, control!)).status).toBe(201);

      await redis.del(...locks); // the other instance is done: the four in flight book
      expect((await Promise.all(answers)).map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 429, 429]);
      expect((await book(t.server.url, other.id, greedy!)).status).toBe(201); // nothing in flight now
    } finally {
      await redis.del(...locks);
      redis.disconnect();
    }
  });
});

describe("a long wait for a booking connection", () => {
  it(`is answered 503 BUSY with Retry-After after ${POOL_WAIT_MS} ms, and the bookings holding the connections still book`, async () => {
    const students = await insertUsers(t.db, 11);
    const events = await Promise.all(Array.from({ length: 11 }, () => insertEvent(t.db)));
    const held = events.slice(0, 10);
    // Ten bookings take the ten booking connections and wait there for their
    // event's database lock, which a long transaction holds.
    const holder = await t.db.owner.connect();
    try {
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock(hashtext('ticketing.event'), id) from unnest($1::int[]) id", [held.map((e) => e.id)]);
      const waiting = held.map((e, i) => book(t.server.url, e.id, students[i]!));
      for (let polls = 0; (await bookingConnections(t.db, "wait_event_type = 'Lock'")) < 10; polls++) {
        expect(polls, "ten bookings waiting for their event's lock").toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      const busy = await book(t.server.url, events[10]!.id, students[10]!);
      expect(busy).toMatchObject({ status: 503, code: "BUSY", retryAfter: "1" });
      expect(busy.ms).toBeLessThan(POOL_WAIT_MS + 1_500); // not the 3 s the database lock would take to give up

      await holder.query("rollback");
      expect((await Promise.all(waiting)).map((a) => a.status)).toEqual(Array(10).fill(201));
      expect((await book(t.server.url, events[10]!.id, students[10]!)).status).toBe(201); // the retry books
    } finally {
      await holder.query("rollback").catch(() => {});
      holder.release();
    }
  });

  it("is not the time to open one: a database slow to accept connections still books", async () => {
    // A database and server of their own, the database behind a proxy that
    // holds each new connection three times the wait (as a loaded database, or
    // this process's event loop held up, opens one in over a second while the
    // wait is 1 s): no booking connection is open, so the booking opens one.
    const db = await createTestDatabase();
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(db.authUrl).port || 5432));
    const authUrl = Object.assign(new URL(db.authUrl), { host: `127.0.0.1:${proxy.port}` }).toString();
    const server = await startTestServer(db, { production: true, overrides: { authUrl, booking: { poolWaitMs: POOL_WAIT_MS } } });
    try {
      const event = await insertEvent(db);
      const [student] = await insertUsers(db, 1);
      expect(await bookingConnections(db)).toBe(0);
      proxy.delayConnections(3 * POOL_WAIT_MS);
      const answer = await book(server.url, event.id, student!);
      expect(answer.status).toBe(201); // not 503 DATABASE_UNAVAILABLE when the wait ran out
      expect(answer.ms).toBeGreaterThanOrEqual(3 * POOL_WAIT_MS); // it did wait for the connection to open
    } finally {
      await server.close();
      await proxy.cut();
      await deleteRedisKeys(db.name);
      await db.drop();
    }
  });
});

describe("fencing keys in Redis", () => {
  it("expire, and a token after expiry is still above every earlier one (the database accepts it)", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const [first, second] = await insertUsers(t.db, 2);
    const fenceKey = `${t.db.name}:fence:event:${event.id}`;
    const lastToken = async () =>
      BigInt((await t.db.owner.query("select last_token from app_private.event_fences where event_id = $1", [event.id])).rows[0].last_token);
    const redis = new Redis(testRedisUrl);
    try {
      expect((await book(t.server.url, event.id, first!)).status).toBe(201);
      const ttl = await redis.pttl(fenceKey);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(24 * 3_600_000);
      const before = await lastToken();

      await redis.del(fenceKey); // as if it had expired
      expect((await book(t.server.url, event.id, second!)).status).toBe(201); // not STALE_LOCK
      expect(await lastToken()).toBeGreaterThan(before);
      expect(await redis.pttl(fenceKey)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});

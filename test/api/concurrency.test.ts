// The sale rush, raced for real: separate server processes on one database and
// one Redis, hundreds of students booking at once. No sleeps: every wave is
// awaited, and the database is the judge.
import { describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { RedisLockIssuer } from "../../src/booking/lock.ts";
import { request, testRedisUrl } from "../helpers/app.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { useInstances, type Instance } from "../helpers/instances.ts";
import { startTcpProxy } from "../helpers/tcp-proxy.ts";

const t = useInstances();

function startInstances(count: number, redisUrl: string) {
  return Promise.all(Array.from({ length: count }, () => t.start({ REDIS_URL: redisUrl })));
}

/** Every student books once, spread round-robin over the instances. */
function rush(servers: Instance[], eventId: number, tokens: string[]) {
  return Promise.all(
    tokens.map((token, i) => request(servers[i % servers.length]!.url, "POST", `/events/${eventId}/book`, { token })),
  );
}

async function truth(eventId: number) {
  const { rows } = await t.db.owner.query(
    `select e.total_tickets, e.tickets_remaining,
       (select count(*)::int from app_public.tickets t where t.event_id = e.id and t.status <> 'cancelled') as live,
       (select coalesce(max(n), 0)::int from (select count(*) as n from app_public.tickets t
          where t.event_id = e.id and t.status <> 'cancelled' group by t.user_id) per_student) as most_per_student
     from app_public.events e where e.id = $1`,
    [eventId],
  );
  return rows[0] as { total_tickets: number; tickets_remaining: number; live: number; most_per_student: number };
}

const tally = (responses: { status: number; body: any }[]) => {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe("many instances, one event", () => {
  it("sells exactly 100 of 100 seats to 500 students across 3 instances", async () => {
    const servers = await startInstances(3, testRedisUrl);
    const event = await insertEvent(t.db, { total_tickets: 100 });
    const tokens = (await insertUsers(t.db, 500)).map((s) => tokenFor(s));

    const responses = await rush(servers, event.id, tokens);

    expect(tally(responses)).toEqual({ "201": 100, "409 SOLD_OUT": 400 });
    expect(await truth(event.id)).toEqual({ total_tickets: 100, tickets_remaining: 0, live: 100, most_per_student: 1 });
    const ticketIds = responses.filter((r) => r.status === 201).map((r) => r.body.ticket.id);
    expect(new Set(ticketIds).size).toBe(100);
  });

  it("still sells exactly 100 when Redis becomes unreachable halfway through", async () => {
    const redis = new URL(testRedisUrl);
    const proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const servers = await startInstances(3, `redis://127.0.0.1:${proxy.port}`);
    const event = await insertEvent(t.db, { total_tickets: 100 });
    const tokens = (await insertUsers(t.db, 500)).map((s) => tokenFor(s));

    const firstWave = await rush(servers, event.id, tokens.slice(0, 50)); // booked under the Redis lock
    expect(tally(firstWave)).toEqual({ "201": 50 });

    const secondWave = rush(servers, event.id, tokens.slice(50));
    await proxy.cut(); // Redis is gone while the second wave is in flight
    const responses = [...firstWave, ...(await secondWave)];

    expect(tally(responses)).toEqual({ "201": 100, "409 SOLD_OUT": 400 });
    expect(await truth(event.id)).toEqual({ total_tickets: 100, tickets_remaining: 0, live: 100, most_per_student: 1 });
    // The instances noticed, and went on with database locks alone.
    expect(servers.some((s) => s.output().includes("booking with database locks only"))).toBe(true);
  });

  it("keeps tickets_remaining + live tickets = total while cancels and bookings race", async () => {
    const servers = await startInstances(3, testRedisUrl);
    const event = await insertEvent(t.db, { total_tickets: 100 });
    const holders = await insertUsers(t.db, 100);
    const newcomers = await insertUsers(t.db, 100);
    const booked = await rush(servers, event.id, holders.map((s) => tokenFor(s)));
    expect(tally(booked)).toEqual({ "201": 100 });

    // Check the invariant in single-statement snapshots for as long as the race runs.
    let racing = true;
    const snapshots: { total_tickets: number; tickets_remaining: number; live: number }[] = [];
    const watcher = (async () => {
      while (racing) snapshots.push(await truth(event.id));
    })();

    const cancels = booked.slice(0, 60).map((r, i) =>
      request(servers[i % 3]!.url, "DELETE", `/tickets/${r.body.ticket.id}`, { token: tokenFor(holders[i]!) }),
    );
    const bookings = rush(servers, event.id, newcomers.map((s) => tokenFor(s)));
    const [cancelled, rebooked] = await Promise.all([Promise.all(cancels), bookings]);
    racing = false;
    await watcher;

    expect(tally(cancelled)).toEqual({ "200": 60 });
    const outcome = tally(rebooked);
    // 503 BUSY is the answer of a booking that waited longer than BOOKING_POOL_WAIT_MS for
    // a connection (a retryable refusal that changes nothing); the counts below hold either way.
    expect(Object.keys(outcome).filter((k) => k !== "201" && k !== "409 SOLD_OUT" && k !== "503 BUSY")).toEqual([]);
    expect(snapshots.length).toBeGreaterThan(0);
    for (const s of snapshots) expect(s.tickets_remaining + s.live).toBe(s.total_tickets);
    const final = await truth(event.id);
    expect(final.tickets_remaining + final.live).toBe(100);
    expect(final.live).toBe(40 + (outcome["201"] ?? 0));
  });
});

describe("fencing", () => {
  it("refuses a booking from a holder whose Redis lock expired after a newer holder booked", async () => {
    const event = await insertEvent(t.db, { total_tickets: 10 });
    const [slow, fast] = await insertUsers(t.db, 2);
    const issuer = new RedisLockIssuer(testRedisUrl, 5_000, `${t.db.name}-fencing`);
    const admin = new Redis(testRedisUrl);
    try {
      expect(await issuer.whenReady(5_000)).toBe(true);
      const old = (await issuer.acquire(event.id, Date.now() + 1_000))!;
      // The old holder pauses; its lock expires (deleting the key is what expiry does).
      await admin.del(`${t.db.name}-fencing:lock:event:${event.id}`);
      const newer = (await issuer.acquire(event.id, Date.now() + 1_000))!;
      expect(newer.fence).toBeGreaterThan(old.fence);

      const bookWith = (claims: typeof slow, fence: number) =>
        t.db.as(claims!, async (c) => {
          await c.query("select set_config('booking.fencing_token', $1, true)", [String(fence)]);
          return (await c.query("select id from app_hidden.book_ticket($1)", [event.id])).rows[0];
        });
      await bookWith(fast, newer.fence);
      const stale = await bookWith(slow, old.fence).catch((error) => error);
      expect(stale).toMatchObject({ code: "TK409", detail: "STALE_LOCK" });
      expect(await truth(event.id)).toMatchObject({ tickets_remaining: 9, live: 1 });
      await newer.release();
    } finally {
      admin.disconnect();
      await issuer.close();
    }
  });
});

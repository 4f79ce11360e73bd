// Booking rules under hostile input, against a production-mode server: one
// poisoned request never fails anyone else's booking, keys are scoped, every
// path that hands out a seat keeps the per-student limit, a used ticket stays
// used, and a lock that cannot be had is a retryable 503, never a hang.
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { eventsThatDoNotAddUp, insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true, redisUrl: null });

const book = (eventId: number, student: Claims, key?: string) =>
  request(t.server.url, "POST", `/events/${eventId}/book`, {
    token: tokenFor(student),
    headers: key === undefined ? {} : { "idempotency-key": key },
  });
const bookViaGraphql = (eventId: number, student: Claims, key: string | null) =>
  graphql(
    t.server.url,
    "mutation($eventId: Int!, $key: String) { bookTicket(input: { eventId: $eventId, idempotencyKey: $key }) { ticketId } }",
    { eventId, key },
    tokenFor(student),
  );
const live = async (eventId: number) =>
  (
    await t.db.owner.query(
      `select user_id, count(*)::int as n from app_public.tickets
       where event_id = $1 and status in ('pending', 'offered', 'confirmed') group by user_id`,
      [eventId],
    )
  ).rows as { user_id: number; n: number }[];

describe("one bad request in a batch", () => {
  it("a key PostgreSQL cannot store (\\u0000, a lone surrogate) fails only its own booking", async () => {
    const event = await insertEvent(t.db, { total_tickets: 100 });
    const students = await insertUsers(t.db, 40);
    const poisoned = new Map([[5, "bad\u0000key"], [17, "bad\ud800key"], [29, "spaces are not allowed"]]);
    // All at once: they reach the database in the same few batches.
    const answers = await Promise.all(
      students.map((s, i) => bookViaGraphql(event.id, s, poisoned.get(i) ?? `key-${i}`)),
    );
    answers.forEach((answer, i) => {
      if (poisoned.has(i)) {
        expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "idempotencyKey" });
      } else {
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data?.bookTicket?.ticketId).toBeGreaterThan(0);
      }
    });
    expect((await live(event.id)).length).toBe(students.length - poisoned.size);
  });

  it("REST keys follow the same rule (one place decides)", async () => {
    const event = await insertEvent(t.db);
    const answer = await book(event.id, await insertUser(t.db), "not ascii: café");
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", field: "idempotency_key" });
    expect(await live(event.id)).toEqual([]);
  });

  it("a request the database cannot carry out (its account was deleted) fails alone", async () => {
    const event = await insertEvent(t.db, { total_tickets: 100 });
    const students = await insertUsers(t.db, 30);
    const gone = students[11]!;
    await t.db.owner.query("delete from app_public.users where id = $1", [gone.user_id]); // the token still verifies
    const answers = await Promise.all(students.map((s) => book(event.id, s)));
    answers.forEach((answer, i) => expect(answer.status).toBe(students[i] === gone ? 400 : 201));
    expect((await live(event.id)).length).toBe(students.length - 1);
  });
});

describe("idempotency keys", () => {
  it("are scoped to the event: the same key on another event books that event", async () => {
    const [first, second] = [await insertEvent(t.db), await insertEvent(t.db)];
    const student = await insertUser(t.db);
    const a = await book(first.id, student, "checkout-1");
    const b = await book(second.id, student, "checkout-1");
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.ticket.event_id).toBe(second.id);
    expect(b.body.ticket.id).not.toBe(a.body.ticket.id);
    const again = await book(second.id, student, "checkout-1");
    expect(again.body.ticket.id).toBe(b.body.ticket.id); // still a replay within the event
  });
});

describe("a checked-in ticket", () => {
  it("cannot be cancelled, by its owner or an admin, and its seat is not resold", async () => {
    const event = await insertEvent(t.db, { total_tickets: 1 });
    const student = await insertUser(t.db);
    const { body } = await book(event.id, student);
    const checkIn = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code: body.ticket.check_in_code, event_id: event.id } });
    expect(checkIn.status).toBe(200);
    for (const token of [tokenFor(student), t.adminToken]) {
      const cancel = await request(t.server.url, "DELETE", `/tickets/${body.ticket.id}`, { token });
      expect(cancel.status).toBe(409);
      expect(cancel.body.error.code).toBe("ALREADY_CHECKED_IN");
    }
    expect((await book(event.id, await insertUser(t.db))).body.error.code).toBe("SOLD_OUT");
  });
});

describe("the per-student limit on every path", () => {
  const soldOutEvent = (limit: number) => insertEvent(t.db, { total_tickets: 2, max_tickets_per_student: limit });
  const joinWaitlist = (eventId: number, student: Claims) =>
    request(t.server.url, "POST", `/events/${eventId}/waitlist`, { token: tokenFor(student) });

  it("new seats go to the waitlist first, not to general sale", async () => {
    const event = await soldOutEvent(1);
    const [a, b, waiting, latecomer] = await insertUsers(t.db, 4);
    expect((await book(event.id, a!)).status).toBe(201);
    expect((await book(event.id, b!)).status).toBe(201);
    expect((await joinWaitlist(event.id, waiting!)).status).toBe(201);

    const raise = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { total_tickets: 3 } });
    expect(raise.status).toBe(200);
    expect((await book(event.id, latecomer!)).body.error?.code).toBe("SOLD_OUT");
    const { body } = await request(t.server.url, "GET", "/me/waitlist", { token: tokenFor(waiting!) });
    expect(body.entries[0]).toMatchObject({ status: "offered" });
  });

  it("a returned seat skips a waiting student who is already at the limit", async () => {
    const event = await soldOutEvent(2);
    const [holder, other, next] = await insertUsers(t.db, 3);
    expect((await book(event.id, holder!)).status).toBe(201);
    const taken = await book(event.id, other!);
    expect(taken.status).toBe(201);
    expect((await joinWaitlist(event.id, holder!)).status).toBe(201); // 1 of 2: may wait
    expect((await joinWaitlist(event.id, next!)).status).toBe(201);
    await t.db.owner.query("update app_public.events set max_tickets_per_student = 1 where id = $1", [event.id]);

    expect((await request(t.server.url, "DELETE", `/tickets/${taken.body.ticket.id}`, { token: tokenFor(other!) })).status).toBe(200);
    expect(await live(event.id)).toEqual(
      expect.arrayContaining([{ user_id: holder!.user_id, n: 1 }, { user_id: next!.user_id, n: 1 }]),
    );
  });

  it("accepting an offer is refused when it would go over the limit", async () => {
    const event = await soldOutEvent(2);
    const [holder, other] = await insertUsers(t.db, 2);
    expect((await book(event.id, holder!)).status).toBe(201);
    const taken = await book(event.id, other!);
    const entry = await joinWaitlist(event.id, holder!);
    await request(t.server.url, "DELETE", `/tickets/${taken.body.ticket.id}`, { token: tokenFor(other!) }); // offered to holder
    await t.db.owner.query("update app_public.events set max_tickets_per_student = 1 where id = $1", [event.id]);

    const accept = await request(t.server.url, "POST", `/waitlist/${entry.body.entry.id}/accept`, { token: tokenFor(holder!) });
    expect(accept.status).toBe(409);
    expect(accept.body.error.code).toBe("LIMIT_REACHED");
    const { rows } = await t.db.owner.query(
      "select count(*)::int as n from app_public.tickets where user_id = $1 and status = 'confirmed'",
      [holder!.user_id],
    );
    expect(rows[0].n).toBe(1);
  });
});

describe("event locks", () => {
  it("a lock held too long answers 503 BUSY with Retry-After, and writes nothing", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const student = await insertUser(t.db);
    const holder = new pg.Client({ connectionString: t.db.ownerUrl });
    await holder.connect();
    try {
      // Someone (a stuck job, a long admin transaction) holds the event's lock.
      await holder.query("select pg_advisory_lock(hashtext('ticketing.event'), $1)", [event.id]);
      const release = setTimeout(() => void holder.query("select pg_advisory_unlock_all()"), 20_000);
      const started = Date.now();
      const response = await fetch(`${t.server.url}/events/${event.id}/book`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokenFor(student)}` },
      });
      clearTimeout(release);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BUSY");
      expect(Date.now() - started).toBeLessThan(15_000); // bounded by lock_timeout, not by the holder
      expect(await live(event.id)).toEqual([]);
    } finally {
      await holder.end();
    }
  });
});

describe("after all of the above", () => {
  it("every event's seats still add up: remaining + held + sold = total", async () => {
    expect(await eventsThatDoNotAddUp(t.db)).toEqual([]);
  });
});

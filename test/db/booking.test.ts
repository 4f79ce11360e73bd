// book_ticket / cancel_ticket as the database enforces them, called as request
// roles: every refusal has its own code, and nothing is half-written.
import { describe, expect, it } from "vitest";
import type pg from "pg";
import type { Claims } from "../../src/auth/jwt.ts";
import { sqlFailure, useTestDatabase } from "../helpers/db.ts";
import { FAST_PATH_REFUSALS, fastPathRefusal, idempotencyKeyIsValid } from "../../src/booking/fast-path.ts";
import { insertEvent, insertPastEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";

const t = useTestDatabase();


async function book(claims: Claims | null, eventId: number, key: string | null = null, fence?: number) {
  return t.db.as(claims, async (c: pg.PoolClient) => {
    if (fence !== undefined) await c.query("select set_config('booking.fencing_token', $1, true)", [String(fence)]);
    return (await c.query("select * from app_hidden.book_ticket($1, $2)", [eventId, key])).rows[0];
  });
}
const cancel = (claims: Claims, ticketId: number) =>
  t.db.as(claims, async (c) => (await c.query("select * from app_public.cancel_ticket($1)", [ticketId])).rows[0]);

async function inventory(eventId: number) {
  const { rows } = await t.db.owner.query(
    `select e.total_tickets, e.tickets_remaining,
            (select count(*)::int from app_public.tickets t where t.event_id = e.id and t.status <> 'cancelled') as live
     from app_public.events e where e.id = $1`,
    [eventId],
  );
  return rows[0] as { total_tickets: number; tickets_remaining: number; live: number };
}

describe("book_ticket", () => {
  it("books a seat for the calling student and takes it from the inventory", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 3 });
    const ticket = await book(student, event.id);
    expect(ticket).toMatchObject({ event_id: event.id, user_id: student.user_id, status: "confirmed" });
    expect(await inventory(event.id)).toEqual({ total_tickets: 3, tickets_remaining: 2, live: 1 });
  });

  it("refuses anonymous callers (no privilege) and admins (FORBIDDEN)", async () => {
    const event = await insertEvent(t.db);
    expect(await sqlFailure(book(null, event.id))).toMatchObject({ code: "42501" });
    expect(await sqlFailure(book(t.admin, event.id))).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
    expect((await inventory(event.id)).tickets_remaining).toBe(event.total_tickets);
  });

  it("gives each refusal its own code, in one order (sold out before the per-student limit)", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const one = await insertEvent(t.db, { total_tickets: 1 });
    await book(a!, one.id);
    expect(await sqlFailure(book(b!, one.id))).toMatchObject({ code: "TK409", detail: "SOLD_OUT" });
    // a is at the limit too, but the event-wide rule comes first (what the server's fast path answers as well).
    expect(await sqlFailure(book(a!, one.id))).toMatchObject({ code: "TK409", detail: "SOLD_OUT" });
    const two = await insertEvent(t.db, { total_tickets: 2 });
    await book(a!, two.id);
    expect(await sqlFailure(book(a!, two.id))).toMatchObject({ code: "TK409", detail: "LIMIT_REACHED" });
    expect(await sqlFailure(book(a!, 2_000_000_000))).toMatchObject({ code: "TK404", detail: "NOT_FOUND" });
    const past = await insertPastEvent(t.db);
    expect(await sqlFailure(book(a!, past.id))).toMatchObject({ code: "TK409", detail: "EVENT_STARTED" });
    expect(await inventory(one.id)).toEqual({ total_tickets: 1, tickets_remaining: 0, live: 1 });
  });

  it("lets a student hold up to the event's per-student limit", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 10, max_tickets_per_student: 2 });
    await book(student, event.id);
    await book(student, event.id);
    expect(await sqlFailure(book(student, event.id))).toMatchObject({ detail: "LIMIT_REACHED" });
    expect((await inventory(event.id)).live).toBe(2);
  });

  it("returns the same ticket for a repeated idempotency key, and books separately for new keys", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 10, max_tickets_per_student: 2 });
    const first = await book(student, event.id, "key-1");
    const again = await book(student, event.id, "key-1");
    expect(again.id).toBe(first.id);
    const second = await book(student, event.id, "key-2");
    expect(second.id).not.toBe(first.id);
    expect(await sqlFailure(book(student, event.id, "key-3"))).toMatchObject({ detail: "LIMIT_REACHED" });
    expect(await inventory(event.id)).toEqual({ total_tickets: 10, tickets_remaining: 8, live: 2 });
  });

  it("refuses a fencing token older than one it already accepted (an expired lock holder)", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 10 });
    await book(a!, event.id, null, 1_000); // the newer holder wrote first
    const stale = await sqlFailure(book(b!, event.id, null, 999)); // the old holder wakes up
    expect(stale).toMatchObject({ code: "TK409", detail: "STALE_LOCK" });
    expect(await inventory(event.id)).toEqual({ total_tickets: 10, tickets_remaining: 9, live: 1 });
    await book(b!, event.id, null, 1_001);
    expect((await inventory(event.id)).live).toBe(2);
  });
});

describe("cancel_ticket", () => {
  it("returns the seat; a second cancel says it was already cancelled", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 2 });
    const ticket = await book(student, event.id);
    const cancelled = await cancel(student, ticket.id);
    expect(cancelled).toMatchObject({ id: ticket.id, status: "cancelled", cancelled_at: expect.any(Date) });
    expect(await inventory(event.id)).toEqual({ total_tickets: 2, tickets_remaining: 2, live: 0 });
    expect(await sqlFailure(cancel(student, ticket.id))).toMatchObject({ code: "TK409", detail: "ALREADY_CANCELLED" });
    expect((await inventory(event.id)).tickets_remaining).toBe(2);
  });

  it("treats another student's ticket as not found; an admin may cancel it", async () => {
    const [owner, other] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db);
    const ticket = await book(owner!, event.id);
    expect(await sqlFailure(cancel(other!, ticket.id))).toMatchObject({ code: "TK404", detail: "NOT_FOUND" });
    expect(await cancel(t.admin, ticket.id)).toMatchObject({ status: "cancelled" });
  });

  it("lets the student book again after cancelling (the limit counts live tickets)", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const ticket = await book(student, event.id);
    await cancel(student, ticket.id);
    expect(await book(student, event.id)).toMatchObject({ status: "confirmed" });
  });
});

describe("tickets are private", () => {
  it("a student sees only their own tickets through my_tickets and the table", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db);
    await book(a!, event.id);
    await book(b!, event.id);
    const seen = await t.db.as(a!, async (c) => (await c.query("select user_id from app_public.tickets")).rows);
    expect(new Set(seen.map((r) => r.user_id))).toEqual(new Set([a!.user_id]));
    const mine = await t.db.as(a!, async (c) => (await c.query("select user_id from app_public.my_tickets()")).rows);
    expect(mine).toEqual([{ user_id: a!.user_id }]);
  });
});

describe("the server's fast path", () => {
  it("refuses with the database's own code, status and words", async () => {
    for (const [code, reason] of Object.entries(FAST_PATH_REFUSALS)) {
      const { rows } = await t.db.owner.query("select code, status, message from app_private.errors where reason = $1", [reason]);
      const refusal = fastPathRefusal(code as keyof typeof FAST_PATH_REFUSALS);
      expect({ code: refusal.code, status: refusal.status, message: refusal.message }, code).toEqual(rows[0]);
    }
  });

  it("judges an idempotency key as the database does (it refuses bookings of events that do not exist)", async () => {
    const keys = [
      "a", "checkout-42", "x".repeat(200), "x".repeat(201), "", " ", "a b", "tab\tkey", "new\nline", "café", "\u0000",
      "\ud800", '"', '"'.repeat(200), '"'.repeat(201), "\\".repeat(200), "/", "~!#$%&'()*+,-./:;<=>?@[]^_`{|}", "\u007f", "€",
    ];
    // As the booking batch sends keys: a JSON array (service.ts, transact).
    const { rows } = await t.db.owner.query(
      "select app_private.idempotency_key_is_valid(k) as valid from json_array_elements($1::json) k",
      [JSON.stringify(keys)],
    );
    expect(rows.map((r) => r.valid)).toEqual(keys.map(idempotencyKeyIsValid));
  });
});

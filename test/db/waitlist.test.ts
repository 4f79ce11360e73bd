// The waitlist in SQL, as each request role: who may join and when, the order
// returned seats are offered in, what an offer holds, and who may accept it.
// (The same flow over HTTP with the real worker: test/api/flows-waitlist.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { eventsThatDoNotAddUp, insertEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const call = (claims: Claims | null, sql: string, params: unknown[] = []) =>
  db.as(claims, async (c) => (await c.query(sql, params)).rows);
const book = async (student: Claims, eventId: number) =>
  (await call(student, "select * from app_hidden.book_ticket($1, null)", [eventId]))[0];
const join = async (student: Claims, eventId: number) =>
  (await call(student, "select * from app_public.join_waitlist($1)", [eventId]))[0];
const entry = async (id: number) => (await db.owner.query("select * from app_public.waitlist_entries where id = $1", [id])).rows[0];

/** A sold-out event (one seat each for `holders`) with `waiting` students in line. */
async function soldOutWithLine(holders: number, waiting: number) {
  const event = await insertEvent(db, { total_tickets: holders });
  const people = await insertUsers(db, holders + waiting);
  const tickets = [];
  for (const h of people.slice(0, holders)) tickets.push(await book(h, event.id));
  const entries = [];
  for (const w of people.slice(holders)) entries.push(await join(w, event.id));
  return { event, holders: people.slice(0, holders), line: people.slice(holders), tickets, entries };
}

describe("joining", () => {
  it("is for students only: anonymous callers may not call it, admins are refused", async () => {
    const { event } = await soldOutWithLine(1, 0);
    expect(await sqlFailure(call(null, "select app_public.join_waitlist($1)", [event.id]))).toMatchObject({ code: "42501" });
    const admin = await insertUser(db, "admin");
    expect(await sqlFailure(call(admin, "select app_public.join_waitlist($1)", [event.id]))).toEqual({ code: "TK403", detail: "FORBIDDEN" });
  });

  it("opens only when the event is sold out, and once per student", async () => {
    const open = await insertEvent(db, { total_tickets: 3 });
    const student = await insertUser(db);
    expect(await sqlFailure(join(student, open.id))).toEqual({ code: "TK409", detail: "NOT_SOLD_OUT" });
    expect(await sqlFailure(join(student, 999_999))).toEqual({ code: "TK404", detail: "NOT_FOUND" });

    const { event } = await soldOutWithLine(1, 0);
    expect(await join(student, event.id)).toMatchObject({ status: "waiting", user_id: student.user_id });
    expect(await sqlFailure(join(student, event.id))).toEqual({ code: "TK409", detail: "ALREADY_WAITING" });
  });

  it("shows a student their own entries only, with their place in line, and no role writes the table directly", async () => {
    const { event, line } = await soldOutWithLine(1, 3);
    const [, second] = line;
    const seen = await call(second!, "select id, user_id, app_public.waitlist_entries_position(w) as position from app_public.waitlist_entries w");
    expect(seen).toEqual([{ id: expect.any(Number), user_id: second!.user_id, position: 2 }]);
    for (const sql of [
      "insert into app_public.waitlist_entries (event_id, user_id) values ($1, $2)",
      "update app_public.waitlist_entries set status = 'offered' where event_id = $1 and user_id = $2",
    ]) {
      expect(await sqlFailure(call(second!, sql, [event.id, second!.user_id]))).toMatchObject({ code: "42501" });
    }
  });
});

describe("offers", () => {
  it("offers each returned seat to the first in line as a held ticket; nobody else can book it", async () => {
    const { event, holders, tickets, entries, line } = await soldOutWithLine(1, 2);
    await call(holders[0]!, "select app_public.cancel_ticket($1)", [tickets[0].id]);

    const first = await entry(entries[0].id);
    expect(first).toMatchObject({ status: "offered", ticket_id: expect.any(Number) });
    expect(await entry(entries[1].id)).toMatchObject({ status: "waiting", ticket_id: null });
    const { rows } = await db.owner.query("select status, user_id, hold_expires_at > now() as held from app_public.tickets where id = $1", [
      first.ticket_id,
    ]);
    expect(rows[0]).toEqual({ status: "offered", user_id: line[0]!.user_id, held: true });
    const outsider = await insertUser(db);
    expect(await sqlFailure(book(outsider, event.id))).toEqual({ code: "TK409", detail: "SOLD_OUT" });
    expect(await eventsThatDoNotAddUp(db)).toEqual([]);
  });

  it("lets only the offered student accept, and the seat becomes theirs", async () => {
    const { holders, tickets, entries, line } = await soldOutWithLine(1, 2);
    await call(holders[0]!, "select app_public.cancel_ticket($1)", [tickets[0].id]);
    const accept = (who: Claims, id: number) => call(who, "select * from app_public.accept_waitlist_offer($1)", [id]);

    expect(await sqlFailure(accept(line[1]!, entries[0].id))).toEqual({ code: "TK404", detail: "NOT_FOUND" });
    expect(await sqlFailure(accept(line[1]!, entries[1].id))).toEqual({ code: "TK409", detail: "OFFER_NOT_AVAILABLE" });
    const [ticket] = await accept(line[0]!, entries[0].id);
    expect(ticket).toMatchObject({ status: "confirmed", user_id: line[0]!.user_id });
    expect(await entry(entries[0].id)).toMatchObject({ status: "accepted" });
    expect(await eventsThatDoNotAddUp(db)).toEqual([]);
  });

  it("passes a lapsed offer to the next in line, and the lapsed one can no longer accept", async () => {
    const { holders, tickets, entries, line } = await soldOutWithLine(1, 2);
    await call(holders[0]!, "select app_public.cancel_ticket($1)", [tickets[0].id]);
    const offered = await entry(entries[0].id);
    await db.owner.query("update app_public.tickets set hold_expires_at = now() - interval '1 second' where id = $1", [offered.ticket_id]);
    await db.owner.query("select app_private.expire_holds()");

    expect(await entry(entries[0].id)).toMatchObject({ status: "lapsed" });
    expect(await entry(entries[1].id)).toMatchObject({ status: "offered" });
    const late = sqlFailure(call(line[0]!, "select app_public.accept_waitlist_offer($1)", [entries[0].id]));
    expect(await late).toEqual({ code: "TK409", detail: "OFFER_NOT_AVAILABLE" });
    expect(await eventsThatDoNotAddUp(db)).toEqual([]);
  });

  it("lets a waiting student leave; the line closes up behind them", async () => {
    const { entries, line } = await soldOutWithLine(1, 3);
    expect((await call(line[0]!, "select * from app_public.leave_waitlist($1)", [entries[0].id]))[0]).toMatchObject({ status: "left" });
    expect(await sqlFailure(call(line[2]!, "select app_public.leave_waitlist($1)", [entries[1].id]))).toEqual({
      code: "TK404",
      detail: "NOT_FOUND",
    });
    const [mine] = await call(line[2]!, "select app_public.waitlist_entries_position(w) as position from app_public.waitlist_entries w");
    expect(mine).toEqual({ position: 2 });
  });
});

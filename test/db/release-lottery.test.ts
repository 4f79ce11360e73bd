// The lottery in SQL, as each request role: entering until the close, the draw
// (recorded, recomputable), winners claiming, unclaimed wins passing down the
// order, every entrant told the result.
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { sqlFailure, useTestDatabase } from "../helpers/db.ts";
import { eventsThatDoNotAddUp, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { auditorShuffle, createReleaseEvent, drawNow, orderHash } from "../helpers/release.ts";

const t = useTestDatabase();

const call = t.rowsAs;
const enter = async (student: Claims, eventId: number) => (await call(student, "select * from app_public.enter_lottery($1)", [eventId]))[0];
const mine = async (student: Claims, eventId: number) => (await call(student, "select * from app_public.my_lottery_entry($1)", [eventId]))[0];
const claim = async (student: Claims, eventId: number) => (await call(student, "select * from app_public.claim_lottery_win($1)", [eventId]))[0];

/** A drawn lottery with `seats` seats and `entrants` entrants, in draw order. */
async function drawnLottery(seats: number, entrants: number) {
  const event = await createReleaseEvent(t.db, t.admin, "lottery", { seats });
  const students = await insertUsers(t.db, entrants);
  for (const s of students) await enter(s, event.id);
  await drawNow(t.db, event.id);
  const ranked = (await t.db.owner.query("select user_id from app_public.lottery_entries where event_id = $1 order by draw_rank", [event.id])).rows.map(
    (r) => students.find((s) => s.user_id === r.user_id)!,
  );
  return { event, students, ranked };
}

describe("entering", () => {
  it("is for students, once each; after the close it is LOTTERY_CLOSED", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery");
    const student = await insertUser(t.db);
    expect(await sqlFailure(call(t.admin, "select app_public.enter_lottery($1)", [event.id]))).toEqual({ code: "TK403", detail: "FORBIDDEN" });
    const entry = await enter(student, event.id);
    expect(entry).toMatchObject({ state: "entered", draw_rank: null });
    expect((await enter(student, event.id)).id).toBe(entry.id);
    await t.db.owner.query("update app_public.events set lottery_closes_at = now() - interval '1 second' where id = $1", [event.id]);
    expect(await sqlFailure(enter(await insertUser(t.db), event.id))).toEqual({ code: "TK409", detail: "LOTTERY_CLOSED" });
  });

  it("refuses a first-come event and booking a lottery event directly", async () => {
    const queue = await createReleaseEvent(t.db, t.admin, "queue");
    const lottery = await createReleaseEvent(t.db, t.admin, "lottery");
    const student = await insertUser(t.db);
    expect(await sqlFailure(enter(student, queue.id))).toEqual({ code: "TK409", detail: "WRONG_RELEASE_MODE" });
    await t.db.owner.query("update app_public.events set sales_start = null where id = $1", [lottery.id]);
    expect(await sqlFailure(call(student, "select app_hidden.book_ticket($1, null)", [lottery.id]))).toEqual({
      code: "TK409",
      detail: "NOT_YOUR_TURN",
    });
  });
});

describe("the draw", () => {
  it("orders every entry by the recorded seed; the first seats' worth win, every entrant is told", async () => {
    const { event, students, ranked } = await drawnLottery(2, 7);
    const draw = (await t.db.owner.query("select seed, entries, ordered, order_hash, winners from app_private.release_draws where event_id = $1", [event.id])).rows[0];
    expect(auditorShuffle(draw.seed, draw.entries)).toEqual(draw.ordered);
    expect(orderHash(draw.ordered)).toBe(draw.order_hash);
    expect(draw.winners).toBe(2);
    expect((await mine(ranked[0]!, event.id)).state).toBe("won");
    expect((await mine(ranked[1]!, event.id)).state).toBe("won");
    for (const s of ranked.slice(2)) expect(await mine(s, event.id)).toMatchObject({ state: "lost", offer_expires_at: null });
    const emails = await t.db.owner.query("select kind, count(*)::int as n from app_private.outbox where user_id = any($1) group by kind order by kind", [
      students.map((s) => s.user_id),
    ]);
    expect(emails.rows).toEqual([
      { kind: "lottery_lost", n: 5 },
      { kind: "lottery_won", n: 2 },
    ]);
    const seen = "select (app_public.events_lottery_draw(e)).* from app_public.events e where e.id = $1";
    expect((await call(t.admin, seen, [event.id]))[0]).toMatchObject({ winners: draw.ordered.slice(0, 2), order_hash: draw.order_hash });
    expect((await call(students[0]!, seen, [event.id]))[0]).toMatchObject({ seed: null, winners: null });
  });

  it("lets a winner claim once (a confirmed ticket) and tells the others they have no seat", async () => {
    const { event, ranked } = await drawnLottery(1, 3);
    expect(await sqlFailure(claim(ranked[1]!, event.id))).toEqual({ code: "TK409", detail: "NO_WIN" });
    const ticket = await claim(ranked[0]!, event.id);
    expect(ticket).toMatchObject({ status: "confirmed", user_id: ranked[0]!.user_id });
    expect((await claim(ranked[0]!, event.id)).id).toBe(ticket.id);
    expect(await mine(ranked[0]!, event.id)).toMatchObject({ state: "claimed", ticket_id: ticket.id });
    expect(await eventsThatDoNotAddUp(t.db)).toEqual([]);
  });

  it("passes an unclaimed win to the next in order; the late winner hears OFFER_EXPIRED", async () => {
    const { event, ranked } = await drawnLottery(1, 3);
    await t.db.owner.query("update app_public.lottery_entries set offer_expires_at = now() - interval '1 second' where event_id = $1 and state = 'won'", [
      event.id,
    ]);
    expect(await sqlFailure(claim(ranked[0]!, event.id))).toEqual({ code: "TK409", detail: "OFFER_EXPIRED" });
    await t.db.owner.query("select app_private.release_tick($1)", [event.id]);
    expect((await mine(ranked[0]!, event.id)).state).toBe("expired");
    expect((await mine(ranked[1]!, event.id)).state).toBe("won");
    expect((await mine(ranked[2]!, event.id)).state).toBe("lost");
    expect(await claim(ranked[1]!, event.id)).toMatchObject({ status: "confirmed" });
  });

  it("passes a cancelled winner's seat down the order too", async () => {
    const { event, ranked } = await drawnLottery(1, 2);
    const ticket = await claim(ranked[0]!, event.id);
    await call(ranked[0]!, "select app_public.cancel_ticket($1)", [ticket.id]);
    expect((await mine(ranked[1]!, event.id)).state).toBe("won");
    expect(await eventsThatDoNotAddUp(t.db)).toEqual([]);
  });

  it("never draws a cancelled event, and a win of an event cancelled after its draw cannot be claimed", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery", { seats: 1 });
    const [student] = await insertUsers(t.db, 1);
    await enter(student!, event.id);
    // Entries close, the event is called off before its draw job runs; then the job comes.
    await t.db.owner.query("update app_public.events set lottery_closes_at = now() - interval '1 second' where id = $1", [event.id]);
    await call(t.admin, "select app_public.cancel_event($1, 'Rained off')", [event.id]);
    expect((await t.db.owner.query("select app_private.release_draw($1) as drawn", [event.id])).rows[0].drawn).toBe(false);
    expect(await mine(student!, event.id)).toMatchObject({ state: "entered" });

    const drawn = await drawnLottery(1, 2);
    await call(t.admin, "select app_public.cancel_event($1, 'Rained off')", [drawn.event.id]);
    expect(await sqlFailure(claim(drawn.ranked[0]!, drawn.event.id))).toEqual({ code: "TK409", detail: "EVENT_CANCELLED" });
  });

  it("makes a paid win a hold to pay", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery", { seats: 1, price_cents: 500 });
    const student = await insertUser(t.db);
    await enter(student, event.id);
    await drawNow(t.db, event.id);
    expect(await claim(student, event.id)).toMatchObject({ status: "pending", price_cents: 500, hold_expires_at: expect.any(Date) });
  });
});

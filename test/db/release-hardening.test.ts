// Queue and lottery events meeting the rest of the system, in SQL as the request
// roles: cancelling an event closes its waiting room (drawn or not) and tells its
// queue and lottery entrants, and a join racing the cancellation is either closed
// by it or refused after it, never left waiting in the line of a cancelled event;
// a closed account's place in line or lottery win passes on at once instead of
// holding a seat for someone who can no longer sign in.
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { useTestDatabase } from "../helpers/db.ts";
import { insertUser, insertUsers } from "../helpers/fixtures.ts";
import { createReleaseEvent, drawNow } from "../helpers/release.ts";
import { inTurns, refusal } from "../helpers/turns.ts";

const t = useTestDatabase();

const call = t.rowsAs;
const join = async (student: Claims, eventId: number) => (await call(student, "select * from app_public.join_queue($1)", [eventId]))[0];
const enter = async (student: Claims, eventId: number) => (await call(student, "select * from app_public.enter_lottery($1)", [eventId]))[0];
const cancelSql = "select id, status from app_public.cancel_event($1, 'The hall is flooded')";
const queueStates = async (eventId: number) =>
  Object.fromEntries((await t.db.owner.query("select user_id, state from app_public.queue_entries where event_id = $1", [eventId])).rows.map((r) => [r.user_id, r.state]));
const lotteryStates = async (eventId: number) =>
  Object.fromEntries((await t.db.owner.query("select user_id, state from app_public.lottery_entries where event_id = $1", [eventId])).rows.map((r) => [r.user_id, r.state]));
const told = async (eventId: number) =>
  (await t.db.owner.query("select user_id, body from app_private.outbox where dedupe_key like $1 order by user_id", [`event_cancelled:${eventId}:%`])).rows;
async function withPassword(user: Claims) {
  await t.db.owner.query("insert into app_private.user_secrets (user_id, password_hash) values ($1, crypt('correct horse', gen_salt('bf', 4)))", [user.user_id]);
  return user;
}
const closeAccount = (user: Claims) => call(user, "select app_hidden.delete_account('correct horse') as deleted");

describe("cancelling a queue or lottery event", () => {
  it("closes the waiting room before its shuffle, and tells everyone in it", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const students = await insertUsers(t.db, 2);
    for (const s of students) await join(s, event.id);
    await call(t.admin, cancelSql, [event.id]);
    expect(await queueStates(event.id)).toEqual({ [students[0]!.user_id]: "closed", [students[1]!.user_id]: "closed" });
    const mail = await told(event.id);
    expect(mail.map((m) => m.user_id)).toEqual(students.map((s) => s.user_id));
    expect(mail[0].body).toContain("Their reason: The hall is flooded");
    expect(mail[0].body).toContain("You were waiting for a seat (on the waitlist, in the queue or in the lottery); that is closed now.");
  });

  it("after the shuffle: the admitted and the waiting are closed and told", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const students = await insertUsers(t.db, 3);
    for (const s of students) await join(s, event.id);
    await drawNow(t.db, event.id);
    expect(Object.values(await queueStates(event.id)).sort()).toEqual(["admitted", "waiting", "waiting"]);
    await call(t.admin, cancelSql, [event.id]);
    expect(Object.values(await queueStates(event.id))).toEqual(["closed", "closed", "closed"]);
    expect((await told(event.id)).map((m) => m.user_id)).toEqual(students.map((s) => s.user_id));
  });

  it("tells the lottery's entrants (whose entries stay as they were: the draw never runs for a cancelled event)", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery", { seats: 1 });
    const students = await insertUsers(t.db, 2);
    for (const s of students) await enter(s, event.id);
    await call(t.admin, cancelSql, [event.id]);
    expect((await told(event.id)).map((m) => m.user_id)).toEqual(students.map((s) => s.user_id));
    expect(Object.values(await lotteryStates(event.id))).toEqual(["entered", "entered"]);
  });

  it("after the draw: a win left unclaimed is not later mailed as 'passed on to the next' (nothing passes on)", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery", { seats: 1 });
    const students = await insertUsers(t.db, 2);
    for (const s of students) await enter(s, event.id);
    await drawNow(t.db, event.id);
    await call(t.admin, cancelSql, [event.id]);
    // The offer's time runs out; its release_tick job runs.
    await t.db.owner.query("update app_public.lottery_entries set offer_expires_at = now() - interval '1 second' where event_id = $1 and state = 'won'", [event.id]);
    await t.db.owner.query("select app_private.release_tick($1)", [event.id]);
    const mail = await t.db.owner.query("select kind from app_private.outbox where user_id = any($1) order by id", [students.map((s) => s.user_id)]);
    expect(mail.rows.map((r) => r.kind).sort()).toEqual(["event_cancelled", "event_cancelled", "lottery_lost", "lottery_won"]);
    expect(Object.values(await lotteryStates(event.id)).sort()).toEqual(["lost", "won"]);
  });

  it("a claim on it answers EVENT_CANCELLED, not 'the draw has not run yet' or 'your offer expired'", async () => {
    const claim = (s: Claims, eventId: number) =>
      call(s, "select id from app_public.claim_lottery_win($1)", [eventId]).catch((error: { detail: string }) => error.detail);
    const undrawn = await createReleaseEvent(t.db, t.admin, "lottery");
    const entrant = await insertUser(t.db);
    await enter(entrant, undrawn.id);
    await call(t.admin, cancelSql, [undrawn.id]);
    expect(await claim(entrant, undrawn.id)).toBe("EVENT_CANCELLED");

    const drawn = await createReleaseEvent(t.db, t.admin, "lottery", { seats: 1 });
    const winner = await insertUser(t.db);
    await enter(winner, drawn.id);
    await drawNow(t.db, drawn.id);
    await call(t.admin, cancelSql, [drawn.id]);
    await t.db.owner.query("update app_public.lottery_entries set offer_expires_at = now() - interval '1 second' where event_id = $1", [drawn.id]);
    expect(await claim(winner, drawn.id)).toBe("EVENT_CANCELLED");
  });

  it("and a join at the same moment: it waits for the cancellation, then is refused (EVENT_CANCELLED)", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const student = await insertUser(t.db);
    const race = await inTurns(t.db, { claims: t.admin, sql: cancelSql, params: [event.id] }, { claims: student, sql: "select * from app_public.join_queue($1)", params: [event.id] });
    expect(refusal(race.first)).toBeUndefined();
    expect(race.secondWaited).toBe(true);
    expect(refusal(race.second)).toBe("EVENT_CANCELLED");
    expect(await queueStates(event.id)).toEqual({});
  });

  it("and a lottery entry at the same moment: it waits, then is refused (EVENT_CANCELLED)", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery");
    const student = await insertUser(t.db);
    const race = await inTurns(t.db, { claims: t.admin, sql: cancelSql, params: [event.id] }, { claims: student, sql: "select * from app_public.enter_lottery($1)", params: [event.id] });
    expect(race.secondWaited).toBe(true);
    expect(refusal(race.second)).toBe("EVENT_CANCELLED");
    expect(await lotteryStates(event.id)).toEqual({});
  });
});

describe("a student leaving and joining again in a loop", () => {
  it("takes at most 30 places in queues in 10 minutes (429 TOO_MANY_ATTEMPTS); the refused join changes nothing", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const student = await insertUser(t.db);
    const leave = () => call(student, "select * from app_public.leave_queue($1)", [event.id]);
    for (let n = 0; n < 30; n++) {
      expect(await join(student, event.id)).toMatchObject({ state: "waiting" });
      await leave();
    }
    const refused = await join(student, event.id).catch((error: { code: string; detail: string }) => ({ code: error.code, detail: error.detail }));
    expect(refused).toEqual({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
    expect(await queueStates(event.id)).toEqual({ [student.user_id]: "left" });
    // Joining again answers the place already held for free: only new places count.
    const other = await createReleaseEvent(t.db, t.admin, "queue");
    const newcomer = await insertUser(t.db);
    for (let n = 0; n < 40; n++) expect(await join(newcomer, other.id)).toMatchObject({ state: "waiting" });
  });
});

describe("a closed account", () => {
  it("leaves its place in line: an admission passes to the next at once", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const students = await Promise.all((await insertUsers(t.db, 2)).map(withPassword));
    for (const s of students) await join(s, event.id);
    await drawNow(t.db, event.id);
    const states = await queueStates(event.id);
    const admitted = students.find((s) => states[s.user_id] === "admitted")!;
    const next = students.find((s) => s !== admitted)!;
    await closeAccount(admitted);
    expect(await queueStates(event.id)).toEqual({ [admitted.user_id]: "left", [next.user_id]: "admitted" });
  });

  it("gives up a lottery win, which passes to the next in the draw; an entry not yet drawn is withdrawn", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "lottery", { seats: 1 });
    const students = await Promise.all((await insertUsers(t.db, 2)).map(withPassword));
    for (const s of students) await enter(s, event.id);
    await drawNow(t.db, event.id);
    const states = await lotteryStates(event.id);
    const winner = students.find((s) => states[s.user_id] === "won")!;
    const next = students.find((s) => s !== winner)!;
    await closeAccount(winner);
    expect(await lotteryStates(event.id)).toEqual({ [winner.user_id]: "expired", [next.user_id]: "won" });

    const undrawn = await createReleaseEvent(t.db, t.admin, "lottery");
    const entrant = await withPassword(await insertUser(t.db));
    await enter(entrant, undrawn.id);
    await closeAccount(entrant);
    expect(await lotteryStates(undrawn.id)).toEqual({});
  });
});

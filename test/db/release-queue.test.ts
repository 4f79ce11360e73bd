// The waiting room in SQL, as each request role: joining, the shuffle at sales_start
// (uniform, reproducible from its recorded seed), admissions that never exceed the
// seats (also from two connections at once), the NOT_YOUR_TURN gate, lapses.
import { describe, expect, it } from "vitest";
import pg from "pg";
import type { Claims } from "../../src/auth/jwt.ts";
import { sqlFailure, useTestDatabase } from "../helpers/db.ts";
import { eventsThatDoNotAddUp, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { auditorShuffle, createReleaseEvent, drawNow, orderHash } from "../helpers/release.ts";

const t = useTestDatabase();

const call = t.rowsAs;
const join = async (student: Claims, eventId: number) =>
  (await call(student, "select q.*, app_public.queue_entries_position(q) as position from app_public.join_queue($1) q", [eventId]))[0];
const mine = async (student: Claims, eventId: number) =>
  (await call(student, "select q.state, app_public.queue_entries_position(q) as position, q.admitted_until from app_public.my_queue_entry($1) q", [eventId]))[0];
const book = async (student: Claims, eventId: number) => (await call(student, "select * from app_hidden.book_ticket($1, null)", [eventId]))[0];
const states = async (eventId: number) =>
  (await t.db.owner.query("select user_id, state::text from app_public.queue_entries where event_id = $1 order by id", [eventId])).rows;
const count = async (eventId: number, state: string) =>
  Number((await t.db.owner.query("select count(*) from app_public.queue_entries where event_id = $1 and state = $2", [eventId, state])).rows[0].count);

describe("the event's release fields", () => {
  it("default to first come, 10 admission minutes and 1440 offer minutes", async () => {
    const [event] = await call(
      t.admin,
      "select release_mode, admission_minutes, offer_minutes from app_public.create_event('Talk', 'Hall', now() + interval '2 days', 10)",
    );
    expect(event).toEqual({ release_mode: "first_come", admission_minutes: 10, offer_minutes: 1440 });
  });

  it.each([
    ["release_mode => 'queue'", "sales_start"],
    ["release_mode => 'lottery'", "lottery_closes_at"],
    ["admission_minutes => 0", "admission_minutes"],
    ["offer_minutes => 10081", "offer_minutes"],
    ["sales_start => now() + interval '1 day', queue_opens_at => now() + interval '2 days'", "queue_opens_at"],
    ["release_mode => 'lottery', lottery_closes_at => now() + interval '3 days'", "lottery_closes_at"],
    ["lottery_closes_at => 'infinity'", "lottery_closes_at"],
  ])("refuses %s, naming %s, and creates nothing", async (args, field) => {
    const before = (await t.db.owner.query("select count(*) from app_public.events")).rows[0].count;
    const sql = `select app_public.create_event(name => 'X', venue => 'Hall', starts_at => now() + interval '2 days', total_tickets => 5, ${args})`;
    expect(await sqlFailure(t.db.as(t.admin, (c) => c.query(sql)))).toEqual({ code: "TK400", detail: "INVALID_INPUT" });
    const hint = await t.db.as(t.admin, (c) => c.query(sql)).catch((error: { hint: string }) => error.hint);
    expect(hint).toBe(field);
    expect((await t.db.owner.query("select count(*) from app_public.events")).rows[0].count).toBe(before);
  });

  it("fixes the mode and the moment of the shuffle once students have joined", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const [student] = await insertUsers(t.db, 1);
    await join(student!, event.id);
    for (const change of ["release_mode => 'first_come'", "sales_start => now() + interval '2 days'"]) {
      const failure = await sqlFailure(call(t.admin, `select app_public.update_event(id => $1, ${change})`, [event.id]));
      expect(failure).toEqual({ code: "TK409", detail: "RELEASE_STARTED" });
    }
    expect((await call(t.admin, "select (app_public.update_event(id => $1, admission_minutes => 5)).admission_minutes", [event.id]))[0]).toEqual({
      admission_minutes: 5,
    });
  });
});

describe("joining", () => {
  it("is for students only, once per student: joining again answers the same entry", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    expect(await sqlFailure(call(null, "select app_public.join_queue($1)", [event.id]))).toMatchObject({ code: "42501" });
    expect(await sqlFailure(call(t.admin, "select app_public.join_queue($1)", [event.id]))).toEqual({ code: "TK403", detail: "FORBIDDEN" });
    const student = await insertUser(t.db);
    const first = await join(student, event.id);
    expect(first).toMatchObject({ state: "waiting", position: null, user_id: student.user_id });
    expect((await join(student, event.id)).id).toBe(first.id);
    expect(await count(event.id, "waiting")).toBe(1);
    const duplicate = t.db.owner.query("insert into app_public.queue_entries (event_id, user_id) values ($1, $2)", [event.id, student.user_id]);
    expect(await sqlFailure(duplicate)).toMatchObject({ code: "23505", constraint: "queue_entries_event_user_key" });
  });

  it("refuses events without a queue, unknown events and queues not open yet", async () => {
    const student = await insertUser(t.db);
    const lottery = await createReleaseEvent(t.db, t.admin, "lottery");
    expect(await sqlFailure(join(student, lottery.id))).toEqual({ code: "TK409", detail: "WRONG_RELEASE_MODE" });
    expect(await sqlFailure(join(student, 999_999))).toEqual({ code: "TK404", detail: "NOT_FOUND" });
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    await call(t.admin, "select app_public.update_event(id => $1, queue_opens_at => now() + interval '1 hour')", [event.id]);
    expect(await sqlFailure(join(student, event.id))).toEqual({ code: "TK409", detail: "QUEUE_NOT_OPEN" });
  });

  it("shows a student their own entry only; no role writes entries directly", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const [a, b] = await insertUsers(t.db, 2);
    await join(a!, event.id);
    await join(b!, event.id);
    expect(await call(a!, "select user_id from app_public.queue_entries where event_id = $1", [event.id])).toEqual([{ user_id: a!.user_id }]);
    const write = call(a!, "update app_public.queue_entries set state = 'admitted' where event_id = $1", [event.id]);
    expect(await sqlFailure(write)).toMatchObject({ code: "42501" });
  });
});

describe("the shuffle at sales_start", () => {
  it("orders everyone who joined before by the recorded seed, an auditor recomputes it; later joiners follow in arrival order", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 2 });
    const early = await insertUsers(t.db, 30);
    const entryOf = new Map<number, number>();
    for (const s of early) entryOf.set(s.user_id, (await join(s, event.id)).id);
    expect(await drawNow(t.db, event.id)).toBe(true);
    expect(await drawNow(t.db, event.id)).toBe(false); // once

    const late = await insertUsers(t.db, 3);
    for (const s of late) await join(s, event.id);

    const draw = (await t.db.owner.query("select seed, entries, ordered, order_hash from app_private.release_draws where event_id = $1", [event.id])).rows[0];
    expect(draw.entries).toEqual([...entryOf.values()].sort((x, y) => x - y));
    expect(auditorShuffle(draw.seed, draw.entries)).toEqual(draw.ordered);
    expect(orderHash(draw.ordered)).toBe(draw.order_hash);
    expect(draw.ordered).not.toEqual(draw.entries);

    // The first two of the order are admitted; the rest wait in that order, then the late joiners.
    const byEntry = new Map([...entryOf].map(([user, entry]) => [entry, user]));
    const expectedLine = [...draw.ordered.slice(2).map((id: number) => byEntry.get(id)), ...late.map((s) => s.user_id)];
    const line = await t.db.owner.query(
      `select q.user_id, app_public.queue_entries_position(q) as position from app_public.queue_entries q
       where q.event_id = $1 and q.state = 'waiting' order by 2`,
      [event.id],
    );
    expect(line.rows.map((r) => r.user_id)).toEqual(expectedLine);
    expect(line.rows.map((r) => r.position)).toEqual(expectedLine.map((_, i) => i + 1));
    for (const id of draw.ordered.slice(0, 2)) expect(await mine(early.find((s) => s.user_id === byEntry.get(id))!, event.id)).toMatchObject({ state: "admitted", position: null });
  });

  it("is uniform: 24,000 shuffles of four entries give each of the 24 orders (chi-squared, 23 degrees of freedom, p = 0.001)", async () => {
    const { rows } = await t.db.owner.query(
      `select app_private.release_shuffle(digest('uniformity-' || i, 'sha256'), array[1, 2, 3, 4])::text as perm, count(*)::int as n
       from generate_series(1, 24000) i group by 1`,
    );
    expect(rows).toHaveLength(24);
    const expected = 24000 / 24;
    const chiSquared = rows.reduce((sum, r) => sum + (r.n - expected) ** 2 / expected, 0);
    expect(chiSquared).toBeLessThan(49.728); // the 0.999 quantile of chi-squared with 23 degrees of freedom
  });

  it("gives the same order for the same seed and entries", async () => {
    const { rows } = await t.db.owner.query(
      `select app_private.release_shuffle('\\x00ff'::bytea, array(select generate_series(1, 500))) as a,
              app_private.release_shuffle('\\x00ff'::bytea, array(select generate_series(1, 500))) as b`,
    );
    expect(rows[0].a).toEqual(rows[0].b);
    expect(rows[0].a).toEqual(auditorShuffle(Buffer.from([0, 255]), Array.from({ length: 500 }, (_, i) => i + 1)));
  });
});

describe("admissions", () => {
  it("admit no more students than seats; booking is theirs alone (NOT_YOUR_TURN for others), one booking per admission", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 3 });
    const students = await insertUsers(t.db, 8);
    expect(await sqlFailure(book(students[0]!, event.id))).toEqual({ code: "TK409", detail: "SALES_NOT_OPEN" });
    for (const s of students) await join(s, event.id);
    await drawNow(t.db, event.id);
    expect(await count(event.id, "admitted")).toBe(3);

    const admitted = (await states(event.id)).filter((r) => r.state === "admitted").map((r) => students.find((s) => s.user_id === r.user_id)!);
    const waiting = students.filter((s) => !admitted.includes(s));
    expect(await sqlFailure(book(waiting[0]!, event.id))).toEqual({ code: "TK409", detail: "NOT_YOUR_TURN" });
    const outsider = await insertUser(t.db);
    expect(await sqlFailure(book(outsider, event.id))).toEqual({ code: "TK409", detail: "NOT_YOUR_TURN" });

    const ticket = await book(admitted[0]!, event.id);
    expect(ticket).toMatchObject({ status: "confirmed", user_id: admitted[0]!.user_id });
    expect(await mine(admitted[0]!, event.id)).toMatchObject({ state: "booked" });
    // A booked seat was already promised: nobody new is admitted for it.
    expect(await count(event.id, "admitted")).toBe(2);
    expect(await eventsThatDoNotAddUp(t.db)).toEqual([]);
  });

  it("pass a lapsed admission and one given up to the next in line", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const students = await insertUsers(t.db, 3);
    for (const s of students) await join(s, event.id);
    await drawNow(t.db, event.id);
    const order = (await t.db.owner.query("select user_id from app_public.queue_entries where event_id = $1 order by place", [event.id])).rows.map(
      (r) => students.find((s) => s.user_id === r.user_id)!,
    );
    expect(await mine(order[0]!, event.id)).toMatchObject({ state: "admitted" });
    expect(await mine(order[1]!, event.id)).toMatchObject({ state: "waiting", position: 1 });

    await t.db.owner.query("update app_public.queue_entries set admitted_until = now() - interval '1 second' where user_id = $1 and event_id = $2", [
      order[0]!.user_id,
      event.id,
    ]);
    expect(await sqlFailure(book(order[0]!, event.id))).toEqual({ code: "TK409", detail: "NOT_YOUR_TURN" });
    await t.db.owner.query("select app_private.release_tick($1)", [event.id]);
    expect(await mine(order[0]!, event.id)).toMatchObject({ state: "lapsed", position: null });
    expect(await mine(order[1]!, event.id)).toMatchObject({ state: "admitted" });
    expect(await mine(order[2]!, event.id)).toMatchObject({ state: "waiting", position: 1 });

    await call(order[1]!, "select app_public.leave_queue($1)", [event.id]);
    expect(await mine(order[2]!, event.id)).toMatchObject({ state: "admitted" });
    const emails = await t.db.owner.query("select kind, count(*)::int as n from app_private.outbox where user_id = any($1) group by kind order by kind", [
      students.map((s) => s.user_id),
    ]);
    expect(emails.rows).toEqual([
      { kind: "queue_admitted", n: 3 },
      { kind: "queue_lapsed", n: 1 },
    ]);
  });

  it("close the queue when the event sells out; a student who joins later hears SOLD_OUT", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const [a, b] = await insertUsers(t.db, 2);
    await join(a!, event.id);
    await join(b!, event.id);
    await drawNow(t.db, event.id);
    const admitted = (await mine(a!, event.id)).state === "admitted" ? a! : b!;
    const other = admitted === a ? b! : a!;
    await book(admitted, event.id);
    expect(await mine(other, event.id)).toMatchObject({ state: "closed", position: null });
    expect(await sqlFailure(join(await insertUser(t.db), event.id))).toEqual({ code: "TK409", detail: "SOLD_OUT" });
  });

  it("close the queue when the event is cancelled; joining it then is EVENT_CANCELLED", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const [a, b] = await insertUsers(t.db, 2);
    await join(a!, event.id);
    await join(b!, event.id);
    await drawNow(t.db, event.id);
    await call(t.admin, "select app_public.cancel_event($1, 'The band cancelled')", [event.id]);
    expect((await states(event.id)).map((e) => e.state)).toEqual(["closed", "closed"]);
    expect(await sqlFailure(join(await insertUser(t.db), event.id))).toEqual({ code: "TK409", detail: "EVENT_CANCELLED" });
  });

  it("admit a student who joins after the start at once while seats are free", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 2 });
    await drawNow(t.db, event.id);
    const student = await insertUser(t.db);
    expect(await join(student, event.id)).toMatchObject({ state: "admitted" });
    expect(await book(student, event.id)).toMatchObject({ status: "confirmed" });
  });

  it("from two connections at once never exceed the seats: the second waits for the first's lock", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 5 });
    const students = await insertUsers(t.db, 20);
    for (const s of students) await join(s, event.id);
    await drawNow(t.db, event.id);
    // Every admission lapses at once: both connections would refill all five seats if nothing serialised them.
    await t.db.owner.query("update app_public.queue_entries set admitted_until = now() - interval '1 second' where event_id = $1 and state = 'admitted'", [
      event.id,
    ]);
    const first = new pg.Client({ connectionString: t.db.ownerUrl });
    const second = new pg.Client({ connectionString: t.db.ownerUrl });
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query("begin");
      await first.query("select app_private.queue_advance($1)", [event.id]);
      await second.query("begin");
      const secondDone = second.query("select app_private.queue_advance($1)", [event.id]);
      // The second connection is waiting on a lock held by the first, not deciding on its own.
      const secondPid = (second as unknown as { processID: number }).processID;
      const blockedBy = async () =>
        (await t.db.owner.query<{ pids: number[] }>("select pg_blocking_pids($1) as pids", [secondPid])).rows[0]!.pids;
      let blockers = await blockedBy();
      while (blockers.length === 0) blockers = await blockedBy(); // until the second reaches the lock (a wait on a condition)
      expect(blockers).toEqual([(first as unknown as { processID: number }).processID]);
      await first.query("commit");
      await secondDone;
      await second.query("commit");
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    expect(await count(event.id, "admitted")).toBe(5);
    expect(await count(event.id, "lapsed")).toBe(5);
  });
});

describe("figures and the draw", () => {
  it("are for admins: a student sees null", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const students = await insertUsers(t.db, 3);
    for (const s of students) await join(s, event.id);
    await drawNow(t.db, event.id);
    const stats = "select (app_public.events_queue_stats(e)).*, (app_public.events_queue_draw(e)).order_hash from app_public.events e where e.id = $1";
    expect((await call(t.admin, stats, [event.id]))[0]).toEqual({
      joined: 3, waiting: 2, admitted: 1, booked: 0, lapsed: 0, closed: 0, order_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await call(students[0]!, stats, [event.id]))[0]).toEqual({
      joined: null, waiting: null, admitted: null, booked: null, lapsed: null, closed: null, order_hash: null,
    });
  });

  it("are for the event's organisers too: its club's owners and managers, by the club rule (club_permits); not door staff", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const { rows } = await t.db.owner.query("insert into app_public.clubs (name) values ($1) returning id", [`Release club ${event.id}`]);
    const clubId = rows[0].id as number;
    await t.db.owner.query("update app_public.events set club_id = $2 where id = $1", [event.id, clubId]);
    const [manager, door, outsider] = await insertUsers(t.db, 3);
    for (const [member, role] of [[manager!, "manager"], [door!, "door"]] as const) {
      await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [clubId, member.user_id, role]);
    }
    await join(outsider!, event.id);
    await drawNow(t.db, event.id);
    const stats = "select (app_public.events_queue_stats(e)).joined, (app_public.events_queue_draw(e)).order_hash, app_hidden.may_manage_release(e.id) as may from app_public.events e where e.id = $1";
    expect((await call(manager!, stats, [event.id]))[0]).toEqual({ joined: 1, order_hash: expect.stringMatching(/^[0-9a-f]{64}$/), may: true });
    for (const caller of [door!, outsider!]) expect((await call(caller, stats, [event.id]))[0]).toEqual({ joined: null, order_hash: null, may: false });
    // Taking the role away takes the figures away at once (a row, not a claim in the token).
    await t.db.owner.query("delete from app_public.club_memberships where club_id = $1 and user_id = $2", [clubId, manager!.user_id]);
    expect((await call(manager!, stats, [event.id]))[0]).toEqual({ joined: null, order_hash: null, may: false });
  });

  it("are read for the server's pushes with the same places as each entry's position (app_hidden.queue_entries_of)", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 3 });
    const early = await insertUsers(t.db, 8);
    for (const s of early) await join(s, event.id);
    await drawNow(t.db, event.id); // 3 admitted, 5 waiting with places
    const late = await insertUsers(t.db, 3);
    for (const s of late) await join(s, event.id); // after the start: behind, in arrival order
    await call(early[7]!, "select app_public.leave_queue($1)", [event.id]);
    const everyone = [...early, ...late].map((s) => s.user_id);
    const pushed = await t.db.withSettings({ role: "ticketing_booker" }, async (c) =>
      (await c.query("select user_id, state::text, position from app_hidden.queue_entries_of($1, $2) order by user_id", [event.id, everyone])).rows);
    const own = (await t.db.owner.query(
      "select user_id, state::text, app_public.queue_entries_position(q) as position from app_public.queue_entries q where event_id = $1 order by user_id",
      [event.id],
    )).rows;
    expect(pushed).toEqual(own);
    expect(pushed.filter((e) => e.position !== null).map((e) => e.position).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7].slice(0, pushed.filter((e) => e.position !== null).length));
    // Only the students asked about.
    const one = await t.db.withSettings({ role: "ticketing_booker" }, async (c) =>
      (await c.query("select user_id from app_hidden.queue_entries_of($1, $2)", [event.id, [late[0]!.user_id]])).rows);
    expect(one).toEqual([{ user_id: late[0]!.user_id }]);
  });

  it("announces each change of the line with one notification per statement", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue", { seats: 1 });
    const students = await insertUsers(t.db, 5);
    for (const s of students) await join(s, event.id);
    const listener = new pg.Client({ connectionString: t.db.ownerUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload!));
    await listener.query("listen \"ticketing:queue\"");
    await drawNow(t.db, event.id);
    await listener.query("select 1"); // notifications of committed work arrive before this answer
    await listener.end();
    expect(heard.map((payload) => JSON.parse(payload))).toEqual([{ event_id: event.id }]);
  });
});

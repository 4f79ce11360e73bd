// Sales windows as the database enforces them, called as each request role:
// the state every reader sees, the refusals in their one order, the window
// rules for admins, the announcement when time changes the state, and the
// waitlist inside the window.
import { describe, expect, it } from "vitest";
import pg from "pg";
import type { Claims } from "../../src/auth/jwt.ts";
import { sqlFailure, useTestDatabase } from "../helpers/db.ts";
import { insertEvent, insertPastEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { momentArrives, setSalesWindow, timePasses as timePassesOver } from "../helpers/sales-window.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestDatabase();

const call = async (claims: Claims | null, sql: string, params: unknown[] = []) =>
  t.db.as(claims, async (c) => (await c.query(sql, params)).rows);
const book = (claims: Claims, eventId: number) => call(claims, "select * from app_hidden.book_ticket($1)", [eventId]);
const state = async (eventId: number) =>
  (await call(null, "select app_public.events_sales_state(e) as s from app_public.events e where id = $1", [eventId]))[0].s as string;
const live = async (eventId: number) =>
  (await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1 and status <> 'cancelled'", [eventId])).rows[0].n;

const windowOf = (eventId: number, start: string | null, end: string | null) => setSalesWindow(t.db, eventId, start, end);
const timePasses = (eventId: number, start: string | null, end: string | null) => timePassesOver(t.db, eventId, start, end);

describe("sales state", () => {
  it("is not_open, on_sale, sold_out, closed or started, read by anyone", async () => {
    const notOpen = await insertEvent(t.db);
    await windowOf(notOpen.id, "1 day", null);
    const onSale = await insertEvent(t.db);
    await windowOf(onSale.id, null, "1 day");
    const soldOut = await insertEvent(t.db, { total_tickets: 1 });
    await book(await insertUser(t.db), soldOut.id);
    const closed = await insertEvent(t.db);
    await timePasses(closed.id, "-2 days", "-1 day");
    const started = await insertPastEvent(t.db);

    expect([await state(notOpen.id), await state(onSale.id), await state(soldOut.id), await state(closed.id), await state(started.id)])
      .toEqual(["not_open", "on_sale", "sold_out", "closed", "started"]);
  });

  it("travels in the availability message with the moments it changes at (ISO 8601 UTC)", async () => {
    const event = await insertEvent(t.db);
    await windowOf(event.id, "1 day", "2 days");
    const [row] = await call(null, "select app_hidden.event_availability_json(e) as m, e.starts_at, e.sales_start from app_public.events e where id = $1", [event.id]);
    const message = JSON.parse(row.m);
    expect(message).toMatchObject({ event_id: event.id, sales_state: "not_open", sold_out: false });
    expect(message.sales_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(message.sales_start)).toBe(row.sales_start.getTime());
    expect(Date.parse(message.starts_at)).toBe(row.starts_at.getTime());
    expect(Date.parse(message.sales_end)).toBeGreaterThan(Date.parse(message.sales_start));
  });
});

describe("booking within the window", () => {
  it("refuses before sales_start (SALES_NOT_OPEN) and after sales_end (SALES_CLOSED), writing nothing", async () => {
    const student = await insertUser(t.db);
    const early = await insertEvent(t.db);
    await windowOf(early.id, "1 hour", null);
    const late = await insertEvent(t.db);
    await timePasses(late.id, null, "-1 minute");
    expect(await sqlFailure(book(student, early.id))).toMatchObject({ code: "TK409", detail: "SALES_NOT_OPEN" });
    expect(await sqlFailure(book(student, late.id))).toMatchObject({ code: "TK409", detail: "SALES_CLOSED" });
    expect([await live(early.id), await live(late.id)]).toEqual([0, 0]);

    await timePasses(early.id, "-1 second", null); // sales open
    expect((await book(student, early.id))[0]).toMatchObject({ event_id: early.id, status: "confirmed" });
  });

  it("decides in one order: started, then the window, then sold out, then the per-student limit", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const started = await insertPastEvent(t.db);
    await t.db.owner.query("update app_public.events set tickets_remaining = 0 where id = $1", [started.id]);
    expect(await sqlFailure(book(a!, started.id))).toMatchObject({ detail: "EVENT_STARTED" });

    const one = await insertEvent(t.db, { total_tickets: 1 });
    await book(a!, one.id); // sold out, and a is at the limit
    expect(await sqlFailure(book(a!, one.id))).toMatchObject({ detail: "SOLD_OUT" });
    await timePasses(one.id, null, "-1 minute");
    expect(await sqlFailure(book(a!, one.id))).toMatchObject({ detail: "SALES_CLOSED" });
    expect(await sqlFailure(book(b!, one.id))).toMatchObject({ detail: "SALES_CLOSED" });

    const two = await insertEvent(t.db, { total_tickets: 2 });
    await book(a!, two.id); // a seat left, and a is at the limit
    expect(await sqlFailure(book(a!, two.id))).toMatchObject({ detail: "LIMIT_REACHED" });
  });
});

describe("setting the window", () => {
  it("is for admins; the window must open before it closes and close by the start", async () => {
    const event = await insertEvent(t.db, { starts_in: "10 days" });
    const set = (claims: Claims, start: string | null, end: string | null) =>
      call(claims, "update app_public.events set sales_start = now() + $2::interval, sales_end = now() + $3::interval where id = $1 returning id", [
        event.id, start, end,
      ]);
    expect(await set(t.admin, "1 day", "2 days")).toEqual([{ id: event.id }]);
    expect(await sqlFailure(set(await insertUser(t.db), "1 day", null))).toMatchObject({ code: "42501" });
    expect(await sqlFailure(set(t.admin, "3 days", "2 days"))).toMatchObject({ code: "23514", constraint: "events_sales_window_valid" });
    expect(await sqlFailure(set(t.admin, null, "11 days"))).toMatchObject({ code: "23514", constraint: "events_sales_window_valid" });
    expect(await sqlFailure(set(t.admin, "11 days", null))).toMatchObject({ code: "23514", constraint: "events_sales_window_valid" });
  });
});

describe("announcing the state when time changes it", () => {
  const jobs = async (eventId: number) =>
    (
      await t.db.owner.query<{ key: string; run_at: Date }>(
        "select key, run_at from graphile_worker.jobs where key like $1 order by key",
        [`announce_availability:${eventId}:%`],
      )
    ).rows.map((j) => [j.key.split(":")[2], j.run_at.getTime()]);

  it("queues one job per moment (sales open, sales close, the start), moved and removed with the window", async () => {
    const event = await insertEvent(t.db);
    await call(t.admin, "update app_public.events set sales_start = now() + interval '1 day', sales_end = now() + interval '2 days' where id = $1", [event.id]);
    const [row] = (await t.db.owner.query("select sales_start, sales_end, starts_at from app_public.events where id = $1", [event.id])).rows;
    expect(await jobs(event.id)).toEqual([
      ["sales_end", row.sales_end.getTime()],
      ["sales_start", row.sales_start.getTime()],
      ["starts_at", row.starts_at.getTime()],
    ]);
    await call(t.admin, "update app_public.events set sales_start = null where id = $1", [event.id]);
    expect((await jobs(event.id)).map(([kind]) => kind)).toEqual(["sales_end", "starts_at"]);
  });

  it("tells watchers (pg_notify, a new version) when sales open with no inventory change", async () => {
    const event = await insertEvent(t.db);
    await windowOf(event.id, "1 hour", null);
    const listener = new pg.Client({ connectionString: t.db.ownerUrl });
    await listener.connect();
    try {
      const heard: { sales_state: string; version: number }[] = [];
      let wake = () => {};
      listener.on("notification", (n) => {
        heard.push(JSON.parse(n.payload!));
        wake();
      });
      await listener.query(`listen "ticketing:event:${event.id}"`);
      const before = (await t.db.owner.query("select availability_version as v from app_public.events where id = $1", [event.id])).rows[0].v;

      await timePasses(event.id, "-1 second", null);
      await momentArrives(t.db, event.id, "sales_start");
      await runJobs(t.db);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no announcement; heard ${JSON.stringify(heard)}`)), 10_000);
        wake = () => heard.some((m) => m.sales_state === "on_sale") && (clearTimeout(timer), resolve());
        wake();
      });
      expect(heard.at(-1)).toMatchObject({ sales_state: "on_sale" });
      expect(Number(heard.at(-1)!.version)).toBeGreaterThan(Number(before));
    } finally {
      await listener.end();
    }
  });
});

describe("the waitlist within the window", () => {
  it("cannot be joined before sales open or after they close", async () => {
    const student = await insertUser(t.db);
    const early = await insertEvent(t.db, { total_tickets: 1 });
    await windowOf(early.id, "1 hour", null);
    expect(await sqlFailure(call(student, "select app_public.join_waitlist($1)", [early.id]))).toMatchObject({ detail: "SALES_NOT_OPEN" });

    const late = await insertEvent(t.db, { total_tickets: 1 });
    await book(await insertUser(t.db), late.id);
    await timePasses(late.id, null, "-1 minute");
    expect(await sqlFailure(call(student, "select app_public.join_waitlist($1)", [late.id]))).toMatchObject({ detail: "SALES_CLOSED" });
  });

  it("gets no offer for a seat returned after sales close", async () => {
    const [holder, waiting] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    await windowOf(event.id, null, "1 day");
    const [ticket] = await book(holder!, event.id);
    const [entry] = await call(waiting!, "select * from app_public.join_waitlist($1)", [event.id]);

    await timePasses(event.id, null, "-1 minute");
    await call(t.admin, "select app_public.cancel_ticket($1)", [ticket.id]);
    const [after] = (await t.db.owner.query("select status from app_public.waitlist_entries where id = $1", [entry.id])).rows;
    expect(after.status).toBe("waiting");
    expect(await live(event.id)).toBe(0);
    expect(await state(event.id)).toBe("closed");
  });
});

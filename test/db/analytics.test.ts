// Admin analytics, categories and the leaderboard, checked against direct SQL
// counts on a seeded event, and refused to everyone but admins.
import { beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { useTestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestDatabase();
let eventId: number;
let categoryId: number;

const call = t.rowsAs;

beforeAll(async () => {
  categoryId = (await call(t.admin, "insert into app_public.categories (name) values ('Hackathon') returning id"))[0].id;
  const event = await insertEvent(t.db, { total_tickets: 10 });
  eventId = event.id;
  await t.db.owner.query("update app_public.events set category_id = $2 where id = $1", [eventId, categoryId]);

  // Seed: 10 seats, 10 bookings, 2 cancelled (seats go to the waitlist), 3 checked in.
  const students = await insertUsers(t.db, 14);
  const tickets = [];
  for (const s of students.slice(0, 10)) tickets.push((await call(s, "select * from app_hidden.book_ticket($1)", [eventId]))[0]);
  for (const s of students.slice(10, 14)) await call(s, "select app_public.join_waitlist($1)", [eventId]);
  for (const [i, ticket] of tickets.slice(0, 2).entries()) await call(students[i]!, "select app_public.cancel_ticket($1)", [ticket.id]);
  for (const ticket of tickets.slice(2, 5)) await call(t.admin, "select app_public.check_in($1, $2)", [ticket.check_in_code, eventId]);
});

describe("event_analytics", () => {
  it("equals direct counts of the seeded event", async () => {
    const [stats] = await call(t.admin, "select * from app_public.event_analytics($1)", [eventId]);
    const [truth] = (
      await t.db.owner.query(
        `select count(*) filter (where status = 'confirmed')::int as sold,
                count(*) filter (where status in ('pending', 'offered'))::int as held,
                count(*) filter (where status = 'cancelled')::int as cancelled,
                count(*) filter (where checked_in_at is not null)::int as checked_in,
                (select count(*)::int from app_public.waitlist_entries where event_id = $1 and status = 'waiting') as waiting
         from app_public.tickets where event_id = $1`,
        [eventId],
      )
    ).rows;
    expect(truth).toEqual({ sold: 8, held: 2, cancelled: 2, checked_in: 3, waiting: 2 });
    expect(stats).toMatchObject({
      event_id: eventId,
      total_tickets: 10,
      tickets_sold: truth.sold,
      tickets_held: truth.held,
      tickets_remaining: 0,
      cancellations: truth.cancelled,
      waitlist_size: truth.waiting,
      checked_in: truth.checked_in,
    });
    expect(Number(stats.sell_through_percent)).toBe(80);
    expect(Number(stats.check_in_rate_percent)).toBe(37.5);
  });

  it("buckets sales over time, summing to what was sold", async () => {
    const buckets = await call(t.admin, "select * from app_public.event_sales_over_time($1, 'minute')", [eventId]);
    const sold = (await t.db.owner.query(
      "select count(*)::int as n from app_public.tickets where event_id = $1 and status = 'confirmed'",
      [eventId],
    )).rows[0].n;
    expect(buckets.reduce((sum, b) => sum + b.tickets_sold, 0)).toBe(sold);
    await expect(call(t.admin, "select * from app_public.event_sales_over_time($1, 'fortnight')", [eventId])).rejects.toMatchObject({
      detail: "INVALID_INPUT",
    });
  });

  it("gives per-category totals equal to direct counts", async () => {
    const rows = await call(t.admin, "select * from app_public.category_totals() where category_id = $1", [categoryId]);
    expect(rows).toEqual([{ category_id: categoryId, category_name: "Hackathon", events: 1, total_tickets: 10, tickets_sold: 8 }]);
  });

  it("is refused to students (FORBIDDEN) and anonymous callers (no privilege)", async () => {
    const student = await insertUser(t.db);
    await expect(call(student, "select * from app_public.event_analytics($1)", [eventId])).rejects.toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
    await expect(call(student, "select * from app_public.category_totals()")).rejects.toMatchObject({ code: "42501" });
    await expect(call(null, "select * from app_public.event_analytics($1)", [eventId])).rejects.toMatchObject({ code: "42501" });
    await expect(call(null, "select * from app_public.category_totals()")).rejects.toMatchObject({ code: "42501" });
  });
});

describe("categories", () => {
  it("are managed by admins only and filter the upcoming list", async () => {
    const student = await insertUser(t.db);
    await expect(call(student, "insert into app_public.categories (name) values ('Nope')")).rejects.toMatchObject({ code: "42501" });
    const listed = await call(null, "select id from app_public.upcoming_events($1)", [categoryId]);
    expect(listed).toEqual([{ id: eventId }]);
  });
});

describe("leaderboard", () => {
  it("is refreshed by a job queued when an event sells out, not per request", async () => {
    const popular = await insertEvent(t.db, { total_tickets: 3 });
    for (const s of await insertUsers(t.db, 3)) await call(s, "select app_hidden.book_ticket($1)", [popular.id]);
    const before = await call(null, "select event_id from app_public.popular_events(100) where event_id = $1", [popular.id]);
    expect(before).toEqual([]); // not refreshed yet: the view is not computed per request

    // Selling out queued the refresh.
    const queued = await t.db.owner.query("select 1 from graphile_worker.jobs where key = 'refresh_leaderboard'");
    expect(queued.rowCount).toBe(1);
    await runJobs(t.db);
    const [top] = await call(null, "select event_id, tickets_sold, seconds_to_sell_out from app_public.popular_events(100) where event_id = $1", [popular.id]);
    expect(top).toMatchObject({ event_id: popular.id, tickets_sold: 3 });
    const fastest = await call(null, "select event_id from app_public.fastest_sellouts(100)");
    expect(fastest.map((r) => r.event_id)).toContain(popular.id);
  });
});

describe("a cancelled event on the leaderboard", () => {
  it("is listed by neither popular_events nor fastest_sellouts, from the moment it is cancelled, and leaves the view at the refresh its cancellation queues", async () => {
    const sold = await insertEvent(t.db, { total_tickets: 2, name: "Sold-out gig" });
    const empty = await insertEvent(t.db, { total_tickets: 50, name: "Quiet talk" });
    for (const s of await insertUsers(t.db, 2)) await call(s, "select app_hidden.book_ticket($1)", [sold.id]);
    await runJobs(t.db);
    const board = async () => (await call(null, "select event_id, tickets_sold from app_public.popular_events(100)")).map((r) => r.event_id);
    const fastest = async () => (await call(null, "select event_id from app_public.fastest_sellouts(100)")).map((r) => r.event_id);
    expect(await board()).toEqual(expect.arrayContaining([sold.id, empty.id]));
    expect(await fastest()).toContain(sold.id);

    for (const event of [sold, empty]) await call(t.admin, "select app_public.cancel_event($1, 'Venue flooded')", [event.id]);
    // Before any refresh: the view still holds them, its readers do not list them.
    expect(await board()).not.toContain(sold.id);
    expect(await board()).not.toContain(empty.id);
    expect(await fastest()).not.toContain(sold.id);

    // The cancellation queued a refresh, which takes them out of the view itself (allEventLeaderboards reads it).
    const queued = await t.db.owner.query("select 1 from graphile_worker.jobs where key = 'refresh_leaderboard'");
    expect(queued.rowCount).toBe(1);
    await runJobs(t.db);
    const inView = await call(null, "select event_id from app_public.event_leaderboard where event_id = any($1)", [[sold.id, empty.id]]);
    expect(inView).toEqual([]);
  });
});

describe("live and sold, the same everywhere", () => {
  it("counts a hold as live (seats, the per-student limit) but not as sold, and a hold that expires never made a sell-out", async () => {
    const event = await insertEvent(t.db, { total_tickets: 2, max_tickets_per_student: 1 });
    await t.db.owner.query("update app_public.events set price_cents = 500, category_id = $2 where id = $1", [event.id, categoryId]);
    const [a, b] = await insertUsers(t.db, 2);
    const [holdA] = await call(a!, "select * from app_hidden.book_ticket($1)", [event.id]);
    await call(b!, "select * from app_hidden.book_ticket($1)", [event.id]);
    // Live: no seat left, and a holds the most allowed.
    await expect(call(a!, "select * from app_hidden.book_ticket($1)", [event.id])).rejects.toMatchObject({ detail: "SOLD_OUT" });
    expect((await t.db.owner.query("select app_private.student_at_limit(e, $2) as at from app_public.events e where id = $1", [event.id, a!.user_id])).rows[0].at).toBe(true);

    const sold = async () => {
      await t.db.owner.query("refresh materialized view app_public.event_leaderboard"); // what the refresh job does
      const [board] = await call(null, "select tickets_sold, seconds_to_sell_out from app_public.popular_events(100) where event_id = $1", [event.id]);
      const [stats] = await call(t.admin, "select tickets_sold, tickets_held from app_public.event_analytics($1)", [event.id]);
      const buckets = await call(t.admin, "select * from app_public.event_sales_over_time($1, 'minute')", [event.id]);
      const fastest = (await call(null, "select event_id from app_public.fastest_sellouts(100)")).map((r) => r.event_id);
      return {
        leaderboard: board.tickets_sold,
        analytics: stats.tickets_sold,
        held: stats.tickets_held,
        overTime: buckets.reduce((sum, x) => sum + x.tickets_sold, 0),
        soldOut: fastest.includes(event.id),
      };
    };
    expect(await sold()).toEqual({ leaderboard: 0, analytics: 0, held: 2, overTime: 0, soldOut: false });

    await t.db.owner.query("select app_private.confirm_ticket($1)", [holdA.id]); // a pays
    expect(await sold()).toEqual({ leaderboard: 1, analytics: 1, held: 1, overTime: 1, soldOut: false });
    const before = (await call(t.admin, "select tickets_sold from app_public.category_totals() where category_id = $1", [categoryId]))[0];
    expect(before.tickets_sold).toBe(8 + 1); // the seeded event's 8 and this one's 1, holds not counted

    const holdB = (await t.db.owner.query("select id from app_public.tickets where event_id = $1 and user_id = $2", [event.id, b!.user_id])).rows[0];
    await t.db.owner.query("select app_private.confirm_ticket($1)", [holdB.id]); // every seat sold: now it sold out
    expect(await sold()).toEqual({ leaderboard: 2, analytics: 2, held: 0, overTime: 2, soldOut: true });
  });
});

// Admin rights come from the users table, read in the request's own
// transaction, not from the token: SQL run as ticketing_admin (exactly as the
// API runs an admin token) by an account that is no longer an admin, or no
// longer exists, can do nothing an admin can. And check-in admits a ticket only
// at its own event's door.
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { sqlFailure, useTestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser } from "../helpers/fixtures.ts";

const t = useTestDatabase();

const call = t.rowsAs;

/** An admin token whose account was then demoted, and one whose account was then deleted. */
async function formerAdmins(): Promise<[string, Claims][]> {
  const demoted = await insertUser(t.db, "admin");
  await t.db.owner.query("update app_public.users set role = 'student' where id = $1", [demoted.user_id]);
  const deleted = await insertUser(t.db, "admin");
  await t.db.owner.query("delete from app_public.users where id = $1", [deleted.user_id]);
  return [
    ["demoted", demoted],
    ["deleted", deleted],
  ];
}

describe("an admin token of an account that is no longer an admin", () => {
  it("is not an admin to the database", async () => {
    for (const [, former] of await formerAdmins()) {
      expect(await call(former, "select app_public.current_app_role() as role")).toEqual([{ role: "anonymous" }]);
    }
    expect(await call(t.admin, "select app_public.current_app_role() as role")).toEqual([{ role: "admin" }]);
  });

  it("cannot create or change events, through the functions or the table", async () => {
    const event = await insertEvent(t.db);
    for (const [label, former] of await formerAdmins()) {
      const create = "select app_public.create_event('Gig', 'Hall', now() + interval '1 day', 10)";
      expect(await sqlFailure(call(former, create)), label).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
      expect(await sqlFailure(call(former, "select app_public.update_event($1, name => 'Taken')", [event.id])), label).toMatchObject({
        code: "TK403",
        detail: "FORBIDDEN",
      });
      const insert = "insert into app_public.events (name, venue, starts_at, total_tickets) values ('Gig', 'Hall', now() + interval '1 day', 10)";
      expect(await sqlFailure(call(former, insert)), label).toMatchObject({ code: "42501" }); // row-level security
      expect(await call(former, "update app_public.events set name = 'Taken' where id = $1 returning id", [event.id]), label).toEqual([]);
      expect(await sqlFailure(call(former, "insert into app_public.categories (name) values ($1)", [`Taken ${label}`])), label).toMatchObject({
        code: "42501",
      });
    }
    const { rows } = await t.db.owner.query("select name from app_public.events where id = $1", [event.id]);
    expect(rows[0].name).toBe(event.name);
    // The same statements as a current admin: allowed.
    expect(await call(t.admin, "select (app_public.update_event($1, name => 'Renamed')).name", [event.id])).toEqual([{ name: "Renamed" }]);
  });

  it("sees no one else's account, ticket or waitlist entry, and no analytics", async () => {
    const event = await insertEvent(t.db);
    const student = await insertUser(t.db);
    await call(student, "select app_hidden.book_ticket($1)", [event.id]);
    for (const [label, former] of await formerAdmins()) {
      const users = await call(former, "select id from app_public.users");
      expect(users.every((u) => u.id === former.user_id), label).toBe(true);
      expect(await call(former, "select id from app_public.tickets"), label).toEqual([]);
      expect(await call(former, "select id from app_public.waitlist_entries"), label).toEqual([]);
      for (const sql of [
        "select * from app_public.category_totals()",
        `select * from app_public.event_analytics(${event.id})`,
        `select * from app_public.event_sales_over_time(${event.id})`,
      ]) {
        expect(await sqlFailure(call(former, sql)), `${label}: ${sql}`).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
      }
    }
    expect((await call(t.admin, "select id from app_public.users")).length).toBeGreaterThan(1);
    expect((await call(t.admin, "select id from app_public.tickets where event_id = $1", [event.id])).length).toBe(1);
  });

  it("cannot check tickets in or cancel other people's tickets", async () => {
    const event = await insertEvent(t.db);
    const student = await insertUser(t.db);
    const [ticket] = await call(student, "select * from app_hidden.book_ticket($1)", [event.id]);
    for (const [label, former] of await formerAdmins()) {
      expect(await sqlFailure(call(former, "select app_public.check_in($1, $2)", [ticket.check_in_code, event.id])), label).toMatchObject({
        code: "TK403",
        detail: "FORBIDDEN",
      });
      expect(await sqlFailure(call(former, "select app_public.cancel_ticket($1)", [ticket.id])), label).toMatchObject({
        code: "TK404",
        detail: "NOT_FOUND",
      });
    }
    const { rows } = await t.db.owner.query("select status, checked_in_at from app_public.tickets where id = $1", [ticket.id]);
    expect(rows[0]).toEqual({ status: "confirmed", checked_in_at: null });
  });
});

describe("check-in", () => {
  it("admits a ticket only at its own event's door, and a refused ticket stays unused", async () => {
    const [concert, lecture] = [await insertEvent(t.db, { name: `Concert ${Date.now()}` }), await insertEvent(t.db)];
    const [ticket] = await call(await insertUser(t.db), "select * from app_hidden.book_ticket($1)", [concert.id]);
    const wrongDoor = await t.db
      .as(t.admin, (c) => c.query("select app_public.check_in($1, $2)", [ticket.check_in_code, lecture.id]))
      .catch((error) => error);
    expect(wrongDoor).toMatchObject({ code: "TK409", detail: "WRONG_EVENT" });
    expect(wrongDoor.message).toBe(`This ticket is for another event: ${concert.name}.`);
    expect((await t.db.owner.query("select checked_in_at from app_public.tickets where id = $1", [ticket.id])).rows[0].checked_in_at).toBeNull();

    expect(await sqlFailure(call(t.admin, "select app_public.check_in($1, null)", [ticket.check_in_code]))).toMatchObject({
      code: "TK400",
      detail: "INVALID_INPUT",
    });
    const [admitted] = await call(t.admin, "select * from app_public.check_in($1, $2)", [ticket.check_in_code, concert.id]);
    expect(admitted.checked_in_at).toBeInstanceOf(Date);
  });
});

// Exporting and closing an account in SQL, as each role: only a signed-in user,
// only their own data; closing needs the password and erases the person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser } from "../helpers/fixtures.ts";
import { createReleaseEvent } from "../helpers/release.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("export_my_data and delete_account", () => {
  it("are not for anonymous callers", async () => {
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_public.export_my_data()")))).toMatchObject({ code: "42501" });
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_hidden.delete_account('x')")))).toMatchObject({ code: "42501" });
  });

  it("export holds the caller's tickets only", async () => {
    const [me, them] = [await insertUser(db), await insertUser(db)];
    const event = await insertEvent(db);
    for (const who of [me, them]) await db.as(who, (c) => c.query("select app_hidden.book_ticket($1)", [event.id]));
    const { rows } = await db.as(me, (c) => c.query("select app_public.export_my_data() as d"));
    expect(rows[0].d.account.id).toBe(me.user_id);
    expect(rows[0].d.tickets.map((t: { event_id: number }) => t.event_id)).toEqual([event.id]);
    const owners = await db.owner.query("select user_id from app_public.tickets where id = any($1)", [rows[0].d.tickets.map((t: { id: number }) => t.id)]);
    expect(owners.rows).toEqual([{ user_id: me.user_id }]);
  });

  it("export holds the caller's queue and lottery entries and club roles too", async () => {
    const [me, admin] = [await insertUser(db), await insertUser(db, "admin")];
    const queue = await createReleaseEvent(db, admin, "queue");
    const lottery = await createReleaseEvent(db, admin, "lottery");
    await db.as(me, (c) => c.query("select app_public.join_queue($1)", [queue.id]));
    await db.as(me, (c) => c.query("select app_public.enter_lottery($1)", [lottery.id]));
    const club = (await db.owner.query("insert into app_public.clubs (name) values ('Export Club') returning id")).rows[0].id;
    await db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, 'door')", [club, me.user_id]);
    const { rows } = await db.as(me, (c) => c.query("select app_public.export_my_data() as d"));
    expect(rows[0].d.queue_entries).toEqual([expect.objectContaining({ event_id: queue.id, state: "waiting", joined_at: expect.stringMatching(/Z$/) })]);
    expect(rows[0].d.lottery_entries).toEqual([expect.objectContaining({ event_id: lottery.id, state: "entered" })]);
    expect(rows[0].d.club_memberships).toEqual([expect.objectContaining({ club_id: club, club_name: "Export Club", role: "door" })]);
  });

  it("delete_account without the right password is false and erases nothing; an account without a password cannot be closed by guessing", async () => {
    const me = await insertUser(db); // fixtures have no password
    const { rows } = await db.as(me, (c) => c.query("select app_hidden.delete_account('anything at all') as deleted"));
    expect(rows[0].deleted).toBe(false);
    const account = await db.owner.query("select deleted_at from app_public.users where id = $1", [me.user_id]);
    expect(account.rows[0].deleted_at).toBeNull();
  });
});

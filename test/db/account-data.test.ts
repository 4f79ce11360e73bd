// Exporting and closing an account in SQL, as each role: only a signed-in user,
// only their own data; closing needs the password (or, for an account without
// one, a mailed link) and erases the person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { addClubMember, insertClub, insertEvent, insertUser } from "../helpers/fixtures.ts";
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

  it("delete_account without the right password is false and erases nothing", async () => {
    const me = await insertUser(db);
    await db.owner.query("select app_private.set_password($1, 'correct horse battery')", [me.user_id]);
    const { rows } = await db.as(me, (c) => c.query("select app_hidden.delete_account('anything at all') as deleted"));
    expect(rows[0].deleted).toBe(false);
    const account = await db.owner.query("select deleted_at from app_public.users where id = $1", [me.user_id]);
    expect(account.rows[0].deleted_at).toBeNull();
  });

  it("an account without a password cannot be closed by any password: it is told to ask for a link (NO_PASSWORD)", async () => {
    const me = await insertUser(db); // fixtures have no password, as a college sign-in's account
    for (const guess of ["anything at all", ""]) {
      const failure = await sqlFailure(db.as(me, (c) => c.query("select app_hidden.delete_account($1) as deleted", [guess])));
      expect(failure).toMatchObject({ code: "TK409", detail: "NO_PASSWORD" });
    }
    const account = await db.owner.query("select deleted_at from app_public.users where id = $1", [me.user_id]);
    expect(account.rows[0].deleted_at).toBeNull();
  });
});

describe("closing an account without a password by a mailed link", () => {
  const verifiedStudent = async () => {
    const me = await insertUser(db);
    await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [me.user_id]);
    return me;
  };
  const ask = (me: Awaited<ReturnType<typeof insertUser>>) => db.as(me, (c) => c.query("select app_public.request_account_closure() as sent"));

  it("is not for anonymous callers, and close_account_with_link is the server's (app_hidden)", async () => {
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_public.request_account_closure()")))).toMatchObject({ code: "42501" });
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_hidden.close_account_with_link('x')")))).toMatchObject({ code: "42501" });
  });

  it("a password account is refused (PASSWORD_REQUIRED) and nothing is mailed", async () => {
    const me = await verifiedStudent();
    await db.owner.query("select app_private.set_password($1, 'correct horse battery')", [me.user_id]);
    expect(await sqlFailure(ask(me))).toMatchObject({ code: "TK409", detail: "PASSWORD_REQUIRED" });
    const { rows } = await db.owner.query("select count(*)::int as n from app_private.outbox where user_id = $1 and kind = 'close_account'", [me.user_id]);
    expect(rows[0].n).toBe(0);
  });

  it("the sole owner of a club is told at once, before any link is mailed", async () => {
    const me = await verifiedStudent();
    const club = await insertClub(db, `Solo ${me.user_id}`);
    await addClubMember(db, club, me, "owner");
    const failure = await sqlFailure(ask(me));
    expect(failure).toMatchObject({ code: "TK409", detail: "LAST_OWNER" });
    const { rows } = await db.owner.query("select count(*)::int as n from app_private.account_closures where user_id = $1", [me.user_id]);
    expect(rows[0].n).toBe(0);
  });

  it("links are throttled per account: five an hour", async () => {
    const me = await verifiedStudent();
    for (let i = 0; i < 5; i++) expect((await ask(me)).rows[0].sent).toBe(true);
    expect(await sqlFailure(ask(me))).toMatchObject({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
  });

  it("hasPassword is the caller's own; emailVerificationNeeded follows require_email_verification", async () => {
    const me = await insertUser(db);
    const admin = await insertUser(db, "admin");
    const mine = await db.as(me, (c) => c.query("select app_public.users_has_password(u) as has from app_public.users u where u.id = $1", [me.user_id]));
    expect(mine.rows[0].has).toBe(false);
    const theirs = await db.as(admin, (c) => c.query("select app_public.users_has_password(u) as has from app_public.users u where u.id = $1", [me.user_id]));
    expect(theirs.rows[0].has).toBeNull();
    const needed = () => db.as(me, (c) => c.query("select app_public.users_email_verification_needed(u) as needed from app_public.users u where u.id = $1", [me.user_id]));
    await db.owner.query("update app_private.auth_settings set require_email_verification = false");
    expect((await needed()).rows[0].needed).toBe(false);
    await db.owner.query("update app_private.auth_settings set require_email_verification = true");
    try {
      expect((await needed()).rows[0].needed).toBe(true);
      await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [me.user_id]);
      expect((await needed()).rows[0].needed).toBe(false);
    } finally {
      await db.owner.query("update app_private.auth_settings set require_email_verification = false");
    }
  });
});

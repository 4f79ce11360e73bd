// Clubs and their members at the SQL level: names, the last owner, invitations
// of addresses with no account (and who they may become), what is mailed.
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { sqlFailure, useTestDatabase } from "../helpers/db.ts";
import { addClubMember, insertUser } from "../helpers/fixtures.ts";

const t = useTestDatabase();

const one = async (claims: Claims | null, sql: string, params: unknown[] = []) =>
  t.db.as(claims, async (c) => (await c.query(sql, params)).rows[0]);

async function clubWithOwner(name: string) {
  const { id } = await one(t.admin, "select id from app_public.create_club($1)", [name]);
  const owner = await insertUser(t.db);
  await addClubMember(t.db, id, owner, "owner");
  return { id: id as number, owner };
}
const emailOf = async (user: Claims) =>
  (await t.db.owner.query("select email from app_public.users where id = $1", [user.user_id])).rows[0].email as string;

describe("club names", () => {
  it("are unique whatever their case (CLUB_NAME_TAKEN), trimmed and bounded", async () => {
    await one(t.admin, "select id from app_public.create_club('Film Society', 'Films on Fridays')");
    expect(await sqlFailure(one(t.admin, "select id from app_public.create_club('  film SOCIETY ')"))).toMatchObject({
      code: "TK409", detail: "CLUB_NAME_TAKEN",
    });
    expect(await sqlFailure(one(t.admin, "select id from app_public.create_club($1)", ["x".repeat(101)]))).toMatchObject({
      code: "TK400", detail: "INVALID_INPUT",
    });
    const other = await clubWithOwner("Drama Club");
    expect(await sqlFailure(one(other.owner, "select id from app_public.update_club($1, name => 'FILM society')", [other.id])))
      .toMatchObject({ code: "TK409", detail: "CLUB_NAME_TAKEN" });
  });
});

describe("the last owner", () => {
  it("cannot be demoted or removed (LAST_OWNER); with a second owner, can", async () => {
    const { id, owner } = await clubWithOwner("Hiking Club");
    const demote = () => sqlFailure(one(owner, "select * from app_public.update_club_member($1, $2, 'manager')", [id, owner.user_id]));
    const leave = () => sqlFailure(one(owner, "select * from app_public.remove_club_member($1, $2)", [id, owner.user_id]));
    expect(await demote()).toMatchObject({ code: "TK409", detail: "LAST_OWNER" });
    expect(await leave()).toMatchObject({ code: "TK409", detail: "LAST_OWNER" });
    expect(await sqlFailure(one(t.admin, "select * from app_public.remove_club_member($1, $2)", [id, owner.user_id])))
      .toMatchObject({ detail: "LAST_OWNER" });

    const second = await insertUser(t.db);
    await one(owner, "select * from app_public.add_club_member($1, $2, 'owner')", [id, await emailOf(second)]);
    expect(await leave()).toBeUndefined();
    const { rows } = await t.db.owner.query("select user_id, role from app_public.club_memberships where club_id = $1", [id]);
    expect(rows).toEqual([{ user_id: second.user_id, role: "owner" }]);
  });

  it("two owners removing each other at once leave one owner", async () => {
    const { id, owner } = await clubWithOwner("Sailing Club");
    const other = await insertUser(t.db);
    await one(owner, "select * from app_public.add_club_member($1, $2, 'owner')", [id, await emailOf(other)]);
    const results = await Promise.all([
      sqlFailure(one(owner, "select * from app_public.remove_club_member($1, $2)", [id, other.user_id])),
      sqlFailure(one(other, "select * from app_public.remove_club_member($1, $2)", [id, owner.user_id])),
    ]);
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    expect(results.find((r) => r !== undefined)).toMatchObject({ detail: "FORBIDDEN" }); // the remover was removed first
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.club_memberships where club_id = $1 and role = 'owner'", [id]);
    expect(rows[0].n).toBe(1);
  });
});

describe("adding members", () => {
  it("an existing account becomes an active member at once and is mailed; twice is ALREADY_MEMBER", async () => {
    const { id, owner } = await clubWithOwner("Debating Society");
    const student = await insertUser(t.db);
    const email = await emailOf(student);
    const member = await one(owner, "select * from app_public.add_club_member($1, $2, 'manager')", [id, email.toUpperCase()]);
    expect(member).toMatchObject({ user_id: student.user_id, email, role: "manager", status: "active" });
    const mail = await t.db.owner.query("select subject from app_private.outbox where user_id = $1 and kind = 'club_member_added'", [student.user_id]);
    expect(mail.rows).toEqual([{ subject: "You are now a manager of Debating Society" }]);
    expect(await sqlFailure(one(owner, "select * from app_public.add_club_member($1, $2, 'door')", [id, email])))
      .toMatchObject({ code: "TK409", detail: "ALREADY_MEMBER" });
  });

  it("refuses a bad email or role, naming the field, and adds nothing", async () => {
    const { id, owner } = await clubWithOwner("Poetry Club");
    expect(await sqlFailure(one(owner, "select * from app_public.add_club_member($1, 'not an email', 'door')", [id])))
      .toMatchObject({ code: "TK400", detail: "INVALID_INPUT" });
    expect(await sqlFailure(one(owner, "select * from app_public.add_club_member($1, 'a@example.edu', 'president')", [id])))
      .toMatchObject({ code: "22P02" }); // not a club_role: the API's 400
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.club_invitations where club_id = $1", [id]);
    expect(rows[0].n).toBe(0);
  });

  it("an unknown address is invited by email, and becomes a member only once an account proves it holds it", async () => {
    const { id, owner } = await clubWithOwner("Astronomy Club");
    const invited = await one(owner, "select * from app_public.add_club_member($1, 'Stella@Example.edu', 'door')", [id]);
    expect(invited).toMatchObject({ user_id: null, email: "stella@example.edu", role: "door", status: "invited" });
    const mail = await t.db.owner.query("select to_email, subject, body from app_private.outbox where kind = 'club_invitation'");
    expect(mail.rows).toEqual([expect.objectContaining({ to_email: "stella@example.edu", subject: "You are invited to help run Astronomy Club" })]);
    expect(mail.rows[0].body).toContain("/signup");
    expect(await sqlFailure(one(owner, "select * from app_public.add_club_member($1, 'stella@example.edu', 'manager')", [id])))
      .toMatchObject({ code: "TK409", detail: "ALREADY_INVITED" });

    // Signing up with the address is not enough: anyone can type it.
    const { rows } = await t.db.owner.query(
      "insert into app_public.users (name, email) values ('Stella', 'stella@example.edu') returning id");
    const stella = rows[0].id as number;
    const members = () => t.db.owner.query("select user_id, role from app_public.club_memberships where club_id = $1 and user_id = $2", [id, stella]);
    expect((await members()).rows).toEqual([]);
    await t.db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [stella]);
    expect((await members()).rows).toEqual([{ user_id: stella, role: "door" }]);
    const left = await t.db.owner.query("select count(*)::int as n from app_public.club_invitations where email = 'stella@example.edu'");
    expect(left.rows[0].n).toBe(0);
  });

  it("the members list shows accounts and invitations to owners and managers", async () => {
    const { id, owner } = await clubWithOwner("Photography Club");
    await one(owner, "select * from app_public.add_club_member($1, 'lens@example.edu', 'manager')", [id]);
    const list = await t.db.as(owner, async (c) =>
      (await c.query("select m.email, m.role, m.status from app_public.clubs k, app_public.clubs_members(k) m where k.id = $1", [id])).rows);
    expect(list).toEqual([
      { email: await emailOf(owner), role: "owner", status: "active" },
      { email: "lens@example.edu", role: "manager", status: "invited" },
    ]);
    const withdrawn = await one(owner, "select * from app_public.cancel_club_invitation($1, 'LENS@example.edu')", [id]);
    expect(withdrawn).toMatchObject({ email: "lens@example.edu", status: "invited" });
    expect(await sqlFailure(one(owner, "select * from app_public.cancel_club_invitation($1, 'lens@example.edu')", [id])))
      .toMatchObject({ code: "TK404" });
  });

  it("a club holds at most 50 open invitations (TOO_MANY_INVITATIONS)", async () => {
    const { id, owner } = await clubWithOwner("Mailing List Club");
    await t.db.owner.query(
      "insert into app_public.club_invitations (club_id, email, role) select $1, 'guest' || n || '@example.edu', 'door' from generate_series(1, 50) n",
      [id],
    );
    expect(await sqlFailure(one(owner, "select * from app_public.add_club_member($1, 'one-more@example.edu', 'door')", [id])))
      .toMatchObject({ code: "TK409", detail: "TOO_MANY_INVITATIONS" });
  });
});

describe("myClubs and myRole", () => {
  it("list the caller's clubs with their role", async () => {
    const { id, owner } = await clubWithOwner("Cycling Club");
    const rows = await t.db.as(owner, async (c) =>
      (await c.query("select c.id, app_public.clubs_my_role(c) as role from app_public.my_clubs() c")).rows);
    expect(rows).toEqual([{ id, role: "owner" }]);
    expect(await one(null, "select app_public.clubs_my_role(c) as role from app_public.clubs c where id = $1", [id])).toEqual({ role: null });
  });
});

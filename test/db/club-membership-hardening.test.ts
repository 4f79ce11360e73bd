// Club roles under pressure, in SQL as the request roles: changes that wait for
// the club's lock are decided on the rights their caller has when their turn
// comes; a club is never left without an owner, whether its owners remove each
// other at once or one of them closes their account; a closed account keeps no
// role anywhere; and invitations (emails to strangers) have an hourly allowance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { inTurns, refusal } from "../helpers/turns.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

let clubs = 0;
async function clubWith(...members: [Claims, string][]) {
  const { rows } = await db.owner.query("insert into app_public.clubs (name) values ($1) returning id, name", [`Club ${++clubs} ${Date.now()}`]);
  for (const [user, role] of members) {
    await db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [rows[0].id, user.user_id, role]);
  }
  return rows[0] as { id: number; name: string };
}
const roles = async (clubId: number) =>
  Object.fromEntries(
    (await db.owner.query("select user_id, role from app_public.club_memberships where club_id = $1", [clubId])).rows.map((r) => [r.user_id, r.role]),
  );
async function withPassword(user: Claims) {
  await db.owner.query("insert into app_private.user_secrets (user_id, password_hash) values ($1, crypt('correct horse', gen_salt('bf', 4)))", [
    user.user_id,
  ]);
  return user;
}
const closeAccount = (user: Claims) => db.as(user, async (c) => (await c.query("select app_hidden.delete_account('correct horse') as deleted")).rows[0].deleted);
const removeSql = "select * from app_public.remove_club_member($1, $2)";

describe("membership changes waiting for the club's lock", () => {
  it("are refused when their caller lost the right while waiting (an owner removed by the change ahead)", async () => {
    const [a, b, c] = await insertUsers(db, 3);
    const club = await clubWith([a!, "owner"], [b!, "owner"]);
    const { rows } = await db.owner.query("select email from app_public.users where id = $1", [c!.user_id]);
    const race = await inTurns(
      db,
      { claims: a!, sql: removeSql, params: [club.id, b!.user_id] },
      { claims: b!, sql: "select * from app_public.add_club_member($1, $2, 'owner')", params: [club.id, rows[0].email] },
    );
    expect(race.secondWaited).toBe(true);
    expect(refusal(race.first)).toBeUndefined();
    expect(refusal(race.second)).toBe("FORBIDDEN");
    expect(await roles(club.id)).toEqual({ [a!.user_id]: "owner" });
  });

  it("two owners removing each other at once leave exactly one owner", async () => {
    const [a, b] = await insertUsers(db, 2);
    const club = await clubWith([a!, "owner"], [b!, "owner"]);
    const race = await inTurns(db, { claims: a!, sql: removeSql, params: [club.id, b!.user_id] }, { claims: b!, sql: removeSql, params: [club.id, a!.user_id] });
    expect(race.secondWaited).toBe(true);
    expect(refusal(race.second)).toBe("FORBIDDEN");
    expect(await roles(club.id)).toEqual({ [a!.user_id]: "owner" });
  });
});

describe("closing an account", () => {
  it("is refused for the only owner of a club (LAST_OWNER, naming the club), and nothing changes", async () => {
    const owner = await withPassword(await insertUser(db));
    const manager = await insertUser(db);
    const club = await clubWith([owner, "owner"], [manager, "manager"]);
    const event = await insertEvent(db);
    await db.owner.query("insert into app_public.tickets (event_id, user_id, check_in_code) values ($1, $2, app_private.new_check_in_code())", [
      event.id,
      owner.user_id,
    ]);
    await db.owner.query("update app_public.events set tickets_remaining = tickets_remaining - 1 where id = $1", [event.id]);

    const failure = await sqlFailure(closeAccount(owner));
    expect(failure).toMatchObject({ code: "TK409", detail: "LAST_OWNER" });
    const message = await closeAccount(owner).catch((error: Error) => error.message);
    expect(message).toBe(`You are the only owner of ${club.name}: make someone else an owner of it before closing your account.`);

    expect(await roles(club.id)).toEqual({ [owner.user_id]: "owner", [manager.user_id]: "manager" });
    const user = (await db.owner.query("select deleted_at, name from app_public.users where id = $1", [owner.user_id])).rows[0];
    expect(user.deleted_at).toBeNull();
    const tickets = (await db.owner.query("select status from app_public.tickets where user_id = $1", [owner.user_id])).rows;
    expect(tickets).toEqual([{ status: "confirmed" }]);
  });

  it("ends every role the account had: its next request has no rights in any club", async () => {
    const leaver = await withPassword(await insertUser(db));
    const [coOwner, other] = await insertUsers(db, 2);
    const owned = await clubWith([leaver, "owner"], [coOwner!, "owner"]);
    const staffed = await clubWith([other!, "owner"], [leaver, "door"]);
    expect(await closeAccount(leaver)).toBe(true);
    expect(await roles(owned.id)).toEqual({ [coOwner!.user_id]: "owner" });
    expect(await roles(staffed.id)).toEqual({ [other!.user_id]: "owner" });
    const permits = await db.as(leaver, async (c) =>
      (await c.query("select app_hidden.club_permits('check_in', $1) as door", [staffed.id])).rows[0].door,
    );
    expect(permits).toBe(false);
  });

  it("waits for an owner stepping down at the same moment, then refuses: the club keeps an owner", async () => {
    const leaver = await withPassword(await insertUser(db));
    const other = await insertUser(db);
    const club = await clubWith([leaver, "owner"], [other, "owner"]);
    const race = await inTurns(
      db,
      { claims: other, sql: "select * from app_public.update_club_member($1, $2, 'manager')", params: [club.id, other.user_id] },
      { claims: leaver, sql: "select app_hidden.delete_account('correct horse') as deleted" },
    );
    expect(race.secondWaited).toBe(true);
    expect(refusal(race.first)).toBeUndefined();
    expect(refusal(race.second)).toBe("LAST_OWNER");
    expect(await roles(club.id)).toEqual({ [leaver.user_id]: "owner", [other.user_id]: "manager" });
  });
});

describe("a club action waiting for a lock", () => {
  it("cancelling an event: a manager removed while the cancellation waits for the event's lock is refused, and the event stands", async () => {
    const [owner, manager] = await insertUsers(db, 2);
    const club = await clubWith([owner!, "owner"], [manager!, "manager"]);
    const event = await insertEvent(db);
    await db.owner.query("update app_public.events set club_id = $1 where id = $2", [club.id, event.id]);
    // What holds the event's lock (a rush of bookings) while the owner removes the manager.
    const race = await inTurns(
      db,
      {
        claims: "owner",
        sql: `select app_private.lock_event(${event.id});
              delete from app_public.club_memberships where club_id = ${club.id} and user_id = ${manager!.user_id}`,
      },
      { claims: manager!, sql: "select id from app_public.cancel_event($1, 'Called off by a former manager')", params: [event.id] },
    );
    expect(race.secondWaited).toBe(true);
    expect(refusal(race.second)).toBe("FORBIDDEN");
    expect((await db.owner.query("select status from app_public.events where id = $1", [event.id])).rows[0].status).toBe("scheduled");
  });
});

describe("adding by email", () => {
  it("invites an account that has not proven its address, rather than adding it: signing up with someone's address gives no role", async () => {
    const owner = await insertUser(db);
    const club = await clubWith([owner, "owner"]);
    const squatter = await insertUser(db); // signed up with the treasurer's address, cannot confirm it
    const email = (await db.owner.query("select email from app_public.users where id = $1", [squatter.user_id])).rows[0].email as string;
    await db.owner.query("update app_private.auth_settings set require_email_verification = true");
    try {
      const added = await db.as(owner, async (c) => (await c.query("select * from app_public.add_club_member($1, $2, 'owner')", [club.id, email])).rows[0]);
      expect(added).toMatchObject({ user_id: null, email, role: "owner", status: "invited" });
      expect(await roles(club.id)).toEqual({ [owner.user_id]: "owner" });
      // Whoever proves the address (the mailed link, a password reset) becomes the member.
      await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [squatter.user_id]);
      expect(await roles(club.id)).toEqual({ [owner.user_id]: "owner", [squatter.user_id]: "owner" });
    } finally {
      await db.owner.query("update app_private.auth_settings set require_email_verification = false");
    }
  });
});

describe("invitations", () => {
  it("adding existing accounts counts against the same hourly allowance: each is an email too", async () => {
    const owner = await insertUser(db);
    const club = await clubWith([owner, "owner"]);
    const people = await insertUsers(db, 101);
    const { rows } = await db.owner.query("select email from app_public.users where id = any($1) order by id", [people.map((p) => p.user_id)]);
    const add = (email: string) => db.as(owner, (c) => c.query("select * from app_public.add_club_member($1, $2, 'door')", [club.id, email]));
    for (const { email } of rows.slice(0, 100)) await add(email);
    expect(await sqlFailure(add(rows[100].email))).toMatchObject({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
    expect(Object.keys(await roles(club.id))).toHaveLength(101); // the owner and the first hundred
    const emails = await db.owner.query("select count(*)::int as n from app_private.outbox where dedupe_key like $1", [`club_member_added:${club.id}:%`]);
    expect(emails.rows[0].n).toBe(100);
  });

  it("have an hourly allowance per club: withdrawing them does not give it back (429 TOO_MANY_ATTEMPTS, no email)", async () => {
    const owner = await insertUser(db);
    const club = await clubWith([owner, "owner"]);
    const invite = (n: number) =>
      db.as(owner, (c) => c.query("select * from app_public.add_club_member($1, $2, 'door')", [club.id, `invitee-${club.id}-${n}@example.edu`]));
    const withdrawAll = () =>
      db.as(owner, (c) =>
        c.query("select app_public.cancel_club_invitation($1, i.email) from app_public.club_invitations i where i.club_id = $1", [club.id]),
      );
    // 50 open at most (TOO_MANY_INVITATIONS): two rounds of 50, each withdrawn.
    for (let n = 0; n < 100; n++) {
      await invite(n);
      if (n % 50 === 49) await withdrawAll();
    }
    const emails = async () => Number((await db.owner.query("select count(*) from app_private.outbox where dedupe_key like $1", [`club_invitation:${club.id}:%`])).rows[0].count);
    expect(await emails()).toBe(100);
    expect(await sqlFailure(invite(100))).toMatchObject({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
    expect(await emails()).toBe(100);
    expect(Number((await db.owner.query("select count(*) from app_public.club_invitations where club_id = $1", [club.id])).rows[0].count)).toBe(0);
  });
});

describe("a check-in waiting for its ticket", () => {
  it("is refused when the volunteer was removed from the club while it waited: rights re-checked under the ticket's lock", async () => {
    const [owner, door, holder] = await insertUsers(db, 3);
    const club = await clubWith([owner!, "owner"], [door!, "door"]);
    const event = await insertEvent(db);
    await db.owner.query("update app_public.events set club_id = $2 where id = $1", [event.id, club.id]);
    const { rows } = await db.owner.query(
      "insert into app_public.tickets (event_id, user_id, status, check_in_code, confirmed_at) values ($1, $2, 'confirmed', app_private.new_check_in_code(), now()) returning id, check_in_code",
      [event.id, holder!.user_id],
    );
    const ticket = rows[0] as { id: number; check_in_code: string };

    // Another desk holds the ticket (its scan in flight, to end without admitting anyone).
    const desk = await db.owner.connect();
    let doorPid = 0;
    try {
      await desk.query("begin");
      await desk.query("select id from app_public.tickets where id = $1 for update", [ticket.id]);
      const checkIn = sqlFailure(
        db.as(door!, async (c) => {
          doorPid = (await c.query("select pg_backend_pid() as pid")).rows[0].pid;
          return c.query("select id from app_public.check_in($1, $2)", [ticket.check_in_code, event.id]);
        }),
      );
      // Until the volunteer's check-in waits for the desk's lock (a wait on a condition: each turn a query).
      const deskPid = (await desk.query("select pg_backend_pid() as pid")).rows[0].pid;
      for (;;) {
        if (doorPid) {
          const blockers = (await db.owner.query<{ pids: number[] }>("select pg_blocking_pids($1) as pids", [doorPid])).rows[0]!.pids;
          if (blockers.includes(deskPid)) break;
        } else await db.owner.query("select 1");
      }
      // Meanwhile the club's owner removes the volunteer, and the other desk lets go.
      await db.as(owner!, (c) => c.query(removeSql, [club.id, door!.user_id]));
      await desk.query("rollback");
      expect(await checkIn).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
    } finally {
      desk.release();
    }
    const after = await db.owner.query("select checked_in_at from app_public.tickets where id = $1", [ticket.id]);
    expect(after.rows[0].checked_in_at).toBeNull();
  });
});

// Club roles, enforced by the database itself: every actor (anonymous, a student,
// door / manager / owner of club A, the same of club B, an admin) × every action
// a club role concerns, each run as the real request role over the authenticator
// connection, the way the API runs it. Allowed means it took effect; refused means
// 42501 for anonymous callers (no grant: the API's 401) and TK403 FORBIDDEN for the
// rest (42501, the API's 403, where only admins hold the grant).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { addClubMember, insertClub, insertUser, insertUsers } from "../helpers/fixtures.ts";

let db: TestDatabase;
const actors: Record<string, Claims | null> = {};
const club = { A: 0, B: 0 };
const clubEvent = { A: 0, B: 0 };
let clublessEvent = 0;
let ticketHolder: Claims;

async function insertClubEvent(clubId: number | null) {
  const { rows } = await db.owner.query(
    `insert into app_public.events (name, venue, starts_at, total_tickets, club_id)
     values ('Demo day', 'Lab', now() + interval '7 days', 100, $1) returning id`,
    [clubId],
  );
  return rows[0].id as number;
}
/** A fresh confirmed ticket of this event: its code, for one check-in. */
async function freshCode(eventId: number) {
  const { rows } = await db.owner.query(
    `insert into app_public.tickets (event_id, user_id, check_in_code)
     values ($1, $2, app_private.new_check_in_code()) returning check_in_code`,
    [eventId, ticketHolder.user_id],
  );
  return rows[0].check_in_code as string;
}

beforeAll(async () => {
  db = await createTestDatabase();
  club.A = await insertClub(db, "Robotics Society");
  club.B = await insertClub(db, "Chess Club");
  actors.anonymous = null;
  actors.student = await insertUser(db);
  actors.admin = await insertUser(db, "admin");
  for (const letter of ["A", "B"] as const) {
    for (const role of ["door", "manager", "owner"] as const) {
      const user = await insertUser(db);
      await addClubMember(db, club[letter], user, role);
      actors[`${role} of ${letter}`] = user;
    }
    clubEvent[letter] = await insertClubEvent(club[letter]);
  }
  clublessEvent = await insertClubEvent(null);
  ticketHolder = await insertUser(db);
});
afterAll(() => db?.drop());

const createEvent = (clubId: number | null) =>
  `select id from app_public.create_event(name => 'New', venue => 'Hall', starts_at => now() + interval '3 days',
     total_tickets => 10, club_id => ${clubId ?? "null"})`;

type Action = {
  name: string;
  allowed: string[];
  run: (c: import("pg").PoolClient) => Promise<unknown>;
  /** Refused to every non-admin by its grant (42501, the API's 403), before a body runs. */
  adminsOnlyByGrant?: boolean;
};
const staffA = ["manager of A", "owner of A", "admin"];
const everyoneAtTheDoorOfA = ["door of A", ...staffA];

// Each action, with who may do it. Setup that must not count (a fresh code, a fresh
// account to add) is made outside the transaction under test.
const actions: Action[] = [
  { name: "create an event of club A", allowed: staffA, run: (c) => c.query(createEvent(club.A)) },
  { name: "create an event of club B", allowed: ["manager of B", "owner of B", "admin"], run: (c) => c.query(createEvent(club.B)) },
  { name: "create an event of no club", allowed: ["admin"], run: (c) => c.query(createEvent(null)) },
  { name: "edit an event of club A", allowed: staffA,
    run: (c) => c.query("select id from app_public.update_event(id => $1, venue => 'Lab 2')", [clubEvent.A]) },
  { name: "edit an event of club B", allowed: ["manager of B", "owner of B", "admin"],
    run: (c) => c.query("select id from app_public.update_event(id => $1, venue => 'Lab 2')", [clubEvent.B]) },
  { name: "edit a club-less event", allowed: ["admin"],
    run: (c) => c.query("select id from app_public.update_event(id => $1, venue => 'Hall 2')", [clublessEvent]) },
  { name: "read the analytics of an event of A", allowed: staffA,
    run: (c) => c.query("select * from app_public.event_analytics($1)", [clubEvent.A]) },
  { name: "read the sales over time of an event of A", allowed: staffA,
    run: (c) => c.query("select * from app_public.event_sales_over_time($1)", [clubEvent.A]) },
  { name: "read the attendee list of an event of A", allowed: staffA,
    run: (c) => c.query("select a.* from app_public.events e, app_public.events_attendees(e) a where e.id = $1", [clubEvent.A]) },
  { name: "check in a ticket of an event of A", allowed: everyoneAtTheDoorOfA,
    run: async (c) => c.query("select id from app_public.check_in($1, $2)", [await freshCode(clubEvent.A), clubEvent.A]) },
  { name: "check in a ticket of an event of B", allowed: ["door of B", "manager of B", "owner of B", "admin"],
    run: async (c) => c.query("select id from app_public.check_in($1, $2)", [await freshCode(clubEvent.B), clubEvent.B]) },
  { name: "check in a ticket of a club-less event", allowed: ["admin"],
    run: async (c) => c.query("select id from app_public.check_in($1, $2)", [await freshCode(clublessEvent), clublessEvent]) },
  { name: "see the members of A", allowed: staffA,
    run: (c) => c.query("select m.* from app_public.clubs k, app_public.clubs_members(k) m where k.id = $1", [club.A]) },
  { name: "add a member to A", allowed: ["owner of A", "admin"],
    run: async (c) => {
      const { rows } = await db.owner.query("select email from app_public.users where id = $1", [(await insertUser(db)).user_id]);
      return c.query("select * from app_public.add_club_member($1, $2, 'door')", [club.A, rows[0].email]);
    } },
  { name: "change a member's role in A", allowed: ["owner of A", "admin"],
    run: async (c) => {
      const member = await insertUser(db);
      await addClubMember(db, club.A, member, "door");
      return c.query("select * from app_public.update_club_member($1, $2, 'manager')", [club.A, member.user_id]);
    } },
  { name: "remove a member of A", allowed: ["owner of A", "admin"],
    run: async (c) => {
      const member = await insertUser(db);
      await addClubMember(db, club.A, member, "door");
      return c.query("select * from app_public.remove_club_member($1, $2)", [club.A, member.user_id]);
    } },
  { name: "rename club A", allowed: ["owner of A", "admin"],
    run: (c) => c.query("select id from app_public.update_club($1, description => 'We build robots.')", [club.A]) },
  { name: "create a club", allowed: ["admin"], adminsOnlyByGrant: true,
    run: (c) => c.query("select id from app_public.create_club($1)", [`Club ${Math.random()}`]) },
];

describe.each(actions)("$name", (action) => {
  it.each(Object.keys({ anonymous: 1, student: 1, "door of A": 1, "manager of A": 1, "owner of A": 1,
    "door of B": 1, "manager of B": 1, "owner of B": 1, admin: 1 }))("as %s", async (actor) => {
    const outcome = await sqlFailure(db.as(actors[actor]!, (c) => action.run(c)));
    if (action.allowed.includes(actor)) expect(outcome).toBeUndefined();
    else if (actor === "anonymous" || action.adminsOnlyByGrant) expect(outcome).toMatchObject({ code: "42501" });
    else expect(outcome).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
  });
});

describe("what each refusal leaves", () => {
  it("a refused edit changes nothing and a refused check-in does not use the ticket", async () => {
    const code = await freshCode(clubEvent.A);
    const before = (await db.owner.query("select venue, updated_at from app_public.events where id = $1", [clubEvent.A])).rows[0];
    await sqlFailure(db.as(actors["manager of B"]!, (c) => c.query("select app_public.update_event(id => $1, venue => 'X')", [clubEvent.A])));
    await sqlFailure(db.as(actors["door of B"]!, (c) => c.query("select app_public.check_in($1, $2)", [code, clubEvent.A])));
    expect((await db.owner.query("select venue, updated_at from app_public.events where id = $1", [clubEvent.A])).rows[0]).toEqual(before);
    const { rows } = await db.owner.query("select checked_in_at from app_public.tickets where check_in_code = $1", [code]);
    expect(rows[0].checked_in_at).toBeNull();
  });

  it("check-in refuses another club's door staff the same way whether or not the code exists", async () => {
    const door = actors["door of B"]!;
    const real = await sqlFailure(db.as(door, async (c) => c.query("select app_public.check_in($1, $2)", [await freshCode(clubEvent.A), clubEvent.A])));
    const made_up = await sqlFailure(db.as(door, (c) => c.query("select app_public.check_in('TKT-NOPE', $1)", [clubEvent.A])));
    expect(real).toEqual(made_up);
  });

  it("door staff at their own desk learn a code is wrong (NOT_FOUND), as admins do", async () => {
    const outcome = await sqlFailure(db.as(actors["door of A"]!, (c) => c.query("select app_public.check_in('TKT-NOPE', $1)", [clubEvent.A])));
    expect(outcome).toMatchObject({ code: "TK404", detail: "NOT_FOUND" });
  });
});

describe("moving an event between clubs", () => {
  it("needs rights in both clubs; to no club, an admin", async () => {
    const both = await insertUser(db);
    await addClubMember(db, club.A, both, "manager");
    await addClubMember(db, club.B, both, "manager");
    const eventId = await insertClubEvent(club.A);
    const move = (claims: Claims, to: string) =>
      sqlFailure(db.as(claims, (c) => c.query(`select app_public.update_event(id => $1, ${to})`, [eventId])));
    expect(await move(actors["manager of A"]!, `club_id => ${club.B}`)).toMatchObject({ detail: "FORBIDDEN" });
    expect(await move(actors["manager of B"]!, `club_id => ${club.B}`)).toMatchObject({ detail: "FORBIDDEN" });
    expect(await move(both, "clear => array['club_id']")).toMatchObject({ detail: "FORBIDDEN" });
    expect(await move(both, `club_id => ${club.B}`)).toBeUndefined();
    expect((await db.owner.query("select club_id from app_public.events where id = $1", [eventId])).rows[0].club_id).toBe(club.B);
    expect(await move(actors.admin!, "clear => array['club_id']")).toBeUndefined();
    expect((await db.owner.query("select club_id from app_public.events where id = $1", [eventId])).rows[0].club_id).toBeNull();
  });
});

describe("rights follow the rows, at once", () => {
  it("a removed manager's next statement is refused, with the same token", async () => {
    const [manager] = await insertUsers(db, 1);
    await addClubMember(db, club.A, manager!, "manager");
    const edit = () => sqlFailure(db.as(manager!, (c) => c.query("select app_public.update_event(id => $1, venue => 'Gym')", [clubEvent.A])));
    expect(await edit()).toBeUndefined();
    await db.as(actors["owner of A"]!, (c) => c.query("select app_public.remove_club_member($1, $2)", [club.A, manager!.user_id]));
    expect(await edit()).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
  });

  it("a manager demoted to door staff checks in but no longer edits", async () => {
    const [manager] = await insertUsers(db, 1);
    await addClubMember(db, club.A, manager!, "manager");
    await db.as(actors["owner of A"]!, (c) => c.query("select app_public.update_club_member($1, $2, 'door')", [club.A, manager!.user_id]));
    expect(await sqlFailure(db.as(manager!, (c) => c.query("select app_public.update_event(id => $1, venue => 'Gym')", [clubEvent.A]))))
      .toMatchObject({ detail: "FORBIDDEN" });
    expect(await sqlFailure(db.as(manager!, async (c) => c.query("select app_public.check_in($1, $2)", [await freshCode(clubEvent.A), clubEvent.A]))))
      .toBeUndefined();
  });
});

describe("row-level security on memberships and invitations", () => {
  it("a student sees only their own memberships; a manager sees their club's, not another's", async () => {
    const rows = (claims: Claims) =>
      db.as(claims, async (c) => (await c.query("select club_id, user_id from app_public.club_memberships")).rows);
    const door = actors["door of A"]!;
    expect(await rows(door)).toEqual([{ club_id: club.A, user_id: door.user_id }]);
    const seenByManager = await rows(actors["manager of A"]!);
    expect(seenByManager.length).toBeGreaterThan(3);
    expect(seenByManager.every((r) => r.club_id === club.A)).toBe(true);
    expect(await rows(actors.student!)).toEqual([]);
  });

  it("invitations are seen by the club's owners and managers only", async () => {
    await db.owner.query("insert into app_public.club_invitations (club_id, email, role) values ($1, 'newcomer@example.edu', 'door')", [club.A]);
    const count = (claims: Claims) =>
      db.as(claims, async (c) => (await c.query("select count(*)::int as n from app_public.club_invitations")).rows[0].n);
    expect(await count(actors["manager of A"]!)).toBe(1);
    expect(await count(actors["door of A"]!)).toBe(0);
    expect(await count(actors["owner of B"]!)).toBe(0);
    expect(await sqlFailure(db.as(null, (c) => c.query("select * from app_public.club_invitations")))).toMatchObject({ code: "42501" });
  });

  it("no request role writes memberships directly: only the functions that ask the rule", async () => {
    const owner = actors["owner of A"]!;
    expect(await sqlFailure(db.as(owner, (c) =>
      c.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, 'owner')", [club.B, owner.user_id]))))
      .toMatchObject({ code: "42501" });
    expect(await sqlFailure(db.as(owner, (c) =>
      c.query("update app_public.club_memberships set role = 'owner' where user_id = $1", [owner.user_id]))))
      .toMatchObject({ code: "42501" });
  });
});

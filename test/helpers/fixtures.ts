// Arrange data directly as the owner (fast, no bcrypt) and mint tokens the way
// login does. Behaviour under test always goes through the API or a request role.
import type { Claims, JwtSettings } from "../../src/auth/jwt.ts";
import { signToken } from "../../src/auth/jwt.ts";
import type { ClubRole } from "../../src/generated/vocabulary.ts";
import type { TestDatabase } from "./db.ts";

export const testJwt: JwtSettings = { secret: "test-secret-that-is-at-least-32-characters-long", ttlSeconds: 3600 };

let counter = 0;
/**
 * Fixture tokens name sessions no row holds: negative ids, which the database
 * never gives a session, so ending a real session never refuses one of these.
 * Tests of sessions themselves sign in through the API.
 */
let fixtureSession = 0;
export const fixtureSessionId = () => -++fixtureSession;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${counter++}`;

/** Users without passwords (they sign in through tokens minted here). */
/**
 * Accounts written straight into the table. Students are unverified unless
 * `verified` (a production server requires verified students to book).
 */
export async function insertUsers(
  db: TestDatabase,
  count: number,
  role: "student" | "admin" = "student",
  { verified = false }: { verified?: boolean } = {},
) {
  const { rows } = await db.owner.query<{ id: number }>(
    `insert into app_public.users (name, email, role, email_verified_at)
     select 'User ' || n, $1 || '-' || n || '@example.edu', $2, case when $4 then now() end from generate_series(1, $3) n
     returning id`,
    [unique(), role, count, verified],
  );
  return rows.map((row): Claims => ({ user_id: row.id, role, session_id: fixtureSessionId() }));
}

export async function insertUser(db: TestDatabase, role: "student" | "admin" = "student") {
  return (await insertUsers(db, 1, role))[0]!;
}

export function tokenFor(claims: Claims, settings: JwtSettings = testJwt) {
  return signToken(claims, settings);
}

export interface EventRow {
  id: number;
  name: string;
  total_tickets: number;
  tickets_remaining: number;
  max_tickets_per_student: number;
}

export async function insertEvent(
  db: TestDatabase,
  fields: { total_tickets?: number; max_tickets_per_student?: number; starts_in?: string; name?: string } = {},
): Promise<EventRow> {
  const { rows } = await db.owner.query<EventRow>(
    `insert into app_public.events (name, venue, starts_at, total_tickets, max_tickets_per_student)
     values ($1, 'Main Hall', now() + $2::interval, $3, $4) returning *`,
    [fields.name ?? `Event ${unique()}`, fields.starts_in ?? "7 days", fields.total_tickets ?? 100, fields.max_tickets_per_student ?? 1],
  );
  return rows[0]!;
}

/** A club, inserted as the owner (no rights checked); named uniquely unless a name is given. */
export async function insertClub(db: TestDatabase, name = `Club ${unique()}`): Promise<number> {
  const { rows } = await db.owner.query("insert into app_public.clubs (name) values ($1) returning id", [name]);
  return rows[0].id;
}

/** A role in a club for a user, inserted as the owner (no rights checked). */
export async function addClubMember(db: TestDatabase, clubId: number, user: Claims, role: ClubRole) {
  await db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [clubId, user.user_id, role]);
}

/** An event of a new club, with a token for a member of that club in each given role. */
export async function clubEventWithMembers<R extends ClubRole>(db: TestDatabase, roles: R[]) {
  const clubId = await insertClub(db);
  const event = await insertEvent(db);
  await db.owner.query("update app_public.events set club_id = $2 where id = $1", [event.id, clubId]);
  const tokens = {} as Record<R, string>;
  for (const role of roles) {
    const user = await insertUser(db);
    await addClubMember(db, clubId, user, role);
    tokens[role] = tokenFor(user);
  }
  return { event, clubId, ...tokens };
}

/** An event that has already started (the API refuses to create one, so bypass the trigger). */
export async function insertPastEvent(db: TestDatabase): Promise<EventRow> {
  const client = await db.owner.connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    const { rows } = await client.query<EventRow>(
      `insert into app_public.events (name, venue, starts_at, total_tickets, tickets_remaining)
       values ($1, 'Main Hall', now() - interval '1 hour', 10, 10) returning *`,
      [`Past ${unique()}`],
    );
    await client.query("commit");
    return rows[0]!;
  } finally {
    client.release();
  }
}

/** Events whose seats do not add up: tickets_remaining + live tickets (pending, offered, confirmed) ≠ total_tickets. */
export async function eventsThatDoNotAddUp(db: TestDatabase) {
  const { rows } = await db.owner.query(
    `select e.id, e.total_tickets, e.tickets_remaining,
            count(t.id) filter (where t.status in ('pending', 'offered', 'confirmed'))::int as live
     from app_public.events e left join app_public.tickets t on t.event_id = e.id
     group by e.id
     having e.tickets_remaining + count(t.id) filter (where t.status in ('pending', 'offered', 'confirmed')) <> e.total_tickets`,
  );
  return rows;
}

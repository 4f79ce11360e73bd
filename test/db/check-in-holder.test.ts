// The name at the door, decided in SQL (app_public.tickets_holder_name): a door
// volunteer sees the holder's name of a ticket they admitted, so they can tell
// the person in front of them holds it, and nothing more of the users table: not
// before the ticket is admitted, not for another club's event, not for a made-up
// row. Each actor runs as the real request role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
const actors: Record<string, Claims> = {};
let clubEvent = 0;
let otherEvent = 0;
let holderName = "";

async function ticket(eventId: number) {
  const { rows } = await db.owner.query(
    "insert into app_public.tickets (event_id, user_id, check_in_code) values ($1, $2, app_private.new_check_in_code()) returning id, check_in_code",
    [eventId, actors.holder!.user_id],
  );
  return rows[0] as { id: number; check_in_code: string };
}
const nameOf = (who: string, ticketId: number) =>
  db.as(actors[who]!, async (c) =>
    (await c.query("select app_public.tickets_holder_name(t) as name from (select * from app_public.tickets where id = $1) t", [ticketId])).rows[0]?.name,
  );
/**
 * The ticket handed straight in, as a caller that cannot select it would hold it
 * (the check_in answer), claiming to be checked in: the stored ticket decides.
 */
const nameOfRow = async (who: string, ticketId: number) => {
  const stored = (await db.owner.query("select to_jsonb(t) as row from app_public.tickets t where id = $1", [ticketId])).rows[0].row;
  return db.as(actors[who]!, async (c) =>
    (
      await c.query("select app_public.tickets_holder_name(jsonb_populate_record(null::app_public.tickets, $1::jsonb)) as name", [
        { ...stored, checked_in_at: new Date().toISOString() },
      ])
    ).rows[0].name,
  );
};

beforeAll(async () => {
  db = await createTestDatabase();
  const [clubA, clubB] = (await db.owner.query("insert into app_public.clubs (name) values ('Film Society'), ('Debating') returning id")).rows.map((r) => r.id);
  for (const [name, club, role] of [["door of A", clubA, "door"], ["manager of A", clubA, "manager"], ["door of B", clubB, "door"]] as const) {
    actors[name] = await insertUser(db);
    await db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [club, actors[name]!.user_id, role]);
  }
  actors.student = await insertUser(db);
  actors.admin = await insertUser(db, "admin");
  actors.holder = await insertUser(db);
  holderName = (await db.owner.query("select name from app_public.users where id = $1", [actors.holder.user_id])).rows[0].name;
  const events = await db.owner.query(
    `insert into app_public.events (name, venue, starts_at, total_tickets, club_id)
     values ('Screening', 'Cinema', now() + interval '2 days', 50, $1), ('Debate', 'Hall', now() + interval '2 days', 50, $2) returning id`,
    [clubA, clubB],
  );
  [clubEvent, otherEvent] = events.rows.map((r) => r.id);
});
afterAll(() => db?.drop());

describe("the holder's name", () => {
  it("comes with the ticket a door volunteer checks in", async () => {
    const { check_in_code } = await ticket(clubEvent);
    const answer = await db.as(actors["door of A"]!, async (c) =>
      (await c.query("select t.id, app_public.tickets_holder_name(t) as holder_name from app_public.check_in($1, $2) t", [check_in_code, clubEvent])).rows[0],
    );
    expect(answer.holder_name).toBe(holderName);
  });

  it("is not shown to door staff before the ticket is admitted, nor for another club's event, nor from a made-up row", async () => {
    const waiting = await ticket(clubEvent);
    expect(await nameOfRow("door of A", waiting.id)).toBeNull(); // a row claiming checked_in_at: the stored ticket decides
    const elsewhere = await ticket(otherEvent);
    await db.owner.query("update app_public.tickets set checked_in_at = now() where id = $1", [elsewhere.id]);
    expect(await nameOfRow("door of A", elsewhere.id)).toBeNull();
    expect(await nameOfRow("door of B", elsewhere.id)).toBe(holderName);
  });

  it("is the holder's own, the organisers' and admins'; nobody else's", async () => {
    const { id } = await ticket(clubEvent);
    expect(await nameOf("holder", id)).toBe(holderName);
    expect(await nameOfRow("manager of A", id)).toBe(holderName);
    expect(await nameOf("admin", id)).toBe(holderName);
    expect(await nameOfRow("student", id)).toBeNull();
    expect(await nameOfRow("door of B", id)).toBeNull();
  });

  it("opens nothing else: door staff still read no users row and no ticket", async () => {
    const door = actors["door of A"]!;
    const seen = await db.as(door, async (c) => ({
      users: (await c.query("select name from app_public.users where id = $1", [actors.holder!.user_id])).rows,
      tickets: (await c.query("select id from app_public.tickets where event_id = $1", [clubEvent])).rows,
    }));
    expect(seen).toEqual({ users: [], tickets: [] });
    expect(await sqlFailure(db.as(door, (c) => c.query("select * from app_public.events_attendees((select e from app_public.events e where id = $1))", [clubEvent]))))
      .toMatchObject({ code: "TK403" });
  });
});

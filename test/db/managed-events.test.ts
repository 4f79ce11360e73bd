// The organisers' list (app_public.managed_events, db/schema/events.sql), as each
// request role: the people who run events see every event they run, cancelled and
// past ones too, with where each stands (Event.phase); nobody else gets, through
// it, an event that is not theirs to run; the public list stays as it was.
import { beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { useTestDatabase } from "../helpers/db.ts";
import { addClubMember, insertClub, insertEvent, insertPastEvent, insertUser } from "../helpers/fixtures.ts";

const t = useTestDatabase();
const actors: Record<string, Claims | null> = {};
let clubA = 0;
let clubB = 0;
// Club A: one upcoming, one past, one cancelled; club B: one upcoming, one cancelled; one club-less.
const ids = {} as Record<"aUpcoming" | "aPast" | "aCancelled" | "bUpcoming" | "bCancelled" | "clubless", number>;

const inClub = async (id: number, clubId: number | null) =>
  t.db.owner.query("update app_public.events set club_id = $2 where id = $1", [id, clubId]);
const cancelAsAdmin = (id: number, reason: string) =>
  t.rowsAs(t.admin, "select app_public.cancel_event($1, $2)", [id, reason]);
/** What the list gives this caller: ids and phases, in its order. */
const listed = async (who: Claims | null, clubId: number | null = null, phase: string | null = null) =>
  (await t.rowsAs(who, "select e.id, app_public.events_phase(e) as phase from app_public.managed_events($1, $2::app_public.event_phase) e",
    [clubId, phase])).map((r) => `${r.id}:${r.phase}`);
const mine = (...keys: (keyof typeof ids)[]) => keys.map((k) => `${ids[k]}:${k.endsWith("Cancelled") ? "cancelled" : k.endsWith("Past") ? "past" : "upcoming"}`);

beforeAll(async () => {
  clubA = await insertClub(t.db, "Film Society");
  clubB = await insertClub(t.db, "Debating Union");
  ids.aUpcoming = (await insertEvent(t.db, { name: "Film night", starts_in: "10 days" })).id;
  ids.aPast = (await insertPastEvent(t.db)).id;
  ids.aCancelled = (await insertEvent(t.db, { name: "Outdoor screening", starts_in: "5 days" })).id;
  ids.bUpcoming = (await insertEvent(t.db, { name: "Grand debate" })).id;
  ids.bCancelled = (await insertEvent(t.db, { name: "Debate workshop" })).id;
  ids.clubless = (await insertEvent(t.db, { name: "Freshers' fair", starts_in: "20 days" })).id;
  for (const key of ["aUpcoming", "aPast", "aCancelled"] as const) await inClub(ids[key], clubA);
  for (const key of ["bUpcoming", "bCancelled"] as const) await inClub(ids[key], clubB);
  await cancelAsAdmin(ids.aCancelled, "The projector broke");
  await cancelAsAdmin(ids.bCancelled, "Speaker ill");

  actors.anonymous = null;
  actors.student = await insertUser(t.db);
  actors.admin = t.admin;
  for (const role of ["door", "manager", "owner"] as const) {
    actors[`${role} of A`] = await insertUser(t.db);
    await addClubMember(t.db, clubA, actors[`${role} of A`]!, role);
  }
  actors["manager of B"] = await insertUser(t.db);
  await addClubMember(t.db, clubB, actors["manager of B"]!, "manager");
});

describe("who lists what", () => {
  it("admins list every event, the cancelled and the past ones and those no club runs: upcoming soonest first, then past, then cancelled", async () => {
    expect(await listed(actors.admin!)).toEqual(mine("bUpcoming", "aUpcoming", "clubless", "aPast", "bCancelled", "aCancelled"));
  });

  it.each(["manager of A", "owner of A"])("%s lists every event of club A, cancelled and past ones included, and no other club's", async (actor) => {
    expect(await listed(actors[actor]!)).toEqual(mine("aUpcoming", "aPast", "aCancelled"));
    expect(await listed(actors[actor]!, clubA)).toEqual(mine("aUpcoming", "aPast", "aCancelled"));
  });

  it("a manager of B lists B's events, its cancelled one too, and none of A's", async () => {
    expect(await listed(actors["manager of B"]!)).toEqual(mine("bUpcoming", "bCancelled"));
  });

  it("door staff list the events of their club they admit people to: upcoming and past, not the cancelled one", async () => {
    expect(await listed(actors["door of A"]!)).toEqual(mine("aUpcoming", "aPast"));
    expect(await listed(actors["door of A"]!, clubA, "cancelled")).toEqual([]);
  });

  it("a student with no role lists nothing, and anonymous callers may not ask; the public upcoming list stays as it was for everyone", async () => {
    expect(await listed(actors.student!)).toEqual([]);
    await expect(listed(actors.anonymous!)).rejects.toMatchObject({ code: "42501" });
    // No cancelled or past event there, whoever asks.
    for (const who of [actors.anonymous, actors.student, actors["owner of A"], actors.admin]) {
      const upcoming = (await t.rowsAs(who, "select id from app_public.upcoming_events()")).map((r) => r.id);
      expect(upcoming).toEqual([ids.bUpcoming, ids.aUpcoming, ids.clubless]);
    }
  });

  it("asking for a club you have no role in is refused (FORBIDDEN), a club that does not exist NOT_FOUND", async () => {
    for (const actor of ["student", "manager of B", "door of A"]) {
      const club = actor === "door of A" ? clubB : clubA;
      await expect(listed(actors[actor]!, club)).rejects.toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
    }
    await expect(listed(actors.admin!, 999_999)).rejects.toMatchObject({ code: "TK404", detail: "NOT_FOUND" });
  });

  it("loses a member's rights at once: a manager removed lists nothing at their next request", async () => {
    const manager = await insertUser(t.db);
    await addClubMember(t.db, clubB, manager, "manager");
    expect(await listed(manager)).toEqual(mine("bUpcoming", "bCancelled"));
    await t.db.owner.query("delete from app_public.club_memberships where user_id = $1", [manager.user_id]);
    expect(await listed(manager)).toEqual([]);
  });
});

describe("sections", () => {
  it("one phase at a time: upcoming, past, cancelled", async () => {
    expect(await listed(actors["owner of A"]!, null, "upcoming")).toEqual(mine("aUpcoming"));
    expect(await listed(actors["owner of A"]!, null, "past")).toEqual(mine("aPast"));
    expect(await listed(actors["owner of A"]!, null, "cancelled")).toEqual(mine("aCancelled"));
  });

  it("a cancelled event comes with when and why, as its organisers gave it", async () => {
    const [row] = await t.rowsAs(actors["manager of A"]!,
      "select name, status, cancelled_at, cancel_reason, app_public.events_sales_state(e) as sales_state from app_public.managed_events(phase => 'cancelled') e");
    expect(row).toMatchObject({ name: "Outdoor screening", status: "cancelled", cancel_reason: "The projector broke", sales_state: "cancelled" });
    expect(row.cancelled_at).toBeInstanceOf(Date);
  });
});

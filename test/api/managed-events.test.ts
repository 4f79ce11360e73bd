// The organisers' list through both APIs (GET /me/events, managedEvents): the
// people who run a club's events find every one of them, a cancelled one with
// when and why, a past one as past, in sections; door staff, students and
// anonymous callers get nothing of others'; and the leaderboard no longer lists
// a cancelled event.
import { beforeAll, describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { clubEventWithMembers, insertEvent, insertPastEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer();
let club: Awaited<ReturnType<typeof clubEventWithMembers<"owner" | "manager" | "door">>>;
let student = "";
let otherManager = "";
let otherClub = { clubId: 0, eventId: 0 };
let cancelledId = 0;
let pastId = 0;

const mine = (token: string | undefined, query = "") => request(t.server.url, "GET", `/me/events${query}`, { token });
const idsAndPhases = (events: { id: number; phase: string }[]) => events.map((e) => [e.id, e.phase]);

beforeAll(async () => {
  club = await clubEventWithMembers(t.db, ["owner", "manager", "door"]);
  const doomed = await insertEvent(t.db, { name: "Rooftop cinema", starts_in: "3 days" });
  const past = await insertPastEvent(t.db);
  for (const id of [doomed.id, past.id]) await t.db.owner.query("update app_public.events set club_id = $2 where id = $1", [id, club.clubId]);
  cancelledId = doomed.id;
  pastId = past.id;
  const cancelled = await request(t.server.url, "POST", `/events/${cancelledId}/cancel`, { token: club.manager, body: { reason: "The roof is being repaired" } });
  expect(cancelled.status).toBe(200);
  student = tokenFor(await insertUser(t.db));
  // Another club's manager, whose club has a cancelled event of its own.
  const other = await clubEventWithMembers(t.db, ["manager"]);
  otherManager = other.manager;
  otherClub = { clubId: other.clubId, eventId: other.event.id };
  await request(t.server.url, "POST", `/events/${other.event.id}/cancel`, { token: other.manager, body: { reason: "Double-booked hall" } });
});

describe("GET /me/events", () => {
  it("gives a club's managers and owners every event they run: upcoming, past, and the cancelled one with when and why", async () => {
    for (const token of [club.manager, club.owner]) {
      const { status, body } = await mine(token);
      expect(status).toBe(200);
      expect(idsAndPhases(body.events)).toEqual([[club.event.id, "upcoming"], [pastId, "past"], [cancelledId, "cancelled"]]);
      expect(body).toMatchObject({ counts: { upcoming: 1, past: 1, cancelled: 1 }, total: 3, limit: 50, offset: 0 });
      const cancelled = body.events.find((e: { id: number }) => e.id === cancelledId);
      expect(cancelled).toMatchObject({
        name: "Rooftop cinema", status: "cancelled", sales_state: "cancelled", cancel_reason: "The roof is being repaired",
        cancelled_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), club: { id: club.clubId },
      });
      expect(body.events[0]).toMatchObject({ status: "scheduled", sales_state: "on_sale", cancel_reason: null });
      expect(body.events[1]).toMatchObject({ sales_state: "started" });
    }
  });

  it("filters by phase and club, and pages, with the counts of every phase beside any page", async () => {
    const cancelled = await mine(club.owner, "?phase=cancelled");
    expect(idsAndPhases(cancelled.body.events)).toEqual([[cancelledId, "cancelled"]]);
    expect(cancelled.body).toMatchObject({ total: 1, counts: { upcoming: 1, past: 1, cancelled: 1 } });
    const ofClub = await mine(club.owner, `?club_id=${club.clubId}&limit=1&offset=1`);
    expect(idsAndPhases(ofClub.body.events)).toEqual([[pastId, "past"]]);
    expect(ofClub.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
  });

  it("gives door staff the club's events they check in at, not the cancelled one", async () => {
    const { body } = await mine(club.door);
    expect(idsAndPhases(body.events)).toEqual([[club.event.id, "upcoming"], [pastId, "past"]]);
    expect(body.counts).toEqual({ upcoming: 1, past: 1, cancelled: 0 });
  });

  it("gives nothing of another club's, refuses a club you have no role in, asks anonymous callers to sign in, and leaves the public list as it was", async () => {
    const other = await mine(otherManager);
    expect(idsAndPhases(other.body.events)).toEqual([[otherClub.eventId, "cancelled"]]);
    expect(other.body.counts).toEqual({ upcoming: 0, past: 0, cancelled: 1 });
    const none = await mine(student);
    expect(none.body).toMatchObject({ events: [], counts: { upcoming: 0, past: 0, cancelled: 0 }, total: 0 });
    for (const [token, clubId] of [[student, club.clubId], [otherManager, club.clubId], [club.door, otherClub.clubId]] as const) {
      const refused = await mine(token, `?club_id=${clubId}`);
      expect([refused.status, refused.body.error.code]).toEqual([403, "FORBIDDEN"]);
    }
    const missing = await mine(club.owner, "?club_id=999999");
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
    // The public list stays as it was: no cancelled or past event.
    const publicIds = (await request(t.server.url, "GET", "/events?limit=100", { token: student })).body.events.map((e: { id: number }) => e.id);
    expect(publicIds).toContain(club.event.id);
    expect(publicIds).not.toContain(cancelledId);
    expect(publicIds).not.toContain(pastId);
    const anonymous = await mine(undefined);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
    const bad = await mine(club.owner, "?phase=soon");
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, "INVALID_INPUT", "phase"]);
  });

  it("gives admins every event, cancelled ones of every club too", async () => {
    const { body } = await mine(t.adminToken, "?phase=cancelled");
    expect(body.events.map((e: { cancel_reason: string }) => e.cancel_reason).sort()).toEqual(["Double-booked hall", "The roof is being repaired"]);
  });
});

describe("managedEvents (GraphQL)", () => {
  const QUERY = `query ($clubId: Int, $phase: EventPhase) {
    managedEvents(clubId: $clubId, phase: $phase) { totalCount nodes { id name phase status salesState cancelledAt cancelReason } }
  }`;

  it("answers as REST does: a manager's cancelled event with its badge's facts, and one section at a time", async () => {
    const all = await graphql(t.server.url, QUERY, { clubId: club.clubId }, club.manager);
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.managedEvents.nodes.map((e: { id: number; phase: string }) => [e.id, e.phase]))
      .toEqual([[club.event.id, "upcoming"], [pastId, "past"], [cancelledId, "cancelled"]]);
    const cancelled = await graphql(t.server.url, QUERY, { phase: "cancelled" }, club.manager);
    expect(cancelled.body.data.managedEvents).toMatchObject({
      totalCount: 1,
      nodes: [{ id: cancelledId, phase: "cancelled", status: "cancelled", salesState: "cancelled", cancelReason: "The roof is being repaired",
        cancelledAt: expect.stringMatching(/Z$/) }],
    });
  });

  it("gives door staff no cancelled event, a student nothing, a stranger to the club FORBIDDEN, an anonymous caller UNAUTHENTICATED", async () => {
    const door = await graphql(t.server.url, QUERY, { phase: "cancelled" }, club.door);
    expect(door.body.data.managedEvents).toEqual({ totalCount: 0, nodes: [] });
    const none = await graphql(t.server.url, QUERY, {}, student);
    expect(none.body.data.managedEvents).toEqual({ totalCount: 0, nodes: [] });
    const refused = await graphql(t.server.url, QUERY, { clubId: club.clubId }, student);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await graphql(t.server.url, QUERY, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("the leaderboard", () => {
  it("lists no cancelled event, sold or not, in popularEvents, fastestSellouts or allEventLeaderboards", async () => {
    await runJobs(t.db); // the refresh the cancellations queued
    const board = await graphql(t.server.url, `{
      popularEvents(n: 100) { nodes { eventId ticketsSold } }
      fastestSellouts(n: 100) { nodes { eventId } }
      allEventLeaderboards { nodes { eventId } }
    }`);
    expect(board.body.errors).toBeUndefined();
    const { popularEvents, fastestSellouts, allEventLeaderboards } = board.body.data;
    expect(popularEvents.nodes.map((n: { eventId: number }) => n.eventId)).toContain(club.event.id);
    for (const list of [popularEvents, fastestSellouts, allEventLeaderboards]) {
      expect(list.nodes.map((n: { eventId: number }) => n.eventId)).not.toContain(cancelledId);
    }
  });
});

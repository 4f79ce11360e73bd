// Clubs, cancellation and fair release attacked through a production-mode server,
// over REST and GraphQL: a door volunteer could not tell whether the person at the
// desk holds the ticket; a closed account kept its club roles (and could leave a
// club ownerless); signing up with someone's address before a club added them won
// their role at once; invitations mailed without end, withdrawn and made again;
// a queue event's waiting room stayed open once the event was cancelled. And two
// claims of one lottery win at once still give one ticket.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { newEmail, PASSWORD, signUp } from "../helpers/accounts.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { createReleaseEvent, drawNow } from "../helpers/release.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";
import type { Claims } from "../../src/auth/jwt.ts";

const t = useTestServer({ production: true });
// As production runs (REQUIRE_EMAIL_VERIFICATION defaults to true with NODE_ENV=production; written at migration).
beforeAll(async () => {
  await t.db.owner.query("update app_private.auth_settings set require_email_verification = true");
});

let clubs = 0;
async function clubWith(...members: [number, string][]) {
  const { rows } = await t.db.owner.query("insert into app_public.clubs (name) values ($1) returning id, name", [`Hostile club ${++clubs} ${Date.now()}`]);
  for (const [userId, role] of members) {
    await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [rows[0].id, userId, role]);
  }
  return rows[0] as { id: number; name: string };
}
const nameOf = async (userId: number) => (await t.db.owner.query("select name from app_public.users where id = $1", [userId])).rows[0].name as string;
async function ticketFor(eventId: number, holder: Claims) {
  const { rows } = await t.db.owner.query(
    "insert into app_public.tickets (event_id, user_id, check_in_code) values ($1, $2, app_private.new_check_in_code()) returning id, check_in_code",
    [eventId, holder.user_id],
  );
  return rows[0] as { id: number; check_in_code: string };
}

describe("at the check-in desk", () => {
  it("door staff see the holder's name of the ticket they admit (REST holder_name, GraphQL holderName); another club's door sees nothing", async () => {
    const [door, otherDoor, holder] = await insertUsers(t.db, 3, "student", { verified: true });
    const club = await clubWith([door!.user_id, "door"]);
    await clubWith([otherDoor!.user_id, "door"]);
    const event = await insertEvent(t.db);
    await t.db.owner.query("update app_public.events set club_id = $1 where id = $2", [club.id, event.id]);
    const name = await nameOf(holder!.user_id);

    const first = await ticketFor(event.id, holder!);
    const refused = await request(t.server.url, "POST", "/check-in", { token: tokenFor(otherDoor!), body: { code: first.check_in_code, event_id: event.id } });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(name);
    const rest = await request(t.server.url, "POST", "/check-in", { token: tokenFor(door!), body: { code: first.check_in_code, event_id: event.id } });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ ticket: { id: first.id, checked_in_at: expect.any(String) }, holder_name: name });

    const second = await ticketFor(event.id, holder!);
    const viaGraphql = await graphql(
      t.server.url,
      "mutation($code: String!, $eventId: Int!) { checkIn(input: { code: $code, eventId: $eventId }) { result { id holderName userByUserId { name } } } }",
      { code: second.check_in_code, eventId: event.id },
      tokenFor(door!),
    );
    expect(viaGraphql.body.errors).toBeUndefined();
    // The name and nothing else: the users row stays closed to door staff.
    expect(viaGraphql.body.data.checkIn.result).toEqual({ id: second.id, holderName: name, userByUserId: null });
  });
});

describe("closing an account", () => {
  it("is refused for a club's only owner (409 LAST_OWNER naming the club, REST and GraphQL); once someone else owns it, it closes and the role ends", async () => {
    const me = await signUp(t.server.url, newEmail("owner"));
    const club = await clubWith([me.user.id, "owner"]);
    const closing = await request(t.server.url, "DELETE", "/me", { token: me.token, body: { password: PASSWORD } });
    expect(closing.status).toBe(409);
    expect(closing.body.error).toEqual({
      code: "LAST_OWNER",
      message: `You are the only owner of ${club.name}: make someone else an owner of it before closing your account.`,
    });
    const viaGraphql = await graphql(t.server.url, "mutation($p: String!) { deleteAccount(input: { password: $p }) { deleted } }", { p: PASSWORD }, me.token);
    expect(viaGraphql.body.errors?.[0]?.extensions?.code).toBe("LAST_OWNER");
    // Nothing changed: still signed in, still the owner.
    const mine = await request(t.server.url, "GET", "/me/clubs", { token: me.token });
    expect(mine.body.clubs).toEqual([expect.objectContaining({ id: club.id, role: "owner" })]);

    const successor = await insertUser(t.db);
    await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, 'owner')", [club.id, successor.user_id]);
    expect((await request(t.server.url, "DELETE", "/me", { token: me.token, body: { password: PASSWORD } })).status).toBe(204);
    const left = await t.db.owner.query("select user_id from app_public.club_memberships where club_id = $1", [club.id]);
    expect(left.rows).toEqual([{ user_id: successor.user_id }]);
  });
});

describe("adding a club member by email", () => {
  it("invites an account that has not confirmed its address instead of adding it: a squatter on a treasurer's address gets no role", async () => {
    const owner = await insertUser(t.db);
    const club = await clubWith([owner.user_id, "owner"]);
    const email = newEmail("treasurer");
    const squatter = await signUp(t.server.url, email); // cannot confirm: the mail goes to the treasurer
    const added = await request(t.server.url, "POST", `/clubs/${club.id}/members`, { token: tokenFor(owner), body: { email, role: "owner" } });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ user_id: null, email, role: "owner", status: "invited" });
    expect((await request(t.server.url, "GET", "/me/clubs", { token: squatter.token })).body.clubs).toEqual([]);
    const asOwner = await request(t.server.url, "PATCH", `/clubs/${club.id}`, { token: squatter.token, body: { description: "mine now" } });
    expect(asOwner.status).toBe(403);
  });

  it("invitations have an hourly allowance per club, withdrawn ones included (429 TOO_MANY_ATTEMPTS with Retry-After, nothing invited)", async () => {
    const owner = await insertUser(t.db);
    const token = tokenFor(owner);
    const club = await clubWith([owner.user_id, "owner"]);
    const invite = (n: number) => request(t.server.url, "POST", `/clubs/${club.id}/members`, { token, body: { email: `guest-${club.id}-${n}@example.edu`, role: "door" } });
    for (let n = 0; n < 100; n++) {
      expect((await invite(n)).status).toBe(201);
      // Withdrawn at once: the open-invitation bound (50) never bites.
      const withdrawn = await request(t.server.url, "DELETE", `/clubs/${club.id}/invitations/${encodeURIComponent(`guest-${club.id}-${n}@example.edu`)}`, { token });
      expect(withdrawn.status).toBe(204);
    }
    const response = await fetch(`${t.server.url}/clubs/${club.id}/members`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: `guest-${club.id}-100@example.edu`, role: "door" }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("TOO_MANY_ATTEMPTS");
    const members = await request(t.server.url, "GET", `/clubs/${club.id}/members`, { token });
    expect(members.body.members).toEqual([expect.objectContaining({ user_id: owner.user_id, role: "owner" })]);
  });
});

describe("a cancelled queue event", () => {
  it("closes its waiting room: the entry reads closed over REST and GraphQL, and joining again is refused", async () => {
    const admin = await insertUser(t.db, "admin");
    const event = await createReleaseEvent(t.db, admin, "queue");
    const [student] = await insertUsers(t.db, 1, "student", { verified: true });
    const token = tokenFor(student!);
    expect((await request(t.server.url, "POST", `/events/${event.id}/queue`, { token })).body.entry).toMatchObject({ state: "waiting" });
    const cancelled = await request(t.server.url, "POST", `/events/${event.id}/cancel`, { token: t.adminToken, body: { reason: "The venue flooded" } });
    expect(cancelled.status).toBe(200);
    expect((await request(t.server.url, "GET", `/events/${event.id}/queue/me`, { token })).body.entry).toMatchObject({ state: "closed", position: null });
    const viaGraphql = await graphql(t.server.url, "query($id: Int!) { myQueueEntry(eventId: $id) { state } }", { id: event.id }, token);
    expect(viaGraphql.body.data?.myQueueEntry).toEqual({ state: "closed" });
    const again = await request(t.server.url, "POST", `/events/${event.id}/queue`, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("EVENT_CANCELLED");
  });
});

describe("a cancelled queue event, watched", () => {
  const clients: Client[] = [];
  afterAll(async () => {
    for (const client of clients) await client.dispose();
  });

  it("before its shuffle: the queueEntry subscription is pushed closed, not left waiting", async () => {
    const admin = await insertUser(t.db, "admin");
    const event = await createReleaseEvent(t.db, admin, "queue");
    const [student] = await insertUsers(t.db, 1, "student", { verified: true });
    expect((await request(t.server.url, "POST", `/events/${event.id}/queue`, { token: tokenFor(student!) })).status).toBe(201);
    const client = wsClient(t.server.url, tokenFor(student!));
    clients.push(client);
    const watcher = record(client, "subscription ($id: Int!) { queueEntry(eventId: $id) { state position } }", { id: event.id }, (data) => data.queueEntry);
    await watcher.until((m) => m.at(-1)?.state === "waiting");
    const cancelled = await graphql(
      t.server.url,
      "mutation($id: Int!) { cancelEvent(input: { eventId: $id, reason: \"Speaker ill\" }) { event { status } } }",
      { id: event.id },
      t.adminToken,
    );
    expect(cancelled.body.errors).toBeUndefined();
    expect((await watcher.until((m) => m.at(-1)?.state === "closed")).at(-1)).toEqual({ state: "closed", position: null });
  });
});

describe("leaving and joining a queue in a loop", () => {
  it("is bounded per student over GraphQL as over REST: the 31st place in 10 minutes is refused (TOO_MANY_ATTEMPTS with retryAfter)", async () => {
    const admin = await insertUser(t.db, "admin");
    const event = await createReleaseEvent(t.db, admin, "queue");
    const [student] = await insertUsers(t.db, 1, "student", { verified: true });
    const token = tokenFor(student!);
    const JOIN = "mutation($id: Int!) { joinQueue(input: { eventId: $id }) { result { state } } }";
    const LEAVE = "mutation($id: Int!) { leaveQueue(input: { eventId: $id }) { result { state } } }";
    for (let n = 0; n < 15; n++) {
      expect((await graphql(t.server.url, JOIN, { id: event.id }, token)).body.data?.joinQueue.result.state).toBe("waiting");
      expect((await graphql(t.server.url, LEAVE, { id: event.id }, token)).body.data?.leaveQueue.result.state).toBe("left");
      expect((await request(t.server.url, "POST", `/events/${event.id}/queue`, { token })).status).toBe(201);
      expect((await request(t.server.url, "DELETE", `/events/${event.id}/queue/me`, { token })).status).toBe(200);
    }
    const refused = await graphql(t.server.url, JOIN, { id: event.id }, token);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_ATTEMPTS", retryAfter: expect.any(Number) });
    const rest = await request(t.server.url, "POST", `/events/${event.id}/queue`, { token });
    expect(rest.status).toBe(429);
    expect((await request(t.server.url, "GET", `/events/${event.id}/queue/me`, { token })).body.entry.state).toBe("left");
  });
});

describe("someone else's place", () => {
  it("another student's queue entry and lottery entry read as nothing (GraphQL by id); there is no REST path to them", async () => {
    const admin = await insertUser(t.db, "admin");
    const [owner, other] = await insertUsers(t.db, 2, "student", { verified: true });
    const queue = await createReleaseEvent(t.db, admin, "queue");
    const lottery = await createReleaseEvent(t.db, admin, "lottery");
    await request(t.server.url, "POST", `/events/${queue.id}/queue`, { token: tokenFor(owner!) });
    await request(t.server.url, "POST", `/events/${lottery.id}/lottery`, { token: tokenFor(owner!) });
    const ids = await t.db.owner.query(
      "select (select id from app_public.queue_entries where user_id = $1) as q, (select id from app_public.lottery_entries where user_id = $1) as l",
      [owner!.user_id],
    );
    const read = await graphql(
      t.server.url,
      "query($q: Int!, $l: Int!, $u: Int!) { queueEntryById(id: $q) { state } lotteryEntryById(id: $l) { state } userById(id: $u) { name } }",
      { q: ids.rows[0].q, l: ids.rows[0].l, u: owner!.user_id },
      tokenFor(other!),
    );
    expect(read.body).toEqual({ data: { queueEntryById: null, lotteryEntryById: null, userById: null } });
    // Their own entry only: the other student has none.
    expect((await request(t.server.url, "GET", `/events/${queue.id}/queue/me`, { token: tokenFor(other!) })).status).toBe(404);
    expect((await request(t.server.url, "POST", `/events/${lottery.id}/lottery/me/claim`, { token: tokenFor(other!) })).body.error.code).toBe("NOT_FOUND");
  });
});

describe("a lottery win", () => {
  it("claimed twice at once gives one ticket: one 201, one 200 with the same ticket", async () => {
    const admin = await insertUser(t.db, "admin");
    const event = await createReleaseEvent(t.db, admin, "lottery", { seats: 1 });
    const [student] = await insertUsers(t.db, 1, "student", { verified: true });
    const token = tokenFor(student!);
    expect((await request(t.server.url, "POST", `/events/${event.id}/lottery`, { token })).status).toBe(201);
    await drawNow(t.db, event.id);
    const claims = await Promise.all([1, 2].map(() => request(t.server.url, "POST", `/events/${event.id}/lottery/me/claim`, { token })));
    expect(claims.map((c) => c.status).sort()).toEqual([200, 201]);
    expect(claims[0]!.body.ticket.id).toBe(claims[1]!.body.ticket.id);
    const tickets = await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1", [event.id]);
    expect(tickets.rows[0].n).toBe(1);
  });
});

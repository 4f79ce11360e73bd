// An admin token outlives the admin: it is valid for 24 hours, and the account
// may be demoted or deleted meanwhile. Against a production-mode server, such
// a token must lose every admin power at once, because the database reads the
// admin's rights from the users table in the request's own transaction.
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

/** What an admin token can do: change an event (REST and GraphQL), list users, read tickets and analytics. */
async function adminPowers(token: string, eventId: number, name: string) {
  const rest = await request(t.server.url, "PATCH", `/events/${eventId}`, { token, body: { name } });
  const renamed = await graphql(t.server.url, `mutation { updateEvent(input: { id: ${eventId}, name: "${name} (GraphQL)" }) { event { name } } }`, {}, token);
  const users = await graphql(t.server.url, "{ allUsers { totalCount } }", {}, token);
  const tickets = await graphql(t.server.url, `{ allTickets(condition: { eventId: ${eventId} }) { totalCount } }`, {}, token);
  const stats = await graphql(t.server.url, `{ eventAnalytics(eventId: ${eventId}) { ticketsSold } }`, {}, token);
  return {
    rest: rest.status === 200 ? "changed" : rest.body.error.code,
    graphql: renamed.body.data?.updateEvent ? "changed" : renamed.body.errors?.[0]?.extensions?.code,
    users: users.body.data?.allUsers?.totalCount,
    tickets: tickets.body.data?.allTickets?.totalCount,
    analytics: stats.body.data?.eventAnalytics ? "read" : stats.body.errors?.[0]?.extensions?.code,
  };
}

describe("an admin token of an account that is no longer an admin", () => {
  it("loses every admin power at once, whether the account was demoted or deleted", async () => {
    const event = await insertEvent(t.db);
    const students = await insertUsers(t.db, 3);
    await request(t.server.url, "POST", `/events/${event.id}/book`, { token: tokenFor(students[0]!) });
    const userCount = (await t.db.owner.query("select count(*)::int as n from app_public.users")).rows[0].n;

    const demoted: Claims = await insertUser(t.db, "admin");
    const deleted: Claims = await insertUser(t.db, "admin");
    const [demotedToken, deletedToken] = [tokenFor(demoted), tokenFor(deleted)];
    // While they are admins, the tokens work (the control).
    expect(await adminPowers(demotedToken, event.id, "Renamed by admin")).toEqual({
      rest: "changed",
      graphql: "changed",
      users: userCount + 2,
      tickets: 1,
      analytics: "read",
    });

    await t.db.owner.query("update app_public.users set role = 'student' where id = $1", [demoted.user_id]);
    await t.db.owner.query("delete from app_public.users where id = $1", [deleted.user_id]);
    const before = (await t.db.owner.query("select name, updated_at from app_public.events where id = $1", [event.id])).rows[0];

    expect(await adminPowers(demotedToken, event.id, "Taken over")).toEqual({
      rest: "FORBIDDEN",
      graphql: "FORBIDDEN",
      users: 1, // their own row, as any student sees
      tickets: 0,
      analytics: "FORBIDDEN",
    });
    expect(await adminPowers(deletedToken, event.id, "Taken over")).toEqual({
      rest: "FORBIDDEN",
      graphql: "FORBIDDEN",
      users: 0,
      tickets: 0,
      analytics: "FORBIDDEN",
    });
    expect((await t.db.owner.query("select name, updated_at from app_public.events where id = $1", [event.id])).rows[0]).toEqual(before);

    // Creating an event or checking a ticket in fails the same way.
    const created = await request(t.server.url, "POST", "/events", {
      token: deletedToken,
      body: { name: "Phantom", venue: "Hall", datetime: "2099-01-01T00:00:00Z", total_tickets: 5 },
    });
    expect(created.status).toBe(403);
    expect((await t.db.owner.query("select count(*)::int as n from app_public.events where name = 'Phantom'")).rows[0].n).toBe(0);
    // The admin who still is one keeps every power.
    expect((await adminPowers(t.adminToken, event.id, "Renamed again")).rest).toBe("changed");
  });
});

// The club permission matrix through both APIs: every actor (anonymous, a student,
// door / manager / owner of club A, the same of club B, an admin) × every action,
// once over REST and once over GraphQL, against the real server. Allowed: a 2xx
// (GraphQL: data, no error); refused: 401 UNAUTHENTICATED for anonymous callers,
// 403 FORBIDDEN for everyone else. The SQL-level matrix is test/db/clubs-permissions.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();
const tokens: Record<string, string | undefined> = {};
const club = { A: 0, B: 0 };
const eventOf = { A: 0, B: 0 };
let holder: Claims;
let counter = 0;

const ACTORS = ["anonymous", "student", "door of A", "manager of A", "owner of A", "door of B", "manager of B", "owner of B", "admin"];
const STAFF_A = ["manager of A", "owner of A", "admin"];

beforeAll(async () => {
  for (const letter of ["A", "B"] as const) {
    const { rows } = await t.db.owner.query("insert into app_public.clubs (name) values ($1) returning id", [`Club ${letter}`]);
    club[letter] = rows[0].id;
    for (const role of ["door", "manager", "owner"]) {
      const user = await insertUser(t.db);
      await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [club[letter], user.user_id, role]);
      tokens[`${role} of ${letter}`] = tokenFor(user);
    }
    const event = await t.db.owner.query(
      "insert into app_public.events (name, venue, starts_at, total_tickets, club_id) values ('Demo', 'Lab', now() + interval '5 days', 50, $1) returning id",
      [club[letter]],
    );
    eventOf[letter] = event.rows[0].id;
  }
  tokens.student = tokenFor(await insertUser(t.db));
  tokens.admin = t.adminToken;
  holder = await insertUser(t.db);
});

async function freshCode(eventId: number) {
  const { rows } = await t.db.owner.query(
    "insert into app_public.tickets (event_id, user_id, check_in_code) values ($1, $2, app_private.new_check_in_code()) returning check_in_code",
    [eventId, holder.user_id],
  );
  return rows[0].check_in_code as string;
}
async function freshEmail() {
  const user = await insertUser(t.db);
  return (await t.db.owner.query("select email from app_public.users where id = $1", [user.user_id])).rows[0].email as string;
}
const soon = () => new Date(Date.now() + 3 * 86_400_000).toISOString();

interface Action {
  name: string;
  allowed: string[];
  rest?: (token?: string) => Promise<{ status: number; body: any }>;
  graphql: (token?: string) => Promise<{ status: number; body: any }>;
}
const gql = (query: string, variables: Record<string, unknown> = {}) => (token?: string) => graphql(t.server.url, query, variables, token);

const actions: Action[] = [
  {
    name: "create an event of club A", allowed: STAFF_A,
    rest: (token) => request(t.server.url, "POST", "/events", { token, body: { name: "New", venue: "Hall", datetime: soon(), total_tickets: 5, club_id: club.A } }),
    graphql: (token) => gql(`mutation($c: Int!, $s: Datetime!) { createEvent(input: { name: "New", venue: "Hall", startsAt: $s, totalTickets: 5, clubId: $c }) { event { id clubId } } }`,
      { c: club.A, s: soon() })(token),
  },
  {
    name: "create an event of club B", allowed: ["manager of B", "owner of B", "admin"],
    rest: (token) => request(t.server.url, "POST", "/events", { token, body: { name: "New", venue: "Hall", datetime: soon(), total_tickets: 5, club_id: club.B } }),
    graphql: (token) => gql(`mutation($c: Int!, $s: Datetime!) { createEvent(input: { name: "New", venue: "Hall", startsAt: $s, totalTickets: 5, clubId: $c }) { event { id } } }`,
      { c: club.B, s: soon() })(token),
  },
  {
    name: "edit an event of club A", allowed: STAFF_A,
    rest: (token) => request(t.server.url, "PATCH", `/events/${eventOf.A}`, { token, body: { venue: `Lab ${counter++}` } }),
    graphql: (token) => gql(`mutation($id: Int!) { updateEvent(input: { id: $id, venue: "Lab X" }) { event { id } } }`, { id: eventOf.A })(token),
  },
  {
    name: "read the analytics of an event of A", allowed: STAFF_A,
    graphql: (token) => gql(`query($id: Int!) { eventAnalytics(eventId: $id) { ticketsSold } }`, { id: eventOf.A })(token),
  },
  {
    name: "read the attendee list of an event of A", allowed: STAFF_A,
    rest: (token) => request(t.server.url, "GET", `/events/${eventOf.A}/attendees`, { token }),
    graphql: (token) => gql(`query($id: Int!) { eventById(id: $id) { attendees(first: 5) { nodes { email } } } }`, { id: eventOf.A })(token),
  },
  {
    name: "check in a ticket of an event of A", allowed: ["door of A", ...STAFF_A],
    rest: async (token) => request(t.server.url, "POST", "/check-in", { token, body: { code: await freshCode(eventOf.A), event_id: eventOf.A } }),
    graphql: async (token) => gql(`mutation($code: String!, $e: Int!) { checkIn(input: { code: $code, eventId: $e }) { result { id } } }`,
      { code: await freshCode(eventOf.A), e: eventOf.A })(token),
  },
  {
    name: "check in a ticket of an event of B", allowed: ["door of B", "manager of B", "owner of B", "admin"],
    rest: async (token) => request(t.server.url, "POST", "/check-in", { token, body: { code: await freshCode(eventOf.B), event_id: eventOf.B } }),
    graphql: async (token) => gql(`mutation($code: String!, $e: Int!) { checkIn(input: { code: $code, eventId: $e }) { result { id } } }`,
      { code: await freshCode(eventOf.B), e: eventOf.B })(token),
  },
  {
    name: "see the members of A", allowed: STAFF_A,
    rest: (token) => request(t.server.url, "GET", `/clubs/${club.A}/members`, { token }),
    graphql: (token) => gql(`query($id: Int!) { club(id: $id) { members { nodes { email role status } } } }`, { id: club.A })(token),
  },
  {
    name: "add a member to A", allowed: ["owner of A", "admin"],
    rest: async (token) => request(t.server.url, "POST", `/clubs/${club.A}/members`, { token, body: { email: await freshEmail(), role: "door" } }),
    graphql: async (token) => gql(`mutation($c: Int!, $e: String!) { addClubMember(input: { clubId: $c, email: $e, role: door }) { member { status } } }`,
      { c: club.A, e: await freshEmail() })(token),
  },
  {
    name: "change club A's description", allowed: ["owner of A", "admin"],
    rest: (token) => request(t.server.url, "PATCH", `/clubs/${club.A}`, { token, body: { description: "Robots." } }),
    graphql: (token) => gql(`mutation($c: Int!) { updateClub(input: { id: $c, description: "Robots!" }) { club { id } } }`, { c: club.A })(token),
  },
  {
    name: "create a club", allowed: ["admin"],
    rest: (token) => request(t.server.url, "POST", "/clubs", { token, body: { name: `Club ${counter++}` } }),
    graphql: (token) => gql(`mutation($n: String!) { createClub(input: { name: $n }) { club { id } } }`, { n: `Club ${counter++}` })(token),
  },
];

describe.each(actions.filter((a) => a.rest))("REST: $name", (action) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const { status, body } = await action.rest!(tokens[actor]);
    if (action.allowed.includes(actor)) expect(status, JSON.stringify(body)).toBeLessThan(300);
    else if (actor === "anonymous") expect({ status, code: body.error.code }).toEqual({ status: 401, code: "UNAUTHENTICATED" });
    else expect({ status, code: body.error.code }).toEqual({ status: 403, code: "FORBIDDEN" });
  });
});

describe.each(actions)("GraphQL: $name", (action) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const { body } = await action.graphql(tokens[actor]);
    if (action.allowed.includes(actor)) expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    else expect(body.errors?.[0]?.extensions?.code).toBe(actor === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
  });
});

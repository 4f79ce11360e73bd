// Events through REST and GraphQL: who may create and edit, what everyone may
// read, and that bad input of every field is refused without writing anything.
import { beforeAll, describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertPastEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ corsOrigins: ["https://tickets.example.edu"] });
let studentToken: string;

const inOneWeek = () => new Date(Date.now() + 7 * 86400_000).toISOString();
const validEvent = () => ({ name: "Spring Gig", description: "Loud.", venue: "Main Hall", datetime: inOneWeek(), total_tickets: 300 });
const eventCount = async () => (await t.db.owner.query("select count(*)::int as n from app_public.events")).rows[0].n;

beforeAll(async () => {
  studentToken = tokenFor(await insertUser(t.db));
});

describe("REST", () => {
  it("lets an admin create an event, which anyone can then read", async () => {
    const body = validEvent();
    const created = await request(t.server.url, "POST", "/events", { token: t.adminToken, body });
    expect(created.status).toBe(201);
    expect(created.body.event).toMatchObject({
      id: expect.any(Number),
      name: body.name,
      description: body.description,
      venue: body.venue,
      total_tickets: 300,
      tickets_remaining: 300,
    });
    expect(new Date(created.body.event.datetime).toISOString()).toBe(body.datetime);

    const one = await request(t.server.url, "GET", `/events/${created.body.event.id}`);
    expect(one).toEqual({ status: 200, body: { event: created.body.event } });
  });

  it("lists upcoming events soonest first and leaves out past ones", async () => {
    const later = await insertEvent(t.db, { starts_in: "30 days" });
    const sooner = await insertEvent(t.db, { starts_in: "2 days" });
    const past = await insertPastEvent(t.db);

    const list = await request(t.server.url, "GET", "/events");
    expect(list.status).toBe(200);
    const ids = list.body.events.map((e: { id: number }) => e.id);
    expect(ids).not.toContain(past.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    const times = list.body.events.map((e: { datetime: string }) => Date.parse(e.datetime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("pages the upcoming list with limit and offset, and refuses a bad limit", async () => {
    for (let i = 0; i < 3; i++) await insertEvent(t.db, { starts_in: `${40 + i} days` });
    const all = (await request(t.server.url, "GET", "/events?limit=100")).body.events.map((e: { id: number }) => e.id);
    const page = await request(t.server.url, "GET", "/events?limit=2&offset=1");
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.events.map((e: { id: number }) => e.id)).toEqual(all.slice(1, 3));
    const bad = await request(t.server.url, "GET", "/events?limit=1000");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "INVALID_INPUT", field: "limit" });
  });

  it("lets a configured browser origin call the API (CORS), and no other", async () => {
    const preflight = (origin: string) =>
      fetch(`${t.server.url}/events/1/book`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,idempotency-key" },
      });
    const allowed = await preflight("https://tickets.example.edu");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://tickets.example.edu");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    const other = await preflight("https://evil.example.com");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers 400 INVALID_INPUT for a malformed id and 404 NOT_FOUND for a well-formed missing one", async () => {
    for (const id of ["abc", "-1", "1.5", "0"]) {
      const response = await request(t.server.url, "GET", `/events/${id}`);
      expect(response.status, id).toBe(400);
      expect(response.body.error, id).toMatchObject({ code: "INVALID_INPUT", field: "id" });
    }
    for (const id of ["999999", "99999999999"]) {
      const response = await request(t.server.url, "GET", `/events/${id}`);
      expect(response.status, id).toBe(404);
      expect(response.body.error.code, id).toBe("NOT_FOUND");
    }
  });

  it("refuses creation without a token (401) and from a student (403)", async () => {
    const before = await eventCount();
    const anonymous = await request(t.server.url, "POST", "/events", { body: validEvent() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("UNAUTHENTICATED");
    const student = await request(t.server.url, "POST", "/events", { token: studentToken, body: validEvent() });
    expect(student.status).toBe(403);
    expect(student.body.error.code).toBe("FORBIDDEN");
    expect(await eventCount()).toBe(before);
  });

  it.each([
    ["name", { name: "" }],
    ["name", { name: "x".repeat(201) }],
    ["name", { name: null }],
    ["description", { description: "x".repeat(5001) }],
    ["venue", { venue: "   " }],
    ["venue", { venue: 7 }],
    ["datetime", { datetime: "next friday" }],
    ["datetime", { datetime: "2020-01-01T10:00:00Z" }],
    ["datetime", { datetime: undefined }],
    ["total_tickets", { total_tickets: 0 }],
    ["total_tickets", { total_tickets: 100_001 }],
    ["total_tickets", { total_tickets: 2.5 }],
    ["total_tickets", { total_tickets: "300" }],
    ["max_tickets_per_student", { max_tickets_per_student: 0 }],
  ])("refuses a bad %s with 400 INVALID_INPUT and writes nothing", async (field, change) => {
    const before = await eventCount();
    const response = await request(t.server.url, "POST", "/events", { token: t.adminToken, body: { ...validEvent(), ...change } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "INVALID_INPUT", field });
    expect(await eventCount()).toBe(before);
  });

  it("lets an admin edit an event; lowering total_tickets below sales is refused", async () => {
    const event = await insertEvent(t.db, { total_tickets: 10 });
    await t.db.owner.query("update app_public.events set tickets_remaining = 2 where id = $1", [event.id]); // 8 sold
    const ok = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { total_tickets: 12, venue: "Gym" } });
    expect(ok.status).toBe(200);
    expect(ok.body.event).toMatchObject({ total_tickets: 12, tickets_remaining: 4, venue: "Gym" });

    const below = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { total_tickets: 7 } });
    expect(below.status).toBe(409);
    expect(below.body.error).toMatchObject({ code: "BELOW_SOLD", field: "total_tickets" });

    const student = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: studentToken, body: { venue: "Bar" } });
    expect(student.status).toBe(403);
    const after = await request(t.server.url, "GET", `/events/${event.id}`);
    expect(after.body.event).toMatchObject({ total_tickets: 12, tickets_remaining: 4, venue: "Gym" });
  });

  it("sets and clears optional fields: null removes a category or a sales bound, a missing field stays", async () => {
    const event = await insertEvent(t.db, { starts_in: "10 days" });
    const salesStart = new Date(Date.now() + 86400_000).toISOString();
    const set = await request(t.server.url, "PATCH", `/events/${event.id}`, {
      token: t.adminToken,
      body: { category_id: 1, sales_start: salesStart },
    });
    expect(set.status).toBe(200);
    expect(set.body.event).toMatchObject({ category_id: 1, sales_start: salesStart, sales_end: null });

    const cleared = await request(t.server.url, "PATCH", `/events/${event.id}`, {
      token: t.adminToken,
      body: { category_id: null, name: "Renamed" },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.event).toMatchObject({ category_id: null, sales_start: salesStart, name: "Renamed" });
    const again = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { sales_start: null } });
    expect(again.body.event).toMatchObject({ sales_start: null, name: "Renamed" });
  });

  it("creates with defaults from the database, and answers every time in UTC with Z", async () => {
    const datetime = new Date(Date.now() + 3 * 86400_000);
    datetime.setUTCMilliseconds(0);
    const plus2 = datetime.toISOString().replace("Z", "+02:00");
    const created = await request(t.server.url, "POST", "/events", {
      token: t.adminToken,
      body: { name: "Defaults", venue: "Hall", datetime: plus2, total_tickets: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body.event).toMatchObject({
      description: "", max_tickets_per_student: 1, category_id: null, price_cents: 0, hold_minutes: 10,
      sales_start: null, sales_end: null,
      datetime: new Date(datetime.getTime() - 2 * 3600_000).toISOString(),
    });
    expect(created.body.event.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("names the field and the rule: a wrong type, a range, a missing category, a sales window after the start", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ total_tickets: "5" }, "total_tickets", /total_tickets must be an integer, not a string/],
      [{ total_tickets: 0 }, "total_tickets", /total_tickets must be between 1 and 100000/],
      [{ hold_minutes: 5000 }, "hold_minutes", /between 1 and 1440/],
      [{ category_id: 999999 }, "category_id", /category_id 999999 names no category/],
      [{ sales_end: "2999-01-01T00:00:00Z" }, "sales_end", /sales_end must not be after the event starts/],
      [{ colour: "red", seats: 3 }, "colour", /Unknown fields: colour, seats/],
    ];
    for (const [change, field, message] of cases) {
      const response = await request(t.server.url, "POST", "/events", { token: t.adminToken, body: { ...validEvent(), ...change } });
      expect(response.status, field).toBe(400);
      expect(response.body.error, field).toMatchObject({ code: "INVALID_INPUT", field, message: expect.stringMatching(message) });
    }
  });
});

describe("GraphQL", () => {
  const create = `mutation($event: CreateEventInput!) { createEvent(input: $event) { event { id name totalTickets ticketsRemaining maxTicketsPerStudent } } }`;
  const gqlEvent = () => ({ name: "Hack Night", venue: "Lab 3", startsAt: inOneWeek(), totalTickets: 40 });

  it("lets an admin create an event, with the same defaults as REST", async () => {
    const response = await graphql(t.server.url, create, { event: gqlEvent() }, t.adminToken);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.createEvent.event).toMatchObject({
      name: "Hack Night", totalTickets: 40, ticketsRemaining: 40, maxTicketsPerStudent: 1,
    });
  });

  it("lets an admin change an event and clear its category through update_event", async () => {
    const event = await insertEvent(t.db);
    await t.db.owner.query("update app_public.events set category_id = 1 where id = $1", [event.id]);
    const response = await graphql(
      t.server.url,
      `mutation($id: Int!) { updateEvent(input: { id: $id, venue: "Gym", clear: ["categoryId"] }) { event { venue categoryId } } }`,
      { id: event.id },
      t.adminToken,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.updateEvent.event).toEqual({ venue: "Gym", categoryId: null });
  });

  it("refuses a student or anonymous caller, and writes nothing", async () => {
    const before = await eventCount();
    for (const [token, code] of [[studentToken, "FORBIDDEN"], [undefined, "UNAUTHENTICATED"]] as const) {
      const response = await graphql(t.server.url, create, { event: gqlEvent() }, token);
      expect(response.body.data?.createEvent ?? null).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await eventCount()).toBe(before);
  });

  it("does not let anyone set tickets_remaining through the API", async () => {
    const response = await graphql(t.server.url, create, { event: { ...gqlEvent(), ticketsRemaining: 1 } }, t.adminToken);
    expect(response.body.errors?.[0]?.message).toMatch(/ticketsRemaining/);
    const update = await graphql(t.server.url, `mutation { updateEventById(input: { id: 1, eventPatch: { ticketsRemaining: 1 } }) { clientMutationId } }`, {}, t.adminToken);
    expect(update.body.errors?.[0]?.message).toMatch(/updateEventById/);
  });

  it("reports INVALID_INPUT with the field", async () => {
    const response = await graphql(t.server.url, create, { event: { ...gqlEvent(), totalTickets: 0 } }, t.adminToken);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "totalTickets" });
  });

  it("lists upcoming events for anonymous callers", async () => {
    const event = await insertEvent(t.db);
    const response = await graphql(t.server.url, "{ upcomingEvents { nodes { id ticketsRemaining } } }");
    expect(response.body.data.upcomingEvents.nodes).toContainEqual({ id: event.id, ticketsRemaining: event.tickets_remaining });
  });
});

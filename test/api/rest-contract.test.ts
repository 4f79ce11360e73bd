// What every REST client can rely on: one error envelope for every non-2xx
// answer (unknown routes and methods too, never an HTML page), refusals that
// name the field and say what is wrong, snake_case names, and times in UTC with Z
// (in bodies and in the messages the database writes).
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

async function raw(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${t.server.url}${path}`, { method, ...init });
  return { status: response.status, type: response.headers.get("content-type") ?? "", allow: response.headers.get("allow"), text: await response.text() };
}

describe("the error envelope", () => {
  it("answers unknown routes with JSON 404 NOT_FOUND, never Express's HTML page", async () => {
    for (const [method, path] of [["GET", "/nope"], ["POST", "/events/1/nope"], ["DELETE", "/"], ["GET", "/events/1/book/extra"]]) {
      const response = await raw(method!, path!);
      expect(response.status, path).toBe(404);
      expect(response.type, path).toMatch(/^application\/json/);
      expect(JSON.parse(response.text).error, path).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining(path!) });
    }
  });

  it("answers a known route with another method 405 METHOD_NOT_ALLOWED and Allow", async () => {
    const cases: [string, string, string[]][] = [
      ["DELETE", "/events", ["GET", "HEAD", "POST"]],
      ["PUT", "/events/7", ["GET", "HEAD", "PATCH"]],
      ["GET", "/login", ["POST"]],
      ["POST", "/me/tickets", ["GET", "HEAD"]],
    ];
    for (const [method, path, allowed] of cases) {
      const response = await raw(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.allow?.split(", ").sort(), path).toEqual(allowed);
      expect(JSON.parse(response.text).error.code).toBe("METHOD_NOT_ALLOWED");
    }
  });

  it("answers a body that is not JSON 415, and JSON that is not an object 400", async () => {
    const form = await raw("POST", "/signup", { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect(JSON.parse(form.text).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const text = await raw("POST", "/events", { body: "{}", headers: { "content-type": "text/plain", authorization: `Bearer ${t.adminToken}` } });
    expect(text.status).toBe(415);

    for (const body of ["[1,2]", '"x"', "null", "7"]) {
      const response = await request(t.server.url, "POST", "/signup", { body, headers: { "content-type": "application/json" } });
      expect(response.status, body).toBe(400);
      expect(response.body.error, body).toEqual({ code: "INVALID_INPUT", message: "The body must be a JSON object." });
    }
    const empty = await request(t.server.url, "POST", "/login");
    expect(empty.body.error.message).toBe("The body must be a JSON object.");
  });
});

describe("refusals name the field", () => {
  it("a wrong type names the field and the expected type; unknown fields are named, every issue listed", async () => {
    const wrong = await request(t.server.url, "POST", "/events", {
      token: t.adminToken,
      body: { name: "N", venue: "V", datetime: "2099-01-01T00:00:00Z", total_tickets: "5" },
    });
    expect(wrong.body.error).toMatchObject({
      code: "INVALID_INPUT",
      field: "total_tickets",
      message: "total_tickets must be an integer, not a string.",
    });
    const unknown = await request(t.server.url, "POST", "/signup", {
      body: { name: "N", email: "n@example.edu", pasword: "password123" },
    });
    expect(unknown.body.error).toMatchObject({ field: "pasword", message: "Unknown field: pasword." });
    expect(unknown.body.error.details.issues).toContainEqual({ field: "password", message: "password is required." });
  });

  it("a range names the allowed range, a missing category names category_id, a query names its parameter", async () => {
    const range = await request(t.server.url, "POST", "/events", {
      token: t.adminToken,
      body: { name: "N", venue: "V", datetime: "2099-01-01T00:00:00Z", total_tickets: 5, max_tickets_per_student: 11 },
    });
    expect(range.body.error).toMatchObject({ field: "max_tickets_per_student", message: "max_tickets_per_student must be between 1 and 10." });
    const event = await insertEvent(t.db);
    const category = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { category_id: 424242 } });
    expect(category.status).toBe(400);
    expect(category.body.error).toMatchObject({ field: "category_id", message: expect.stringContaining("424242") });
    const query = await request(t.server.url, "GET", "/events?limit=500");
    expect(query.body.error).toMatchObject({ field: "limit", message: "limit must be at most 100." });
    const unknownQuery = await request(t.server.url, "GET", "/events?sort=name");
    expect(unknownQuery.body.error).toMatchObject({ field: "sort", message: "Unknown field: sort." });
  });

  it("names datetime (the REST name) when the database refuses starts_at", async () => {
    const past = await request(t.server.url, "POST", "/events", {
      token: t.adminToken,
      body: { name: "N", venue: "V", datetime: "2001-01-01T00:00:00Z", total_tickets: 5 },
    });
    expect(past.body.error).toMatchObject({ code: "INVALID_INPUT", field: "datetime" });
  });
});

describe("times are ISO 8601 UTC with Z", () => {
  it("in events, tickets, nested events and database messages", async () => {
    const student = tokenFor(await insertUser(t.db));
    const event = await insertEvent(t.db, { total_tickets: 2 });
    const one = (await request(t.server.url, "GET", `/events/${event.id}`)).body.event;
    expect(one.datetime).toMatch(ISO_UTC);
    expect(one.created_at).toMatch(ISO_UTC);
    const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, { token: student });
    expect(booked.body.ticket.booked_at).toMatch(ISO_UTC);
    const mine = await request(t.server.url, "GET", "/me/tickets", { token: student });
    expect(mine.body.tickets[0].event).toEqual({
      id: event.id, name: event.name, venue: "Main Hall", datetime: one.datetime, status: "scheduled", cancel_reason: null,
    });

    const code = booked.body.ticket.check_in_code;
    await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code, event_id: event.id } });
    const again = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code, event_id: event.id } });
    expect(again.body.error.code).toBe("ALREADY_CHECKED_IN");
    expect(again.body.error.message).toMatch(/Already checked in at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\./);

    const { rows } = await t.db.owner.query("select body from app_private.outbox where user_id = $1", [booked.body.ticket.user_id]);
    expect(rows[0].body).toMatch(/on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\./);
  });

  it("in GraphQL answers too, written as REST writes them", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const rest = (await request(t.server.url, "GET", `/events/${event.id}`)).body.event;
    const { body } = await graphql(
      t.server.url,
      `query($id: Int!) { eventById(id: $id) { startsAt createdAt } }`,
      { id: event.id },
    );
    expect(body.data.eventById).toEqual({ startsAt: rest.datetime, createdAt: rest.created_at });
    const booked = await graphql(
      t.server.url,
      `mutation($id: Int!) { bookTicket(input: { eventId: $id }) { ticket { bookedAt } } }`,
      { id: event.id },
      tokenFor(student),
    );
    expect(booked.body.data.bookTicket.ticket.bookedAt).toMatch(ISO_UTC);
  });
});

describe("the documentation", () => {
  it("serves the OpenAPI document and a docs page whose assets come from this server", async () => {
    const document = await request(t.server.url, "GET", "/openapi.json");
    expect(document.body.paths["/events/{id}"]).toHaveProperty("patch");
    const page = await fetch(`${t.server.url}/docs`);
    const html = await page.text();
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      expect(asset, asset).toMatch(/^\/docs\//);
      expect((await fetch(`${t.server.url}${asset}`)).status, asset).toBe(200);
    }
  });
});

// Nothing a client can send gets a 500: a battery of malformed and hostile
// requests, each of which must get a 4xx with a stable code and write nothing.
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();

const counts = async () =>
  (
    await t.db.owner.query(`select (select count(*) from app_public.users)::int as users,
      (select count(*) from app_public.events)::int as events, (select count(*) from app_public.tickets)::int as tickets`)
  ).rows[0];

describe("hostile input", () => {
  it("answers every malformed REST request with a 4xx and a code, and writes nothing", async () => {
    const student = tokenFor(await insertUser(t.db));
    const admin = t.adminToken;
    const event = await insertEvent(t.db);
    const before = await counts();
    const cases: [string, string, { token?: string; body?: unknown; headers?: Record<string, string> }][] = [
      ["POST", "/signup", { body: [] }],
      ["POST", "/signup", { body: "null", headers: { "content-type": "application/json" } }],
      ["POST", "/signup", { body: { name: "A\u0000B", email: "nul@example.edu", password: "password123" } }],
      ["POST", "/signup", { body: { name: "x", email: { $ne: null }, password: "password123" } }],
      ["POST", "/signup", { body: "x".repeat(70_000), headers: { "content-type": "application/json" } }],
      ["POST", "/login", { body: { email: "a@b.c", password: 12345678 } }],
      ["POST", "/events", { token: admin, body: { name: "N", venue: "V", datetime: "2099-01-01T00:00:00Z", total_tickets: 5, category_id: 999999 } }],
      ["POST", "/events", { token: admin, body: { name: "N", venue: "V", datetime: "2099-13-45T99:00:00Z", total_tickets: 5 } }],
      ["POST", "/events", { token: admin, body: { name: "N", venue: "V", datetime: "2099-01-01T00:00:00Z", total_tickets: 1e12 } }],
      ["POST", "/events", { token: admin, body: { name: "N", venue: "V", datetime: "2099-01-01T00:00:00Z", total_tickets: 5, price_cents: -1 } }],
      ["PATCH", `/events/${event.id}`, { token: admin, body: {} }],
      ["PATCH", `/events/${event.id}`, { token: admin, body: { hold_minutes: 0 } }],
      ["GET", "/events?category_id=abc", {}],
      ["GET", "/events?limit=-1", {}],
      ["GET", "/events/1e3", {}],
      ["POST", `/events/${event.id}/book`, { token: student, headers: { "idempotency-key": "x".repeat(300) } }],
      ["POST", "/events/0/book", { token: student }],
      ["DELETE", "/tickets/2147483648", { token: student }],
      ["POST", "/check-in", { token: admin, body: { code: null } }],
      ["POST", "/check-in", { token: admin, body: { code: "TKT-000000000000000000000000" } }],
      ["POST", "/tickets/1/pay", { token: student }],
      ["POST", "/webhooks/payments", { body: "not json", headers: { "payment-signature": "t=1,v1=zz" } }],
      ["POST", "/payments/mock/pi_nope/confirm", {}],
      ["POST", "/signup", { body: "name=x&email=y", headers: { "content-type": "application/x-www-form-urlencoded" } }],
      ["POST", "/events", { token: admin, body: { name: "N", venue: "V", datetime: "2099-01-01T00:00:00Z", total_tickets: 5, tickets_remaining: 1 } }],
      ["PATCH", `/events/${event.id}`, { token: admin, body: { name: null } }],
      ["PUT", `/events/${event.id}`, { token: admin, body: { name: "x" } }],
      ["POST", "/no-such-route", { body: {} }],
    ];
    for (const [method, path, options] of cases) {
      const response = await request(t.server.url, method, path, options);
      const label = `${method} ${path} ${JSON.stringify(options.body ?? "").slice(0, 60)}`;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      expect(response.body.error.code, label).toMatch(/^[A-Z_]+$/);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers malformed GraphQL with error codes, never a 500", async () => {
    const student = tokenFor(await insertUser(t.db));
    const refused: [string, Record<string, unknown>, string, string?][] = [
      ["mutation { bookTicket(input: { eventId: -5 }) { ticketId } }", {}, "NOT_FOUND"],
      ['mutation { bookTicket(input: { eventId: 1, idempotencyKey: "" }) { ticketId } }', {}, "INVALID_INPUT"],
      ["mutation($e: Int!) { bookTicket(input: { eventId: $e }) { ticketId } }", { e: "one" }, "INVALID_INPUT"],
      ["mutation { cancelTicket(input: { ticketId: 1 }) { result { id } } }", {}, "NOT_FOUND"],
      ['{ eventSalesOverTime(eventId: 1, bucket: "fortnight") { nodes { ticketsSold } } }', {}, "FORBIDDEN"],
      ['{ eventSalesOverTime(eventId: 1, bucket: "fortnight") { nodes { ticketsSold } } }', {}, "INVALID_INPUT", t.adminToken],
    ];
    for (const [query, variables, code, token] of refused) {
      const response = await graphql(t.server.url, query, variables, token ?? student);
      expect(response.status, query).toBeLessThan(500);
      expect(response.body.errors?.[0]?.extensions?.code, `${query} → ${JSON.stringify(response.body)}`).toBe(code);
    }
    // Documents that do not parse or validate are refused before anything runs, as the
    // GraphQL-over-HTTP spec says: 400, the validator's message, no data.
    for (const query of ["{ eventById(id: 99999999999) { id } }", "{ nope }", "{"]) {
      const response = await graphql(t.server.url, query, {}, student);
      expect(response.status, query).toBe(400);
      expect(response.body.errors?.[0]?.message, query).toEqual(expect.any(String));
      expect(response.body.data, query).toBeUndefined();
    }
  });
});

// Booking through REST and GraphQL on one real server (Redis lock issuer).
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { Redis } from "ioredis";
import { graphql, request, useTestServer, testRedisUrl } from "../helpers/app.ts";
import { insertEvent, insertPastEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";

// Some tests race one student against themself ten times: past the default
// bound on a student's bookings in flight (4, test/hostile/booking-starvation.test.ts).
const t = useTestServer({ overrides: { booking: { maxInFlightPerStudent: 10 } } });


const book = (eventId: number | string, token?: string, key?: string) =>
  request(t.server.url, "POST", `/events/${eventId}/book`, { token, headers: key ? { "idempotency-key": key } : {} });
const liveTickets = async (eventId: number) =>
  (await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1 and status <> 'cancelled'", [eventId]))
    .rows[0].n as number;

describe("REST booking", () => {
  it("books a ticket (201) and the status endpoint shows the seat gone", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 2 });
    const response = await book(event.id, tokenFor(student));
    expect(response.status).toBe(201);
    expect(response.body.ticket).toEqual({
      id: expect.any(Number),
      event_id: event.id,
      user_id: student.user_id,
      status: "confirmed",
      booked_at: expect.any(String),
      cancelled_at: null,
      price_cents: 0,
      hold_expires_at: null,
      check_in_code: expect.stringMatching(/^TKT-[0-9A-F]{24}$/),
      checked_in_at: null,
    });
    const status = await request(t.server.url, "GET", `/events/${event.id}/status`);
    expect(status).toEqual({
      status: 200,
      body: { event_id: event.id, total_tickets: 2, tickets_remaining: 1, sold_out: false, sales_state: "on_sale" },
    });
  });

  it("answers each refusal with its status and code", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    expect((await book(event.id, tokenFor(a!))).status).toBe(201);
    const cases: [Awaited<ReturnType<typeof book>>, number, string][] = [
      [await book(event.id, tokenFor(b!)), 409, "SOLD_OUT"],
      [await book(event.id, tokenFor(a!)), 409, "SOLD_OUT"],
      [await book(2_000_000_000, tokenFor(a!)), 404, "NOT_FOUND"],
      [await book("nope", tokenFor(a!)), 400, "INVALID_INPUT"],
      [await book((await insertPastEvent(t.db)).id, tokenFor(a!)), 409, "EVENT_STARTED"],
      [await book(event.id), 401, "UNAUTHENTICATED"],
      [await book(event.id, t.adminToken), 403, "FORBIDDEN"],
      [await book(event.id, tokenFor(a!), "x".repeat(201)), 400, "INVALID_INPUT"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status, code).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    expect(await liveTickets(event.id)).toBe(1);
  });

  it("answers like the database whether or not the fast path could: sold out comes before the per-student limit", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    expect((await book(event.id, tokenFor(student))).status).toBe(201);
    // Without a key the server may answer from what it has heard; with one, only the database answers.
    const keyless = await book(event.id, tokenFor(student));
    const keyed = await book(event.id, tokenFor(student), "limit-or-sold-out");
    expect([keyless.status, keyless.body.error.code]).toEqual([409, "SOLD_OUT"]);
    expect([keyed.status, keyed.body.error]).toEqual([keyless.status, keyless.body.error]);
  });

  it("refuses a second ticket beyond the per-student limit with LIMIT_REACHED", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 5 });
    await book(event.id, tokenFor(student));
    const again = await book(event.id, tokenFor(student));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("LIMIT_REACHED");
  });

  it("replays an idempotency key, even when the retries race each other", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 5, max_tickets_per_student: 2 });
    const token = tokenFor(student);
    const retries = await Promise.all(Array.from({ length: 5 }, () => book(event.id, token, "checkout-42")));
    expect(retries.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(retries.map((r) => r.body.ticket.id)).size).toBe(1);
    

    const other = await book(event.id, token, "checkout-43");
    expect(other.status).toBe(201);
    expect(other.body.ticket.id).not.toBe(retries[0]!.body.ticket.id);
    const third = await book(event.id, token, "checkout-44");
    expect(third.body.error.code).toBe("LIMIT_REACHED");
    expect(await liveTickets(event.id)).toBe(2);
  });

  it("cancels a ticket, returns the seat, and refuses a second cancel", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    const { body } = await book(event.id, tokenFor(student));
    const cancelled = await request(t.server.url, "DELETE", `/tickets/${body.ticket.id}`, { token: tokenFor(student) });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.ticket).toMatchObject({ id: body.ticket.id, status: "cancelled", cancelled_at: expect.any(String) });
    const twice = await request(t.server.url, "DELETE", `/tickets/${body.ticket.id}`, { token: tokenFor(student) });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("ALREADY_CANCELLED");
    const status = await request(t.server.url, "GET", `/events/${event.id}/status`);
    expect(status.body).toMatchObject({ tickets_remaining: 1, sold_out: false });
  });

  it("does not let a student cancel someone else's ticket", async () => {
    const [owner, other] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, tokenFor(owner!));
    const response = await request(t.server.url, "DELETE", `/tickets/${body.ticket.id}`, { token: tokenFor(other!) });
    expect(response.status).toBe(404);
    expect(await liveTickets(event.id)).toBe(1);
  });

  it("lists only the caller's tickets at /me/tickets", async () => {
    const [me, other] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db);
    await book(event.id, tokenFor(me!));
    await book(event.id, tokenFor(other!));
    const mine = await request(t.server.url, "GET", "/me/tickets", { token: tokenFor(me!) });
    expect(mine.status).toBe(200);
    expect(mine.body.tickets).toHaveLength(1);
    expect(mine.body.tickets[0]).toMatchObject({ user_id: me!.user_id, event: { id: event.id, name: event.name } });
  });

  it("sells the last seat once when two students race for it", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    const answers = await Promise.all([book(event.id, tokenFor(a!)), book(event.id, tokenFor(b!))]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.status === 409)!.body.error.code).toBe("SOLD_OUT");
    expect(await liveTickets(event.id)).toBe(1);
  });
});

describe("the booking fast path", () => {
  it("refuses bookings of a sold-out event without taking the lock", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    expect((await book(event.id, tokenFor(a!))).status).toBe(201);
    const redis = new Redis(testRedisUrl);
    try {
      const fenceKey = `${t.db.name}:fence:event:${event.id}`;
      const fenceBefore = await redis.get(fenceKey);
      const refused = await Promise.all(Array.from({ length: 20 }, () => book(event.id, tokenFor(b!))));
      expect(refused.every((r) => r.status === 409 && r.body.error.code === "SOLD_OUT")).toBe(true);
      expect(await redis.get(fenceKey)).toBe(fenceBefore); // no lock was handed out
    } finally {
      redis.disconnect();
    }
  });

  it("applies every rule to each request of a batch: one student racing themself gets one ticket", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { total_tickets: 50 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => book(event.id, tokenFor(student))));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.body.error?.code === "LIMIT_REACHED")).toHaveLength(9);
    expect(await liveTickets(event.id)).toBe(1);
  });
});

describe("GraphQL booking", () => {
  const bookTicket = `mutation($eventId: Int!, $key: String) {
    bookTicket(input: { eventId: $eventId, idempotencyKey: $key }) { ticketId status replayed ticket { id status eventId userId } }
  }`;

  it("books, lists and cancels", async () => {
    const student: Claims = await insertUser(t.db);
    const token = tokenFor(student);
    const event = await insertEvent(t.db, { total_tickets: 3 });
    const booked = await graphql(t.server.url, bookTicket, { eventId: event.id, key: "gql-1" }, token);
    expect(booked.body.errors).toBeUndefined();
    const ticket = booked.body.data.bookTicket.ticket;
    expect(ticket).toMatchObject({ status: "confirmed", eventId: event.id, userId: student.user_id });
    expect(booked.body.data.bookTicket).toMatchObject({ ticketId: ticket.id, status: "confirmed", replayed: false });

    const replay = await graphql(t.server.url, bookTicket, { eventId: event.id, key: "gql-1" }, token);
    expect(replay.body.data.bookTicket).toEqual({ ticketId: ticket.id, status: "confirmed", replayed: true, ticket });

    const mine = await graphql(t.server.url, "{ myTickets { nodes { id status } } }", {}, token);
    expect(mine.body.data.myTickets.nodes).toEqual([{ id: ticket.id, status: "confirmed" }]);

    const cancelled = await graphql(
      t.server.url,
      `mutation($id: Int!) { cancelTicket(input: { ticketId: $id }) { result { id status } } }`,
      { id: ticket.id },
      token,
    );
    expect(cancelled.body.data.cancelTicket.result).toEqual({ id: ticket.id, status: "cancelled" });
    const availability = await graphql(t.server.url, `{ eventById(id: ${event.id}) { ticketsRemaining soldOut } }`);
    expect(availability.body.data.eventById).toEqual({ ticketsRemaining: 3, soldOut: false });
  });

  it("reports SOLD_OUT, UNAUTHENTICATED and FORBIDDEN as error codes", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    await graphql(t.server.url, bookTicket, { eventId: event.id }, tokenFor(a!));
    const codes = [];
    for (const token of [tokenFor(b!), undefined, t.adminToken]) {
      const response = await graphql(t.server.url, bookTicket, { eventId: event.id }, token);
      expect(response.body.data?.bookTicket ?? null).toBeNull();
      codes.push(response.body.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(["SOLD_OUT", "UNAUTHENTICATED", "FORBIDDEN"]);
    expect(await liveTickets(event.id)).toBe(1);
  });

  it("keeps other students' tickets out of allTickets", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db);
    await graphql(t.server.url, bookTicket, { eventId: event.id }, tokenFor(a!));
    await graphql(t.server.url, bookTicket, { eventId: event.id }, tokenFor(b!));
    const seen = await graphql(t.server.url, "{ allTickets { nodes { userId } } }", {}, tokenFor(a!));
    expect(new Set(seen.body.data.allTickets.nodes.map((n: { userId: number }) => n.userId))).toEqual(new Set([a!.user_id]));
    const all = await graphql(t.server.url, `{ allTickets(condition: { eventId: ${event.id} }) { totalCount } }`, {}, t.adminToken);
    expect(all.body.data.allTickets.totalCount).toBe(2);
  });
});

// Live availability over websockets (graphql-ws), fed by pg_notify.
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { deleteRedisKeys, request, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, insertUsers, testJwt, tokenFor } from "../helpers/fixtures.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";

let db: TestDatabase;
let serverA: RunningServer;
let serverB: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  // Up to 100 websockets per server here, all from this one address (within the default cap).
  [serverA, serverB] = await Promise.all([startTestServer(db), startTestServer(db)]);
});
afterAll(async () => {
  await Promise.all([serverA?.close(), serverB?.close()]);
  if (db) await deleteRedisKeys(db.name);
  await db?.drop();
});

const SUBSCRIPTION = `subscription($id: Int!) {
  eventAvailability(eventId: $id) { eventId ticketsRemaining totalTickets soldOut version }
}`;
interface Availability {
  eventId: number;
  ticketsRemaining: number;
  totalTickets: number;
  soldOut: boolean;
  version: string;
}
const pick = (data: any) => data.eventAvailability as Availability;
const remaining = async (eventId: number) =>
  (await db.owner.query("select tickets_remaining from app_public.events where id = $1", [eventId])).rows[0].tickets_remaining;
const book = (server: RunningServer, eventId: number, token: string) =>
  request(server.url, "POST", `/events/${eventId}/book`, { token });

describe("eventAvailability", () => {
  it("sends the current value, then each booking and cancellation in order", async () => {
    const event = await insertEvent(db, { total_tickets: 100 });
    const client = wsClient(serverA.url);
    const sub = record(client, SUBSCRIPTION, { id: event.id }, pick);
    try {
      await sub.until((m) => m.length === 1);
      const students = await insertUsers(db, 3);
      const tickets = [];
      for (const s of students) tickets.push((await book(serverA, event.id, tokenFor(s))).body.ticket);
      await request(serverA.url, "DELETE", `/tickets/${tickets[0].id}`, { token: tokenFor(students[0]!) });

      const messages = await sub.until((m) => m.length === 5);
      expect(messages.map((m) => m.ticketsRemaining)).toEqual([100, 99, 98, 97, 98]);
      expect(messages.at(-1)).toMatchObject({ eventId: event.id, totalTickets: 100, soldOut: false });
      expect(messages.at(-1)!.ticketsRemaining).toBe(await remaining(event.id));
      const versions = messages.map((m) => Number(m.version));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    } finally {
      sub.dispose();
      await client.dispose();
    }
  });

  it("reaches subscribers on another instance", async () => {
    const event = await insertEvent(db, { total_tickets: 10 });
    const client = wsClient(serverB.url);
    const sub = record(client, SUBSCRIPTION, { id: event.id }, pick);
    try {
      await sub.until((m) => m.length === 1);
      await book(serverA, event.id, tokenFor(await insertUser(db)));
      const messages = await sub.until((m) => m.at(-1)?.ticketsRemaining === 9);
      expect(messages.map((m) => m.ticketsRemaining)).toEqual([10, 9]);
    } finally {
      sub.dispose();
      await client.dispose();
    }
  });

  it("gives 200 subscribers the same final count as the database, through only real counts", async () => {
    const event = await insertEvent(db, { total_tickets: 150 });
    const clients = Array.from({ length: 200 }, (_, i) => wsClient(i % 2 ? serverA.url : serverB.url));
    const subs = clients.map((c) => record(c, SUBSCRIPTION, { id: event.id }, pick));
    try {
      await Promise.all(subs.map((s) => s.until((m) => m.length >= 1)));
      const students = await insertUsers(db, 100);
      const answers = await Promise.all(students.map((s, i) => book(i % 2 ? serverA : serverB, event.id, tokenFor(s))));
      expect(answers.every((a) => a.status === 201)).toBe(true);
      const final = await remaining(event.id);
      expect(final).toBe(50);

      await Promise.all(subs.map((s) => s.until((m) => m.at(-1)?.ticketsRemaining === final)));
      for (const sub of subs) {
        const counts = sub.messages.map((m) => m.ticketsRemaining);
        // Every count a subscriber saw existed (150 … 50, one booking at a time), newest last, never going back.
        for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThan(counts[i - 1]!);
        expect(counts.every((c) => c >= 50 && c <= 150 && Number.isInteger(c))).toBe(true);
      }
    } finally {
      subs.forEach((s) => s.dispose());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it("resumes after its LISTEN connection is terminated, and converges on the true value", async () => {
    const event = await insertEvent(db, { total_tickets: 20 });
    const client = wsClient(serverA.url);
    const sub = record(client, SUBSCRIPTION, { id: event.id }, pick);
    try {
      await sub.until((m) => m.length === 1);
      // Kill every LISTEN connection on this database (both servers').
      const { rowCount } = await db.owner.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
      );
      expect(rowCount).toBeGreaterThan(0);
      const students = await insertUsers(db, 3);
      for (const s of students) expect((await book(serverA, event.id, tokenFor(s))).status).toBe(201);

      const truth = await remaining(event.id);
      expect(truth).toBe(17);
      const messages = await sub.until((m) => m.at(-1)?.ticketsRemaining === truth);
      expect(messages[0]!.ticketsRemaining).toBe(20);
      await book(serverA, event.id, tokenFor(await insertUser(db)));
      await sub.until((m) => m.at(-1)?.ticketsRemaining === 16); // and it keeps listening
    } finally {
      sub.dispose();
      await client.dispose();
    }
  });

  it("answers an unknown event with NOT_FOUND", async () => {
    const client = wsClient(serverA.url);
    const sub = record(client, SUBSCRIPTION, { id: 2_000_000_000 }, pick);
    try {
      const errors = (await sub.ended) as { message: string; extensions?: { code?: string } }[];
      expect(errors[0]?.extensions?.code).toBe("NOT_FOUND");
    } finally {
      await client.dispose();
    }
  });
});

interface Counts {
  eventId: number;
  ticketsRemaining: number;
}

describe("eventsAvailability feed", () => {
  it("sends every upcoming event's current value in one message, then changes of any event", async () => {
    const [first, second] = [await insertEvent(db, { total_tickets: 5 }), await insertEvent(db, { total_tickets: 7 })];
    const client = wsClient(serverB.url);
    const sub = record(client, "subscription { eventsAvailability { eventId ticketsRemaining } }", {}, (d) => d.eventsAvailability as Counts[]);
    try {
      const [currentValues] = await sub.until((m) => m.length > 0);
      expect(currentValues!.map((x) => x.eventId)).toEqual(expect.arrayContaining([first.id, second.id]));
      await book(serverA, second.id, tokenFor(await insertUser(db)));
      const changes = await sub.until((m) => m.slice(1).flat().some((x) => x.eventId === second.id && x.ticketsRemaining === 6));
      expect(changes.slice(1).every((list) => list.length === 1)).toBe(true);
    } finally {
      sub.dispose();
      await client.dispose();
    }
  });
});

describe("eventsAvailability for one category", () => {
  it("carries only that category's events", async () => {
    const { rows } = await db.owner.query("insert into app_public.categories (name) values ('Chess') returning id");
    const [inCategory, elsewhere] = [await insertEvent(db, { total_tickets: 4 }), await insertEvent(db, { total_tickets: 4 })];
    await db.owner.query("update app_public.events set category_id = $2 where id = $1", [inCategory.id, rows[0].id]);
    const client = wsClient(serverA.url);
    const sub = record(
      client,
      "subscription($c: Int) { eventsAvailability(categoryId: $c) { eventId ticketsRemaining } }",
      { c: rows[0].id },
      (d) => d.eventsAvailability as Counts[],
    );
    try {
      await sub.until((m) => m.flat().some((x) => x.eventId === inCategory.id));
      await book(serverB, elsewhere.id, tokenFor(await insertUser(db)));
      await book(serverB, inCategory.id, tokenFor(await insertUser(db)));
      await sub.until((m) => m.flat().some((x) => x.eventId === inCategory.id && x.ticketsRemaining === 3));
      expect(sub.messages.flat().every((x) => x.eventId === inCategory.id)).toBe(true);
    } finally {
      sub.dispose();
      await client.dispose();
    }
  });
});

describe("websocket tokens", () => {
  const event = () => insertEvent(db, { total_tickets: 3 });

  it("accepts a valid token and no token at all", async () => {
    const e = await event();
    for (const token of [tokenFor(await insertUser(db)), undefined]) {
      const client = wsClient(serverA.url, token);
      const sub = record(client, SUBSCRIPTION, { id: e.id }, pick);
      await sub.until((m) => m.length === 1);
      expect(sub.messages[0]!.ticketsRemaining).toBe(3);
      sub.dispose();
      await client.dispose();
    }
  });

  it.each([
    ["forged", () => jwt.sign({ user_id: 1, role: "admin" }, "x".repeat(40), { audience: "ticketing", expiresIn: 60 }), /INVALID_TOKEN/],
    [
      "expired",
      () => jwt.sign({ user_id: 1, role: "student", exp: Math.floor(Date.now() / 1000) - 5 }, testJwt.secret, { audience: "ticketing" }),
      /INVALID_TOKEN: Your session has expired/,
    ],
  ])("closes the connection for a %s token with code 4401 and the reason", async (_kind, makeToken, reason) => {
    const e = await event();
    const client = wsClient(serverA.url, makeToken());
    const sub = record(client, SUBSCRIPTION, { id: e.id }, pick);
    const closed = (await sub.ended) as { code: number; reason: string };
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(reason);
    expect(sub.messages).toEqual([]);
    await client.dispose();
  });
});

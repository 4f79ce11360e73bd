// A websocket flood must not starve booking. The caps refuse with a clear
// error; with the caps raised, thousands of availability subscriptions (many
// events and one hot event) open while students book: no booking answers 503,
// and every subscriber gets its current value.
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { deleteRedisKeys, request, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";

const SUBSCRIPTION = "subscription($id: Int!) { eventAvailability(eventId: $id) { eventId ticketsRemaining } }";
const pick = (data: any) => data.eventAvailability as { eventId: number; ticketsRemaining: number };

let db: TestDatabase;
let capped: RunningServer;
let open: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  [capped, open] = await Promise.all([
    startTestServer(db, { production: true, overrides: { websockets: { maxSubscriptionsPerConnection: 3, maxConnectionsPerAddress: 2 } } }),
    startTestServer(db, { production: true, overrides: { websockets: { maxSubscriptionsPerConnection: 1_500, maxConnectionsPerAddress: 20, subscribesPerAddressPer10s: 100_000 } } }),
  ]);
});
afterAll(async () => {
  await Promise.all([capped?.close(), open?.close()]);
  if (db) await deleteRedisKeys(db.name);
  await db?.drop();
});

/** A raw websocket upgrade: resolves with the HTTP refusal, or "open". */
function upgrade(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; retryAfter?: string; body: any } | "open">((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { headers });
    socket.once("open", () => {
      resolve("open");
      socket.close();
    });
    socket.once("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string, body: JSON.parse(text) }));
    });
    socket.once("error", reject);
  });
}

describe("caps", () => {
  it("refuses a subscription over the per-connection cap with TOO_MANY_SUBSCRIPTIONS; the others carry on", async () => {
    const event = await insertEvent(db, { total_tickets: 10 });
    const client = wsClient(capped.url);
    const subs = Array.from({ length: 4 }, () => record(client, SUBSCRIPTION, { id: event.id }, pick));
    try {
      const refused = (await subs[3]!.ended) as { message: string; extensions?: { code?: string } }[];
      expect(refused[0]?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");
      expect(refused[0]?.message).toMatch(/At most 3 subscriptions per connection/);
      await Promise.all(subs.slice(0, 3).map((s) => s.until((m) => m.at(-1)?.ticketsRemaining === 10)));
      const [student] = await insertUsers(db, 1);
      expect((await request(capped.url, "POST", `/events/${event.id}/book`, { token: tokenFor(student!) })).status).toBe(201);
      await Promise.all(subs.slice(0, 3).map((s) => s.until((m) => m.at(-1)?.ticketsRemaining === 9)));
    } finally {
      subs.forEach((s) => s.dispose());
      await client.dispose();
    }
  });

  it("refuses a connection over the per-address cap with 429 TOO_MANY_CONNECTIONS, whatever X-Forwarded-For says", async () => {
    const event = await insertEvent(db, { total_tickets: 10 });
    const clients = [wsClient(capped.url), wsClient(capped.url)];
    const subs = clients.map((c) => record(c, SUBSCRIPTION, { id: event.id }, pick));
    try {
      await Promise.all(subs.map((s) => s.until((m) => m.length === 1)));
      const refused = await upgrade(capped.url, { "x-forwarded-for": "203.0.113.7" }); // not a trusted proxy: ignored
      expect(refused).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/), body: { error: { code: "TOO_MANY_CONNECTIONS" } } });
      // Closing one frees its place.
      subs[0]!.dispose();
      await clients[0]!.dispose();
      let answer: Awaited<ReturnType<typeof upgrade>> | undefined;
      for (let i = 0; i < 50 && answer !== "open"; i++) answer = await upgrade(capped.url);
      expect(answer).toBe("open");
    } finally {
      subs.forEach((s) => s.dispose());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});

describe("a flood of 6,000 subscriptions", () => {
  let events: { id: number }[];
  let hot: { id: number };
  let students: string[];
  // Set up outside the test's time: under this machine's usual load (9-20 on
  // 2 cores) these inserts alone took 5-16 s.
  beforeAll(async () => {
    ({ rows: events } = await db.owner.query<{ id: number }>(
      `insert into app_public.events (name, venue, starts_at, total_tickets)
       select 'Watched ' || n, 'Hall', now() + interval '7 days', 50 from generate_series(1, 3000) n returning id`,
    ));
    hot = await insertEvent(db, { total_tickets: 200 });
    students = (await insertUsers(db, 300)).map((s) => tokenFor(s));
  });

  // The bound is for a hang, not a latency claim (the answers are what is
  // checked): on this 2-core machine under others' load (9-23) the flood alone
  // took 13-43 s, the code before today's changes as long as today's.
  it("leaves booking unaffected, and every subscriber gets its current value", { timeout: 90_000 }, async () => {
    const SOCKETS = 6;
    const PER_SOCKET = 1_000;
    const clients = Array.from({ length: SOCKETS }, () => wsClient(open.url));
    // Half on the hot event, half on 3,000 others (one topic each).
    const subs = clients.flatMap((client, c) =>
      Array.from({ length: PER_SOCKET }, (_, i) => {
        const eventId = i % 2 === 0 ? hot.id : events[(c * PER_SOCKET + i) % events.length]!.id;
        return { eventId, recorder: record(client, SUBSCRIPTION, { id: eventId }, pick) };
      }),
    );
    try {
      // Students book while the subscriptions open.
      const started = Date.now();
      const answers = await Promise.all(
        students.map(async (token) => {
          const sent = Date.now();
          const answer = await request(open.url, "POST", `/events/${hot.id}/book`, { token });
          return { status: answer.status, code: answer.body?.error?.code, ms: Date.now() - sent };
        }),
      );
      const tally: Record<string, number> = {};
      for (const a of answers) tally[`${a.status}${a.code ? ` ${a.code}` : ""}`] = (tally[`${a.status}${a.code ? ` ${a.code}` : ""}`] ?? 0) + 1;
      expect(tally).toEqual({ "201": 200, "409 SOLD_OUT": 100 });
      const times = answers.map((a) => a.ms).sort((a, b) => a - b);
      console.log(`300 bookings beside 6,000 opening subscriptions: p50 ${times[149]} ms, max ${times.at(-1)} ms, all in ${Date.now() - started} ms`);

      // Every subscriber heard its event's current value; the hot event's reach the final count.
      await Promise.all(subs.map((s) => s.recorder.until((m) => m.length >= 1, 20_000)));
      for (const { eventId, recorder } of subs) expect(recorder.messages[0]!.eventId).toBe(eventId);
      await Promise.all(subs.filter((s) => s.eventId === hot.id).map((s) => s.recorder.until((m) => m.at(-1)?.ticketsRemaining === 0, 20_000)));
      for (const { eventId, recorder } of subs) {
        if (eventId !== hot.id) expect(recorder.messages.at(-1)!.ticketsRemaining).toBe(50);
      }
    } finally {
      subs.forEach((s) => s.recorder.dispose());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});

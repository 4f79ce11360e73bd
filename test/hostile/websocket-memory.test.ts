// What one websocket can make a production-mode server send and keep: a client
// flooding 64 KB pings without reading (it grew a server by 1 GB in 15 s, and
// each unsent pong became a stack trace on stderr when it left), a subscriber
// to big lists that never reads, and sizes a client chooses that would be kept
// for the socket's life (operation ids, connection_init's payload).
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { defaultWebsocketLimits } from "../../src/websocket/limits.ts";
import { logOptions } from "../../src/log.ts";
import { useTestServer } from "../helpers/app.ts";
import { insertEvent } from "../helpers/fixtures.ts";
import { startInstance } from "../helpers/instances.ts";
import { rawSocket, record, waitFor, wsClient, type RawSocket } from "../helpers/subscriptions.ts";

// Every line the server logs (at debug: every line there is), parsed: a line that is not JSON fails the test.
const lines: Record<string, any>[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
    done();
  },
});
const t = useTestServer({ production: true, overrides: { log: pino({ ...logOptions, level: "debug" }, capture) } });

const KB = 1024;
const bigPing = JSON.stringify({ type: "ping", payload: { blob: "x".repeat(64 * KB) } });
/** Sockets opened with this X-Request-Id carry it (and their connId) on their log lines. */
const tagged = (reqId: string) => ({ headers: { "x-request-id": reqId } });
const acknowledged = (client: RawSocket) => client.until(() => client.messages.some((m) => m.type === "connection_ack"), "connection_ack");
const closeLine = (reqId: string, timeoutMs = 20_000) =>
  waitFor(() => lines.find((l) => l.reqId === reqId && l.msg === "websocket closed"), `"websocket closed" for ${reqId}`, timeoutMs);

/** A well-behaved subscriber beside the attack: it subscribes and gets the current value. */
async function controlGetsAValue() {
  const event = await insertEvent(t.db, { total_tickets: 7 });
  const client = wsClient(t.server.url);
  const watching = record(client, "subscription($id: Int!) { eventAvailability(eventId: $id) { ticketsRemaining } }", { id: event.id }, (d) => d);
  await watching.until((messages) => messages.length > 0);
  expect(watching.messages[0]).toEqual({ eventAvailability: { ticketsRemaining: 7 } });
  watching.dispose();
  await client.dispose();
}

describe("a client that floods pings and never reads", () => {
  it("is closed with 1008 past the message rate, having been sent next to nothing; one warn line says so", async () => {
    const flooder = await rawSocket(t.server.url, tagged("ping-flood"));
    await acknowledged(flooder);
    flooder.socket.pause(); // reads nothing from here on
    // 7 MB of pings: past the 100 messages a connection may send per 10 s (an echo would send 7 MB back).
    for (let i = 0; i < 110; i++) flooder.socket.send(bigPing);

    const line = await closeLine("ping-flood");
    expect(line).toMatchObject({ level: 40, code: 1008, refused: "TOO_MANY_MESSAGES", connId: expect.stringMatching(/^ws-\d+-\d+$/) });
    await controlGetsAValue();

    flooder.socket.resume();
    expect(await flooder.closed()).toEqual({ code: 1008, reason: "TOO_MANY_MESSAGES: more than 100 messages in 10 s" });
    // What it was sent before the close: its acknowledgement and at most 100 bare pongs.
    expect(flooder.messages.filter((m) => m.type !== "pong" && m.type !== "connection_ack")).toEqual([]);
    expect(flooder.bytes()).toBeLessThan(2 * KB);
    // Its one line at info or above: no error, no stack.
    expect(lines.filter((l) => l.connId === line.connId && l.level >= 30)).toEqual([line]);
  });

  it("gets a pong without the ping's payload", async () => {
    const client = await rawSocket(t.server.url);
    await acknowledged(client);
    client.socket.send(bigPing);
    await client.until(() => client.messages.some((m) => m.type === "pong"), "pong");
    expect(client.messages).toEqual([{ type: "connection_ack" }, { type: "pong" }]);
    client.socket.close();
  });
});

describe("a subscriber whose messages pile up unread", () => {
  it("is closed with 1013 once the unsent bytes pass the bound; no more is queued for it", async () => {
    // 3,000 upcoming events: the list of every event is one message of about 0.5 MB, and a
    // socket may hold 25 such subscriptions (12 MB if everything were queued for it).
    await t.db.owner.query(
      `insert into app_public.events (name, venue, starts_at, total_tickets)
       select 'Listed ' || n, 'Main Hall', now() + interval '7 days', 100 from generate_series(1, 3000) n`,
    );
    const reader = await rawSocket(t.server.url, tagged("slow-reader"));
    await acknowledged(reader);
    reader.socket.pause();
    const subscriptions = defaultWebsocketLimits.maxSubscriptionsPerConnection;
    const feed = "subscription { eventsAvailability { eventId ticketsRemaining totalTickets soldOut salesState startsAt version } }";
    for (let i = 0; i < subscriptions; i++) reader.socket.send(JSON.stringify({ id: `feed-${i}`, type: "subscribe", payload: { query: feed } }));

    const line = await closeLine("slow-reader", 30_000);
    expect(line).toMatchObject({ level: 40, code: 1013, refused: "SUBSCRIBER_TOO_SLOW" });
    await controlGetsAValue();

    reader.socket.resume();
    expect((await reader.closed()).code).toBe(1013);
    const lists = reader.messages.filter((m) => m.type === "next");
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.length).toBeLessThan(subscriptions); // the rest were never queued
    // Queued when it was closed: at most the bound and the one message that passed it.
    const listBytes = JSON.stringify(lists[0]).length;
    expect(line.unsentBytes).toBeLessThanOrEqual(defaultWebsocketLimits.maxBufferedBytes + listBytes);
  });
});

describe("sizes a client chooses", () => {
  const subscribe = (client: RawSocket, id: string, eventId: number) =>
    client.socket.send(
      JSON.stringify({ id, type: "subscribe", payload: { query: `subscription { eventAvailability(eventId: ${eventId}) { ticketsRemaining } }` } }),
    );

  it("an operation id over 64 characters closes the socket with 4400; 64 are fine", async () => {
    const event = await insertEvent(t.db);
    const client = await rawSocket(t.server.url);
    await acknowledged(client);
    subscribe(client, "a".repeat(64), event.id);
    await client.until(() => client.messages.some((m) => m.type === "next"), "the current value");
    subscribe(client, "b".repeat(65), event.id);
    expect(await client.closed()).toEqual({ code: 4400, reason: "INVALID_INPUT: an operation id has at most 64 characters" });
    expect(client.messages.filter((m) => m.id !== "a".repeat(64) && m.type !== "connection_ack")).toEqual([]);
  });

  it("an id of 100 KB is refused the same way, and never sent back", async () => {
    const event = await insertEvent(t.db);
    const client = await rawSocket(t.server.url);
    await acknowledged(client);
    subscribe(client, "c".repeat(100 * KB), event.id);
    expect((await client.closed()).code).toBe(4400);
    expect(client.messages).toEqual([{ type: "connection_ack" }]);
  });

  it("a connection_init payload over 4 KB closes the socket with 4400, unacknowledged", async () => {
    const client = await rawSocket(t.server.url, { connectionParams: { padding: "x".repeat(8 * KB) } });
    expect(await client.closed()).toEqual({ code: 4400, reason: "PAYLOAD_TOO_LARGE: connection_init's payload has at most 4096 bytes" });
    expect(client.messages).toEqual([]);
  });
});

describe("a production process", () => {
  it("logs one JSON line for a flooding socket that leaves with its pongs unread, and no stack traces", async () => {
    const instance = await startInstance(t.db, { NODE_ENV: "production" });
    try {
      const flooder = await rawSocket(instance.url, tagged("process-flood"));
      await acknowledged(flooder);
      flooder.socket.pause();
      for (let i = 0; i < 200; i++) flooder.socket.send(bigPing);
      await waitFor(() => instance.output().includes('"reqId":"process-flood"'), "the flooding socket's line", 20_000);
      flooder.socket.terminate(); // gone without reading anything
    } finally {
      await instance.stop();
    }
    const output = instance.output().split("\n").filter(Boolean);
    const notJson = output.filter((line) => !line.startsWith("{"));
    expect(notJson).toEqual([]);
    const parsed = output.map((line) => JSON.parse(line) as Record<string, any>);
    const flooded = parsed.filter((l) => l.reqId === "process-flood");
    expect(flooded).toEqual([expect.objectContaining({ level: 40, msg: "websocket closed", code: 1008, connId: expect.any(String) })]);
  });
});

// What one client can do with subscriptions, against a production-mode server:
// not hold streams over plain HTTP, not get past connection_init with a bad
// token, not start subscriptions in a loop, and not make the server hold
// messages it never reads.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { request, startTestServer, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { rawSocket as connect } from "../helpers/subscriptions.ts";

const t = useTestServer({ production: true });
/** A second server on the same database with a small per-address rate, for the rate test alone (its window starts with that test). */
let rated: RunningServer;
beforeAll(async () => {
  rated = await startTestServer(t.db, {
    production: true,
    overrides: { websockets: { maxSubscriptionsPerConnection: 25, maxConnectionsPerAddress: 500, subscribesPerAddressPer10s: 60 } },
  });
});
afterAll(() => rated?.close());
const FEED = "subscription { eventsAvailability { eventId ticketsRemaining } }";

const rawSocket = (token?: string, server: RunningServer = t.server) => connect(server.url, { token });

describe("a subscriber that never reads", () => {
  it("does not make the server hold its messages: heap stays bounded while counts change", async () => {
    const events = await Promise.all(Array.from({ length: 50 }, () => insertEvent(t.db, { total_tickets: 500 })));
    const students = (await insertUsers(t.db, 1_000)).map((s) => tokenFor(s));
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;

    // 10 sockets × 5 feeds of every event, then they stop reading.
    const sockets = await Promise.all(Array.from({ length: 10 }, () => rawSocket()));
    for (const s of sockets) await s.until(() => s.messages.some((m) => m.type === "connection_ack"), "connection_ack");
    sockets.forEach((s, n) => {
      for (let i = 0; i < 5; i++) s.socket.send(JSON.stringify({ id: `${n}-${i}`, type: "subscribe", payload: { query: FEED } }));
    });
    for (const s of sockets) await s.until(() => s.messages.filter((m) => m.type === "next").length >= 5, "current values");
    for (const s of sockets) (s.socket as unknown as { _socket: { pause(): void } })._socket.pause();

    gc();
    const before = process.memoryUsage().heapUsed;
    // Every booking changes a count that 50 paused subscriptions should hear about.
    for (let round = 0; round < 10; round++) {
      await Promise.all(students.slice(round * 100, round * 100 + 100).map((token, i) =>
        request(t.server.url, "POST", `/events/${events[i % events.length]!.id}/book`, { token }),
      ));
    }
    gc();
    const after = process.memoryUsage().heapUsed;
    console.log(`paused subscribers: heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB`);
    expect(after - before).toBeLessThan(32 * 2 ** 20);
    for (const s of sockets) s.socket.terminate();
  });
});

describe("subscriptions", () => {
  it("are not served over plain HTTP, where no websocket bound would cover them", async () => {
    const response = await fetch(`${t.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "multipart/mixed, application/json" },
      body: JSON.stringify({ query: FEED }),
    });
    const text = await response.text(); // the answer ends: no stream is held open
    expect(text).toContain("SUBSCRIPTIONS_OVER_WEBSOCKETS");
  });

  it("a forged token is refused at connection_init (4401), before any acknowledgement", async () => {
    const { closed, messages } = await rawSocket("not-a-token");
    expect((await closed()).code).toBe(4401);
    expect(messages.filter((m) => m.type === "connection_ack")).toEqual([]);
  });

  it("cannot be started in a loop: past the rate, a start is refused with retryAfter", async () => {
    await insertEvent(t.db);
    const refusalsOf = (client: Awaited<ReturnType<typeof rawSocket>>) =>
      client.messages.filter((m) => m.type === "error" && m.payload?.[0]?.extensions?.code === "TOO_MANY_SUBSCRIPTIONS");
    /** Start subscriptions one after another on one socket, each completed once its current value arrived. */
    async function churn(client: Awaited<ReturnType<typeof rawSocket>>, prefix: string, count: number) {
      for (let i = 0; i < count; i++) {
        const id = `${prefix}-${i}`;
        client.socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: FEED } }));
        await client.until(() => client.messages.some((m) => m.id === id), `an answer to ${id}`);
        client.socket.send(JSON.stringify({ id, type: "complete" }));
      }
    }
    // One connection: 25 starts per 10 s.
    const one = await rawSocket(undefined, rated);
    await one.until(() => one.messages.some((m) => m.type === "connection_ack"), "connection_ack");
    await churn(one, "a", 25);
    expect(refusalsOf(one)).toEqual([]);
    await churn(one, "b", 1);
    expect(refusalsOf(one)[0]?.payload[0].extensions.retryAfter).toBeGreaterThan(0);

    // The address (60 per 10 s on this server, 25 spent above): fresh connections do not reset it.
    const others = await Promise.all([rawSocket(undefined, rated), rawSocket(undefined, rated), rawSocket(undefined, rated)]);
    for (const [n, client] of others.entries()) {
      await client.until(() => client.messages.some((m) => m.type === "connection_ack"), "connection_ack");
      await churn(client, `c${n}`, 20);
    }
    expect(others.flatMap(refusalsOf).length).toBeGreaterThan(0);
    for (const client of [one, ...others]) client.socket.close();
  });
});

// The server's one keep-alive timer (src/websocket/heartbeat.ts), on real
// sockets: a client that answers pings stays; one that stops is cut off.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { Heartbeat } from "../../src/websocket/heartbeat.ts";

const INTERVAL_MS = 50;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serverWithHeartbeat() {
  const heartbeat = new Heartbeat(INTERVAL_MS);
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  wss.on("connection", (ws) => {
    heartbeat.add(ws);
    ws.on("pong", () => heartbeat.answered(ws));
    ws.on("close", () => heartbeat.delete(ws));
  });
  await once(wss, "listening");
  cleanup.push(() => heartbeat.stop(), () => new Promise((resolve) => wss.close(resolve)));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const connect = async (autoPong: boolean) => {
    const client = new WebSocket(url, { autoPong });
    cleanup.push(() => client.terminate());
    await once(client, "open");
    return client;
  };
  return { connect };
}

describe("websocket keep-alive", () => {
  it("keeps a client that answers every ping, and cuts off one that stopped answering", async () => {
    const { connect } = await serverWithHeartbeat();
    const answering = await connect(true);
    const silent = await connect(false);
    let pingsAnswered = 0;
    answering.on("ping", () => pingsAnswered++);
    let silentPings = 0;
    silent.on("ping", () => silentPings++);

    // The silent client is pinged once, then cut off (1006: no close frame) when the next ping is due.
    const [code] = (await once(silent, "close")) as [number];
    expect(code).toBe(1006);
    expect(silentPings).toBe(1);
    // Meanwhile the answering one was pinged as often and is still open; it stays open for more pings.
    while (pingsAnswered < 4) await once(answering, "ping");
    expect(answering.readyState).toBe(WebSocket.OPEN);
  });
});

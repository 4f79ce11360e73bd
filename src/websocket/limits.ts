// At most N websocket connections per client address. Checked at the upgrade,
// before any websocket exists: an address over the limit gets an HTTP 429 with
// Retry-After and our error envelope, and its socket is closed.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { countThrottled } from "../metrics/index.ts";

type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export const TOO_MANY_CONNECTIONS = "TOO_MANY_CONNECTIONS";

/**
 * Defaults sized for a campus: every student behind the college's NAT shares
 * one address, and the web app needs one socket per tab and a few
 * subscriptions on it. One address at both limits holds 12,500 subscriptions,
 * which booking does not notice (bench: subscription-flood).
 */
export const defaultWebsocketLimits = {
  maxSubscriptionsPerConnection: 25,
  maxConnectionsPerAddress: 500,
  /** Two per connection at the address's connection limit, every 10 s. */
  subscribesPerAddressPer10s: 1_000,
  /**
   * Unsent bytes queued for one socket. The kernel holds a few MB for a client
   * that reads slowly before anything queues here; a socket past this is not
   * reading at all. At the address's connection limit: 500 MB at most.
   */
  maxBufferedBytes: 1_048_576,
  /** Incoming messages per connection per 10 s; unset: see messagesPer10s. */
  messagesPerConnectionPer10s: undefined as number | undefined,
  /** graphql-ws clients use UUIDs (36 characters). */
  maxOperationIdLength: 64,
  /** connection_init's payload: a token (a few hundred bytes) and room to spare. */
  maxConnectionParamsBytes: 4_096,
};

export type WebsocketLimits = typeof defaultWebsocketLimits;

/**
 * The message rate, by default four per subscription a connection may start in
 * 10 s (its subscribe, its complete, and room for pings and a window's edge),
 * and at least 100: with the default 25 subscriptions, 100.
 */
export function messagesPer10s(limits: WebsocketLimits): number {
  return limits.messagesPerConnectionPer10s ?? Math.max(100, 4 * limits.maxSubscriptionsPerConnection);
}

export function limitWebsocketUpgrades(
  server: Server,
  options: {
    maxPerAddress: number;
    /** The client, as the server names it (src/http/client-address.ts); what the subscription limits count by too. */
    addressOf(req: IncomingMessage): string;
    accepts(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
    upgrade: UpgradeHandler;
  },
): () => void {
  const open = new Map<string, number>(); // address → open websockets
  const onUpgrade: UpgradeHandler = (req, socket, head) => {
    if (!options.accepts(req, socket, head)) return void socket.destroy();
    const address = options.addressOf(req);
    const count = open.get(address) ?? 0;
    if (count >= options.maxPerAddress) return refuse(socket, options.maxPerAddress);
    open.set(address, count + 1);
    socket.on("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    options.upgrade(req, socket, head);
  };
  server.on("upgrade", onUpgrade);
  return () => server.off("upgrade", onUpgrade);
}

function refuse(socket: Duplex, max: number) {
  countThrottled(TOO_MANY_CONNECTIONS, "websocket");
  const body = JSON.stringify({
    error: { code: TOO_MANY_CONNECTIONS, message: `At most ${max} websocket connections per address; close one and retry.` },
  });
  socket.end(
    "HTTP/1.1 429 Too Many Requests\r\n" +
      "Content-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Retry-After: 10\r\n" +
      "Connection: close\r\n\r\n" +
      body,
  );
}

// One graphql-ws connection on one `ws` socket, with bounds. This is the glue
// graphql-ws/use/ws would provide, which holds whatever a client makes it send
// (one socket that never read grew the process by 1 GB in 15 s, echoing 64 KB
// pings) and writes each failed send to stderr as a stack trace. Here:
//   * outgoing: past maxBufferedBytes queued and unsent, the socket is closed
//     with 1013 Try Again Later (graphql-ws clients reconnect) and nothing more is
//     read from it;
//   * incoming: at most N messages per 10 s, graphql-ws messages and websocket
//     ping/pong frames alike; one more closes it with 1008 Policy Violation
//     (graphql-ws clients do not retry that);
//   * a ping is answered with a pong without the ping's payload (optional in the
//     protocol): an echo would be a copy of anything a client sends;
//   * a failed send or a socket error is noted, never thrown; each socket gets
//     one line ("websocket closed", with its connId, close code and what went
//     wrong): warn when a bound closes it (logged then), else when it has
//     closed: info after an error, debug otherwise.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Server as GraphQLWsServer } from "graphql-ws";
import type { WebSocket } from "ws";
import type { Logger } from "../log.ts";
import { countThrottled } from "../metrics/index.ts";
import type { FrameWriter } from "./frames.ts";

export const TOO_MANY_MESSAGES = "TOO_MANY_MESSAGES";
export const SUBSCRIBER_TOO_SLOW = "SUBSCRIBER_TOO_SLOW";

export interface ConnectionBounds {
  /** Bytes queued for the socket and not yet written out (`bufferedAmount`) before it is closed with 1013. */
  maxBufferedBytes: number;
  /** Incoming messages (and ping/pong frames) per 10 s before it is closed with 1008. */
  messagesPer10s: number;
}

/** The connection's context's `extra`, as grafserv and our plugins read it. */
export interface ConnectionExtra {
  socket: WebSocket;
  request: IncomingMessage;
  /** Whole frames on this socket, under the same bounds as every other send (subscription cohorts: ./cohorts.ts). */
  frames: FrameWriter;
}

/** graphql-ws/use/ws's keep-alive: a websocket ping every 12 s; no pong within the next 12 s ends the socket. */
const KEEP_ALIVE_MS = 12_000;
const RATE_WINDOW_MS = 10_000;
/** A close frame's reason has at most 123 bytes (RFC 6455); ws throws on a longer one. */
const MAX_REASON_BYTES = 123;

export function serveConnection(
  server: GraphQLWsServer<ConnectionExtra>,
  ws: WebSocket,
  /** The TCP socket under `ws` (from the upgrade): ended after a bound's close frame. */
  tcp: Duplex,
  request: IncomingMessage,
  bounds: ConnectionBounds,
  log?: Logger,
) {
  const opened = performance.now();
  /** The first failed send or socket error. */
  let failure: string | undefined;
  const noteFailure = (error: unknown) => void (failure ??= error instanceof Error ? error.message : String(error));
  let logged = false;
  const logClosed = (level: "warn" | "info" | "debug", fields: Record<string, unknown>) => {
    if (logged) return;
    logged = true;
    const line = { ...fields, durationMs: Math.round(performance.now() - opened), ...(failure !== undefined && { error: failure }) };
    log?.[level](line, "websocket closed");
  };

  let ended: Promise<void> | undefined;
  /** graphql-ws's end of the connection (its operations stop), once. */
  const end = (code: number, reason: string) => (ended ??= closed(code, reason).catch(noteFailure));

  /**
   * A bound was passed: the close frame goes after what is queued, then our
   * side of the TCP connection ends. Nothing more is read from it, so it
   * cannot make us answer anything else; a client reading its messages gets
   * the close code, and ws cuts the socket if the close handshake does not
   * complete (30 s). Its line is logged now.
   */
  const closeFor = (code: number, rule: string, message: string) => {
    if (ws.readyState !== ws.OPEN) return;
    countThrottled(rule, "websocket");
    const unsentBytes = ws.bufferedAmount;
    const reason = `${rule}: ${message}`;
    ws.pause();
    ws.close(code, reason);
    tcp.end();
    void end(code, reason);
    logClosed("warn", { code, refused: rule, unsentBytes });
  };

  let window = { start: opened, count: 0 };
  /** Counts one incoming message; false once the rate is passed (the socket is being closed). */
  const counted = () => {
    if (ws.readyState !== ws.OPEN) return false;
    const now = performance.now();
    if (now - window.start >= RATE_WINDOW_MS) window = { start: now, count: 0 };
    if (++window.count <= bounds.messagesPer10s) return true;
    closeFor(1008, TOO_MANY_MESSAGES, `more than ${bounds.messagesPer10s} messages in 10 s`);
    return false;
  };

  const send = (data: string) => {
    if (ws.readyState !== ws.OPEN) return Promise.resolve();
    if (ws.bufferedAmount > bounds.maxBufferedBytes) {
      closeFor(1013, SUBSCRIBER_TOO_SLOW, "the server's messages were not being read; reconnect");
      return Promise.resolve();
    }
    // Resolves once written out (graphql-ws waits for it before a subscription's
    // next message), or failed: that is noted for the close line, not thrown.
    return new Promise<void>((resolve) =>
      ws.send(data, (error) => {
        if (error) noteFailure(error);
        resolve();
      }),
    );
  };

  // A frame made elsewhere (a cohort's: ./frames.ts), written on the TCP socket
  // under the bounds above; its callback says when it has gone to the kernel.
  const frames: FrameWriter = {
    write(frame, written) {
      if (ws.readyState !== ws.OPEN) return false;
      if (ws.bufferedAmount > bounds.maxBufferedBytes) {
        closeFor(1013, SUBSCRIBER_TOO_SLOW, "the server's messages were not being read; reconnect");
        return false;
      }
      tcp.write(frame, written); // a failed write also destroys the socket: its close is logged
      return true;
    },
  };

  let handleMessage: ((data: string) => Promise<void>) | undefined;
  const closed = server.opened(
    {
      protocol: ws.protocol,
      send,
      close: (code, reason) => ws.close(code, reason === undefined ? undefined : fitReason(reason)),
      onMessage: (handler) => void (handleMessage = handler),
      onPing: () => send('{"type":"pong"}'),
    },
    { socket: ws, request, frames },
  );
  ws.on("message", (data) => {
    if (!counted()) return;
    handleMessage?.(String(data)).catch((error: unknown) => {
      // graphql-ws throws for a message it cannot handle (and our hooks might).
      noteFailure(error);
      ws.close(1011, "Internal server error");
    });
  });
  ws.on("ping", counted); // ws has answered it (a pong carries at most 125 bytes)

  let pongWait: NodeJS.Timeout | undefined;
  ws.on("pong", () => {
    clearTimeout(pongWait);
    pongWait = undefined;
    counted();
  });
  const keepAlive = setInterval(() => {
    if (ws.readyState !== ws.OPEN) return;
    pongWait ??= setTimeout(() => ws.terminate(), KEEP_ALIVE_MS);
    ws.ping();
  }, KEEP_ALIVE_MS);

  // ws emits an error for a message over maxPayload (and closes with 1009) or a broken frame.
  ws.on("error", noteFailure);
  ws.once("close", (code: number, reason: Buffer) => {
    clearInterval(keepAlive);
    clearTimeout(pongWait);
    void end(code, String(reason)).then(() => logClosed(failure === undefined ? "debug" : "info", { code }));
  });
}

/** A close reason cut to what a close frame can carry. */
function fitReason(reason: string) {
  let fitted = reason;
  while (Buffer.byteLength(fitted) > MAX_REASON_BYTES) fitted = fitted.slice(0, -1);
  return fitted;
}

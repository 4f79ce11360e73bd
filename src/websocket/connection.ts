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
import type { Duplex } from "node:stream";
import type { Server as GraphQLWsServer } from "graphql-ws";
import type { RawData, WebSocket } from "ws";
import { logContext, type LogContext, type Logger } from "../log.ts";
import { countThrottled } from "../metrics/index.ts";
import type { FrameWriter } from "./frames.ts";
import type { Heartbeat } from "./heartbeat.ts";

export const TOO_MANY_MESSAGES = "TOO_MANY_MESSAGES";
export const SUBSCRIBER_TOO_SLOW = "SUBSCRIBER_TOO_SLOW";

export interface ConnectionBounds {
  /** Bytes queued for the socket and not yet written out (`bufferedAmount`) before it is closed with 1013. */
  maxBufferedBytes: number;
  /** Incoming messages (and ping/pong frames) per 10 s before it is closed with 1008. */
  messagesPer10s: number;
}

/**
 * What a connection keeps of its upgrade request, read when an operation
 * starts (grafserv hands it on as `requestContext.ws.request`). The upgrade's
 * IncomingMessage, with every header raw and parsed, would be held for the
 * socket's life: over a kilobyte per idle subscriber.
 */
export interface ConnectionRequest {
  /** The client, as the server resolved it (src/http/client-address.ts). */
  clientAddress: string;
  userAgent?: string;
}

/** The connection's request, from grafserv's `requestContext.ws` or graphql-ws's `ctx.extra`. */
export const connectionRequest = (holder: { request?: unknown }) => holder.request as ConnectionRequest | undefined;

/** The connection's context's `extra`, as grafserv and our plugins read it. */
export interface ConnectionExtra {
  socket: WebSocket;
  request: ConnectionRequest;
  /** Whole frames on this socket, under the same bounds as every other send (subscription cohorts: ./cohorts.ts). */
  frames: FrameWriter;
}

const RATE_WINDOW_MS = 10_000;
/** A close frame's reason has at most 123 bytes (RFC 6455); ws throws on a longer one. */
const MAX_REASON_BYTES = 123;

export function serveConnection(
  server: GraphQLWsServer<ConnectionExtra>,
  ws: WebSocket,
  /** The TCP socket under `ws` (from the upgrade): ended after a bound's close frame. */
  tcp: Duplex,
  request: ConnectionRequest,
  bounds: ConnectionBounds,
  /** Pings the socket every 12 s, and cuts it off when a ping goes unanswered. */
  heartbeat: Heartbeat,
  /** Every line logged while handling its messages carries its connId. */
  context: LogContext,
  log?: Logger,
) {
  const connection = new Connection(ws, tcp, bounds, heartbeat, context, log);
  connectionOf.set(ws, connection);
  connection.open(server, request);
  heartbeat.add(ws);
  ws.on("message", listeners.message);
  ws.on("ping", listeners.ping);
  ws.on("pong", listeners.pong);
  ws.on("error", listeners.error);
  ws.on("close", listeners.close); // emitted once: `on` spares a `once` wrapper per socket
}

/**
 * ws's events, one listener per event for every socket (`this` is the socket):
 * an idle subscriber's connection is most of what it costs, so nothing here is
 * made per socket.
 */
const connectionOf = new WeakMap<WebSocket, Connection>();
const listeners = {
  message(this: WebSocket, data: RawData) {
    connectionOf.get(this)?.received(String(data));
  },
  /** ws has answered it (a pong carries at most 125 bytes): it counts as a message. */
  ping(this: WebSocket) {
    connectionOf.get(this)?.heard();
  },
  pong(this: WebSocket) {
    connectionOf.get(this)?.heard(true);
  },
  /** A message over maxPayload (ws closes with 1009) or a broken frame. */
  error(this: WebSocket, error: Error) {
    connectionOf.get(this)?.noteFailure(error);
  },
  close(this: WebSocket, code: number, reason: Buffer) {
    connectionOf.get(this)?.socketClosed(code, String(reason));
  },
};

/**
 * The connection as graphql-ws's server sees it (its socket: protocol, send,
 * close, onMessage, onPing) and as a cohort writes to it (a FrameWriter).
 */
class Connection implements FrameWriter {
  readonly protocol: string;
  private readonly ws: WebSocket;
  private readonly tcp: Duplex;
  private readonly bounds: ConnectionBounds;
  private readonly heartbeat: Heartbeat;
  private readonly context: LogContext;
  private readonly log?: Logger;
  private readonly opened = performance.now();
  /** The first failed send or socket error. */
  private failure?: string;
  private logged = false;
  /** graphql-ws's end of the connection: its operations stop. */
  private closeOperations?: (code: number, reason: string) => Promise<void>;
  private ended?: Promise<void>;
  private handleMessage?: (data: string) => Promise<void>;
  /** Incoming messages in the current window. */
  private windowStart: number;
  private windowCount = 0;

  constructor(ws: WebSocket, tcp: Duplex, bounds: ConnectionBounds, heartbeat: Heartbeat, context: LogContext, log?: Logger) {
    this.ws = ws;
    this.tcp = tcp;
    this.bounds = bounds;
    this.heartbeat = heartbeat;
    this.context = context;
    this.log = log;
    this.protocol = ws.protocol;
    this.windowStart = this.opened;
  }

  open(server: GraphQLWsServer<ConnectionExtra>, request: ConnectionRequest) {
    this.closeOperations = server.opened(this, { socket: this.ws, request, frames: this });
  }

  // graphql-ws's socket.

  /** Resolves once written out (graphql-ws waits for it before a subscription's next message), or failed: noted, not thrown. */
  send(data: string): Promise<void> {
    if (!this.writable()) return Promise.resolve();
    return new Promise<void>((resolve) =>
      this.ws.send(data, (error) => {
        if (error) this.noteFailure(error);
        resolve();
      }),
    );
  }

  close(code: number, reason?: string) {
    this.ws.close(code, reason === undefined ? undefined : fitReason(reason));
  }

  onMessage(handler: (data: string) => Promise<void>) {
    this.handleMessage = handler;
  }

  onPing() {
    return this.send('{"type":"pong"}');
  }

  // FrameWriter: a frame made elsewhere (a cohort's: ./frames.ts), written on
  // the TCP socket under the same bounds; `written` says when it has gone to the kernel.
  write(frame: Buffer, written: (error?: Error | null) => void): boolean {
    if (!this.writable()) return false;
    this.tcp.write(frame, written); // a failed write also destroys the socket: its close is logged
    return true;
  }

  // ws's events, handled in the connection's log context.

  received(data: string) {
    logContext.run(this.context, () => {
      if (!this.counted()) return;
      this.handleMessage?.(data).catch((error: unknown) => {
        // graphql-ws throws for a message it cannot handle (and our hooks might).
        this.noteFailure(error);
        this.ws.close(1011, "Internal server error");
      });
    });
  }

  /** A ping or a pong frame (a pong also answers the heartbeat's ping). */
  heard(pong = false) {
    if (pong) this.heartbeat.answered(this.ws);
    logContext.run(this.context, () => this.counted());
  }

  /** Counts one incoming message (or ping/pong frame); false once the rate is passed (the socket is being closed). */
  private counted(): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    const now = performance.now();
    if (now - this.windowStart >= RATE_WINDOW_MS) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (++this.windowCount <= this.bounds.messagesPer10s) return true;
    this.closeFor(1008, TOO_MANY_MESSAGES, `more than ${this.bounds.messagesPer10s} messages in 10 s`);
    return false;
  }

  noteFailure(error: unknown) {
    this.failure ??= error instanceof Error ? error.message : String(error);
  }

  socketClosed(code: number, reason: string) {
    this.heartbeat.delete(this.ws);
    logContext.run(this.context, () => void this.end(code, reason).then(() => this.logClosed(this.failure === undefined ? "debug" : "info", { code })));
  }

  /** Open, and not holding too much unsent: else closed with 1013 (graphql-ws clients reconnect). */
  private writable(): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount <= this.bounds.maxBufferedBytes) return true;
    this.closeFor(1013, SUBSCRIBER_TOO_SLOW, "the server's messages were not being read; reconnect");
    return false;
  }

  /** graphql-ws's end of the connection, once. */
  private end(code: number, reason: string) {
    return (this.ended ??= (this.closeOperations?.(code, reason) ?? Promise.resolve()).catch((error: unknown) => this.noteFailure(error)));
  }

  /**
   * A bound was passed: the close frame goes after what is queued, then our
   * side of the TCP connection ends. Nothing more is read from it, so it
   * cannot make us answer anything else; a client reading its messages gets
   * the close code, and ws cuts the socket if the close handshake does not
   * complete (30 s). Its line is logged now.
   */
  private closeFor(code: number, rule: string, message: string) {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN) return;
    countThrottled(rule, "websocket");
    const unsentBytes = ws.bufferedAmount;
    const reason = `${rule}: ${message}`;
    ws.pause();
    ws.close(code, reason);
    this.tcp.end();
    void this.end(code, reason);
    this.logClosed("warn", { code, refused: rule, unsentBytes });
  }

  /** The connection's one "websocket closed" line. */
  private logClosed(level: "warn" | "info" | "debug", fields: Record<string, unknown>) {
    if (this.logged) return;
    this.logged = true;
    const line = { ...fields, durationMs: Math.round(performance.now() - this.opened), ...(this.failure !== undefined && { error: this.failure }) };
    this.log?.[level](line, "websocket closed");
  }
}

/** A close reason cut to what a close frame can carry. */
function fitReason(reason: string) {
  let fitted = reason;
  while (Buffer.byteLength(fitted) > MAX_REASON_BYTES) fitted = fitted.slice(0, -1);
  return fitted;
}

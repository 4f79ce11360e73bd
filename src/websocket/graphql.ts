// The GraphQL websocket endpoint (graphql-ws protocol), served the way grafserv
// serves it (its own graphql-ws configuration: auth, limits, masking), on a
// WebSocketServer of ours so each message has a size bound: grafserv's would
// buffer and parse messages of up to 100 MiB, enough for a few sockets to
// exhaust the heap. A larger message closes the socket with 1009 (Message Too Big).
// Each connection is served with bounds on what it makes us send and hold
// (./connection.ts); what a client chooses and we would keep for the
// connection's life is bounded too: operation ids and connection_init's payload
// (closed with 4400 Bad Request, as graphql-ws closes on an invalid message).
import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";
import { makeGraphQLWSConfig, type GrafservBase } from "postgraphile/grafserv";
import { GraphQLError } from "postgraphile/graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { UNAUTHORIZED_CLOSE_CODE } from "./auth.ts";
import { countWebsocket } from "../metrics/index.ts";
import { connectionLogContext } from "../http/request-context.ts";
import { clientAddress } from "../http/client-address.ts";
import { logContext } from "../log.ts";
import { serveConnection, type ConnectionBounds, type ConnectionExtra } from "./connection.ts";
import { Heartbeat } from "./heartbeat.ts";
import { Cohorts, OPERATION, type OperationOwner } from "./cohorts.ts";
import type { AvailabilityStreams } from "../availability/streams.ts";
import type { Logger } from "../log.ts";

// graphql-ws as CommonJS, like grafserv and PostGraphile load it: its ES module
// build would load graphql's ES module build, whose GraphQLError is another
// class than the one our plugins' errors are made of (graphql-ws checks with instanceof).
const { makeServer, handleProtocols } = createRequire(import.meta.url)("graphql-ws") as typeof import("graphql-ws");

const BAD_REQUEST = 4400;

export interface WebsocketBounds extends ConnectionBounds {
  /** Characters in an operation id (graphql-ws clients send UUIDs: 36). */
  maxOperationIdLength: number;
  /** connection_init's payload, as JSON (a token is a few hundred bytes). */
  maxConnectionParamsBytes: number;
}

export function graphqlWebsocketUpgrade(
  serv: GrafservBase,
  options: {
    maxMessageBytes: number;
    bounds: WebsocketBounds;
    /**
     * Checks connection_init's parameters (the token) before the connection is
     * acknowledged; a refusal closes the socket with its close code and reason.
     */
    refuseConnection(connectionParams: Record<string, unknown> | undefined): { code: number; reason: string } | undefined;
    /** Each connection's opening and closing (with its connId, as every line logged for it). */
    log?: Logger;
    /**
     * The session a connection's token names, and the sessions that end: a
     * connection whose session ends is closed (4401), its subscriptions with it.
     */
    sessions?: {
      of(connectionParams: Record<string, unknown> | undefined): number | undefined;
      onEnded(listener: (sessionId: number) => void): () => void;
    };
    /**
     * Subscribers of the same operation, variables and visible claims share one
     * execution and serialization per change (./cohorts.ts; WS_SUBSCRIPTION_COHORTS).
     * Without it every subscription executes on its own, as grafserv does.
     */
    cohorts?: AvailabilityStreams;
  },
) {
  const { bounds } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, handleProtocols });
  const config = makeGraphQLWSConfig(serv);
  // grafserv's onNext reads only the result (it masks its errors).
  const onNext = (result: Parameters<NonNullable<typeof config.onNext>>[4]) => config.onNext?.(undefined as never, "", undefined as never, undefined as never, result);
  const cohorts = options.cohorts && new Cohorts(options.cohorts, onNext as (result: unknown) => unknown);
  const heartbeat = new Heartbeat();
  const bySession = new Map<number, Set<WebSocket>>();
  const stopFollowing = options.sessions?.onEnded((sessionId) => {
    for (const ws of bySession.get(sessionId) ?? []) ws.close(UNAUTHORIZED_CLOSE_CODE, "INVALID_TOKEN: This session has ended (signed out); sign in again.");
  });
  const server = makeServer<Record<string, unknown> | undefined, ConnectionExtra>({
    ...config,
    onConnect(ctx) {
      const refusal = paramsTooLarge(ctx.connectionParams, bounds.maxConnectionParamsBytes) ?? options.refuseConnection(ctx.connectionParams);
      if (refusal) {
        ctx.extra.socket.close(refusal.code, refusal.reason);
        return false;
      }
      const sessionId = options.sessions?.of(ctx.connectionParams);
      if (sessionId !== undefined) {
        const ws = ctx.extra.socket;
        const sockets = bySession.get(sessionId) ?? new Set();
        bySession.set(sessionId, sockets.add(ws));
        ws.on("close", () => sockets.delete(ws) && sockets.size === 0 && bySession.delete(sessionId));
      }
      return config.onConnect ? config.onConnect(ctx) : true;
    },
    async onSubscribe(ctx, id, payload) {
      // graphql-ws keeps the id while the operation runs and repeats it in every message.
      if (id.length > bounds.maxOperationIdLength) {
        const reason = `INVALID_INPUT: an operation id has at most ${bounds.maxOperationIdLength} characters`;
        ctx.extra.socket.close(BAD_REQUEST, reason);
        return [new GraphQLError(reason, { extensions: { code: "INVALID_INPUT" } })]; // not sent: the socket is closing
      }
      const args = await config.onSubscribe?.(ctx, id, payload);
      // Whose operation this is, for a cohort to write its frames (not an array: those are refusals).
      if (cohorts && args && !Array.isArray(args)) (args as unknown as Record<symbol, OperationOwner>)[OPERATION] = { id, writer: ctx.extra.frames };
      return args;
    },
    ...(cohorts && { subscribe: (args) => cohorts.subscribe(args as never, config.subscribe as never) as ReturnType<NonNullable<typeof config.subscribe>> }),
  });
  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        countWebsocket(ws); // open connections at /metrics
        // What the connection keeps of the request (not the request itself: ./connection.ts).
        const request = { clientAddress: clientAddress(req), userAgent: req.headers["user-agent"] };
        const context = connectionLogContext(req);
        logContext.run(context, () => {
          options.log?.debug("websocket opened");
          serveConnection(server, ws, socket, request, bounds, heartbeat, context, options.log);
        });
      });
    },
    /** Close every socket with 1001 Going Away, which graphql-ws clients retry (on another instance, or after a restart). */
    async close() {
      stopFollowing?.();
      heartbeat.stop();
      const gone = [...wss.clients].map((ws) => new Promise<void>((resolve) => ws.once("close", () => resolve())));
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      // A client that does not answer the close handshake is cut off after a second.
      const cut = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1_000);
      await Promise.all(gone);
      clearTimeout(cut);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** connection_init's payload is kept for the connection's life: a few KB at most. */
function paramsTooLarge(params: Record<string, unknown> | undefined, maxBytes: number) {
  if (params === undefined || Buffer.byteLength(JSON.stringify(params)) <= maxBytes) return undefined;
  return { code: BAD_REQUEST, reason: `PAYLOAD_TOO_LARGE: connection_init's payload has at most ${maxBytes} bytes` };
}

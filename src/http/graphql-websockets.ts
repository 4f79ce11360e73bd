// The GraphQL websocket endpoint (graphql-ws protocol), served the way grafserv
// serves it (its own graphql-ws configuration: auth, limits, masking), on a
// WebSocketServer of ours so each message has a size bound: grafserv's would
// buffer and parse messages of up to 100 MiB, enough for a few sockets to
// exhaust the heap. A larger message closes the socket with 1009 (Message Too Big).
import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";
import { makeGraphQLWSConfig, type GrafservBase } from "postgraphile/grafserv";
import { WebSocketServer } from "ws";
import { countWebsocket } from "../metrics/index.ts";
import { inConnectionContext } from "./request-context.ts";
import type { Logger } from "../log.ts";

// graphql-ws as CommonJS, like grafserv and PostGraphile load it: its ES module
// build would load graphql's ES module build, whose GraphQLError is another
// class than the one our plugins' errors are made of (graphql-ws checks with instanceof).
const { useServer } = createRequire(import.meta.url)("graphql-ws/use/ws") as typeof import("graphql-ws/use/ws");

export function graphqlWebsocketUpgrade(
  serv: GrafservBase,
  options: {
    maxMessageBytes: number;
    production: boolean;
    /**
     * Checks connection_init's parameters (the token) before the connection is
     * acknowledged; a refusal closes the socket with its close code and reason.
     */
    refuseConnection(connectionParams: Record<string, unknown> | undefined): { code: number; reason: string } | undefined;
    /** Each connection's opening and closing, at debug level (with its connId, as every line logged for it). */
    log?: Logger;
  },
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const config = makeGraphQLWSConfig(serv);
  useServer(
    {
      ...config,
      isProd: options.production,
      onConnect(ctx) {
        const refusal = options.refuseConnection(ctx.connectionParams);
        if (refusal) {
          ctx.extra.socket.close(refusal.code, refusal.reason);
          return false;
        }
        return config.onConnect ? config.onConnect(ctx) : true;
      },
    },
    wss,
  );
  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        countWebsocket(ws); // open connections at /metrics
        inConnectionContext(ws, req, () => {
          // Its log lines carry connId: these, and any logged while handling its messages.
          const opened = performance.now();
          options.log?.debug("websocket opened");
          ws.once("close", (code: number) => options.log?.debug({ code, durationMs: Math.round(performance.now() - opened) }, "websocket closed"));
          wss.emit("connection", ws, req);
        });
      });
    },
    /** Close every socket with 1001 Going Away, which graphql-ws clients retry (on another instance, or after a restart). */
    async close() {
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

// HTTP + websocket server: Express with health checks, the REST routes, and
// PostGraphile (grafserv) on /graphql with websockets on the same path, all
// served with one set of services built at start (src/services.ts).
import cors from "cors";
import express, { type Express } from "express";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { pinoHttp } from "pino-http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/express/v4";
import { authenticateRequests } from "./auth/http.ts";
import { claimsFromAuthorization } from "./auth/jwt.ts";
import { defaultGraphqlLimits, type GraphqlLimits } from "./graphql/limits/index.ts";
import { makePreset } from "./graphql/preset.ts";
import { clientAddresses } from "./http/client-address.ts";
import { inRequestContext, requestId, requestLineFields } from "./http/request-context.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { webApp, type WebAppOptions } from "./http/web-app.ts";
import { boundedForLog, DEFAULT_LOG_URL_MAX_CHARS } from "./log.ts";
import { metricsHandler, servedOnMainPort, startMetricsListener, type MetricsSettings } from "./metrics/endpoint.ts";
import { countRequests } from "./metrics/http.ts";
import type { RestDeps } from "./rest/context.ts";
import { healthRouter, restRouter } from "./rest/index.ts";
import { startServices, type ServiceOptions } from "./services.ts";
import { authorizationParam, refuseWebsocketToken } from "./websocket/auth.ts";
import { graphqlWebsocketUpgrade } from "./websocket/graphql.ts";
import { defaultWebsocketLimits, limitWebsocketUpgrades, messagesPer10s, type WebsocketLimits } from "./websocket/limits.ts";

/** Where grafserv serves Ruru, the GraphQL IDE (development only: src/graphql/preset.ts). */
const IDE_PATHS = /^\/(graphiql|graphql)$|^\/ruru-static\//;

/** Pending connections the kernel may queue for us before accept (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 65_535;

/** What the server needs: what its services need (src/services.ts), and the HTTP side's own settings. */
export interface ServerOptions extends Omit<ServiceOptions, "graphqlLimits"> {
  /** How much of a request's URL its log line keeps (LOG_URL_MAX_CHARS); default 512 characters. */
  logUrlMaxChars?: number;
  /** Origins of browser front ends allowed to call the API ("*" for any). */
  corsOrigins?: string[];
  /** Subscribers of the same operation, variables and visible claims share one execution per change (WS_SUBSCRIPTION_COHORTS; default on). */
  subscriptionCohorts?: boolean;
  /** Websocket bounds (defaults: src/websocket/limits.ts). */
  websockets?: Partial<WebsocketLimits>;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); default none. */
  trustProxy?: string;
  /** IPv6 clients count by this prefix in per-address limits (CLIENT_IPV6_PREFIX_LENGTH); default 64. */
  clientIpv6PrefixLength?: number;
  /** GraphQL request bounds (src/graphql/limits/index.ts has the defaults). */
  graphqlLimits?: Partial<GraphqlLimits>;
  /** GraphQL introspection and "Did you mean" suggestions; default: off in production. */
  introspection?: boolean;
  /** The web app served at `/` (default: web/dist); false serves the API alone. */
  web?: WebAppOptions | false;
  /** Who may read /metrics and where (src/metrics/endpoint.ts): METRICS_TOKEN, METRICS_PORT, METRICS_HOST. */
  metrics?: MetricsSettings;
  /** PUBLIC_URL, where browsers reach the site (single sign-on's redirects); default this server's own URL. */
  publicUrl?: string;
  /** HOST: the address to listen on; default every interface (IPv6 and IPv4). */
  host?: string;
  /** close(): how long the listener stays open after /readyz turns 503, and how long requests in flight get (SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS). */
  shutdown?: { delayMs?: number; timeoutMs?: number };
}

export interface RunningServer {
  server: Server;
  /** This server from this machine (127.0.0.1 when it listens on every interface). */
  url: string;
  /** Where it really listens, as the kernel reports it: "0.0.0.0" or "::" is every interface. */
  listening: { address: string; port: number; everyInterface: boolean };
  /** The metrics listener's /metrics, when METRICS_PORT gave it one. */
  metricsUrl?: string;
  close(): Promise<void>;
}

function isWildcard(address: string): boolean {
  return address === "0.0.0.0" || address === "::";
}

/** The address this process reaches itself at: loopback when listening everywhere. */
function reachableHost(address: string): string {
  return isWildcard(address) ? "127.0.0.1" : address;
}

export function hostForUrl(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

export async function startServer(options: ServerOptions, port: number): Promise<RunningServer> {
  const { log } = options;
  const logUrlMaxChars = options.logUrlMaxChars ?? DEFAULT_LOG_URL_MAX_CHARS;
  const graphqlLimits = { ...defaultGraphqlLimits, ...options.graphqlLimits };
  const websocketLimits = { ...defaultWebsocketLimits, ...options.websockets };
  // Who each request's client is, for every per-address limit (src/http/client-address.ts).
  const clientAddressOf = clientAddresses({ trustProxy: options.trustProxy, ipv6PrefixLength: options.clientIpv6PrefixLength });
  const services = await startServices({ ...options, graphqlLimits });
  const { jwt, endedSessions } = services;
  let boundUrl = "";
  let draining = false;

  const app = express();
  const server = createServer(app);
  useRequestPipeline(app, options, clientAddressOf, logUrlMaxChars);
  // Once close() begins (SIGTERM): not ready, at once, so a load balancer stops
  // sending; answers given while draining close their connection (no keep-alive
  // holding the process open), and each one finished lets idle connections go.
  app.use((_req, res, next) => {
    if (draining) res.setHeader("Connection", "close");
    res.once("finish", () => draining && setImmediate(() => server.closeIdleConnections()));
    next();
  });
  const restDeps: RestDeps = {
    ...services,
    log,
    logUrlMaxChars,
    paymentWebhookSecret: options.paymentWebhookSecret,
    publicUrl: () => options.publicUrl ?? boundUrl,
    draining: () => draining,
  };
  app.use(healthRouter(restDeps)); // GET /healthz, /readyz

  // Lines logged deeper in this request (booking, GraphQL) carry its reqId.
  app.use(inRequestContext);
  // Before authentication: its token is not a JWT. Not at all in production without a token (404).
  if (servedOnMainPort(options.metrics ?? {}, options.production)) app.get("/metrics", metricsHandler(options.metrics ?? {}, log));

  app.use(authenticateRequests(jwt, "/graphql"));

  const pgl = postgraphile(
    makePreset({
      ...options,
      ...services,
      pgPool: services.pool,
      subscriptionLimits: websocketLimits,
      singleSignOn: services.singleSignOn !== undefined,
    }),
  );
  const serv = pgl.createServ(grafserv);
  await serv.addTo(app, server, false); // websockets below: bounded messages, behind the per-address limit
  const websockets = graphqlWebsocketUpgrade(serv, {
    // Room for a document at the limit plus its variables; a larger message is refused unread.
    maxMessageBytes: 2 * graphqlLimits.maxBodyBytes,
    bounds: { ...websocketLimits, messagesPer10s: messagesPer10s(websocketLimits) },
    refuseConnection: refuseWebsocketToken(jwt),
    sessions: {
      of: (params) => claimsFromAuthorization(authorizationParam(params), jwt)?.session_id,
      onEnded: (listener) => endedSessions.onEnded(listener),
    },
    cohorts: options.subscriptionCohorts === false ? undefined : services.availability,
    log,
  });
  limitWebsocketUpgrades(server, {
    maxPerAddress: websocketLimits.maxConnectionsPerAddress,
    addressOf: clientAddressOf,
    accepts: (req, socket, head) => serv.shouldHandleUpgrade(req, socket, head),
    upgrade: websockets.upgrade,
  });
  // The web app's pages and assets: after /graphql and /graphiql (grafserv
  // answers those first), before the REST routes, whose JSON answers (the 404
  // envelope too) it leaves to every request that is not a browser's page load.
  if (options.web !== false) app.use(webApp(options.web));
  app.use(restRouter(restDeps));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A sale opens with thousands of connections at once: Node's default accept
    // backlog (511) overflows and the kernel drops the rest, whose clients retry
    // their SYN a second later (or get a reset). The kernel caps this at
    // net.core.somaxconn (4096 on Debian 12); raise that too for larger crowds.
    server.listen({ port, host: options.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const { port: boundPort, address } = server.address() as AddressInfo;
  boundUrl = `http://${hostForUrl(reachableHost(address))}:${boundPort}`;
  const metricsPort = options.metrics?.port;
  const metricsListener = metricsPort === undefined ? undefined : await startMetricsListener({ ...options.metrics, port: metricsPort }, log);
  services.payments.setWebhookUrl(`${boundUrl}/webhooks/payments`);

  return {
    server,
    url: boundUrl,
    listening: { address, port: boundPort, everyInterface: isWildcard(address) },
    metricsUrl: metricsListener?.url,
    async close() {
      // Not ready (503) at once; still serving for delayMs (load balancers that
      // poll /readyz stop sending meanwhile). Then no new connections; idle
      // keep-alive ones close now, requests in flight (bookings) finish and get
      // their answers, cut only after timeoutMs; websockets are told to reconnect.
      const { delayMs = 0, timeoutMs = 10_000 } = options.shutdown ?? {};
      draining = true;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      log.info({ timeoutMs }, "listener closed: finishing requests in flight");
      const cut = setTimeout(() => {
        log.warn({ timeoutMs }, "requests still in flight at the shutdown timeout: their connections are cut");
        server.closeAllConnections();
      }, timeoutMs);
      await websockets.close();
      await closed;
      clearTimeout(cut);
      await pgl.release();
      await services.stop();
      await metricsListener?.close();
    },
  };
}

/** What every request goes through first: security headers, its client's address, counting, CORS, its log line. */
function useRequestPipeline(app: Express, options: ServerOptions, clientAddressOf: (req: IncomingMessage) => string, logUrlMaxChars: number) {
  const { log } = options;
  app.disable("x-powered-by");
  // Every answer's security headers: never framed, nothing runs in JSON; pages and /docs replace the policy with theirs.
  app.use(securityHeaders({ idePaths: options.production ? undefined : IDE_PATHS }));
  app.use((req, _res, next) => {
    clientAddressOf(req); // resolved once: REST, GraphQL and SQL throttling read it with clientAddress(req)
    next();
  });
  app.use(countRequests); // requests by route and status class, durations (/metrics)
  if (options.corsOrigins?.length) {
    app.use(
      cors({
        // "*" (development only, see config.ts) answers a literal "*": no origin is
        // reflected, so a browser never sends credentials along.
        origin: options.corsOrigins.includes("*") ? "*" : options.corsOrigins,
        allowedHeaders: ["authorization", "content-type", "idempotency-key", "x-request-id"],
        exposedHeaders: ["idempotent-replayed", "retry-after", "x-request-id"],
      }),
    );
  }
  app.use(
    pinoHttp({
      logger: log,
      // The caller's X-Request-Id when sane, else a new one; sent back in X-Request-Id.
      genReqId: requestId,
      // The request line carries reqId (and the GraphQL operation) as every other line of the request does.
      customSuccessObject: (req, _res, fields) => requestLineFields(req, fields),
      customErrorObject: (req, _res, _err, fields) => requestLineFields(req, fields),
      // What a request line needs, and nothing that could carry a secret (no headers).
      // The URL (path and query string) cut to LOG_URL_MAX_CHARS: the client chooses its length.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: boundedForLog(req.url, logUrlMaxChars),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        // pino-http invents an error (with a stack) for every 5xx answer: keep only what it says.
        err: (error: Error) =>
          error.message.startsWith("failed with status code") ? { message: error.message } : pino.stdSerializers.err(error),
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" || req.url === "/metrics" },
      // 503 is an answer we chose (database away, lock busy: retry), not a failure of ours.
      customLogLevel: (_req, res, err) => (err ? "error" : res.statusCode === 503 ? "warn" : res.statusCode >= 500 ? "error" : "info"),
    }),
  );

}

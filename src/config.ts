// Environment → validated settings. Every bad value gets its own clear message.
import { z } from "zod";
import { defaultBookingLimits as bookingDefaults } from "./booking/limits.ts";
import { defaultGraphqlLimits as graphqlDefaults } from "./graphql/limits/defaults.ts";
import { preparedStatementsWanted } from "./db/poolers.ts";
import { DEFAULT_IPV6_PREFIX_LENGTH, parseTrustProxy } from "./http/client-address.ts";
import { defaultWebsocketLimits as websocketDefaults } from "./websocket/limits.ts";
import { DEFAULT_LOG_URL_MAX_CHARS } from "./log.ts";

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`);

/** An allowed email domain: college.edu, or *.college.edu for its subdomains. */
const EMAIL_DOMAIN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(5678),
    // The address to listen on: unset listens on every interface (what a container needs);
    // 127.0.0.1 keeps the server to this machine.
    HOST: z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0").optional(),
    DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
    // PostgreSQL itself when DATABASE_URL is a transaction pooler (PgBouncer): migrations,
    // the worker, admin bootstrap and the availability LISTEN need a session of their own.
    DATABASE_DIRECT_URL: url(["postgres:", "postgresql:"]).optional(),
    // Named prepared statements on request connections (PostGraphile names the queries it
    // plans). Default: on, but off when DATABASE_DIRECT_URL is another server (a pooler
    // such as PgBouncer < 1.21 in transaction mode cannot carry them). See src/db/poolers.ts.
    DATABASE_PREPARED_STATEMENTS: z.enum(["true", "false"]).optional(),
    // Connection the API uses; it must be able to switch to the request roles.
    // Defaults to DATABASE_URL with the user replaced by ticketing_authenticator.
    AUTH_DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
    AUTHENTICATOR_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    REDIS_URL: url(["redis:", "rediss:"]).optional(),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be 1-64 letters, digits, ':', '_' or '-'").default("ticketing"),
    JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
    // Live sessions one account may have; starting one more ends the oldest (app_private.auth_settings).
    MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(50),
    // Who may sign up: "college.edu" allows exactly that domain, "*.college.edu" its subdomains; empty: anyone.
    ALLOWED_EMAIL_DOMAINS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean))
      .refine(
        (domains) => domains.every((d) => EMAIL_DOMAIN.test(d)),
        "must be comma-separated domains, each like college.edu or *.college.edu",
      ),
    // Unverified students may not book, queue or accept an offer. Default: on in production, off otherwise.
    REQUIRE_EMAIL_VERIFICATION: z.enum(["true", "false"]).optional(),
    // The base of links in emails (verification, password reset), e.g. https://tickets.example.edu.
    PUBLIC_URL: url(["http:", "https:"]).optional(),
    // Signing in with the college's account (OpenID Connect): all three, or none (no single sign-on).
    OIDC_ISSUER: url(["http:", "https:"])
      .refine((value) => !/[?#]/.test(value), "must be the provider's issuer URL, with no query or fragment")
      .optional(),
    OIDC_CLIENT_ID: z.string().max(255, "must be at most 255 characters").optional(),
    OIDC_CLIENT_SECRET: z.string().max(1_000, "must be at most 1000 characters").optional(),
    // How long a started sign-in may take at the provider (the login cookie's lifetime), and each request of ours to it.
    OIDC_LOGIN_MAX_SECONDS: z.coerce.number().int().min(60).max(3_600).default(600),
    OIDC_HTTP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
    PAYMENT_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // Who takes payments: "mock" (a stand-in checkout, for development and tests)
    // or "none" (paying answers PAYMENTS_UNAVAILABLE). Default: mock, but none in production.
    PAYMENT_PROVIDER: z.enum(["mock", "none"]).optional(),
    SMTP_URL: url(["smtp:", "smtps:"]).optional(),
    MAIL_FROM: z.string().default("Campus Tickets <tickets@localhost>"),
    // Without SMTP_URL, mail is written to DATA_DIR/outbox: at most this many files and bytes (the oldest go).
    MAIL_OUTBOX_MAX_FILES: z.coerce.number().int().min(1).max(10_000_000).default(1_000),
    MAIL_OUTBOX_MAX_BYTES: z.coerce.number().int().min(64 * 1024).max(1024 ** 4).default(16 * 1024 * 1024),
    // One booking confirmation email per student and event per this window (app_private.throttle_rules,
    // booking_confirmation_emails): when set, applied at start; unset keeps what the database has (60).
    BOOKING_EMAIL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(30 * 24 * 60).optional(),
    // `npm start` runs the background worker in-process unless told not to.
    RUN_WORKER: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    // Migrations at start (default): `npm start` alone is enough. A deployment with
    // several instances sets false and runs `npm run migrate` once (the compose file's
    // `migrate` service); an instance then refuses to start on a database behind its code.
    MIGRATE_ON_START: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    // `npm run migrate`: how long its first connection is retried while the database starts
    // (refused, not resolvable yet, "starting up"), so it can start beside a fresh PostgreSQL.
    MIGRATE_DATABASE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
    // Shutdown on SIGTERM/SIGINT: /readyz answers 503 at once; the listener stays open
    // SHUTDOWN_DELAY_MS more (for load balancers that poll readiness), then requests in
    // flight get up to SHUTDOWN_TIMEOUT_MS to finish before their connections are cut.
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    ADMIN_EMAIL: z.string().optional(),
    ADMIN_PASSWORD: z.string().optional(),
    ADMIN_NAME: z.string().default("Admin"),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
    DATA_DIR: z.string().default(".data"),
    // Browser front ends on other origins: a comma-separated list, or * for any (development only).
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean)),
    // GraphQL request bounds (src/graphql/limits/defaults.ts), refused before execution.
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(graphqlDefaults.maxDepth),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(graphqlDefaults.maxAliases),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(graphqlDefaults.maxTokens),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(100_000_000).default(graphqlDefaults.maxCost),
    GRAPHQL_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(100_000).default(graphqlDefaults.maxPageSize),
    GRAPHQL_DEFAULT_PAGE_SIZE: z.coerce.number().int().min(1).max(100_000).default(graphqlDefaults.defaultPageSize),
    GRAPHQL_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100 * 1024 * 1024).default(graphqlDefaults.maxBodyBytes),
    GRAPHQL_MAX_LIST_ITEMS: z.coerce.number().int().min(1).max(100_000).default(graphqlDefaults.maxListItems),
    // Tokens of documents new to a server one client (user, else address) may send per window.
    GRAPHQL_NEW_DOCUMENT_TOKENS: z.coerce.number().int().min(100).max(100_000_000).default(graphqlDefaults.newDocumentTokens),
    GRAPHQL_NEW_DOCUMENT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(graphqlDefaults.newDocumentWindowSeconds),
    // Schema introspection and "Did you mean" suggestions; default: on, but off in production.
    GRAPHQL_INTROSPECTION: z.enum(["true", "false"]).optional(),
    // Who may read /metrics (src/metrics/endpoint.ts): with METRICS_TOKEN, the main port serves it
    // to `Authorization: Bearer <token>`; with METRICS_PORT, a listener of its own at METRICS_HOST
    // serves it (also the worker's, `npm run worker`). With neither: the main port serves it in
    // development, and nothing serves it in production.
    METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    METRICS_HOST: z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0").default("127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // json (one JSON object a line) or pretty (for people); unset: pretty in a terminal outside production, else json.
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    // How much of a request's URL (path and query string) its log line keeps; longer ones are cut, with their length.
    LOG_URL_MAX_CHARS: z.coerce.number().int().min(32).max(65_536).default(DEFAULT_LOG_URL_MAX_CHARS),
    // How long a booking waits for the per-event lock before answering BUSY.
    BOOKING_LOCK_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(5_000),
    BOOKING_LOCK_TTL_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    // How long an event's fencing counter stays in Redis after its last lock (src/booking/lock.ts says why expiring is safe).
    BOOKING_FENCE_TTL_MS: z.coerce.number().int().min(60_000).max(30 * 24 * 3_600_000).default(bookingDefaults.fenceTtlMs),
    // Bookings one student may have in flight at once (then 429 TOO_MANY_BOOKINGS).
    BOOKING_MAX_IN_FLIGHT_PER_STUDENT: z.coerce.number().int().min(1).max(1_000).default(bookingDefaults.maxInFlightPerStudent),
    // How long a booking batch waits for a booking connection before answering 503 BUSY.
    BOOKING_POOL_WAIT_MS: z.coerce.number().int().min(10).max(60_000).default(bookingDefaults.poolWaitMs),
    // Sign-in and signup throttling (app_private.throttle_rules): when set, applied at start.
    // Unset keeps what the database has (per 15 min: 10 per email from one address, 100 per email in all,
    // 300 per address; 300 signups per address per hour).
    SIGN_IN_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).max(1_000_000).optional(),
    SIGN_IN_FAILURES_PER_EMAIL_ANY_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).optional(),
    SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).optional(),
    SIGNUPS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).optional(),
    // Verification emails one account may ask for per hour (unset: the database's 5).
    VERIFICATION_EMAILS_PER_USER: z.coerce.number().int().min(1).max(1_000).optional(),
    // Password reset requests per email and per client address per hour (unset: the database's 5 and 100).
    PASSWORD_RESETS_PER_EMAIL: z.coerce.number().int().min(1).max(1_000).optional(),
    PASSWORD_RESETS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).optional(),
    // Websockets: operations at once per connection, and connections per client address.
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(100_000).default(websocketDefaults.maxSubscriptionsPerConnection),
    WS_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(websocketDefaults.maxConnectionsPerAddress),
    WS_SUBSCRIBES_PER_ADDRESS_PER_10S: z.coerce.number().int().min(1).max(10_000_000).default(websocketDefaults.subscribesPerAddressPer10s),
    // What one websocket makes the server send and keep (src/websocket/connection.ts):
    // unsent bytes queued for it, messages it may send per 10 s (default: 4 per subscription
    // it may start, see messagesPer10s), its operation ids and its connection_init payload.
    WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65_536).max(1_073_741_824).default(websocketDefaults.maxBufferedBytes),
    WS_MESSAGES_PER_CONNECTION_PER_10S: z.coerce.number().int().min(10).max(10_000_000).optional(),
    WS_MAX_OPERATION_ID_LENGTH: z.coerce
      .number()
      .int()
      .min(36, "must be at least 36 (graphql-ws clients send UUIDs)")
      .max(1_024)
      .default(websocketDefaults.maxOperationIdLength),
    WS_MAX_CONNECTION_PARAMS_BYTES: z.coerce.number().int().min(1_024).max(131_072).default(websocketDefaults.maxConnectionParamsBytes),
    // Subscribers of the same operation, variables and visible claims share one execution per change (src/websocket/cohorts.ts).
    WS_SUBSCRIPTION_COHORTS: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    // Reverse proxies whose X-Forwarded-For is believed (client addresses for per-address limits):
    // empty (trust nothing, the default), addresses/CIDRs/loopback,linklocal,uniquelocal, or a hop
    // count. A hop count believes whoever connects: only when nothing but the proxy can reach PORT.
    TRUST_PROXY: z
      .string()
      .default("")
      .refine((value) => {
        try {
          parseTrustProxy(value);
          return true;
        } catch {
          return false;
        }
      }, "must be a hop count or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal"),
    // IPv6 clients count by this prefix in every per-address limit (one network holds a whole /64).
    CLIENT_IPV6_PREFIX_LENGTH: z.coerce.number().int().min(16).max(128).default(DEFAULT_IPV6_PREFIX_LENGTH),
  })
  .superRefine((env, ctx) => {
    for (const name of ["JWT_SECRET", "PAYMENT_WEBHOOK_SECRET"] as const) {
      if (name === "PAYMENT_WEBHOOK_SECRET" && (env.PAYMENT_PROVIDER ?? "none") === "none") continue;
      if (env.NODE_ENV === "production" && !env[name]) {
        ctx.addIssue({ code: "custom", path: [name], message: "is required when NODE_ENV=production" });
      }
    }
    // The placeholders of .env.example and docker-compose.yml are public: in
    // production they would let anyone sign tokens or sign in as the admin.
    for (const name of ["JWT_SECRET", "PAYMENT_WEBHOOK_SECRET", "AUTHENTICATOR_PASSWORD", "ADMIN_PASSWORD", "METRICS_TOKEN", "OIDC_CLIENT_SECRET"] as const) {
      if (env.NODE_ENV === "production" && env[name]?.toLowerCase().includes("change-me")) {
        ctx.addIssue({ code: "custom", path: [name], message: "is still the example's placeholder (change-me…): set a secret of your own" });
      }
    }
    // Verification and password-reset emails carry links: in production they must point at the real site.
    if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is required when NODE_ENV=production: the base of the links in verification and password-reset emails, e.g. https://tickets.example.edu",
      });
    }
    const oidc = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
    if (oidc.some((name) => env[name])) {
      for (const name of oidc.filter((each) => !env[each])) {
        ctx.addIssue({ code: "custom", path: [name], message: "is required for single sign-on: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together" });
      }
    }
    // The provider's answers say who someone is: in production only over TLS (a provider on this machine aside).
    if (env.NODE_ENV === "production" && env.OIDC_ISSUER?.startsWith("http:") && !isLoopback(new URL(env.OIDC_ISSUER).hostname)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "must be an https:// URL when NODE_ENV=production (http only on this machine: localhost, 127.0.0.1, ::1)" });
    }
    if (env.NODE_ENV === "production" && env.CORS_ORIGINS.includes("*")) {
      ctx.addIssue({
        code: "custom",
        path: ["CORS_ORIGINS"],
        message: "* (any origin) is not allowed in production: list the front ends' origins, e.g. https://tickets.example.edu",
      });
    }
    if (env.GRAPHQL_DEFAULT_PAGE_SIZE > env.GRAPHQL_MAX_PAGE_SIZE) {
      ctx.addIssue({ code: "custom", path: ["GRAPHQL_DEFAULT_PAGE_SIZE"], message: "must not exceed GRAPHQL_MAX_PAGE_SIZE" });
    }
    if (env.GRAPHQL_NEW_DOCUMENT_TOKENS < env.GRAPHQL_MAX_TOKENS) {
      ctx.addIssue({
        code: "custom",
        path: ["GRAPHQL_NEW_DOCUMENT_TOKENS"],
        message: "must be at least GRAPHQL_MAX_TOKENS (else a document at the token limit could never be sent)",
      });
    }
    if (env.DATABASE_DIRECT_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_DIRECT_URL"], message: "needs DATABASE_URL (the connection requests use)" });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: "custom", path: ["METRICS_PORT"], message: "must differ from PORT (unset it and set METRICS_TOKEN to serve /metrics on PORT)" });
    }
    if (env.BOOKING_POOL_WAIT_MS >= env.BOOKING_LOCK_TTL_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["BOOKING_POOL_WAIT_MS"],
        message: "must be less than BOOKING_LOCK_TTL_MS (a batch holds the event's lock while it waits for a connection)",
      });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: "ADMIN_EMAIL and ADMIN_PASSWORD go together" });
    }
  })
  .transform((env) => ({
    ...env,
    PAYMENT_PROVIDER: env.PAYMENT_PROVIDER ?? (env.NODE_ENV === "production" ? ("none" as const) : ("mock" as const)),
    GRAPHQL_INTROSPECTION: env.GRAPHQL_INTROSPECTION === undefined ? env.NODE_ENV !== "production" : env.GRAPHQL_INTROSPECTION === "true",
    DATABASE_PREPARED_STATEMENTS: preparedStatementsWanted(env),
    REQUIRE_EMAIL_VERIFICATION:
      env.REQUIRE_EMAIL_VERIFICATION === undefined ? env.NODE_ENV === "production" : env.REQUIRE_EMAIL_VERIFICATION === "true",
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  }));

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

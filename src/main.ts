// Start: configuration → database (DATABASE_URL or embedded) → migrations → server.
import "./graphile-env.ts"; // before anything loads grafast
import { createServer } from "node:net";
import { ConfigError, loadConfig } from "./config.ts";
import { AdminEmailTakenError, ensureConfiguredAdmin } from "./db/admin.ts";
import { openDatabase } from "./db/database.ts";
import { EmbeddedPostgresError } from "./db/embedded.ts";
import { MigrationsPendingError } from "./db/migrate.ts";
import { localSecrets } from "./db/secrets.ts";
import { closeLogs, exitProcess, log } from "./log.ts";
import { mailerFor } from "./notifications/mailer.ts";
import { makePaymentProvider } from "./payments/make-provider.ts";
import { startServer } from "./server.ts";
import { logStartUpSummary } from "./start-up-summary.ts";
import { stopOnSignals } from "./shutdown.ts";
import { startWorker } from "./worker/runner.ts";

async function main() {
  const config = loadConfig();
  const production = config.NODE_ENV === "production";
  // Before the database starts: a taken HTTP port is the most common reason a second start fails.
  if (config.PORT !== 0 && (await portTaken(config.PORT))) throw new PortInUseError(config.PORT);
  const database = await openDatabase(config, log);

  try {
    await ensureConfiguredAdmin(config, database.ownerUrl, log);
  } catch (error) {
    await database.stop(); // an embedded PostgreSQL would outlive us
    throw error;
  }

  const jwt = {
    secret: config.JWT_SECRET ?? localSecrets(config.DATA_DIR).jwtSecret,
    ttlSeconds: config.JWT_TTL_SECONDS,
  };
  if (production && config.PAYMENT_PROVIDER === "mock") {
    log.warn("PAYMENT_PROVIDER=mock in production: the mock checkout confirms payments without taking money");
  }
  const workerPayments = config.RUN_WORKER
    ? makePaymentProvider(config.PAYMENT_PROVIDER, { ledgerUrl: database.ownerUrl, log })
    : undefined;
  const worker = config.RUN_WORKER
    ? await startWorker({ ownerUrl: database.ownerUrl, mailer: mailerFor(config), log, payments: workerPayments })
    : undefined;
  const running = await startServer(
    {
      authUrl: database.authUrl,
      listenUrl: database.listenUrl,
      preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
      jwt,
      production,
      log,
      logUrlMaxChars: config.LOG_URL_MAX_CHARS,
      corsOrigins: config.CORS_ORIGINS,
      paymentWebhookSecret: config.PAYMENT_WEBHOOK_SECRET ?? localSecrets(config.DATA_DIR).paymentWebhookSecret,
      paymentProvider: config.PAYMENT_PROVIDER,
      websockets: {
        maxSubscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        maxConnectionsPerAddress: config.WS_MAX_CONNECTIONS_PER_ADDRESS,
        subscribesPerAddressPer10s: config.WS_SUBSCRIBES_PER_ADDRESS_PER_10S,
        messagesPerConnectionPer10s: config.WS_MESSAGES_PER_CONNECTION_PER_10S,
        maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
        maxOperationIdLength: config.WS_MAX_OPERATION_ID_LENGTH,
        maxConnectionParamsBytes: config.WS_MAX_CONNECTION_PARAMS_BYTES,
      },
      subscriptionCohorts: config.WS_SUBSCRIPTION_COHORTS,
      trustProxy: config.TRUST_PROXY,
      clientIpv6PrefixLength: config.CLIENT_IPV6_PREFIX_LENGTH,
      graphqlLimits: {
        maxDepth: config.GRAPHQL_MAX_DEPTH,
        maxAliases: config.GRAPHQL_MAX_ALIASES,
        maxTokens: config.GRAPHQL_MAX_TOKENS,
        maxCost: config.GRAPHQL_MAX_COST,
        maxPageSize: config.GRAPHQL_MAX_PAGE_SIZE,
        defaultPageSize: config.GRAPHQL_DEFAULT_PAGE_SIZE,
        maxBodyBytes: config.GRAPHQL_MAX_BODY_BYTES,
        maxListItems: config.GRAPHQL_MAX_LIST_ITEMS,
        newDocumentTokens: config.GRAPHQL_NEW_DOCUMENT_TOKENS,
        newDocumentWindowSeconds: config.GRAPHQL_NEW_DOCUMENT_WINDOW_SECONDS,
      },
      introspection: config.GRAPHQL_INTROSPECTION,
      metrics: { token: config.METRICS_TOKEN, port: config.METRICS_PORT, host: config.METRICS_HOST },
      shutdown: { delayMs: config.SHUTDOWN_DELAY_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      publicUrl: config.PUBLIC_URL,
      host: config.HOST,
      singleSignOn:
        config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
          ? {
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
              loginMaxSeconds: config.OIDC_LOGIN_MAX_SECONDS,
              httpTimeoutSeconds: config.OIDC_HTTP_TIMEOUT_SECONDS,
            }
          : undefined,
      lock: {
        redisUrl: config.REDIS_URL,
        redisPrefix: config.REDIS_PREFIX,
        ttlMs: config.BOOKING_LOCK_TTL_MS,
        waitMs: config.BOOKING_LOCK_WAIT_MS,
        fenceTtlMs: config.BOOKING_FENCE_TTL_MS,
      },
      booking: {
        maxInFlightPerStudent: config.BOOKING_MAX_IN_FLIGHT_PER_STUDENT,
        poolWaitMs: config.BOOKING_POOL_WAIT_MS,
      },
    },
    config.PORT,
  );
  // Signals are heard before anything else is awaited: a SIGTERM during the start-up
  // summary's query would otherwise reach only graphile-worker's own handler, which
  // stops the worker and leaves the server running.
  // HTTP first (/readyz 503 at once, requests in flight finish, websockets are
  // told to reconnect), then the worker (running jobs finish), then the database
  // they used. The whole of it is bounded: the HTTP drain by its own timeout, and
  // ten seconds more for jobs and pools (docker's stop_grace_period must exceed it).
  stopOnSignals(
    [
      { name: "http", stop: () => running.close() },
      { name: "worker", stop: () => worker?.stop() },
      { name: "payments", stop: () => workerPayments?.close() },
      { name: "database", stop: () => database.stop() },
    ],
    { log, exit: exitProcess, closeLogs, deadlineMs: config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_TIMEOUT_MS + 10_000 },
  );
  await logStartUpSummary({ running, publicUrl: process.env.PUBLIC_URL ? config.PUBLIC_URL : `http://localhost:${running.listening.port}`, production, ownerUrl: database.ownerUrl }, log);
  if (config.OIDC_ISSUER) {
    log.info({ issuer: config.OIDC_ISSUER, callback: `${config.PUBLIC_URL}/auth/oidc/callback` }, "single sign-on with the college's identity provider");
  }
  if (production && !config.METRICS_TOKEN && !config.METRICS_PORT) {
    log.info("/metrics is not served: set METRICS_PORT or METRICS_TOKEN to let Prometheus scrape it (README, Operating)");
  }
}

class PortInUseError extends Error {
  constructor(port: number) {
    super(`PORT ${port} is already in use (another \`npm start\`?): stop that process, or set PORT to a free port.`);
  }
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE"));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

main().catch((error) => {
  // What the user can act on, in one sentence; anything else with its stack.
  if (
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError ||
    error instanceof PortInUseError ||
    error instanceof MigrationsPendingError ||
    error instanceof AdminEmailTakenError
  ) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(new PortInUseError(loadConfig().PORT).message);
  } else {
    log.fatal({ err: error }, "failed to start");
  }
  exitProcess(1);
});

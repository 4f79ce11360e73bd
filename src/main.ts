// Start: configuration → database (DATABASE_URL or embedded) → migrations → server.
import "./graphile-env.ts"; // before anything loads grafast
import { ConfigError, loadConfig } from "./config.ts";
import { ensureAdmin } from "./db/admin.ts";
import { openDatabase } from "./db/database.ts";
import { localSecrets } from "./db/secrets.ts";
import { exitProcess, log } from "./log.ts";
import { mailerFor } from "./notifications/mailer.ts";
import { makePaymentProvider } from "./payments/make-provider.ts";
import { startServer } from "./server.ts";
import { startWorker } from "./worker/runner.ts";

async function main() {
  const config = loadConfig();
  const production = config.NODE_ENV === "production";
  const database = await openDatabase(config, log);

  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureAdmin(database.ownerUrl, {
      name: config.ADMIN_NAME,
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
    });
    log.info({ email: config.ADMIN_EMAIL, outcome }, "admin account");
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
      jwt,
      production,
      log,
      corsOrigins: config.CORS_ORIGINS,
      paymentWebhookSecret: config.PAYMENT_WEBHOOK_SECRET ?? localSecrets(config.DATA_DIR).paymentWebhookSecret,
      paymentProvider: config.PAYMENT_PROVIDER,
      websockets: {
        maxSubscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        maxConnectionsPerAddress: config.WS_MAX_CONNECTIONS_PER_ADDRESS,
      },
      trustProxy: config.TRUST_PROXY,
      graphqlLimits: {
        maxDepth: config.GRAPHQL_MAX_DEPTH,
        maxAliases: config.GRAPHQL_MAX_ALIASES,
        maxTokens: config.GRAPHQL_MAX_TOKENS,
        maxCost: config.GRAPHQL_MAX_COST,
        maxPageSize: config.GRAPHQL_MAX_PAGE_SIZE,
        defaultPageSize: config.GRAPHQL_DEFAULT_PAGE_SIZE,
        maxBodyBytes: config.GRAPHQL_MAX_BODY_BYTES,
      },
      introspection: config.GRAPHQL_INTROSPECTION,
      lock: {
        redisUrl: config.REDIS_URL,
        redisPrefix: config.REDIS_PREFIX,
        ttlMs: config.BOOKING_LOCK_TTL_MS,
        waitMs: config.BOOKING_LOCK_WAIT_MS,
      },
    },
    config.PORT,
  );
  log.info(
    { url: running.url, graphql: `${running.url}/graphql`, ide: production ? undefined : `${running.url}/graphiql` },
    "ticketing API is listening",
  );

  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await running.close();
    await worker?.stop();
    await workerPayments?.close();
    await database.stop();
    exitProcess(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    log.fatal({ err: error }, "failed to start");
  }
  exitProcess(1);
});

// `npm run worker`: the worker on its own (the API's `npm start` also runs one in-process).
import "../graphile-env.ts"; // before anything loads grafast
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { MigrationsPendingError } from "../db/migrate.ts";
import { EmbeddedPostgresError } from "../db/embedded.ts";
import { closeLogs, exitProcess, log } from "../log.ts";
import { mailerFor } from "../notifications/mailer.ts";
import { makePaymentProvider } from "../payments/make-provider.ts";
import { stopOnSignals } from "../shutdown.ts";
import { startWorker } from "./runner.ts";
import { startMetricsListener } from "../metrics/endpoint.ts";

async function main() {
  const config = loadConfig();
  // With the embedded default, the PostgreSQL `npm start` (RUN_WORKER=false) owns, if it runs.
  const database = await openDatabase(config, log, { shareEmbedded: true });
  const payments = makePaymentProvider(config.PAYMENT_PROVIDER, { ledgerUrl: database.ownerUrl, log });
  const runner = await startWorker({ ownerUrl: database.ownerUrl, mailer: mailerFor(config), log, payments });
  // Its metrics (job outcomes, queue depth, outbox lag, payments) on a listener of its own: it has no HTTP port.
  const metrics = config.METRICS_PORT
    ? await startMetricsListener({ token: config.METRICS_TOKEN, port: config.METRICS_PORT, host: config.METRICS_HOST }, log)
    : log.info("worker metrics are not served: set METRICS_PORT (another than the API's on the same host)");
  stopOnSignals(
    [
      { name: "worker", stop: () => runner.stop() },
      { name: "metrics", stop: () => metrics?.close() },
      { name: "payments", stop: () => payments?.close() },
      { name: "database", stop: () => database.stop() },
    ],
    // Jobs running at SIGTERM get SHUTDOWN_TIMEOUT_MS to finish; past that (a stuck job) it exits anyway.
    { log, exit: exitProcess, closeLogs, deadlineMs: config.SHUTDOWN_TIMEOUT_MS + 10_000 },
  );
  await runner.promise;
}

main().catch((error) => {
  // What the user can act on, in one sentence (as npm start says it); anything else with its stack.
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof MigrationsPendingError) {
    console.error(error.message);
  } else {
    log.fatal({ err: error }, "worker failed to start");
  }
  exitProcess(1);
});

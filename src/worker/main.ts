// `npm run worker`: the worker on its own (the API's `npm start` also runs one in-process).
import "../graphile-env.ts"; // before anything loads grafast
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { exitProcess, log } from "../log.ts";
import { mailerFor } from "../notifications/mailer.ts";
import { makePaymentProvider } from "../payments/make-provider.ts";
import { startWorker } from "./runner.ts";

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config, log);
  const payments = makePaymentProvider(config.PAYMENT_PROVIDER, { ledgerUrl: database.ownerUrl, log });
  const runner = await startWorker({ ownerUrl: database.ownerUrl, mailer: mailerFor(config), log, payments });
  const shutdown = async () => {
    await runner.stop();
    await payments?.close();
    await database.stop();
    exitProcess(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  await runner.promise;
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else log.fatal({ err: error }, "worker failed to start");
  exitProcess(1);
});

// npm run migrate: bring the database to this code's schema, once, and stop.
// What `npm start` does before serving when MIGRATE_ON_START=true (the default),
// for deployments that run several instances with MIGRATE_ON_START=false (the
// compose file's one-shot `migrate` service): graphile-worker's schema, the
// committed migrations (under an advisory lock), the throttle rules set in the
// environment, the authenticator role's password (AUTHENTICATOR_PASSWORD), and
// the admin account when ADMIN_EMAIL/ADMIN_PASSWORD are set. Exits 0 when the
// database is ready; 1 with the reason otherwise.
// Uses DATABASE_URL, or the embedded default (as create-admin does). Its first
// connection is retried for up to MIGRATE_DATABASE_WAIT_MS while PostgreSQL starts.
import "../graphile-env.ts"; // before anything loads grafast
import { ConfigError, loadConfig } from "../config.ts";
import { AdminEmailTakenError, ensureConfiguredAdmin } from "../db/admin.ts";
import { openDatabase } from "../db/database.ts";
import { EmbeddedPostgresError } from "../db/embedded.ts";
import { closeLogs, exitProcess, log } from "../log.ts";
import { DatabaseWaitError, waitForDatabase } from "../db/wait-for-database.ts";

async function main() {
  const config = loadConfig();
  // Started beside a PostgreSQL that is still starting (compose, first up): its first connection waits a bounded time.
  const ownerUrl = config.DATABASE_DIRECT_URL ?? config.DATABASE_URL;
  if (ownerUrl) await waitForDatabase(ownerUrl, config.MIGRATE_DATABASE_WAIT_MS, log);
  const database = await openDatabase(config, log, { shareEmbedded: true, migrate: true });
  try {
    await ensureConfiguredAdmin(config, database.ownerUrl, log);
  } finally {
    await database.stop();
  }
  log.info("database migrated");
  await closeLogs();
  exitProcess(0);
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof AdminEmailTakenError || error instanceof DatabaseWaitError) console.error(error.message);
  else log.fatal({ err: error }, "migration failed");
  exitProcess(1);
});

// npm run migrate: bring the database to this code's schema, once, and stop.
// What `npm start` does before serving when MIGRATE_ON_START=true (the default),
// for deployments that run several instances with MIGRATE_ON_START=false (the
// compose file's one-shot `migrate` service): graphile-worker's schema, the
// committed migrations (under an advisory lock), the throttle rules set in the
// environment, the authenticator role's password (AUTHENTICATOR_PASSWORD), and
// the admin account when ADMIN_EMAIL/ADMIN_PASSWORD are set. Exits 0 when the
// database is ready; 1 with the reason otherwise.
// Uses DATABASE_URL, or the embedded default (as create-admin does).
import "../graphile-env.ts"; // before anything loads grafast
import { ConfigError, loadConfig } from "../config.ts";
import { AdminEmailTakenError, ensureConfiguredAdmin } from "../db/admin.ts";
import { openDatabase } from "../db/database.ts";
import { EmbeddedPostgresError } from "../db/embedded.ts";
import { closeLogs, exitProcess, log } from "../log.ts";

async function main() {
  const config = loadConfig();
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
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof AdminEmailTakenError) console.error(error.message);
  else log.fatal({ err: error }, "migration failed");
  exitProcess(1);
});

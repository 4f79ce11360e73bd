// npm run seed: demo categories, a dozen upcoming events and demo accounts
// (src/demo/). Uses DATABASE_URL, or the embedded default: the PostgreSQL a
// running `npm start` owns, else one started for this command and stopped after it.
import "../graphile-env.ts"; // before anything loads grafast
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { EmbeddedPostgresError } from "../db/embedded.ts";
import { demoAccounts, seedDemoData } from "../demo/seed.ts";
import { toAppError } from "../errors.ts";
import { exitProcess, log } from "../log.ts";

const productionRefusal =
  "npm run seed refuses to run with NODE_ENV=production: it creates demo accounts whose passwords are published " +
  "in this repository. Make a real admin with npm run create-admin instead.";

async function main() {
  // Before the configuration is checked: production's required settings are not the reason to give.
  if (process.env.NODE_ENV === "production") {
    console.error(productionRefusal);
    exitProcess(1);
  }
  const config = loadConfig();
  const quiet = log.child({}, { level: "warn" });
  const database = await openDatabase(config, quiet, { shareEmbedded: true });
  try {
    const outcome = await seedDemoData(database);
    console.log(
      outcome.eventsCreated > 0
        ? `Demo data: ${outcome.eventsCreated} events created${outcome.eventsKept ? `, ${outcome.eventsKept} already there` : ""}.`
        : `Demo data is already there (${outcome.eventsKept} events); nothing changed.`,
    );
    console.log(`Sign in at ${config.PUBLIC_URL}/signin as`);
    console.log(`  a student: ${demoAccounts.student.email} / ${demoAccounts.student.password}`);
    console.log(`  an admin:  ${demoAccounts.admin.email} / ${demoAccounts.admin.password}`);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  const appError = toAppError(error);
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) console.error(error.message);
  else if (appError) console.error(`seed failed: ${appError.code}: ${appError.message}`);
  else if (error instanceof Error) console.error(`seed failed: ${error.message}`);
  else console.error("seed failed:", error);
  exitProcess(1);
});

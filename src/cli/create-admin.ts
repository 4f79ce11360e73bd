// npm run create-admin -- --email E --password P [--name N]
// Uses DATABASE_URL, or the embedded default: the PostgreSQL a running
// `npm start` owns, else one started for this command and stopped after it.
import "../graphile-env.ts"; // before anything loads grafast
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import { AdminEmailTakenError, ensureAdmin } from "../db/admin.ts";
import { openDatabase } from "../db/database.ts";
import { EmbeddedPostgresError } from "../db/embedded.ts";
import { toAppError } from "../errors.ts";
import { exitProcess, log } from "../log.ts";

const usage = "usage: npm run create-admin -- --email admin@example.edu --password 'long secret' [--name 'Ada Admin']";

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string", default: "Admin" } },
  });
  if (!values.email || !values.password) {
    console.error(usage);
    exitProcess(2);
  }
  // Only warnings and worse (whatever LOG_LEVEL says for the server): the command's answer is the one line below.
  const quiet = log.child({}, { level: "warn" });
  const database = await openDatabase(loadConfig(), quiet, { shareEmbedded: true });
  try {
    const outcome = await ensureAdmin(database.ownerUrl, { name: values.name!, email: values.email, password: values.password });
    console.log(outcome === "created" ? `Admin ${values.email} created.` : `The admin ${values.email} already exists; nothing changed.`);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  const appError = toAppError(error);
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof AdminEmailTakenError) console.error(error.message);
  else if (appError) console.error(`${appError.code}: ${appError.message}`);
  else if (error instanceof Error) console.error(`create-admin failed: ${error.message}`);
  else console.error("create-admin failed:", error);
  exitProcess(1);
});

// npm run reset: start again from an empty development database. Removes the
// embedded PostgreSQL's data (DATA_DIR/pg) and the mail outbox; keeps the
// generated secrets (DATA_DIR/secrets.json). The next `npm start` creates and
// migrates a fresh database. Never touches a DATABASE_URL database.
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config.ts";
import { runningPostgres } from "../db/embedded.ts";

function main(): number {
  if (process.env.NODE_ENV === "production") {
    console.error("npm run reset refuses to run with NODE_ENV=production: it deletes every account, event and ticket.");
    return 1;
  }
  const config = loadConfig();
  if (config.DATABASE_URL) {
    console.error(
      "npm run reset only resets the embedded development database, and DATABASE_URL is set: " +
        "drop and recreate that database yourself (the next start migrates it).",
    );
    return 1;
  }
  const databaseDir = resolve(config.DATA_DIR, "pg");
  const running = runningPostgres(databaseDir);
  if (running) {
    console.error(`The embedded PostgreSQL is running (pid ${running.pid}, port ${running.port}): stop \`npm start\` first, then reset.`);
    return 1;
  }
  const removed = [databaseDir, resolve(config.DATA_DIR, "outbox"), resolve(config.DATA_DIR, "postgres-owner.pid")].filter(existsSync);
  for (const path of removed) rmSync(path, { recursive: true, force: true });
  console.log(
    removed.length
      ? `Development data removed (${removed.join(", ")}). \`npm start\` begins with an empty database; \`npm run seed\` adds the demo data.`
      : "There was no development data to remove.",
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `reset failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

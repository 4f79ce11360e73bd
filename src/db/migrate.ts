// Committed migrations only, as `graphile-migrate migrate` runs them.
import { Logger, migrate } from "graphile-migrate";
import { Logger as WorkerLogger, runMigrations as runWorkerMigrations } from "graphile-worker";
import pg from "pg";
import { fileURLToPath } from "node:url";
import type { Logger as AppLogger } from "../log.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** Two-key advisory lock space, apart from graphile-migrate's and graphile-worker's single-key locks. */
const MIGRATION_LOCK = [0x7469636b, 1]; // "tick", 1

export async function migrateDatabase(ownerUrl: string, log: AppLogger): Promise<void> {
  const logger = new Logger(() => (level, message) => {
    if (level === "error") log.error({ migrate: message });
    else log.info({ migrate: message });
  });
  // Instances starting together queue on one advisory lock: graphile-migrate's
  // own lock is a try-lock that fails the loser with a bare message (no code),
  // so the winner migrates alone and the others then find nothing to do.
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on("error", (error) => log.warn({ err: error.message }, "migration lock connection failed"));
  await client.connect();
  try {
    // Bounded wait: a stuck migration elsewhere fails this start with lock_timeout (55P03).
    await client.query("set lock_timeout = '2min'");
    await client.query("select pg_advisory_lock($1, $2)", MIGRATION_LOCK);
    // graphile-worker's own schema first: our SQL queues jobs with graphile_worker.add_job.
    await installWorkerSchema(ownerUrl, log);
    await migrate({ connectionString: ownerUrl, migrationsFolder: MIGRATIONS_FOLDER, logger });
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

export async function installWorkerSchema(ownerUrl: string, log: AppLogger): Promise<void> {
  await runWorkerMigrations({
    connectionString: ownerUrl,
    logger: new WorkerLogger(() => (level, message) => {
      if (level === "error") log.error({ worker: message });
      else log.debug({ worker: message });
    }),
  });
}

/** Give the authenticator role the password the API will log in with. */
export async function setAuthenticatorPassword(ownerUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`alter role ticketing_authenticator password ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL with the user switched to the authenticator role. */
export function authenticatorUrl(ownerUrl: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = "ticketing_authenticator";
  url.password = password ? encodeURIComponent(password) : "";
  return url.toString();
}

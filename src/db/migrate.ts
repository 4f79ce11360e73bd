// Committed migrations only, as `graphile-migrate migrate` runs them.
import { Logger, migrate } from "graphile-migrate";
import { Logger as WorkerLogger, runMigrations as installWorkerSchema } from "graphile-worker";
import pg from "pg";
import { fileURLToPath } from "node:url";
import type { Logger as AppLogger } from "../log.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));

export async function migrateDatabase(ownerUrl: string, log: AppLogger): Promise<void> {
  const logger = new Logger(() => (level, message) => {
    if (level === "error") log.error({ migrate: message });
    else log.info({ migrate: message });
  });
  // graphile-worker's own schema first: our SQL queues jobs with graphile_worker.add_job.
  await installWorkerSchema({
    connectionString: ownerUrl,
    logger: new WorkerLogger(() => (level, message) => {
      if (level === "error") log.error({ worker: message });
      else log.debug({ worker: message });
    }),
  });
  // Instances starting together race for graphile-migrate's advisory lock; the
  // losers wait for the winner instead of failing to start.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate({ connectionString: ownerUrl, migrationsFolder: MIGRATIONS_FOLDER, logger });
      return;
    } catch (error) {
      if (!String((error as Error).message).includes("Failed to get exclusive lock") || attempt >= 150) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
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

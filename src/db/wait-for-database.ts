// The first connection of `npm run migrate`, retried for a bounded time. In a
// compose stack migrate starts as soon as PostgreSQL's health check passes; on
// a fresh volume the image first runs a temporary server for its initialisation
// and then restarts, so a first connection can be refused, or answered "the
// database system is starting up" (57P03), for a moment. Those, and a host name
// not resolvable yet, are retried until MIGRATE_DATABASE_WAIT_MS; anything else
// (a wrong password, a database that does not exist) fails at once: waiting
// would not change it.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

const TRANSIENT = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "57P03"]);

export class DatabaseWaitError extends Error {}

/** Where a URL points, without its credentials (for messages). */
function address(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

export async function waitForDatabase(url: string, waitMs: number, log: { warn(details: object, message: string): void }, retryEveryMs = 500): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: Math.max(1_000, Math.min(10_000, waitMs)) });
    client.on("error", () => {}); // a connection lost while we close it: nothing to do
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? "");
      const reason = `${code ? `${code} ` : ""}${(error as Error).message}`;
      if (!TRANSIENT.has(code)) throw error;
      if (Date.now() + retryEveryMs > deadline) {
        throw new DatabaseWaitError(
          `PostgreSQL at ${address(url)} did not accept a connection within MIGRATE_DATABASE_WAIT_MS=${waitMs} ` +
            `(${attempt} attempt(s); last: ${reason})`,
        );
      }
      log.warn({ attempt, reason }, "the database does not accept connections yet; retrying");
      await sleep(retryEveryMs);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

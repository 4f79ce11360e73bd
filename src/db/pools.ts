// Every pg pool of the process is made here, so each has what a lost database
// needs: an `error` listener on the pool (idle connections) AND on every client
// (pg emits `error` on a checked-out client when its backend is terminated, and
// pg-pool only listens while the client is idle: without this the process
// exits), and a connection timeout so requests fail fast instead of hanging.
import pg from "pg";
import { refusedConnection } from "../errors.ts";
import type { Logger } from "../log.ts";
import { watchPool } from "../metrics/pools.ts";

export interface PoolOptions {
  max: number;
  /** How long a request waits for a connection before failing (then 503 DATABASE_UNAVAILABLE). */
  connectionTimeoutMillis?: number;
  /** Client-side bound on one query (e.g. the readiness check). */
  queryTimeoutMillis?: number;
  /** Server-side bound on each statement (e.g. scrape-time metrics queries). */
  statementTimeoutMillis?: number;
}

/**
 * pg's client with its failures to connect marked as such (src/errors.ts):
 * a server that refuses a connection (55000 when the database does not accept
 * connections) is unavailable, where the same SQLSTATE from a query is a bug.
 */
class Client extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error) => void): void;
  override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
    if (!callback) return super.connect().catch((error: Error) => Promise.reject(refusedConnection(error)));
    // pg-pool's way: a callback, called with (error) or (null, client).
    const pass = callback as (error: Error | null, client?: pg.Client) => void;
    super.connect(((error: Error | null, client?: pg.Client) => pass(error && refusedConnection(error), client)) as (error: Error) => void);
  }
}

export function makePool(name: string, connectionString: string, options: PoolOptions, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    Client,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    query_timeout: options.queryTimeoutMillis,
    statement_timeout: options.statementTimeoutMillis,
    application_name: `ticketing:${name}`,
    keepAlive: true,
  });
  // One line per failure burst would be nicer, but a terminated pool loses at
  // most `max` connections at once: a line each is readable.
  pool.on("error", (error) => log.warn({ pool: name, err: error.message }, "idle database connection failed"));
  pool.on("connect", (client) => {
    client.on("error", (error) => log.warn({ pool: name, err: error.message }, "database connection failed while in use"));
  });
  watchPool(name, pool); // in use / idle / waiting at /metrics
  return pool;
}

// Every pg pool of the process is made here, so each has what a lost database
// needs: an `error` listener on the pool (idle connections) AND on every client
// (pg emits `error` on a checked-out client when its backend is terminated, and
// pg-pool only listens while the client is idle: without this the process
// exits), and a connection timeout so requests fail fast instead of hanging.
import pg from "pg";
import { poolSaturated, refusedConnection } from "../errors.ts";
import type { Logger } from "../log.ts";
import { watchPool } from "../metrics/pools.ts";

export interface PoolOptions {
  max: number;
  /**
   * How long a request waits for a connection before failing: 503 BUSY when every
   * connection was in use by other requests, DATABASE_UNAVAILABLE when the wait
   * was for the database to accept one (SaturationAwarePool below).
   */
  connectionTimeoutMillis?: number;
  /** Client-side bound on one query (e.g. the readiness check). */
  queryTimeoutMillis?: number;
  /** Server-side bound on each statement (e.g. scrape-time metrics queries). */
  statementTimeoutMillis?: number;
}

/** What a pool knows of its connections being opened, to tell why a wait for one ran out. */
class Openings {
  /** Each connection attempt still in progress: when it began. */
  readonly started = new Set<{ at: number }>();
  /** When the last attempt failed (refused, timed out, dropped). */
  lastFailureAt = 0;

  /**
   * A wait that began at `since` ran out with every connection taken: was it
   * for busy connections (all of them open and in use by other requests), or
   * for the database to accept one (an attempt in progress since before the
   * wait began, or one that failed during it)?
   */
  waitedForDatabase(since: number): boolean {
    if (this.lastFailureAt >= since) return true;
    for (const attempt of this.started) if (attempt.at <= since) return true;
    return false;
  }
}

/**
 * pg's client with its failures to connect marked as such (src/errors.ts):
 * a server that refuses a connection (55000 when the database does not accept
 * connections) is unavailable, where the same SQLSTATE from a query is a bug.
 * Each pool has its own subclass, which records its attempts in `openings`.
 */
function clientClass(openings: Openings) {
  return class Client extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (error: Error) => void): void;
    override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
      const attempt = { at: Date.now() };
      openings.started.add(attempt);
      const settle = (error: Error | null) => {
        openings.started.delete(attempt);
        if (error) openings.lastFailureAt = Date.now();
        return error && refusedConnection(error);
      };
      if (!callback) {
        return super.connect().then(
          (client) => (settle(null), client),
          (error: Error) => Promise.reject(settle(error)),
        );
      }
      // pg-pool's way: a callback, called with (error) or (null, client).
      const pass = callback as (error: Error | null, client?: pg.Client) => void;
      super.connect(((error: Error | null, client?: pg.Client) => pass(settle(error), client)) as (error: Error) => void);
    }
  };
}

/**
 * pg-pool raises the same error ("timeout exceeded when trying to connect")
 * for two different waits: for a connection another request holds (the pool is
 * saturated: the database is fine, this instance is busy) and behind connections
 * that are still being opened (the database does not answer). This pool marks
 * the first (poolSaturated: 503 BUSY) from what happened during the wait; the
 * second stays DATABASE_UNAVAILABLE. pool.query() goes through connect() too.
 */
class SaturationAwarePool extends pg.Pool {
  readonly openings: Openings;

  constructor(config: pg.PoolConfig, openings: Openings) {
    super(config);
    this.openings = openings;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const since = Date.now();
    const mark = (error: Error | undefined) => {
      if (error?.message === "timeout exceeded when trying to connect" && !this.openings.waitedForDatabase(since)) poolSaturated(error);
      return error;
    };
    if (!callback) return super.connect().catch((error: Error) => Promise.reject(mark(error)));
    super.connect((error, client, done) => callback(mark(error), client, done));
  }
}

export function makePool(name: string, connectionString: string, options: PoolOptions, log: Logger): pg.Pool {
  const openings = new Openings();
  const pool = new SaturationAwarePool(
    {
      connectionString,
      Client: clientClass(openings),
      max: options.max,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
      query_timeout: options.queryTimeoutMillis,
      statement_timeout: options.statementTimeoutMillis,
      application_name: `ticketing:${name}`,
      keepAlive: true,
    },
    openings,
  );
  // One line per failure burst would be nicer, but a terminated pool loses at
  // most `max` connections at once: a line each is readable.
  pool.on("error", (error) => log.warn({ pool: name, err: error.message }, "idle database connection failed"));
  pool.on("connect", (client) => {
    client.on("error", (error) => log.warn({ pool: name, err: error.message }, "database connection failed while in use"));
  });
  watchPool(name, pool); // in use / idle / waiting at /metrics
  return pool;
}

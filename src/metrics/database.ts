// Gauges only the database knows: the worker's queue, the outbox's lag, payments
// by state. Read at scrape time by a process that runs the worker (it has the
// owner connection; the API's role cannot read graphile_worker or app_private),
// with one query on a one-connection pool of its own, so a scrape never takes
// a job's connection nor waits behind one:
//   * bounded: statement_timeout 1 s on the server, 2 s on the client, 1 s to connect;
//   * shared: scrapes within MIN_INTERVAL_MS of the last query reuse its answer,
//     so several scrapers (or a dashboard refreshing) cost one query;
//   * a database that is down or slow never fails the scrape: the gauges are
//     left out and ticketing_database_up reads 0;
//   * a process that reads none (an API without the worker) reports none of
//     them, not zeros: they live in registries of their own, which
//     databaseMetrics() adds to the scrape only when they have a value.
// Cost: the jobs table holds pending jobs only (graphile-worker deletes done
// ones); unsent outbox rows are found through their partial index
// (outbox_unsent_idx). Payments are counted in full, which grows with history
// (about 30 ms per 100,000 rows measured here, 1 million in 0.3 s on a loaded
// machine), so they have a query of their own, at most once a minute: when it
// times out only ticketing_payments goes missing, never the queue's gauges.
import { Gauge, Registry } from "prom-client";
import type pg from "pg";
import type { Logger } from "../log.ts";

/** ticketing_database_up: in every scrape of a process that reads the database's gauges. */
const upRegistry = new Registry();
/** The gauges read from the database: in a scrape only when the read answered. */
const readRegistry = new Registry();

/** Both, for a reader of every metric name (the monitoring files' test). */
export const databaseRegistries = [upRegistry, readRegistry];

/** The database's gauges for this scrape, as exposition text ("" when this process reads none). */
export async function databaseMetrics(): Promise<string> {
  const pending = snapshot();
  if (!pending) return "";
  const up = await upRegistry.metrics();
  return (await pending) ? up + (await readRegistry.metrics()) : up;
}

const MIN_INTERVAL_MS = 5_000;
const PAYMENTS_MIN_INTERVAL_MS = 60_000;

interface Snapshot {
  jobs: { ready: number; running: number; scheduled: number; failed: number; oldest_ready_seconds: number | null };
  outbox: { unsent: number; oldest_seconds: number | null };
}

const QUERY = `
select
  (select json_build_object(
      'ready', count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now()),
      'running', count(*) filter (where locked_at is not null),
      'scheduled', count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now()),
      'failed', count(*) filter (where locked_at is null and attempts >= max_attempts),
      'oldest_ready_seconds', extract(epoch from now() - min(run_at) filter (where locked_at is null and attempts < max_attempts and run_at <= now())))
    from graphile_worker.jobs) as jobs,
  (select json_build_object('unsent', count(*), 'oldest_seconds', extract(epoch from now() - min(created_at)))
    from app_private.outbox where sent_at is null) as outbox`;

const PAYMENTS_QUERY = "select status, count(*)::float8 as n from app_private.payments group by status";

interface Source {
  pool: pg.Pool;
  log: Logger;
  last?: { at: number; result: Promise<Snapshot | undefined> };
  lastPayments?: { at: number; result: Promise<Map<string, number> | undefined> };
  failing: boolean;
}

/** The sources registered, latest last: the latest is read (one process may start several workers, tests do). */
const sources: Source[] = [];

/** The pool watchDatabase wants (made by src/db/pools.ts, on the owner's connection). */
export const DATABASE_METRICS_POOL = { max: 1, connectionTimeoutMillis: 1_000, queryTimeoutMillis: 2_000, statementTimeoutMillis: 1_000 };

/**
 * Report the database's gauges through `pool` (DATABASE_METRICS_POOL) until
 * the returned function is called (it ends the pool).
 */
export function watchDatabase(pool: pg.Pool, log: Logger): () => Promise<void> {
  const mine: Source = { pool, log, failing: false };
  sources.push(mine);
  return async () => {
    sources.splice(sources.indexOf(mine) >>> 0, 1);
    await pool.end().catch(() => {});
  };
}

function snapshot(): Promise<Snapshot | undefined> | undefined {
  const current = sources.at(-1);
  if (!current) return undefined;
  const now = Date.now();
  if (current.last && now - current.last.at < MIN_INTERVAL_MS) return current.last.result;
  const result = current.pool.query<Snapshot>(QUERY).then(
    ({ rows }) => {
      if (current.failing) current.log.info("database metrics readable again");
      current.failing = false;
      return rows[0]!;
    },
    (error: Error) => {
      // One line when it starts failing, not one per scrape.
      if (!current.failing) current.log.warn({ err: error.message }, "database metrics unreadable; reporting ticketing_database_up 0");
      current.failing = true;
      return undefined;
    },
  );
  current.last = { at: now, result };
  return result;
}

function paymentCounts(): Promise<Map<string, number> | undefined> | undefined {
  const current = sources.at(-1);
  if (!current) return undefined;
  const now = Date.now();
  if (current.lastPayments && now - current.lastPayments.at < PAYMENTS_MIN_INTERVAL_MS) return current.lastPayments.result;
  const result = current.pool.query<{ status: string; n: number }>(PAYMENTS_QUERY).then(
    ({ rows }) => new Map(rows.map((row) => [row.status, row.n])),
    (error: Error) => {
      current.log.warn({ err: error.message }, "counting payments for the metrics failed (ticketing_payments left out)");
      current.lastPayments = undefined; // try again at the next scrape
      return undefined;
    },
  );
  current.lastPayments = { at: now, result };
  return result;
}

/** A gauge whose value(s) come from the snapshot; left empty when there is none. */
function fromSnapshot<L extends string>(
  config: { name: string; help: string; labelNames?: readonly L[] },
  fill: (gauge: Gauge<L>, snapshot: Snapshot) => void,
) {
  return new Gauge<L>({
    ...config,
    registers: [readRegistry],
    async collect() {
      this.reset();
      const value = await snapshot();
      if (value) fill(this, value);
    },
  });
}

new Gauge({
  name: "ticketing_database_up",
  help: "1 when the last scrape-time database query answered, 0 when it failed or timed out (the database gauges are then left out). Reported by processes that run the worker.",
  registers: [upRegistry],
  async collect() {
    this.reset();
    const pending = snapshot();
    if (pending) this.set((await pending) ? 1 : 0);
  },
});

fromSnapshot(
  {
    name: "ticketing_worker_queue_jobs",
    help: "graphile-worker jobs by state: ready (due, waiting for a worker), running (locked by a worker), scheduled (due later), failed (attempts used up, not retried).",
    labelNames: ["state"] as const,
  },
  (gauge, { jobs }) => {
    for (const state of ["ready", "running", "scheduled", "failed"] as const) gauge.set({ state }, Number(jobs[state]));
  },
);

fromSnapshot(
  {
    name: "ticketing_worker_oldest_ready_job_age_seconds",
    help: "How long the oldest due job has waited for a worker (0 when none waits): the worker's lag.",
  },
  (gauge, { jobs }) => gauge.set(Math.max(0, Number(jobs.oldest_ready_seconds ?? 0))),
);

fromSnapshot({ name: "ticketing_outbox_unsent", help: "Outbox messages (emails) not sent yet." }, (gauge, { outbox }) =>
  gauge.set(Number(outbox.unsent)),
);

fromSnapshot(
  {
    name: "ticketing_outbox_oldest_unsent_age_seconds",
    help: "Age of the oldest outbox message not sent yet (0 when none): how far email delivery is behind.",
  },
  (gauge, { outbox }) => gauge.set(Math.max(0, Number(outbox.oldest_seconds ?? 0))),
);

const PAYMENT_STATES = ["created", "succeeded", "refunded"] as const;

new Gauge({
  name: "ticketing_payments",
  help: "Payments by state: created (checkout open, waiting for the provider), succeeded, refunded. Counted at most once a minute.",
  labelNames: ["state"] as const,
  registers: [readRegistry],
  async collect() {
    this.reset();
    const counts = await paymentCounts();
    // Every state the table allows (payments_status_valid), 0 when none.
    if (counts) for (const state of PAYMENT_STATES) this.set({ state }, counts.get(state) ?? 0);
  },
});

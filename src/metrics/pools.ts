// Gauges read at scrape time from objects that already count for themselves:
// every pg pool (src/db/pools.ts registers each one it makes) and the booking
// lock issuer (registered by the server at start). Nothing is counted on the
// request path, and nothing here imports what it measures.
import type pg from "pg";
import { Gauge } from "prom-client";
import { registry } from "./registry.ts";

/** Pools by name; one process may hold several of a name (tests start many servers): their counts add up. */
const pools = new Map<string, Set<pg.Pool>>();

/** Count this pool until it is ended. */
export function watchPool(name: string, pool: pg.Pool) {
  let set = pools.get(name);
  if (!set) pools.set(name, (set = new Set()));
  set.add(pool);
}

function eachPool(visit: (name: string, totals: { total: number; idle: number; waiting: number; max: number }) => void) {
  for (const [name, set] of pools) {
    const totals = { total: 0, idle: 0, waiting: 0, max: 0 };
    for (const pool of set) {
      // pg-pool marks a pool `ended` once end() has closed it: forget it.
      if ((pool as pg.Pool & { ended?: boolean }).ended) {
        set.delete(pool);
        continue;
      }
      totals.total += pool.totalCount;
      totals.idle += pool.idleCount;
      totals.waiting += pool.waitingCount;
      totals.max += pool.options.max ?? 10;
    }
    if (set.size === 0) pools.delete(name);
    visit(name, totals);
  }
}

new Gauge({
  name: "ticketing_db_pool_connections",
  help: "Connections of each pg pool of this process, by state (in_use: checked out; idle: open and free).",
  labelNames: ["pool", "state"] as const,
  registers: [registry],
  collect() {
    this.reset();
    eachPool((pool, { total, idle }) => {
      this.set({ pool, state: "in_use" }, total - idle);
      this.set({ pool, state: "idle" }, idle);
    });
  },
});

new Gauge({
  name: "ticketing_db_pool_waiting",
  help: "Requests waiting for a connection from each pg pool (above 0 for long: that pool is the bottleneck).",
  labelNames: ["pool"] as const,
  registers: [registry],
  collect() {
    this.reset();
    eachPool((pool, { waiting }) => this.set({ pool }, waiting));
  },
});

new Gauge({
  name: "ticketing_db_pool_max",
  help: "Most connections each pg pool may open.",
  labelNames: ["pool"] as const,
  registers: [registry],
  collect() {
    this.reset();
    eachPool((pool, { max }) => this.set({ pool }, max));
  },
});

/** What the lock gauge reads of a lock issuer (src/booking/lock.ts): a Redis one has its connection. */
export interface WatchedIssuer {
  readonly kind: string;
  readonly redis?: { readonly status: string };
}

const issuers = new Set<WatchedIssuer>();

/** Report the lock issuer's connection until the returned function is called. */
export function watchLockIssuer(issuer: WatchedIssuer): () => void {
  issuers.add(issuer);
  return () => issuers.delete(issuer);
}

new Gauge({
  name: "ticketing_booking_lock_connected",
  help: "1 when the booking lock issuer can be used (issuer=redis: its connection is ready), 0 when it cannot: bookings then use database locks only.",
  labelNames: ["issuer"] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const { kind, redis } of issuers) {
      this.set({ issuer: kind }, redis === undefined || redis.status === "ready" ? 1 : 0);
    }
  },
});

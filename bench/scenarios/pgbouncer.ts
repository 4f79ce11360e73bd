// Past one machine: 3 server instances whose request connections go through a
// real PgBouncer in transaction mode (started here, bench/pgbouncer.ts), while
// their LISTEN connection and migrations go straight to PostgreSQL
// (DATABASE_DIRECT_URL; named prepared statements then default to off). The
// full-stack load runs across them and across 3 instances on the direct
// connection, in the same run, and every booking guarantee is checked through
// the pooler (bench/scenarios/pgbouncer-checks.ts). A guarantee that breaks is
// reported NOT MET, and the smoke test fails on it.
import type { BenchContext } from "../context.ts";
import { startInstance, type Instance } from "../instances.ts";
import { findPgBouncer, freePort, startPgBouncer, type PgBouncer } from "../pgbouncer.ts";
import { round } from "../stats.ts";
import { runFullStack, warmUp, type FullStackResult } from "./full-stack.ts";
import { checkGuarantees, rush, type Guarantee } from "./pgbouncer-checks.ts";

export interface PgBouncerResult {
  /** Why nothing ran (pgbouncer missing, no Redis for several instances). */
  skipped?: string;
  version?: string;
  instances: number;
  poolSize?: number;
  maxClientConn?: number;
  /** Request connections the instances may open to PgBouncer in all (23 each: api 10, booking 10, availability 2, health 1). */
  clientConnections?: number;
  /** Each round of the load, in the order run (full mode: direct, pooled, pooled, direct). */
  direct?: FullStackResult[];
  pooled?: FullStackResult[];
  /** Mean bookings/s through PgBouncer ÷ mean direct, same run. */
  ratio?: number;
  /** Sampled every 100 ms during the loads (SHOW POOLS; the direct rounds leave it idle). */
  servers?: { maxActive: number; maxClientsWaiting: number };
  guarantees: Guarantee[];
  allHeld: boolean;
}

const CLIENT_CONNECTIONS_PER_INSTANCE = 23; // src/server.ts: api 10 + booking 10 + availability 2 + health 1

export async function runPgBouncer(ctx: BenchContext): Promise<PgBouncerResult> {
  const { options, db } = ctx;
  const count = options.quick ? 2 : 3;
  const skip = (reason: string): PgBouncerResult => ({ skipped: reason, instances: count, guarantees: [], allHeld: false });
  const binary = findPgBouncer();
  if ("missing" in binary) return skip(binary.missing);
  if (!ctx.redis || !options.redisUrl) return skip("several instances need REDIS_URL (the in-process booking lock is per process)");

  const poolSize = options.quick ? 4 : 20;
  const bouncer = await startPgBouncer({
    binary: binary.path,
    version: binary.version,
    users: [db.ownerUrl, db.authUrl],
    database: db.name,
    poolSize,
    maxClientConn: 1_000,
  });
  const started: Instance[] = [];
  try {
    const base = { jwtSecret: ctx.jwt.secret, redisUrl: options.redisUrl, cpuProfDir: options.cpuProfDir };
    const missingDirect = Math.max(0, count - ctx.instances.length);
    // All at once, as a deployment starts them; the Redis-less ones (REDIS_URL nobody answers) wait for the last check.
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const launch = (n: number, settings: Parameters<typeof startInstance>[1]) =>
      Array.from({ length: n }, () => startInstance(db, settings).then((instance) => (started.push(instance), instance)));
    const groups = [
      launch(count, { ...base, env: pooledEnv(bouncer, db) }),
      launch(missingDirect, base),
      launch(count, { ...base, env: { ...pooledEnv(bouncer, db), REDIS_URL: deadRedis } }),
    ];
    // Every start settles before any failure is thrown, so `finally` stops all that did start.
    const failed = (await Promise.allSettled(groups.flat())).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const [pooled, extraDirect, noRedis] = await Promise.all(groups.map((g) => Promise.all(g)));
    const direct = [...ctx.instances.slice(0, count), ...extraDirect];

    await warmUp(ctx, direct);
    await warmUp(ctx, pooled);
    // Direct, pooled, then (full mode) pooled, direct again: a machine whose load drifts during the
    // run weighs on both sides alike. Each pooled round must answer OK and match the tickets table.
    const order: ("direct" | "pooled")[] = options.quick ? ["direct", "pooled"] : ["direct", "pooled", "pooled", "direct"];
    const loads: Record<"direct" | "pooled", FullStackResult[]> = { direct: [], pooled: [] };
    const guarantees: Guarantee[] = [];
    const sampler = sampleServers(bouncer, new URL(db.authUrl).username);
    const failures: string[] = [];
    for (const side of order) {
      options.log(`pgbouncer: ${count} instances ${side === "direct" ? "direct" : `through PgBouncer (pool ${poolSize})`}`);
      try {
        loads[side].push(await runFullStack(ctx, side === "direct" ? direct : pooled));
      } catch (error) {
        if (side === "direct") throw error;
        failures.push((error as Error).message);
      }
    }
    const servers = await sampler.stop();
    const others: Record<string, number> = {};
    for (const load of loads.pooled) {
      for (const [code, n] of Object.entries(load.outcomes)) if (code !== "OK") others[code] = (others[code] ?? 0) + n;
    }
    guarantees.push({
      name: "load: every answer OK, tickets = OK answers",
      held: failures.length === 0 && Object.keys(others).length === 0,
      detail: failures.length
        ? failures.join("; ")
        : `${loads.pooled.map((l) => l.outcomes.OK ?? 0).join(" + ")} OK${Object.keys(others).length ? `, others: ${JSON.stringify(others)}` : ""}`,
    });

    guarantees.push(...(await checkGuarantees(ctx, bouncer, pooled)));
    // Redis away: booking falls back to the database's lock alone, each waiter holding a pooled server connection.
    const [held, detail] = await rush(ctx, noRedis, "PgBouncer rush without Redis").catch((e: Error) => [false, `failed: ${e.message}`] as const);
    guarantees.push({ name: "no oversell without Redis (database locks only)", held, detail });
    return {
      version: bouncer.version,
      instances: count,
      poolSize,
      maxClientConn: bouncer.maxClientConn,
      clientConnections: count * CLIENT_CONNECTIONS_PER_INSTANCE,
      direct: loads.direct,
      pooled: loads.pooled,
      ratio: loads.pooled.length === order.length / 2 ? round(meanRate(loads.pooled) / meanRate(loads.direct)) : undefined,
      servers,
      guarantees,
      allHeld: guarantees.every((g) => g.held),
    };
  } finally {
    await Promise.all(started.map((i) => i.stop()));
    await bouncer.stop();
  }
}

const meanRate = (loads: FullStackResult[]) => loads.reduce((sum, l) => sum + l.bookingsPerSecond, 0) / loads.length;

/**
 * Requests (and the owner's DATABASE_URL) through the pooler; DATABASE_DIRECT_URL
 * straight to PostgreSQL. DATABASE_PREPARED_STATEMENTS is left to its default,
 * which must come out off here (another port is another server).
 */
function pooledEnv(bouncer: PgBouncer, db: BenchContext["db"]): Record<string, string> {
  return {
    DATABASE_URL: bouncer.via(db.ownerUrl),
    DATABASE_DIRECT_URL: db.ownerUrl,
    AUTH_DATABASE_URL: bouncer.via(db.authUrl),
  };
}

function sampleServers(bouncer: PgBouncer, user: string) {
  let maxActive = 0;
  let maxClientsWaiting = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const snapshot = await bouncer.pool(user).catch(() => null);
      if (snapshot) {
        maxActive = Math.max(maxActive, snapshot.serversActive);
        maxClientsWaiting = Math.max(maxClientsWaiting, snapshot.clientsWaiting);
      }
      // A sampling period, not a wait for an event.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { maxActive, maxClientsWaiting };
    },
  };
}

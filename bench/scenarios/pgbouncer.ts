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
  direct?: FullStackResult;
  pooled?: FullStackResult;
  /** Bookings/s through PgBouncer ÷ direct, same run. */
  ratio?: number;
  /** Sampled every 100 ms during the pooled load (SHOW POOLS). */
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
    const [pooled, extraDirect, noRedis] = await Promise.all([
      Promise.all(Array.from({ length: count }, () => startInstance(db, { ...base, env: pooledEnv(bouncer, db) }))),
      Promise.all(Array.from({ length: missingDirect }, () => startInstance(db, base))),
      Promise.all(Array.from({ length: count }, () => startInstance(db, { ...base, env: { ...pooledEnv(bouncer, db), REDIS_URL: deadRedis } }))),
    ]);
    started.push(...pooled, ...extraDirect, ...noRedis);
    const direct = [...ctx.instances.slice(0, count), ...extraDirect];

    await warmUp(ctx, direct);
    await warmUp(ctx, pooled);
    const guarantees: Guarantee[] = [];
    options.log(`pgbouncer: ${count} instances direct`);
    const directLoad = await runFullStack(ctx, direct);
    options.log(`pgbouncer: ${count} instances through PgBouncer (pool ${poolSize})`);
    const sampler = sampleServers(bouncer, new URL(db.authUrl).username);
    let pooledLoad: FullStackResult | undefined;
    try {
      pooledLoad = await runFullStack(ctx, pooled);
      const others = Object.entries(pooledLoad.outcomes).filter(([code]) => code !== "OK");
      guarantees.push({
        name: "load: every answer OK, tickets = OK answers",
        held: others.length === 0,
        detail: `${pooledLoad.outcomes.OK ?? 0} OK${others.length ? `, others: ${JSON.stringify(Object.fromEntries(others))}` : ""}`,
      });
    } catch (error) {
      guarantees.push({ name: "load: every answer OK, tickets = OK answers", held: false, detail: (error as Error).message });
    }
    const servers = await sampler.stop();

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
      direct: directLoad,
      pooled: pooledLoad,
      ratio: pooledLoad ? round(pooledLoad.bookingsPerSecond / directLoad.bookingsPerSecond) : undefined,
      servers,
      guarantees,
      allHeld: guarantees.every((g) => g.held),
    };
  } finally {
    await Promise.all(started.map((i) => i.stop()));
    await bouncer.stop();
  }
}

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

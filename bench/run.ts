// `npm run bench`: boot a scratch database, start the real server process(es),
// run the scenarios, print the table, write bench/results/latest.json.
// Importing this module runs nothing: test/bench/smoke.test.ts calls runBench.
import { randomBytes } from "node:crypto";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import type { BenchContext } from "./context.ts";
import { backgroundLoad } from "./cpu.ts";
import { assertLoopback, openBenchDatabase } from "./database.ts";
import { createStudents } from "./fixtures.ts";
import { fileLimitOf, raiseFileLimit, startInstance, type Instance } from "./instances.ts";
import { defaultOptions, parseOptions, type BenchOptions } from "./options.ts";
import { formatTable, tableOf, targetsOf, writeResults, type BenchResults, type Scenarios } from "./report.ts";
import { runFanOut } from "./scenarios/fan-out.ts";
import { runFloor } from "./scenarios/floor.ts";
import { runFullStack, warmUp } from "./scenarios/full-stack.ts";
import { runHistory } from "./scenarios/history.ts";
import { runMultiInstance } from "./scenarios/multi-instance.ts";
import { runPgBouncer } from "./scenarios/pgbouncer.ts";
import { runQueueRelease } from "./scenarios/queue-release.ts";
import { runSaleRush, rushConfigurations } from "./scenarios/sale-rush.ts";
import { runSoldOut } from "./scenarios/sold-out.ts";
import { runSubscriptionFlood } from "./scenarios/subscription-flood.ts";
import { runWeb } from "./scenarios/web.ts";
import { round } from "./stats.ts";

// Students per second of timed load we provision for: well above what this
// stack can book, so a timed load ends on time, not on a lack of students.
const STUDENTS_PER_SECOND = 3_000;
const MAX_STUDENTS = 99_000; // an event has at most 100,000 seats
/** Open files each process needs beside the held websockets (database and Redis connections, the booking client, logs). */
const HELD_FILES_SPARE = 1_000;

export async function runBench(overrides: Partial<BenchOptions> = {}): Promise<BenchResults> {
  return runWith({ ...defaultOptions({ quick: overrides.quick }), ...overrides });
}

async function runWith(options: BenchOptions): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const log = options.log;
  const wants = (name: (typeof options.only)[number]) => options.only.includes(name);
  const jwt = { secret: randomBytes(32).toString("base64url"), ttlSeconds: 3 * 3600 };

  log(`bench: ${options.quick ? "quick " : ""}C=${options.concurrency}; database: ${options.databaseUrl ? "DATABASE_URL" : "embedded"}`);
  const redisUrl = options.redisUrl && (await redisReachable(options.redisUrl)) ? options.redisUrl : undefined;
  if (options.redisUrl && !redisUrl) log(`bench: Redis at ${options.redisUrl} is not reachable; running without it`);

  const busyBefore = await backgroundLoad();
  if (busyBefore !== undefined && busyBefore > 0.25) {
    log(`bench: the machine is already busy (${busyBefore} cores) before we start; figures will be lower than on an idle machine`);
  }
  const db = await openBenchDatabase(options);
  const instanceEnv = { WS_SUBSCRIPTION_COHORTS: String(options.cohorts) };
  const instances: Instance[] = [];
  try {
    // More than one instance needs Redis (the in-process lock is per process): for
    // the multi-instance steps, and for the sale rushes spread over one per core.
    const wanted = redisUrl
      ? Math.max(1, ...(wants("multi-instance") ? options.instanceCounts : []), wants("sale-rush") ? cpus().length : 1)
      : 1;
    log(`bench: database ${db.name} (PostgreSQL ${db.postgresVersion}); starting ${wanted} server instance(s)`);
    // In parallel, as a deployment would; each waits for the migration lock.
    instances.push(
      ...(await Promise.all(
        Array.from({ length: wanted }, () => startInstance(db, { jwtSecret: jwt.secret, redisUrl, cpuProfDir: options.cpuProfDir, env: instanceEnv })),
      )),
    );

    const poolSize = Math.min(
      MAX_STUDENTS,
      Math.max(options.students, options.largeRushStudents, options.fanoutBookings + 1, Math.ceil((Math.max(options.durationMs, options.warmupMs) / 1000) * STUDENTS_PER_SECOND)),
    );
    const students = await createStudents(db.owner, jwt, poolSize);
    const ctx: BenchContext = { options, db, instances, jwt, students, redis: Boolean(redisUrl) };
    log(`bench: ${students.length} students ready; warming up`);
    await warmUp(ctx, instances);

    const scenarios: Scenarios = {};
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      log(`bench: ${name}...`);
      const result = await work();
      log(`bench: ${name} done in ${round((performance.now() - t) / 1000, 1)} s`);
      return result;
    };
    if (wants("floor")) scenarios.floor = await step("floor", () => runFloor(ctx));
    if (wants("full-stack")) {
      const fullStack = await step("full stack", () => runFullStack(ctx, instances.slice(0, 1)));
      scenarios.fullStack = {
        ...fullStack,
        ratioToFloor: scenarios.floor ? round(fullStack.bookingsPerSecond / scenarios.floor.transactionsPerSecond) : undefined,
      };
    }
    if (wants("sale-rush")) {
      const rushes = rushConfigurations(options);
      scenarios.saleRush = await step("sale rush", () => runSaleRush(ctx, rushes.default));
      scenarios.saleRushRest = await step("sale rush through REST", () => runSaleRush(ctx, rushes.default, 1, "rest"));
      scenarios.saleRushLarge = await step("large sale rush", () => runSaleRush(ctx, rushes.large));
      // The same crowds behind a load balancer: one instance per core (they share the lock through Redis).
      const spread = Math.min(cpus().length, instances.length);
      if (redisUrl && spread > 1) {
        scenarios.saleRushSpread = await step(`sale rush on ${spread} instances`, () => runSaleRush(ctx, rushes.default, spread));
        scenarios.saleRushLargeSpread = await step(`large sale rush on ${spread} instances`, () => runSaleRush(ctx, rushes.large, spread));
      }
    }
    if (wants("sold-out")) scenarios.soldOut = await step("sold-out path", () => runSoldOut(ctx));
    if (wants("fan-out")) scenarios.fanOut = await step("live fan-out", () => runFanOut(ctx, { beside: true }));
    if (wants("subscribers-held")) {
      scenarios.subscribersHeld = await step(`${options.heldSubscribers} subscribers on one instance`, async () => {
        // Each websocket is an open file in the server and in the bench (20,000 each by default here).
        const files = options.heldSubscribers + 10_000;
        const benchFileLimit = raiseFileLimit(process.pid, files);
        const instance = await startInstance(db, { jwtSecret: jwt.secret, redisUrl, cpuProfDir: options.cpuProfDir, env: instanceEnv, fileLimit: files });
        // Where a limit could not be raised (no right to), hold as many as it lets both processes open, and say so.
        const fits = Math.min(benchFileLimit, fileLimitOf(instance.pid)) - HELD_FILES_SPARE;
        const subscribers = Math.min(options.heldSubscribers, fits);
        const asked = subscribers < options.heldSubscribers ? { askedSubscribers: options.heldSubscribers } : {};
        try {
          return { benchFileLimit, ...asked, ...(await runFanOut(ctx, { instance, subscribers, bookings: options.heldBookings })) };
        } catch (error) {
          return { benchFileLimit, ...asked, subscribers, error: (error as Error).message.slice(0, 2_000) };
        } finally {
          await instance.stop();
        }
      });
    }
    if (wants("multi-instance")) scenarios.multiInstance = await step("multi-instance", () => runMultiInstance(ctx));
    if (wants("subscription-flood")) scenarios.subscriptionFlood = await step("subscription flood", () => runSubscriptionFlood(ctx));
    if (wants("queue-release")) scenarios.queueRelease = await step("queue release", () => runQueueRelease(ctx));
    if (wants("pgbouncer")) scenarios.pgbouncer = await step("pgbouncer", () => runPgBouncer(ctx));
    // A database and a server of its own with exactly the events the list shows, and a browser.
    if (wants("web")) scenarios.web = await step("web app budgets", () => runWeb(ctx));
    // Last and apart: two scratch databases of its own, one seeded with a million tickets.
    if (wants("history")) scenarios.history = await step("history", () => runHistory(ctx));

    const targets = targetsOf(scenarios);
    const table = tableOf(scenarios, targets);
    const results: BenchResults = {
      startedAt,
      finishedAt: new Date().toISOString(),
      environment: {
        concurrency: options.concurrency,
        instances: instances.length,
        nodeVersion: process.version,
        postgresVersion: db.postgresVersion,
        database: db.embedded ? "embedded" : "DATABASE_URL",
        redis: Boolean(redisUrl),
        cores: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryGb: round(totalmem() / 2 ** 30, 1),
        busyBeforeCores: busyBefore,
        quick: options.quick,
        cohorts: options.cohorts,
      },
      scenarios,
      targets,
      table,
    };
    if (options.out) writeResults(options.out, results);
    return results;
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    if (redisUrl) await dropRedisKeys(redisUrl, db.name).catch(() => {});
    await db.close();
  }
}

async function redisReachable(url: string): Promise<boolean> {
  assertLoopback(url);
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** The servers namespaced their lock and fencing keys with the database name (REDIS_PREFIX). */
async function dropRedisKeys(url: string, prefix: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on("error", () => {});
  try {
    let cursor = "0";
    for (let rounds = 0; rounds < 10_000; rounds++) {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
      if (cursor === "0") break;
    }
  } finally {
    redis.disconnect();
  }
}

function header(results: BenchResults): string {
  const e = results.environment;
  return (
    `C=${e.concurrency} · instances started: ${e.instances} · Node ${e.nodeVersion} · PostgreSQL ${e.postgresVersion} (${e.database})` +
    ` · Redis: ${e.redis ? "yes" : "no"} · ${e.cores} cores (${e.cpuModel}), ${e.memoryGb} GB` +
    (e.busyBeforeCores === undefined ? "" : ` · busy before start: ${e.busyBeforeCores} cores`) +
    ` · subscription cohorts: ${e.cohorts ? "on" : "off"}`
  );
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const results = await runWith(options);
  process.stdout.write(`\n${header(results)}\n\n${formatTable(results.table)}\n`);
  if (options.out) process.stdout.write(`\nresults: ${options.out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

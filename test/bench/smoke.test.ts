// The benchmark harness in --quick mode, against the tests' PostgreSQL (a
// scratch database cloned from the migrated template) and Redis. It checks the
// harness, not the product's speed: each scenario must measure what it says,
// at the sizes quick mode asks for, with figures that agree with each other
// (bookings = seats sold = tickets written, rates = answers ÷ time, a closed
// loop's latencies adding up to its clients × its length). Timing targets are
// reported by the bench, not asserted here.
// Without Redis or PgBouncer their parts are reported skipped, with the reason;
// in CI (CI set, as .ci/run and GitHub set it) and whenever REDIS_URL is set,
// a missing one fails instead.
import { cpus } from "node:os";
import { beforeAll, describe, expect, inject, it, type TestContext } from "vitest";
import type { LoadResult } from "../../bench/load.ts";
import { defaultOptions } from "../../bench/options.ts";
import type { BenchResults } from "../../bench/report.ts";
import { runBench } from "../../bench/run.ts";
import type { SaleRushResult } from "../../bench/scenarios/sale-rush.ts";

const quick = defaultOptions({ quick: true });
const C = quick.concurrency;
const inCi = Boolean(process.env.CI);

let results: BenchResults;
beforeAll(async () => {
  results = await runBench({
    quick: true,
    databaseUrl: inject("pgAdminUrl"),
    templateDatabase: inject("pgTemplate"),
    authenticatorPassword: inject("pgAuthenticatorPassword") || undefined,
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    out: null,
    log: () => {},
  });
}, 300_000); // the pgbouncer scenario starts five more server processes, history two (and two databases), web one and a browser (and builds the app when stale)

/** Skip the rest of a test, saying why in the run's output (a skip's note alone shows in the verbose reporter only). */
function skipBecause(context: TestContext, reason: string): never {
  console.warn(`skipped: ${reason}`);
  return context.skip(reason);
}

/** Redis-only parts: skipped (saying so) where there is none, unless it is required. */
function needRedis(context: TestContext) {
  if (results.environment.redis) return;
  if (inCi || process.env.REDIS_URL) expect.fail(`Redis at ${process.env.REDIS_URL ?? "redis://127.0.0.1:6379"} did not answer`);
  skipBecause(context, "no Redis at redis://127.0.0.1:6379 (set REDIS_URL)");
}

/** Answers with this code only, and as many as requests. */
function expectOnly(load: LoadResult, code: string) {
  expect(load.outcomes).toEqual({ [code]: load.requests });
}

/**
 * A closed loop of `concurrency` clients timed for `durationMs` (in `slices`
 * turns): it ran that long, its rates are its counts over its time, and, each
 * client always waiting for an answer, its latencies add up to about the clients
 * × its length (never more; less only by the client's own time between answers).
 */
function expectClosedLoop(load: LoadResult, durationMs: number, slices = 1) {
  expect(load.requests).toBeGreaterThan(0);
  expect(load.exhausted).toBe(false);
  expect(load.latencyMs.count).toBe(load.requests);
  expect(load.elapsedMs).toBeGreaterThanOrEqual(durationMs * 0.95);
  expect(load.elapsedMs).toBeLessThanOrEqual(durationMs + slices * load.latencyMs.max + 100);
  expect(load.perSecond).toBeCloseTo(load.requests / (load.elapsedMs / 1000), 0);
  const { p50, p90, p99, max, mean } = load.latencyMs;
  expect([p50, p90, p99, max]).toEqual([p50, p90, p99, max].sort((a, b) => a - b));
  expect(p50).toBeGreaterThan(0);
  const busyMs = mean * load.requests;
  expect(busyMs).toBeLessThanOrEqual(C * load.elapsedMs * 1.01);
  expect(busyMs).toBeGreaterThanOrEqual(C * load.elapsedMs * 0.5);
}

/** Exactly the seats sold, one per student, everyone else told SOLD_OUT; every answer inside the rush's time. */
function expectExactRush(rush: SaleRushResult, size: { students: number; tickets: number }, instances: number) {
  expect(rush).toMatchObject({ ...size, instances, problems: [], correct: true });
  expect(rush.outcomes).toEqual({ OK: size.tickets, SOLD_OUT: size.students - size.tickets });
  expect(rush.truth).toEqual({ totalTickets: size.tickets, ticketsRemaining: 0, liveTickets: size.tickets, mostPerStudent: 1 });
  expect(rush.latencyMs.count).toBe(size.students);
  expect(rush.soldOutMs).toBeGreaterThan(0);
  expect(rush.soldOutMs).toBeLessThanOrEqual(rush.allAnsweredMs);
  expect(rush.latencyMs.max).toBeLessThanOrEqual(rush.allAnsweredMs);
}

describe("bench --quick", () => {
  it("runs at quick mode's sizes", () => {
    expect(results.environment).toMatchObject({ concurrency: C, quick: true, database: "DATABASE_URL" });
    expect(results.environment.postgresVersion).toMatch(/^\d+/);
    // One instance without Redis; with it, enough for the multi-instance steps and one per core.
    const instances = results.environment.redis ? Math.max(...quick.instanceCounts, cpus().length) : 1;
    expect(results.environment.instances).toBe(instances);
  });

  it("floor: every transaction wrote one ticket and took one seat", () => {
    const floor = results.scenarios.floor!;
    expect(floor.transactions).toBeGreaterThan(0);
    expect(floor.ticketsRemaining).toBe(100_000 - floor.transactions);
    expect(floor.elapsedMs).toBeGreaterThanOrEqual(quick.durationMs * 0.8);
    // pgbench's own time (without connecting); without pgbench, until the last transaction after the clock ran out.
    expect(floor.elapsedMs).toBeLessThanOrEqual(quick.durationMs + 5_000);
    expect(floor.transactionsPerSecond).toBeCloseTo(floor.transactions / (floor.elapsedMs / 1000), 0);
  });

  it("full stack: only OK answers, its rate those over its time, its ratio to the floor computed from both", () => {
    const { floor, fullStack } = results.scenarios;
    expectOnly(fullStack!, "OK");
    expectClosedLoop(fullStack!, quick.durationMs);
    expect(fullStack!.instances).toBe(1);
    expect(fullStack!.bookingsPerSecond).toBe(fullStack!.perSecond);
    expect(fullStack!.ratioToFloor).toBeCloseTo(fullStack!.bookingsPerSecond / floor!.transactionsPerSecond, 1);
  });

  it("sale rushes on one instance: exactly the seats sold", () => {
    expectExactRush(results.scenarios.saleRush!, { students: quick.students, tickets: quick.rushTickets }, 1);
    expectExactRush(results.scenarios.saleRushLarge!, { students: quick.largeRushStudents, tickets: quick.largeRushTickets }, 1);
  });

  it("sale rushes spread over instances sharing the lock through Redis: exactly the seats sold", (context) => {
    needRedis(context);
    const spread = Math.min(cpus().length, results.environment.instances);
    if (spread < 2) skipBecause(context, "one core: the rushes are not spread over instances");
    expectExactRush(results.scenarios.saleRushSpread!, { students: quick.students, tickets: quick.rushTickets }, spread);
    expectExactRush(results.scenarios.saleRushLargeSpread!, { students: quick.largeRushStudents, tickets: quick.largeRushTickets }, spread);
  });

  it("sold-out path: every booking refused SOLD_OUT, every trivial query answered, the ratio of the two rates", () => {
    const soldOut = results.scenarios.soldOut!;
    expectOnly(soldOut.refusals, "SOLD_OUT");
    expectOnly(soldOut.trivial, "OK");
    expectClosedLoop(soldOut.refusals, quick.durationMs, soldOut.rounds);
    expectClosedLoop(soldOut.trivial, quick.durationMs, soldOut.rounds);
    expect(soldOut.ratio).toBeCloseTo(soldOut.refusals.perSecond / soldOut.trivial.perSecond, 1);
    // A refusal verifies the same token as `{ __typename }` and then reads the event: it cannot be many times cheaper.
    expect(soldOut.ratio).toBeLessThan(5);
  });

  it("live fan-out: every subscriber received every booking, after it was sent", () => {
    const fanOut = results.scenarios.fanOut!;
    const expected = quick.subscribers * quick.fanoutBookings;
    expect(fanOut).toMatchObject({ subscribers: quick.subscribers, bookings: quick.fanoutBookings, expected, delivered: expected });
    expect(fanOut.upperBoundMs.count).toBe(expected);
    expect(fanOut.bookingMs.count).toBe(quick.fanoutBookings);
    // Per message, receipt − answer ≤ receipt − send: so is every percentile.
    for (const p of ["p50", "p90", "p99", "max"] as const) expect(fanOut.lowerBoundMs[p]).toBeLessThanOrEqual(fanOut.upperBoundMs[p]);
    expect(fanOut.upperBoundMs.p50).toBeGreaterThan(0);
    expect(fanOut.upperBoundMs.max).toBeLessThan(30_000); // the scenario's wait for a message
  });

  it("multi-instance: each instance count's load answered OK only", (context) => {
    const multi = results.scenarios.multiInstance!;
    for (const step of multi.steps) {
      expectOnly(step, "OK");
      expectClosedLoop(step, quick.durationMs);
    }
    expect(multi.steps.map((step) => step.instances)).toEqual(results.environment.redis ? quick.instanceCounts : [1]);
    needRedis(context);
    expect(multi.skipped).toEqual([]);
  });

  it("subscription flood: every subscriber got its current value, and booking beside it answered OK only", () => {
    const flood = results.scenarios.subscriptionFlood!;
    const subscriptions = quick.floodSubscriptions;
    // Half on one hot event, the other half one topic each.
    expect(flood).toMatchObject({ subscriptions, sockets: Math.ceil(subscriptions / 1_000), topics: Math.floor(subscriptions / 2) + 1, currentValues: subscriptions });
    for (const load of [flood.quiet, flood.flooded]) {
      expectOnly(load, "OK");
      expectClosedLoop(load, quick.durationMs);
    }
  });

  it("queue release: every student placed and pushed a place, each wave admitted the seats left, the seats all booked once", () => {
    const q = results.scenarios.queueRelease!;
    const seats = Math.min(quick.rushTickets, quick.students);
    expect(q).toMatchObject({ students: quick.students, seats, placesPushed: quick.students, correct: true, problems: [] });
    expect(q.joinMs.count).toBe(quick.students);
    expect(q.waves[0]!.admitted).toBe(seats);
    for (const wave of q.waves) {
      expect(wave.admitted).toBe(wave.booked + wave.lapsed);
      expect(wave.bookingMs.count).toBe(wave.booked);
    }
    expect(q.waves.reduce((n, wave) => n + wave.booked, 0)).toBe(seats);
    expect(q.lottery).toMatchObject({ entries: quick.largeRushStudents, seats: Math.min(quick.largeRushTickets, quick.largeRushStudents) });
    expect(q.lottery.drawMs).toBeGreaterThan(0);
  });

  it("through a real PgBouncer: every guarantee held, no more server connections than the pool", (context) => {
    needRedis(context);
    const pooled = results.scenarios.pgbouncer!;
    if (pooled.skipped) {
      if (inCi) expect.fail(`CI must run the PgBouncer scenario: ${pooled.skipped}`);
      skipBecause(context, pooled.skipped);
    }
    expect(pooled.guarantees.filter((g) => !g.held)).toEqual([]);
    expect(pooled.guarantees.length).toBeGreaterThanOrEqual(10);
    expect(pooled.allHeld).toBe(true);
    expect(pooled.version).toMatch(/^PgBouncer \d+\.\d+/);
    expect(pooled.clientConnections).toBe(pooled.instances * 23);
    expect(pooled.servers!.maxActive).toBeGreaterThan(0);
    expect(pooled.servers!.maxActive).toBeLessThanOrEqual(pooled.poolSize!);
    for (const load of [...pooled.direct!, ...pooled.pooled!]) {
      expectOnly(load, "OK");
      expectClosedLoop(load, quick.durationMs);
    }
    const mean = (loads: typeof pooled.direct) => loads!.reduce((n, l) => n + l.bookingsPerSecond, 0) / loads!.length;
    expect(pooled.ratio).toBeCloseTo(mean(pooled.pooled) / mean(pooled.direct), 1);
  });

  it("history: the seeded database holds the history, both sides answered OK only, every hot query explained", () => {
    const history = results.scenarios.history!;
    expect(history).toMatchObject({ tickets: quick.historyTickets, events: quick.historyEvents, before: { tickets: 0, events: 0 } });
    expect(history.after.tickets).toBe(quick.historyTickets);
    expect(history.after.events).toBe(quick.historyEvents);
    expect(history.rounds).toHaveLength(2);
    for (const round of history.rounds) {
      for (const load of [round.empty, round.seeded]) {
        expectOnly(load, "OK");
        expectClosedLoop(load, quick.durationMs);
      }
    }
    expect(history.throughputRatio).toBeCloseTo(history.seeded.bookingsPerSecond / history.empty.bookingsPerSecond, 1);
    expect(history.explain.length).toBeGreaterThanOrEqual(10);
    expect(history.explain.map((q) => q.name)).toEqual(history.explainEmpty.map((q) => q.name));
    expect(history.explain.filter((q) => q.plan.startsWith("failed"))).toEqual([]);
  });

  it("web: the student's JavaScript counted as the build holds it, every event's card rendered at both widths", (context) => {
    const web = results.scenarios.web!;
    if (web.skipped) {
      if (inCi) expect.fail(`CI must run the web scenario: ${web.skipped}`);
      skipBecause(context, web.skipped);
    }
    expect(web).toMatchObject({ events: quick.webEvents, runsPerWidth: quick.webRuns });
    const student = web.student!;
    const built = new Map(web.built!.files.map((f) => [f.path, f]));
    // The entry script among them; every file as the build wrote it, its sums the files' sums.
    expect(student.files.some((f) => /^\/assets\/index-[\w-]+\.js$/.test(f.path))).toBe(true);
    for (const file of student.files) {
      expect(built.get(file.path), file.path).toEqual({ path: file.path, rawBytes: file.rawBytes, gzipBytes: file.gzipBytes });
      // Uncompressed on the wire unless the server says otherwise; compressed, smaller.
      if (file.encoding === null) expect(file.servedBytes).toBe(file.rawBytes);
      else expect(file.servedBytes).toBeLessThan(file.rawBytes);
    }
    expect(student.gzipBytes).toBe(student.files.reduce((n, f) => n + f.gzipBytes, 0));
    expect(student.gzipBytes).toBeLessThan(student.rawBytes);
    // The consoles are chunks of their own, none of them in the student's load.
    for (const extra of [web.adminExtra!, web.organiserExtra!]) {
      expect(extra.files.length).toBeGreaterThan(0);
      for (const file of extra.files) expect(student.files.map((f) => f.path)).not.toContain(file.path);
    }
    expect(web.widths.map((w) => w.width)).toEqual([375, 1280]);
    for (const width of web.widths) {
      expect(width.runs).toHaveLength(quick.webRuns);
      for (const run of [...width.runs, width.p50]) {
        expect(run.domContentLoadedMs).toBeGreaterThan(0);
        expect(run.fcpMs).toBeGreaterThan(0);
        expect(run.firstCards).toBeGreaterThan(0);
        expect(run.firstCards).toBeLessThanOrEqual(quick.webEvents);
        expect(run.firstCardsMs).toBeGreaterThan(0);
        expect(run.allCardsMs).toBeGreaterThanOrEqual(run.firstCardsMs);
        // The first cards come from the events query's answer; the last ones from later pages.
        expect(run.eventsQuerySentMs).toBeGreaterThan(0);
        expect(run.eventsQuerySentMs).toBeLessThan(run.firstCardsMs);
        expect(run.eventsQueryAnsweredMs).toBeGreaterThan(run.eventsQuerySentMs);
        expect(run.eventsQueryAnsweredMs).toBeLessThan(run.allCardsMs);
      }
    }
  });

  it("reports every target, each met or not, and a table", () => {
    const names = results.targets.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["full-stack / floor", "sold-out / trivial", "fan-out p99 ms (upper bound)", "history: seeded / empty bookings/s"]));
    if (results.environment.redis) expect(names).toContain(`multi-instance ${Math.max(...quick.instanceCounts)} ÷ 1 bookings/s`);
    if (!results.scenarios.web?.skipped) {
      expect(names).toEqual(expect.arrayContaining(["web: student JS gzipped KB", "web: first contentful paint p50 ms at 375 px", "web: first event cards in the DOM p50 ms at 1280 px"]));
    }
    for (const target of results.targets) {
      expect(Number.isFinite(target.value), target.name).toBe(true);
      expect(typeof target.met).toBe("boolean");
    }
    expect(results.table.length).toBeGreaterThan(10);
  });
});

// The benchmark harness in --quick mode, against the tests' PostgreSQL (a
// scratch database cloned from the migrated template) and Redis. It checks the
// harness, not the product's speed: every scenario must produce figures and
// the sale rush must be exactly right. Timing targets are not asserted.
import { expect, inject, it } from "vitest";
import { runBench } from "../../bench/run.ts";

it("runs every scenario in quick mode and produces sane figures", async () => {
  const lines: string[] = [];
  const results = await runBench({
    quick: true,
    databaseUrl: inject("pgAdminUrl"),
    templateDatabase: inject("pgTemplate"),
    authenticatorPassword: inject("pgAuthenticatorPassword") || undefined,
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    out: null,
    log: (line) => lines.push(line),
  });
  const s = results.scenarios;

  expect(results.environment.concurrency).toBe(4);
  expect(results.environment.postgresVersion).toMatch(/^\d+/);
  expect(s.floor!.transactionsPerSecond).toBeGreaterThan(0);
  expect(s.floor!.ticketsRemaining).toBeGreaterThan(0);

  expect(s.fullStack!.bookingsPerSecond).toBeGreaterThan(0);
  expect(s.fullStack!.latencyMs.p99).toBeGreaterThan(0);
  expect(s.fullStack!.ratioToFloor).toBeGreaterThan(0);
  expect(Object.keys(s.fullStack!.outcomes)).toEqual(["OK"]);

  expect(s.saleRush!.problems).toEqual([]);
  expect(s.saleRush!.correct).toBe(true);
  expect(s.saleRush!.outcomes).toEqual({ OK: s.saleRush!.tickets, SOLD_OUT: s.saleRush!.students - s.saleRush!.tickets });
  expect(s.saleRush!.soldOutMs).toBeGreaterThan(0);
  // The large rush is the same scenario at another size (quick mode: tiny too).
  expect(s.saleRushLarge!.problems).toEqual([]);
  expect(s.saleRushLarge!.outcomes).toEqual({ OK: s.saleRushLarge!.tickets, SOLD_OUT: s.saleRushLarge!.students - s.saleRushLarge!.tickets });
  // With Redis, both rushes again spread over two instances (quick mode starts two): just as exact.
  if (results.environment.redis) {
    for (const rush of [s.saleRushSpread!, s.saleRushLargeSpread!]) {
      expect(rush.instances).toBe(2);
      expect(rush.problems).toEqual([]);
      expect(rush.outcomes).toEqual({ OK: rush.tickets, SOLD_OUT: rush.students - rush.tickets });
    }
  }

  expect(s.soldOut!.refusals.perSecond).toBeGreaterThan(0);
  expect(s.soldOut!.trivial.perSecond).toBeGreaterThan(0);
  expect(s.soldOut!.ratio).toBeGreaterThan(0);

  expect(s.fanOut!.delivered).toBe(s.fanOut!.expected);
  expect(s.fanOut!.upperBoundMs.p99).toBeGreaterThan(0);

  expect(s.multiInstance!.steps.length).toBeGreaterThan(0);
  for (const step of s.multiInstance!.steps) expect(step.bookingsPerSecond).toBeGreaterThan(0);

  // Through a real PgBouncer (.ci/run installs it; without it the scenario says why it skipped).
  const pooled = s.pgbouncer!;
  if (pooled.skipped) expect(pooled.skipped).toMatch(/pgbouncer is not installed/);
  else {
    expect(pooled.guarantees.filter((g) => !g.held)).toEqual([]);
    expect(pooled.guarantees.length).toBeGreaterThanOrEqual(8);
    expect(pooled.pooled![0]!.bookingsPerSecond).toBeGreaterThan(0);
    expect(pooled.direct![0]!.bookingsPerSecond).toBeGreaterThan(0);
    expect(pooled.ratio).toBeGreaterThan(0);
  }

  // A cost that does not grow with history: two databases of its own, one seeded, measured in turns.
  const history = s.history!;
  expect(history.after.tickets).toBeGreaterThanOrEqual(history.tickets);
  expect(history.empty.bookingsPerSecond).toBeGreaterThan(0);
  expect(history.seeded.bookingsPerSecond).toBeGreaterThan(0);
  expect(history.explain.length).toBeGreaterThanOrEqual(10);
  expect(history.explain.filter((q) => q.plan.startsWith("failed"))).toEqual([]);

  expect(results.targets.every((t) => typeof t.met === "boolean")).toBe(true);
  expect(results.targets.map((t) => t.name)).toContain("history: seeded / empty bookings/s");
  expect(results.table.length).toBeGreaterThan(10);
}, 120_000); // the pgbouncer scenario starts three more server processes, history two (and two databases)

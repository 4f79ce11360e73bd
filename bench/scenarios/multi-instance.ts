// Scenario 6: the full-stack figure with 1, 2, 3... server processes behind a
// round-robin client, all on one database and one Redis. On a 2-core machine
// the instances, PostgreSQL and the load generator share the same two cores,
// so this shows the cost of coordination (Redis lock, more connections) more
// than any gain from parallelism. Without Redis only one instance may run
// (the in-process lock is per process), so larger counts are skipped.
import type { BenchContext } from "../context.ts";
import { runFullStack, type FullStackResult } from "./full-stack.ts";

export interface MultiInstanceResult {
  steps: FullStackResult[];
  skipped: number[];
  note?: string;
}

export async function runMultiInstance(ctx: BenchContext): Promise<MultiInstanceResult> {
  const steps: FullStackResult[] = [];
  const skipped: number[] = [];
  for (const count of ctx.options.instanceCounts) {
    if (count > ctx.instances.length) {
      skipped.push(count);
      continue;
    }
    ctx.options.log(`multi-instance: ${count} instance(s)`);
    steps.push(await runFullStack(ctx, ctx.instances.slice(0, count)));
  }
  return {
    steps,
    skipped,
    note: skipped.length ? "more than one instance needs REDIS_URL (the in-process booking lock is per process)" : undefined,
  };
}

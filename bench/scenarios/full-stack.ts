// Scenario 2 (and each step of scenario 6): bookTicket over HTTP GraphQL with C
// concurrent clients, every request a different student, one hot event with
// more seats than the run can sell. Requests go round-robin over the given
// instances. Only OK answers count as bookings; the database must hold exactly
// as many tickets as OK answers were received.
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { createEvent, eventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import { closedLoop, type LoadResult } from "../load.ts";
import type { Instance } from "../instances.ts";

export interface FullStackResult extends LoadResult {
  instances: number;
  bookingsPerSecond: number;
  cpu?: CpuShares;
}

const TOTAL = 100_000; // the most seats an event may have

export async function runFullStack(ctx: BenchContext, instances: Instance[]): Promise<FullStackResult> {
  const { options, db, students } = ctx;
  const clients = instances.map((i) => new GraphqlClient(i.url, options.concurrency));
  try {
    const eventId = await createEvent(db.owner, "Full stack", TOTAL);
    const maxRequests = Math.min(students.length, TOTAL);
    const stopCpu = measureCpu(instances.map((i) => i.pid));
    const load = await closedLoop({
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      maxRequests,
      send: (i) => clients[i % clients.length]!.post(BOOK_TICKET, { e: eventId }, students[i]!.token),
      expect: "OK",
    });
    const cpu = stopCpu();
    if (load.exhausted) options.log(`full stack: ran out of distinct students after ${load.requests} bookings; the figure is still valid`);
    const truth = await eventTruth(db.owner, eventId);
    if (truth.liveTickets !== (load.outcomes.OK ?? 0) || truth.mostPerStudent > 1) {
      throw new Error(`full stack: ${load.outcomes.OK} OK answers but ${truth.liveTickets} tickets in the database`);
    }
    return { ...load, instances: instances.length, bookingsPerSecond: load.expectedPerSecond, cpu };
  } finally {
    for (const client of clients) client.close();
  }
}

/**
 * Untimed bookings on a throwaway event through every instance, so the timed
 * loads meet warm servers: PostGraphile's operation plans are built and cached
 * on first use, connection pools fill, V8 compiles the hot paths.
 */
export async function warmUp(ctx: BenchContext, instances: Instance[]): Promise<void> {
  const { options, db, students } = ctx;
  const eventId = await createEvent(db.owner, "Warm-up", TOTAL);
  const clients = instances.map((i) => new GraphqlClient(i.url, options.concurrency));
  try {
    const load = await closedLoop({
      concurrency: options.concurrency,
      durationMs: options.warmupMs,
      maxRequests: Math.min(students.length, TOTAL),
      send: (i) => clients[i % clients.length]!.post(BOOK_TICKET, { e: eventId }, students[i]!.token),
      expect: "OK",
    });
    if (!load.outcomes.OK) {
      const logs = instances.map((i) => i.tail().split("\n").filter((l) => l.includes('"level":50')).slice(-2).join("\n"));
      throw new Error(`warm-up booked nothing: ${JSON.stringify(load.outcomes)}\n${logs.join("\n")}`);
    }
  } finally {
    for (const client of clients) client.close();
  }
}

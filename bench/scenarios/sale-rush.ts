// Scenario 3, the sale rush: N students press "book" at the same moment for a
// small event, in two configurations reported on their own rows: 2,000
// students for 300 seats, and 10,000 for 1,000 (--students/--rush-tickets and
// --large-rush-students/--large-rush-tickets). Every request is written at once
// on its own connection (no client-side queue: the server sees the whole
// crowd, connection set-up included). Measured from the moment the first
// request is sent:
//   soldOutMs    until the last successful booking's answer arrived
//   allAnsweredMs until every student had an answer
//   latency      each answer's own send→answer time (p50/p99 over all N)
// Correct means: exactly `tickets` tickets in the database, that many OK
// answers, N - tickets SOLD_OUT answers, nothing else, nobody with two tickets.
// Each rush runs on one server instance, then (with Redis, so instances share
// the lock) spread round-robin over one instance per core, as a load balancer
// in front of a deployment sized to its machine would spread the crowd.
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { createEvent, eventTruth, type EventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import { round, summarize, type LatencySummary } from "../stats.ts";

export interface SaleRushResult {
  /** How the students book: GraphQL bookTicket, or REST POST /events/:id/book. */
  protocol: "graphql" | "rest";
  /** Server instances the crowd was spread over (round-robin). */
  instances: number;
  students: number;
  tickets: number;
  soldOutMs: number;
  allAnsweredMs: number;
  latencyMs: LatencySummary;
  outcomes: Record<string, number>;
  truth: EventTruth;
  correct: boolean;
  problems: string[];
  /** CPU during the rush; the servers' CPU per request (their CPU time ÷ requests), µs. */
  cpu?: CpuShares;
  serverCpuUsPerRequest?: number;
}

/** The two rushes the bench runs: the default crowd, then the large one. */
export function rushConfigurations(options: BenchContext["options"]) {
  return {
    default: { students: options.students, tickets: options.rushTickets },
    large: { students: options.largeRushStudents, tickets: options.largeRushTickets },
  };
}

export async function runSaleRush(
  ctx: BenchContext,
  size: { students: number; tickets: number },
  instances = 1,
  protocol: "graphql" | "rest" = "graphql",
): Promise<SaleRushResult> {
  const { db } = ctx;
  const n = size.students;
  const tickets = size.tickets;
  if (ctx.students.length < n) throw new Error(`sale rush needs ${n} students, the pool has ${ctx.students.length}`);
  const eventId = await createEvent(db.owner, "Sale rush", tickets);
  const clients = ctx.instances.slice(0, instances).map((instance) => new GraphqlClient(instance.url, Infinity));
  try {
    const stopCpu = measureCpu(ctx.instances.slice(0, instances).map((instance) => instance.pid));
    const started = performance.now();
    const answers = await Promise.all(
      ctx.students.slice(0, n).map((student, i) => {
        const client = clients[i % clients.length]!;
        return protocol === "rest" ? client.bookRest(eventId, student.token) : client.post(BOOK_TICKET, { e: eventId }, student.token);
      }),
    );
    const cpu = stopCpu();
    const outcomes: Record<string, number> = {};
    for (const answer of answers) outcomes[answer.outcome] = (outcomes[answer.outcome] ?? 0) + 1;
    const okTimes = answers.filter((a) => a.outcome === "OK").map((a) => a.at);
    const truth = await eventTruth(db.owner, eventId);

    const problems: string[] = [];
    const expected = { OK: Math.min(tickets, n), SOLD_OUT: Math.max(0, n - tickets) };
    if (truth.liveTickets !== expected.OK) problems.push(`${truth.liveTickets} tickets in the database, expected ${expected.OK}`);
    if (truth.ticketsRemaining !== tickets - expected.OK) problems.push(`tickets_remaining is ${truth.ticketsRemaining}`);
    if (truth.mostPerStudent > 1) problems.push(`a student holds ${truth.mostPerStudent} tickets`);
    for (const [code, count] of Object.entries(outcomes)) {
      const want = expected[code as keyof typeof expected];
      if (want === undefined) problems.push(`${count} unexpected ${code} answers`);
      else if (want !== count) problems.push(`${count} ${code} answers, expected ${want}`);
    }
    return {
      protocol,
      instances: clients.length,
      students: n,
      tickets,
      soldOutMs: round(okTimes.length ? Math.max(...okTimes) - started : NaN),
      allAnsweredMs: round(Math.max(...answers.map((a) => a.at)) - started),
      latencyMs: summarize(answers.map((a) => a.ms)),
      outcomes,
      truth,
      correct: problems.length === 0,
      problems,
      cpu,
      serverCpuUsPerRequest: cpu ? Math.round((cpu.serverSeconds * 1e6) / n) : undefined,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

// Scenario 4, the sold-out path: how fast the server says "no". C clients book
// a sold-out event (every answer must be SOLD_OUT), and the same C clients send
// `{ __typename }`, the cheapest GraphQL operation there is, with the same
// Authorization header (so token verification is on both sides). The ratio
// refusals/s ÷ trivial/s says how close a refusal is to free.
//
// The two loads take turns in slices (refusals, trivial, trivial, refusals...,
// ROUNDS of each, together the run's duration per load), so whatever else
// loads the machine meanwhile weighs on both. The server's CPU per request of
// each is reported too: on a busy machine it is the steadier comparison.
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { createEvent, eventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient, TYPENAME } from "../http-client.ts";
import { closedLoop, type LoadResult } from "../load.ts";
import { round } from "../stats.ts";

export interface SoldOutResult {
  refusals: LoadResult & { cpu?: CpuShares; serverCpuUsPerRequest?: number };
  trivial: LoadResult & { cpu?: CpuShares; serverCpuUsPerRequest?: number };
  ratio: number;
  /** The server's CPU per trivial request ÷ per refusal (1 = a refusal costs what `{ __typename }` does). */
  cpuRatio?: number;
  rounds: number;
}

const ROUNDS = 4;

/** The slices of one load as one: counts and time summed, latency percentiles the median of the slices'. */
function merged(slices: (LoadResult & { cpu?: CpuShares })[]): LoadResult & { cpu?: CpuShares; serverCpuUsPerRequest?: number } {
  const sum = (f: (l: LoadResult) => number) => slices.reduce((n, l) => n + f(l), 0);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  const elapsedMs = sum((l) => l.elapsedMs);
  const requests = sum((l) => l.requests);
  const outcomes: Record<string, number> = {};
  for (const l of slices) for (const [code, n] of Object.entries(l.outcomes)) outcomes[code] = (outcomes[code] ?? 0) + n;
  const weighted = (f: (c: CpuShares) => number) => round(slices.reduce((n, l) => n + f(l.cpu!) * l.elapsedMs, 0) / elapsedMs);
  const cpu: CpuShares | undefined = slices.every((l) => l.cpu)
    ? {
        server: weighted((c) => c.server),
        postgres: weighted((c) => c.postgres),
        bench: weighted((c) => c.bench),
        other: weighted((c) => c.other),
        machine: weighted((c) => c.machine),
        cores: slices[0]!.cpu!.cores,
        serverSeconds: slices.reduce((n, l) => n + l.cpu!.serverSeconds, 0),
        serverSystemSeconds: slices.reduce((n, l) => n + l.cpu!.serverSystemSeconds, 0),
      }
    : undefined;
  const perSecond = round(requests / (elapsedMs / 1000), 1);
  return {
    requests,
    outcomes,
    elapsedMs: round(elapsedMs),
    perSecond,
    expectedPerSecond: round(sum((l) => l.expectedPerSecond * l.elapsedMs) / elapsedMs, 1),
    latencyMs: {
      count: requests,
      p50: median(slices.map((l) => l.latencyMs.p50)),
      p90: median(slices.map((l) => l.latencyMs.p90)),
      p99: median(slices.map((l) => l.latencyMs.p99)),
      max: Math.max(...slices.map((l) => l.latencyMs.max)),
      mean: round(sum((l) => l.latencyMs.mean * l.requests) / requests),
    },
    exhausted: slices.some((l) => l.exhausted),
    cpu,
    serverCpuUsPerRequest: cpu ? Math.round((cpu.server * elapsedMs * 1000) / requests) : undefined,
  };
}

// Time bounds the loads; this only keeps them finite in count too.
const MAX_REQUESTS = 5_000_000;

export async function runSoldOut(ctx: BenchContext): Promise<SoldOutResult> {
  const { options, db, students } = ctx;
  const instance = ctx.instances[0]!;
  const client = new GraphqlClient(instance.url, options.concurrency);
  try {
    // Sell the only seat through the API, so the event is sold out the normal way.
    const eventId = await createEvent(db.owner, "Sold out", 1);
    const first = await client.post(BOOK_TICKET, { e: eventId }, students[0]!.token);
    if (first.outcome !== "OK") throw new Error(`sold-out: could not sell the only seat: ${JSON.stringify(first.body)}`);

    const token = (i: number) => students[1 + (i % (students.length - 1))]!.token;
    const timed = async (query: string, variables: Record<string, unknown>, expect: string) => {
      const stopCpu = measureCpu([instance.pid]);
      const load = await closedLoop({
        concurrency: options.concurrency,
        durationMs: options.durationMs / ROUNDS,
        maxRequests: MAX_REQUESTS,
        send: (i) => client.post(query, variables, token(i)),
        expect,
      });
      return { ...load, cpu: stopCpu() };
    };
    const refusalSlices: Awaited<ReturnType<typeof timed>>[] = [];
    const trivialSlices: Awaited<ReturnType<typeof timed>>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const refuse = async () => refusalSlices.push(await timed(BOOK_TICKET, { e: eventId }, "SOLD_OUT"));
      const trivialOne = async () => trivialSlices.push(await timed(TYPENAME, {}, "OK"));
      if (r % 2 === 0) await refuse().then(trivialOne);
      else await trivialOne().then(refuse);
    }
    const refusals = merged(refusalSlices);
    const trivial = merged(trivialSlices);

    const truth = await eventTruth(db.owner, eventId);
    if (truth.liveTickets !== 1 || truth.ticketsRemaining !== 0) throw new Error(`sold-out: the event changed: ${JSON.stringify(truth)}`);
    const wrong = Object.keys(refusals.outcomes).filter((code) => code !== "SOLD_OUT");
    if (wrong.length) throw new Error(`sold-out: answers other than SOLD_OUT: ${JSON.stringify(refusals.outcomes)}`);
    const cpuRatio =
      refusals.serverCpuUsPerRequest && trivial.serverCpuUsPerRequest ? round(trivial.serverCpuUsPerRequest / refusals.serverCpuUsPerRequest) : undefined;
    return { refusals, trivial, ratio: round(refusals.perSecond / trivial.perSecond), cpuRatio, rounds: ROUNDS };
  } finally {
    client.close();
  }
}

// Scenario 4, the sold-out path: how fast the server says "no". C clients book
// a sold-out event (every answer must be SOLD_OUT), then the same C clients
// send `{ __typename }`, the cheapest GraphQL operation there is, with the same
// Authorization header (so token verification is on both sides). The ratio
// refusals/s ÷ trivial/s says how close a refusal is to free.
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { createEvent, eventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient, TYPENAME } from "../http-client.ts";
import { closedLoop, type LoadResult } from "../load.ts";

export interface SoldOutResult {
  refusals: LoadResult & { cpu?: CpuShares };
  trivial: LoadResult & { cpu?: CpuShares };
  ratio: number;
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
        durationMs: options.durationMs,
        maxRequests: MAX_REQUESTS,
        send: (i) => client.post(query, variables, token(i)),
        expect,
      });
      return { ...load, cpu: stopCpu() };
    };
    const refusals = await timed(BOOK_TICKET, { e: eventId }, "SOLD_OUT");
    const trivial = await timed(TYPENAME, {}, "OK");

    const truth = await eventTruth(db.owner, eventId);
    if (truth.liveTickets !== 1 || truth.ticketsRemaining !== 0) throw new Error(`sold-out: the event changed: ${JSON.stringify(truth)}`);
    const wrong = Object.keys(refusals.outcomes).filter((code) => code !== "SOLD_OUT");
    if (wrong.length) throw new Error(`sold-out: answers other than SOLD_OUT: ${JSON.stringify(refusals.outcomes)}`);
    return { refusals, trivial, ratio: Math.round((refusals.perSecond / trivial.perSecond) * 100) / 100 };
  } finally {
    client.close();
  }
}

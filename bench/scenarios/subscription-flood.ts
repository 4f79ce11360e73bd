// Scenario 7, a websocket flood beside booking: booking latency (C concurrent
// clients, bookTicket over HTTP GraphQL, one hot event) measured twice for the
// same duration: once with nobody watching, once while F availability
// subscriptions open (F/1,000 sockets of 1,000; half on one event, half spread
// over F/2 others, one topic each) and stay open. Watchers must not take
// booking's connections: the two p99s should be close, with no 503s.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { BenchContext } from "../context.ts";
import { createEvent } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import { closedLoop, type LoadResult } from "../load.ts";

export interface SubscriptionFloodResult {
  subscriptions: number;
  sockets: number;
  topics: number;
  quiet: LoadResult;
  flooded: LoadResult;
  /** Subscriptions that received their event's current value (of `subscriptions`). */
  currentValues: number;
  /** From the first subscribe to the last current value, ms. */
  allCurrentMs: number;
}

const SUBSCRIPTION = "subscription($id:Int!){ eventAvailability(eventId:$id){ eventId ticketsRemaining } }";
const PER_SOCKET = 1_000;
const WAIT_MS = 60_000; // bound on waiting for the current values

export async function runSubscriptionFlood(ctx: BenchContext): Promise<SubscriptionFloodResult> {
  const { options, db, students } = ctx;
  const url = ctx.instances[0]!.url;
  const total = options.floodSubscriptions;
  const sockets = Math.ceil(total / PER_SOCKET);
  const { rows: watched } = await db.owner.query<{ id: number }>(
    `insert into app_public.events (name, venue, starts_at, total_tickets)
     select 'Watched ' || n, 'Bench Hall', now() + interval '30 days', 50 from generate_series(1, $1::int) n returning id`,
    [Math.max(1, Math.floor(total / 2))],
  );
  const watchedHot = await createEvent(db.owner, "Watched hot", 50);

  const book = async (label: string) => {
    const eventId = await createEvent(db.owner, `Flood ${label}`, 100_000);
    const http = new GraphqlClient(url, options.concurrency);
    try {
      return await closedLoop({
        concurrency: options.concurrency,
        durationMs: options.durationMs,
        maxRequests: students.length,
        send: (i) => http.post(BOOK_TICKET, { e: eventId }, students[i]!.token),
        expect: "OK",
      });
    } finally {
      http.close();
    }
  };

  const quiet = await book("quiet");

  const clients: Client[] = Array.from({ length: sockets }, () =>
    createClient({ url: `${url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true }),
  );
  const disposers: (() => void)[] = [];
  let current = 0;
  let lastCurrentAt = 0;
  let failure: unknown = null;
  const subscribeStarted = performance.now();
  for (let n = 0; n < total; n++) {
    const eventId = n % 2 === 0 ? watchedHot : watched[(n >> 1) % watched.length]!.id;
    let first = true;
    disposers.push(
      clients[Math.floor(n / PER_SOCKET)]!.subscribe(
        { query: SUBSCRIPTION, variables: { id: eventId } },
        {
          next: () => {
            if (!first) return;
            first = false;
            current++;
            lastCurrentAt = performance.now();
          },
          error: (error) => (failure ??= error),
          complete: () => {},
        },
      ),
    );
  }
  try {
    const flooded = await book("flooded");
    for (let waited = 0; current < total && failure === null && waited < WAIT_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50)); // poll the counter, bounded
    }
    if (failure !== null) throw new Error(`subscription flood: a subscription failed: ${JSON.stringify(failure)}`);
    return {
      subscriptions: total,
      sockets,
      topics: watched.length + 1,
      quiet,
      flooded,
      currentValues: current,
      allCurrentMs: Math.round(lastCurrentAt - subscribeStarted),
    };
  } finally {
    for (const dispose of disposers) dispose();
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

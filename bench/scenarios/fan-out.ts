// Scenario 5, live fan-out: S graphql-ws subscribers (one websocket each, as S
// browsers would have) watch one event; the bench books B tickets one after
// another and times when each subscriber receives each new ticketsRemaining.
//
// What is measured, exactly. The bench cannot see the commit, only bracket it:
// booking i is sent at send_i and its HTTP answer arrives at answer_i, and the
// server answers only after book_ticket committed, so the commit lies in
// [send_i, answer_i]. For each subscriber and booking, with receipt = when the
// graphql-ws client delivered the message carrying ticketsRemaining = total - i:
//   upper bound of commit→receipt = receipt - send_i   (judged against the target)
//   lower bound of commit→receipt = receipt - answer_i (negative when the
//                                    notification beat the HTTP answer)
// Booking i+1 is sent only once every live subscriber has received booking i,
// so fan-outs never overlap. Receipt times are taken in the bench process,
// which decodes all S messages on one thread: that cost is inside the figure.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { BenchContext } from "../context.ts";
import { createEvent, eventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import { summarize, type LatencySummary } from "../stats.ts";

export interface FanOutResult {
  subscribers: number;
  bookings: number;
  /** Messages that arrived, of subscribers × bookings. */
  delivered: number;
  expected: number;
  upperBoundMs: LatencySummary;
  lowerBoundMs: LatencySummary;
  /** Booking round trip (send → answer), for reading the bounds. */
  bookingMs: LatencySummary;
}

const SUBSCRIPTION = "subscription($id:Int!){ eventAvailability(eventId:$id){ eventId ticketsRemaining version } }";
const CONNECT_BATCH = 100; // connect in batches: not measured, and keeps the listen backlog happy
const WAIT_MS = 30_000; // bound on any single wait for messages

interface Subscriber {
  client: Client;
  /** ticketsRemaining → performance.now() at receipt. */
  received: Map<number, number>;
  ended: boolean;
}

export async function runFanOut(ctx: BenchContext): Promise<FanOutResult> {
  const { options, db, students } = ctx;
  const s = options.subscribers;
  const b = Math.min(options.fanoutBookings, students.length);
  const total = b + 1;
  const eventId = await createEvent(db.owner, "Fan-out", total);
  const url = ctx.instances[0]!.url;
  const http = new GraphqlClient(url, 1);
  const subscribers: Subscriber[] = [];
  const counts = new Map<number, number>();
  let alive = 0;
  let wake: (() => void) | null = null;
  let failure: unknown = null;

  /** Resolves when every live subscriber holds `remaining` (false on timeout). */
  const allHave = (remaining: number) =>
    new Promise<boolean>((resolve) => {
      const check = () => {
        if ((counts.get(remaining) ?? 0) < alive) return;
        clearTimeout(timer);
        wake = null;
        resolve(true);
      };
      const timer = setTimeout(() => {
        wake = null;
        resolve(false);
      }, WAIT_MS);
      wake = check;
      check();
    });

  const subscribe = () => {
    const client = createClient({
      url: `${url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0, // a dropped subscriber is a finding, not something to paper over
    });
    const sub: Subscriber = { client, received: new Map(), ended: false };
    const end = (error?: unknown) => {
      if (sub.ended) return;
      sub.ended = true;
      alive--;
      if (error) failure ??= error;
      wake?.();
    };
    alive++;
    client.subscribe(
      { query: SUBSCRIPTION, variables: { id: eventId } },
      {
        next: (result) => {
          const at = performance.now();
          const remaining = (result.data as any)?.eventAvailability?.ticketsRemaining;
          if (typeof remaining !== "number") return end(result.errors ?? new Error("message without ticketsRemaining"));
          if (sub.received.has(remaining)) return;
          sub.received.set(remaining, at);
          counts.set(remaining, (counts.get(remaining) ?? 0) + 1);
          wake?.();
        },
        error: (error) => end(error),
        complete: () => end(),
      },
    );
    subscribers.push(sub);
  };

  try {
    for (let opened = 0; opened < s; ) {
      const batch = Math.min(CONNECT_BATCH, s - opened);
      for (let k = 0; k < batch; k++) subscribe();
      opened += batch;
      if (!(await allHave(total))) throw new Error(`fan-out: only ${counts.get(total) ?? 0} of ${opened} subscribers got the first value`);
    }
    if (alive < s) throw new Error(`fan-out: ${s - alive} subscriptions failed: ${String((failure as Error)?.message ?? failure)}`);

    const sent: number[] = [];
    const answered: number[] = [];
    for (let i = 1; i <= b; i++) {
      sent[i] = performance.now();
      const answer = await http.post(BOOK_TICKET, { e: eventId }, students[i - 1]!.token);
      if (answer.outcome !== "OK") throw new Error(`fan-out: booking ${i} failed: ${JSON.stringify(answer.body)}`);
      answered[i] = answer.at;
      if (!(await allHave(total - i))) options.log(`fan-out: booking ${i} did not reach every subscriber within ${WAIT_MS} ms`);
    }

    const upper: number[] = [];
    const lower: number[] = [];
    for (const sub of subscribers) {
      for (let i = 1; i <= b; i++) {
        const at = sub.received.get(total - i);
        if (at === undefined) continue;
        upper.push(at - sent[i]!);
        lower.push(at - answered[i]!);
      }
    }
    const truth = await eventTruth(db.owner, eventId);
    if (truth.liveTickets !== b) throw new Error(`fan-out: ${truth.liveTickets} tickets, expected ${b}`);
    return {
      subscribers: s,
      bookings: b,
      delivered: upper.length,
      expected: s * b,
      upperBoundMs: summarize(upper),
      lowerBoundMs: summarize(lower),
      bookingMs: summarize(sent.slice(1).map((t, k) => answered[k + 1]! - t)),
    };
  } finally {
    http.close();
    await Promise.all(subscribers.map((sub) => sub.client.dispose()));
  }
}

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
// so fan-outs never overlap.
//
// Receipt times are taken where the messages are decoded: the subscribers'
// sockets are spread over a few worker threads (fan-out-worker.ts), so one
// thread decoding 10,000 messages in turn does not become the figure; the
// threads and the bench's main thread read one clock (performance.timeOrigin +
// performance.now()). They still share the machine's cores with the server.
//
// Memory: the server's RSS (/proc/<pid>/status) and V8 heap in use (its
// /metrics, read with the bench's METRICS_TOKEN) before the first subscriber
// connects and after every subscriber has its first value, divided by S. Heap
// in use includes garbage not yet collected, so it is an upper bound. The
// scenario runs on the last instance started: the first one has served the
// sale rushes by then, and an RSS that holds memory freed since (the allocator
// keeps it) cannot show what subscribers add.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { createEvent, eventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import { closedLoop, type LoadResult } from "../load.ts";
import { fileLimitOf, type Instance } from "../instances.ts";
import { summarize, type LatencySummary } from "../stats.ts";
import type { FanOutWorkerData } from "./fan-out-worker.ts";
import { SubscriberTally } from "./subscriber-tally.ts";
import { runWriteFloor, type WriteFloorResult } from "./write-floor.ts";

export interface ServerMemory {
  rssBytes: number;
  /** V8 heap in use, from the server's /metrics (absent when it could not be read). */
  heapUsedBytes?: number;
}

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
  /** Threads the subscribers' sockets were spread over. */
  threads: number;
  /** CPU while the bookings were delivered, and the server's CPU per delivered message (its share × time ÷ messages). */
  cpu?: CpuShares;
  serverCpuUsPerMessage?: number;
  /** Of serverCpuUsPerMessage, in the kernel. */
  serverSystemUsPerMessage?: number;
  /** One plain socket write per subscriber, the same frame size (write-floor.ts): the cost under each message. */
  writeFloor?: WriteFloorResult;
  memory: {
    before: ServerMemory;
    after: ServerMemory;
    rssBytesPerSubscriber: number;
    heapBytesPerSubscriber?: number;
    /**
     * RSS per subscriber added in the second half of the connections (from the
     * first moment half had their first value to the end): what each more
     * subscriber costs, without what the process grows once whatever the
     * count (V8's young generation, code compiled on first use).
     */
    rssBytesPerAddedSubscriber?: number;
  };
  /** Open-file limit of the server process during the run (each websocket is one). */
  serverFileLimit?: number;
  /**
   * Bookings (C closed-loop clients) on an event nobody watches, before the
   * subscribers connect, and on the watched event while every booking batch
   * reaches them all: p99 beside ÷ p99 alone.
   */
  beside?: { alone: LoadResult; watched: LoadResult; p99Ratio: number; cpu?: CpuShares };
}

export interface FanOutSettings {
  /** Default: the last instance started. */
  instance?: Instance;
  subscribers?: number;
  bookings?: number;
  /** Also measure booking beside the fan-out (scenario 5's figure; 5b skips it). */
  beside?: boolean;
}

const CONNECT_BATCH = 100; // per thread, connect in batches: not measured, and keeps the listen backlog happy
const WAIT_MS = 30_000; // bound on any single wait for messages
/** Subscribers per thread, at most; and never more threads than this. */
const PER_THREAD = 2_500;
const MAX_THREADS = 4;
/** Sockets per source address (127.0.<run>.x), well under the 28,232 ephemeral ports one address has here. */
const PER_ADDRESS = 20_000;
/** The size of the frame each subscriber gets per booking (a graphql-ws `next` with the client's 36-character id). */
const FRAME_BYTES = 2 + '{"id":"00000000-0000-0000-0000-000000000000","type":"next","payload":{"data":{"eventAvailability":{"eventId":1,"ticketsRemaining":10000,"version":1}}}}'.length;

const rssOf = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? NaN) * 1024;

/** The server process's resident memory, and its V8 heap in use when /metrics can be read. */
export async function serverMemory(instance: Instance): Promise<ServerMemory> {
  const rssBytes = rssOf(instance.pid);
  let heapUsedBytes: number | undefined;
  if (instance.metricsToken) {
    try {
      const response = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${instance.metricsToken}` } });
      const text = await response.text();
      const value = text.match(/^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m)?.[1];
      if (value) heapUsedBytes = Number(value);
    } catch {
      // no metrics: RSS alone
    }
  }
  return { rssBytes, heapUsedBytes };
}

/** Fan-outs run by this bench so far. */
let runs = 0;

interface Thread {
  worker: Worker;
  /** Resolvers of the one request in flight per message type. */
  waiting: Map<string, (message: any) => void>;
}

export async function runFanOut(ctx: BenchContext, settings: FanOutSettings = {}): Promise<FanOutResult> {
  const { options, db, students } = ctx;
  const s = settings.subscribers ?? options.subscribers;
  const b = Math.min(settings.bookings ?? options.fanoutBookings, students.length);
  // Seats for the measured bookings, and for the load beside the fan-out (one per student left).
  const besideSeats = settings.beside ? students.length - b : 0;
  const total = b + 1 + besideSeats;
  const eventId = await createEvent(db.owner, "Fan-out", total);
  const instance = settings.instance ?? ctx.instances.at(-1)!;
  // Addresses of this run's own (127.0.<run>.x): the sockets of a run before it leave ports in TIME_WAIT for a minute.
  const block = ++runs;
  const localAddresses = Array.from({ length: Math.ceil(s / PER_ADDRESS) }, (_, k) => `127.0.${block}.${k + 1}`);
  const http = new GraphqlClient(instance.url, 1);
  const tally = new SubscriberTally(s); // every thread's subscribers, added up
  let failure: string | undefined;
  /** The server's RSS when half the subscribers first had their first value. */
  let halfway: { subscribers: number; rssBytes: number } | undefined;

  const threadCount = Math.min(MAX_THREADS, Math.max(1, Math.ceil(s / PER_THREAD)));
  const threads: Thread[] = [];
  for (let t = 0; t < threadCount; t++) {
    const share = Math.floor(s / threadCount) + (t < s % threadCount ? 1 : 0);
    const workerData: FanOutWorkerData = {
      url: instance.url,
      eventId,
      subscribers: share,
      total,
      connectBatch: CONNECT_BATCH,
      waitMs: WAIT_MS,
      localAddresses,
    };
    const thread: Thread = { worker: new Worker(new URL("./fan-out-worker.ts", import.meta.url), { workerData }), waiting: new Map() };
    thread.worker.on("message", (message: { type: string; counts?: [number, number][]; error?: string }) => {
      if (message.type === "counts") {
        for (const [remaining, n] of message.counts!) tally.add(remaining, n);
        if (!halfway && tally.holding(total) >= s / 2) halfway = { subscribers: tally.holding(total), rssBytes: rssOf(instance.pid) };
      } else if (message.type === "ended") {
        failure ??= message.error;
        tally.lost();
      } else {
        const resolve = thread.waiting.get(message.type);
        thread.waiting.delete(message.type);
        resolve?.(message);
      }
    });
    thread.worker.on("error", (error) => {
      failure ??= error.message;
      for (const resolve of thread.waiting.values()) resolve({ type: "error", error: error.message });
    });
    threads.push(thread);
  }
  const ask = <T>(thread: Thread, type: string, answer: string) =>
    new Promise<T>((resolve) => {
      thread.waiting.set(answer, resolve);
      thread.worker.postMessage({ type });
    });

  // Booking alone: the same load as beside the fan-out below, on an event nobody watches.
  const load = (event: number) =>
    closedLoop({
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      maxRequests: besideSeats,
      send: (i) => booker.post(BOOK_TICKET, { e: event }, students[b + i]!.token),
      expect: "OK",
    });
  const booker = new GraphqlClient(instance.url, options.concurrency);
  try {
    const alone = settings.beside ? await load(await createEvent(db.owner, "Fan-out: booking alone", besideSeats)) : undefined;
    const before = await serverMemory(instance);
    const connected = await Promise.all(threads.map((t) => ask<{ opened: number; failed: number; error?: string }>(t, "connect", "connected")));
    const failed = connected.reduce((n, c) => n + (c.failed ?? 1), 0); // a thread that failed outright counts once at least
    if (failed > 0 || tally.alive < s) {
      throw new Error(`fan-out: ${Math.max(failed, s - tally.alive)} of ${s} subscriptions failed: ${connected.find((c) => c.error)?.error ?? failure}`);
    }
    const after = await serverMemory(instance);

    const now = () => performance.timeOrigin + performance.now();
    const sent: number[] = [];
    const answered: number[] = [];
    const bookingMs: number[] = [];
    const deliveryStarted = performance.now();
    const stopCpu = measureCpu([instance.pid]);
    for (let i = 1; i <= b; i++) {
      sent[i] = now();
      const started = performance.now();
      const answer = await http.post(BOOK_TICKET, { e: eventId }, students[i - 1]!.token);
      if (answer.outcome !== "OK") throw new Error(`fan-out: booking ${i} failed: ${answer.outcome} ${JSON.stringify(answer.body)}\n${instance.tail()}`);
      answered[i] = sent[i]! + (answer.at - started);
      bookingMs.push(answer.at - started);
      if (!(await tally.allHave(total - i, WAIT_MS))) options.log(`fan-out: booking ${i} did not reach every subscriber within ${WAIT_MS} ms`);
    }

    const cpu = stopCpu();
    const deliveryMs = performance.now() - deliveryStarted;
    const upper: number[] = [];
    const lower: number[] = [];
    const collected = await Promise.all(threads.map((t) => ask<{ times: [number, Float64Array][] }>(t, "collect", "times")));
    for (const { times } of collected) {
      for (const [remaining, at] of times ?? []) {
        const i = total - remaining;
        if (i < 1 || i > b) continue;
        for (const t of at) {
          upper.push(t - sent[i]!);
          lower.push(t - answered[i]!);
        }
      }
    }
    const truth = await eventTruth(db.owner, eventId);
    if (truth.liveTickets !== b) throw new Error(`fan-out: ${truth.liveTickets} tickets, expected ${b}`);
    let beside: FanOutResult["beside"];
    if (alone) {
      await Promise.all(threads.map((t) => ask(t, "quiet", "quieted")));
      const stopBesideCpu = measureCpu([instance.pid]);
      const watched = await load(eventId);
      const besideCpu = stopBesideCpu();
      beside = { alone, watched, p99Ratio: Math.round((watched.latencyMs.p99 / alone.latencyMs.p99) * 100) / 100, cpu: besideCpu };
    }
    const writeFloor = settings.beside ? await runWriteFloor(s, FRAME_BYTES, threadCount) : undefined;
    const perSubscriber = (a?: number, z?: number) => (a === undefined || z === undefined ? undefined : Math.round((z - a) / s));
    const perMessage = (seconds?: number) => (seconds !== undefined && upper.length ? Math.round((seconds * 1e6 * 10) / upper.length) / 10 : undefined);
    return {
      subscribers: s,
      bookings: b,
      delivered: upper.length,
      expected: s * b,
      upperBoundMs: summarize(upper),
      lowerBoundMs: summarize(lower),
      bookingMs: summarize(bookingMs),
      threads: threadCount,
      cpu,
      serverCpuUsPerMessage: perMessage(cpu?.serverSeconds),
      serverSystemUsPerMessage: perMessage(cpu?.serverSystemSeconds),
      writeFloor,
      memory: {
        before,
        after,
        rssBytesPerSubscriber: perSubscriber(before.rssBytes, after.rssBytes)!,
        heapBytesPerSubscriber: perSubscriber(before.heapUsedBytes, after.heapUsedBytes),
        rssBytesPerAddedSubscriber: halfway && s > halfway.subscribers ? Math.round((after.rssBytes - halfway.rssBytes) / (s - halfway.subscribers)) : undefined,
      },
      serverFileLimit: fileLimitOf(instance.pid),
      beside,
    };
  } finally {
    http.close();
    booker.close();
    await Promise.all(threads.map((t) => Promise.race([ask(t, "close", "closed"), new Promise((r) => setTimeout(r, 10_000))])));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}

// Availability streams that survive a lost LISTEN connection and never show a
// stale count. Built on PostGraphile's PgSubscriber (LISTEN/NOTIFY); what this
// adds, per subscription:
//   * the current value, read only once LISTEN is known to be live, so no
//     change can fall between the read and the first notification;
//   * after PgSubscriber drops its connection (database restart, terminated
//     backend), a fresh subscription and the current value again;
//   * nothing older than what was already shown (every message carries the
//     event's availability_version).
import { randomUUID } from "node:crypto";
import type { GrafastSubscriber } from "postgraphile/grafast";
import type { Logger } from "../log.ts";

export const eventTopic = (eventId: number) => `ticketing:event:${eventId}`;
export const categoryTopic = (categoryId: number) => `ticketing:category:${categoryId}`;
export const FEED_TOPIC = "ticketing:events";

/** What a topic names: one event, one category, or (id null) every event. */
export function topicScope(topic: string): { kind: "event" | "category" | "events"; id: number | null } {
  const [, kind, id] = topic.split(":");
  return kind === "event" || kind === "category" ? { kind, id: Number(id) } : { kind: "events", id: null };
}

export interface AvailabilitySource {
  /** Current availability messages for a topic (one event, one category's or every upcoming event). */
  current(topic: string): Promise<string[]>;
  /** pg_notify(topic, payload). */
  notify(topic: string, payload: string): Promise<void>;
}

interface TopicState {
  streams: number;
  live: boolean;
  probe?: { id: string; done: Promise<void>; resolve(): void };
}

const PROBE_INTERVAL_MS = 250;

export class AvailabilityStreams implements GrafastSubscriber {
  private readonly topics = new Map<string, TopicState>();
  private readonly pgSubscriber: GrafastSubscriber<Record<string, string>>;
  private readonly source: AvailabilitySource;
  private readonly log: Logger;

  constructor(pgSubscriber: GrafastSubscriber<Record<string, string>>, source: AvailabilitySource, log: Logger) {
    this.pgSubscriber = pgSubscriber;
    this.source = source;
    this.log = log;
  }

  subscribe(topic: string | number): AsyncIterableIterator<string> {
    const name = String(topic);
    const state = this.topics.get(name) ?? { streams: 0, live: false };
    this.topics.set(name, state);
    state.streams++;
    const stream = new PushStream<string>(() => {
      if (--state.streams === 0) this.topics.delete(name); // PgSubscriber UNLISTENs too
    });
    void this.pump(name, state, stream).catch((error) => stream.fail(error));
    return stream;
  }

  /** Feed `stream` until it is closed, starting again whenever PgSubscriber loses its connection. */
  private async pump(topic: string, state: TopicState, stream: PushStream<string>) {
    const shown = new Map<number, number>(); // event id → newest version sent
    const push = (payload: string) => {
      const message = JSON.parse(payload) as { event_id?: number; version?: number; probe?: string };
      if (message.probe !== undefined) {
        if (message.probe === state.probe?.id) state.probe.resolve();
      } else if (message.version! > (shown.get(message.event_id!) ?? -1)) {
        shown.set(message.event_id!, message.version!);
        stream.push(payload);
      }
    };

    while (!stream.closed) {
      const inner = await this.pgSubscriber.subscribe(topic);
      // After a lost connection, return() repeats the failure: nothing to handle.
      const stop = () => void Promise.resolve(inner.return?.()).catch(() => {});
      stream.onClose(stop);
      // A pending read can fail while we await something else; it is handled
      // where it is awaited, so keep it from counting as unhandled meanwhile.
      const read = () => {
        const promise = inner.next();
        promise.catch(() => {});
        return promise;
      };
      try {
        let next = read();
        const live = this.whenLive(topic, state);
        // Pass changes on as they come; once LISTEN is live, add the current value.
        for (let synced = false; !stream.closed; ) {
          const item = synced ? await next : await Promise.race([next, live.then(() => "live" as const)]);
          if (item === "live") {
            synced = true;
            for (const payload of await this.source.current(topic)) push(payload);
            continue;
          }
          if (item.done) return stream.end();
          next = read();
          push(item.value);
        }
      } catch (error) {
        if (!String((error as Error)?.message).includes("interrupted")) throw error;
        // PgSubscriber lost its connection and ended every stream: start again.
        state.live = false;
        this.log.warn({ topic }, "availability LISTEN connection lost; resubscribing");
      } finally {
        stream.offClose(stop);
        stop();
      }
    }
  }

  /**
   * Resolves once a notification on `topic` has come back to this process: from
   * then on LISTEN is live. Streams of one topic share the probe and its answer.
   */
  private whenLive(topic: string, state: TopicState): Promise<void> {
    if (state.live) return Promise.resolve();
    if (!state.probe) {
      const { promise, resolve } = Promise.withResolvers<void>();
      const probe = { id: randomUUID(), done: promise, resolve };
      state.probe = probe;
      // Repeat until LISTEN is back (e.g. after a database restart), or nobody waits.
      const timer = setInterval(() => send(), PROBE_INTERVAL_MS);
      const send = () => {
        if (state.streams === 0) clearInterval(timer);
        else void this.source.notify(topic, JSON.stringify({ probe: probe.id })).catch(() => {});
      };
      send();
      void promise.then(() => {
        clearInterval(timer);
        state.live = true;
        if (state.probe === probe) state.probe = undefined;
      });
    }
    return state.probe.done;
  }
}

/**
 * An async iterator fed from outside. Unlike an async generator, `return()`
 * takes effect at once, even while the feeder is waiting for the database.
 */
class PushStream<T> implements AsyncIterableIterator<T> {
  closed = false;
  private readonly buffer: T[] = [];
  private readonly waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  private failure: { error: unknown } | null = null;
  private readonly closers = new Set<() => void>();
  private readonly onDone: () => void;

  constructor(onDone: () => void) {
    this.onDone = onDone;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  push(value: T) {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value, done: false });
    else this.buffer.push(value);
  }

  fail(error: unknown) {
    if (this.closed) return;
    this.failure = { error };
    this.end();
  }

  end() {
    if (this.closed) return;
    this.closed = true;
    for (const close of this.closers) close();
    this.onDone();
    for (const waiter of this.waiting.splice(0)) {
      if (this.failure) waiter.reject(this.failure.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  onClose(close: () => void) {
    this.closers.add(close);
  }

  offClose(close: () => void) {
    this.closers.delete(close);
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return { value: this.buffer.shift()!, done: false };
    if (this.failure) throw this.failure.error;
    if (this.closed) return { value: undefined, done: true };
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async return(): Promise<IteratorResult<T>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    throw error;
  }
}

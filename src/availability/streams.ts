// Live availability for GraphQL subscriptions (and the booking cache), fed by
// the database's pg_notify through one dedicated LISTEN connection
// (listener.ts). Per subscription:
//   * the current value first, read only once the topic's LISTEN is in effect,
//     so no change can fall between the read and the first notification;
//   * after a lost connection, LISTEN again and the current value again (sent
//     even if unchanged: the subscriber learns it is in sync);
//   * nothing older than what was already shown (every message carries the
//     event's availability_version).
// Cost does not grow with watchers: N subscribers of a topic share one LISTEN
// and one notification parse, and current values are read in batches (one
// transaction for every topic waiting) on a small pool of their own.
import type { GrafastSubscriber } from "postgraphile/grafast";
import { AppError, appError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { AvailabilityListener } from "./listener.ts";
import { PushStream } from "./push-stream.ts";
import type { AvailabilitySource } from "./source.ts";
import { topicScope } from "./topics.ts";
import { countDelivery, countSubscription, countThrottled } from "../metrics/index.ts";

interface Message {
  event_id: number;
  version: number;
}

/**
 * Where a watcher's messages go: a PushStream (one grafast subscription), or a
 * cohort's member (src/websocket/cohorts.ts), which shares one execution with
 * the other subscribers of the same operation. Either keeps at most one unread
 * message per key (event) and fails past its bound of unread ones.
 */
export interface AvailabilitySink {
  readonly closed: boolean;
  push(value: string, key?: unknown): void;
  fail(error: unknown): void;
  end(): void;
}

interface Watcher {
  stream: AvailabilitySink;
  /** Event id → newest version sent. */
  shown: Map<number, number>;
  /** A list topic (every event, one category): items are JSON arrays of messages. */
  list: boolean;
  /** Has not had the current value since its topic's LISTEN took effect. */
  needsCurrent: boolean;
  /**
   * Changes heard before the current values were sent, newest per event: they
   * follow the current values. Made when the first such change is heard (most
   * watchers never need one, and an empty Map is a few hundred bytes).
   */
  held?: Map<number, { message: Message; payload: string }>;
  /** The connection was lost: send the current value even if unchanged. */
  resend: boolean;
}

/** Topics per current-value transaction. */
const MAX_READ_BATCH = 2_000;
/** Unread messages a subscriber may have (one per event: a newer count replaces an unread older one). */
export const MAX_UNREAD = 20_000;
export const tooSlow = () => (countThrottled("SUBSCRIBER_TOO_SLOW", "websocket"), appError("SUBSCRIBER_TOO_SLOW"));
const READ_RETRY_MS = 1_000;

export class AvailabilityStreams implements GrafastSubscriber {
  private readonly topics = new Map<string, Set<Watcher>>();
  private readonly listener: AvailabilityListener;
  private readonly source: AvailabilitySource;
  private readonly log: Logger;
  /** Current-value requests for the next batch. */
  private readonly pending = new Map<string, Set<Watcher>>();
  private reading = false;
  /** Rises with every lost connection: a read that started before one does not count as current. */
  private epoch = 0;

  constructor(listenUrl: string, source: AvailabilitySource, log: Logger) {
    this.source = source;
    this.log = log;
    this.listener = new AvailabilityListener(
      listenUrl,
      {
        notification: (topic, payload) => this.notified(topic, payload),
        lost: () => {
          this.epoch++;
          for (const watchers of this.topics.values()) {
            for (const watcher of watchers) Object.assign(watcher, { needsCurrent: true, resend: true });
          }
        },
        live: (topics) => {
          for (const topic of topics) {
            for (const watcher of this.topics.get(topic) ?? []) if (watcher.needsCurrent) this.requestCurrent(topic, watcher);
          }
        },
      },
      log,
    );
  }

  subscribe(topic: string | number): AsyncIterableIterator<string> {
    const name = String(topic);
    let stop = () => {};
    const stream = new PushStream<string>(() => stop(), { maxUnread: MAX_UNREAD, tooSlow });
    stop = this.watch(name, stream);
    return stream;
  }

  /**
   * Messages of `topic` into `sink`, with every guarantee of a subscription
   * (current value first, never older than shown, again after a lost
   * connection). The returned function stops it (once; the sink's end() must call it).
   */
  watch(topic: string, sink: AvailabilitySink): () => void {
    let watchers = this.topics.get(topic);
    if (!watchers) this.topics.set(topic, (watchers = new Set()));
    const watcher: Watcher = {
      stream: sink,
      shown: new Map(),
      list: topicScope(topic).kind !== "event",
      needsCurrent: true,
      resend: false,
    };
    watchers.add(watcher);
    countSubscription(1);
    if (this.listener.isLive(topic)) this.requestCurrent(topic, watcher);
    else this.listener.listen(topic); // `live` asks for the current value
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.remove(topic, watcher);
    };
  }

  async stop() {
    for (const watchers of this.topics.values()) for (const watcher of watchers) watcher.stream.end();
    await this.listener.stop();
  }

  private remove(topic: string, watcher: Watcher) {
    countSubscription(-1); // once per watcher: its stream's end() calls this once
    const watchers = this.topics.get(topic);
    if (!watchers?.delete(watcher) || watchers.size > 0) return;
    this.topics.delete(topic);
    this.listener.unlisten(topic);
  }

  private notified(topic: string, payload: string) {
    const watchers = this.topics.get(topic);
    if (!watchers) return;
    const arrived = performance.now(); // notify → queued for every subscriber, at /metrics
    const message = JSON.parse(payload) as Message;
    const eventId = message.event_id;
    const version = Number(message.version);
    // What every watcher of the topic gets, made once: the same string for all
    // (a cohort recognises it as the same item: src/websocket/cohorts.ts).
    const value = topicScope(topic).kind === "event" ? payload : `[${payload}]`;
    for (const watcher of watchers) {
      // The current value comes first: a change heard before it waits for it.
      if (watcher.needsCurrent) {
        const held = (watcher.held ??= new Map()).get(eventId);
        if (!held || Number(held.message.version) < version) watcher.held.set(eventId, { message, payload });
      } else if (version > (watcher.shown.get(eventId) ?? -1)) {
        // As send() does for one message: nothing already shown, an unread older count replaced.
        watcher.shown.set(eventId, version);
        watcher.stream.push(value, eventId);
      }
    }
    countDelivery(arrived);
  }

  private requestCurrent(topic: string, watcher: Watcher) {
    let waiting = this.pending.get(topic);
    if (!waiting) this.pending.set(topic, (waiting = new Set()));
    waiting.add(watcher);
    // Reads already under way started before this watcher came: it waits for the next batch.
    if (!this.reading) {
      this.reading = true;
      setImmediate(() => void this.readBatches());
    }
  }

  /** One transaction per batch of waiting topics, one batch at a time, until nobody waits. */
  private async readBatches() {
    try {
      while (this.pending.size > 0) {
        const batch = new Map<string, Set<Watcher>>();
        for (const [topic, watchers] of this.pending) {
          if (batch.size >= MAX_READ_BATCH) break;
          batch.set(topic, watchers);
          this.pending.delete(topic);
        }
        const epoch = this.epoch;
        try {
          const values = await this.source.current([...batch.keys()]);
          for (const [topic, watchers] of batch) {
            const value = values.get(topic)!;
            for (const watcher of watchers) {
              if (watcher.stream.closed) continue;
              if (value instanceof AppError) {
                watcher.stream.fail(value);
                continue;
              }
              const messages = value.map((payload) => ({ message: JSON.parse(payload) as Message, payload }));
              send(watcher, messages, watcher.resend);
              if (epoch === this.epoch) {
                Object.assign(watcher, { needsCurrent: false, resend: false });
                if (watcher.held) send(watcher, [...watcher.held.values()], false); // only what is newer than the current values
                watcher.held = undefined;
              }
            }
          }
        } catch (error) {
          // The database is unreachable (a lost connection re-requests by itself) or
          // the pool is saturated: try these again shortly.
          this.log.warn({ err: (error as Error).message, topics: batch.size }, "reading current availability failed; retrying");
          setTimeout(() => {
            for (const [topic, watchers] of batch) {
              for (const watcher of watchers) if (!watcher.stream.closed && watcher.needsCurrent) this.requestCurrent(topic, watcher);
            }
          }, READ_RETRY_MS).unref();
        }
      }
    } finally {
      this.reading = false;
    }
  }
}

/**
 * Pass messages on, leaving out any event whose version (or a newer one) the
 * watcher has seen already. An event topic's stream carries one message per
 * item; a list topic's (every event, one category) carries a JSON array, so
 * the current values of a whole list page are one item, not one per event.
 */
function send(watcher: Watcher, messages: { message: Message; payload: string }[], resend: boolean) {
  const fresh = messages.filter(({ message }) => {
    const shown = watcher.shown.get(message.event_id) ?? -1;
    const version = Number(message.version);
    if (version < shown || (version === shown && !resend)) return false;
    watcher.shown.set(message.event_id, version);
    return true;
  });
  if (fresh.length === 0) return;
  if (!watcher.list) {
    // An unread older count of this event is replaced by the newer one.
    for (const { message, payload } of fresh) watcher.stream.push(payload, message.event_id);
  } else if (fresh.length === 1) {
    watcher.stream.push(`[${fresh[0]!.payload}]`, fresh[0]!.message.event_id);
  } else {
    watcher.stream.push(`[${fresh.map(({ payload }) => payload).join(",")}]`);
  }
}

// The availability fan-out (src/availability/streams.ts) with fakes: a fake
// LISTEN connection (the module's AvailabilityListener replaced) and a fake
// source of current values. What a subscriber sees, without a database.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ListenerHandlers } from "../../src/availability/listener.ts";
import { AvailabilityStreams } from "../../src/availability/streams.ts";
import type { AvailabilitySource, CurrentValues } from "../../src/availability/source.ts";
import { eventTopic, FEED_TOPIC } from "../../src/availability/topics.ts";
import { AppError } from "../../src/errors.ts";
import { log } from "../../src/log.ts";

const fake = vi.hoisted(() => {
  class FakeListener {
    readonly wanted = new Set<string>();
    readonly liveTopics = new Set<string>();
    stopped = false;
    readonly handlers: ListenerHandlers;
    constructor(_url: string, handlers: ListenerHandlers) {
      this.handlers = handlers;
      fake.listeners.push(this);
    }
    isLive(topic: string) {
      return this.liveTopics.has(topic);
    }
    listen(topic: string) {
      this.wanted.add(topic);
    }
    unlisten(topic: string) {
      this.wanted.delete(topic);
      this.liveTopics.delete(topic);
    }
    async stop() {
      this.stopped = true;
    }
    /** The LISTEN commands returned: these topics are in effect. */
    goLive(topics = [...this.wanted]) {
      for (const topic of topics) this.liveTopics.add(topic);
      this.handlers.live(topics);
    }
    /** The connection dropped. */
    lose() {
      this.liveTopics.clear();
      this.handlers.lost();
    }
  }
  return { FakeListener, listeners: [] as InstanceType<typeof FakeListener>[] };
});
vi.mock("../../src/availability/listener.ts", () => ({ AvailabilityListener: fake.FakeListener }));

const message = (eventId: number, version: number, remaining = 10) =>
  JSON.stringify({ event_id: eventId, version, tickets_remaining: remaining });

/** Current values as the database would answer, and every read it was asked for. */
class FakeSource implements AvailabilitySource {
  readonly reads: string[][] = [];
  values = new Map<string, string[] | AppError>();
  failNext = false;
  async current(topics: string[]): Promise<CurrentValues> {
    this.reads.push([...topics]);
    if (this.failNext) {
      this.failNext = false;
      throw new Error("connection refused");
    }
    return new Map(topics.map((t) => [t, this.values.get(t) ?? []]));
  }
}

/** One turn of the event loop: the streams batch their reads with setImmediate. */
const turn = () => new Promise((resolve) => setImmediate(resolve));
const value = async (stream: AsyncIterator<string>) => JSON.parse((await stream.next()).value as string);

let source: FakeSource;
let streams: AvailabilityStreams;
const listener = () => fake.listeners.at(-1)!;

beforeEach(() => {
  source = new FakeSource();
  streams = new AvailabilityStreams("postgres://unused", source, log.child({}, { level: "silent" }));
});
afterEach(async () => {
  await streams.stop();
  vi.useRealTimers();
});

describe("availability streams", () => {
  it("reads the current value only once the topic's LISTEN is in effect, then passes on newer changes only", async () => {
    const topic = eventTopic(1);
    source.values.set(topic, [message(1, 3)]);
    const stream = streams.subscribe(topic);
    await turn();
    expect(listener().wanted).toEqual(new Set([topic]));
    expect(source.reads).toEqual([]); // a value read now could miss a change before LISTEN

    listener().goLive();
    expect(await value(stream)).toMatchObject({ event_id: 1, version: 3 });
    listener().handlers.notification(topic, message(1, 2)); // older than shown: dropped
    listener().handlers.notification(topic, message(1, 3)); // already shown: dropped
    listener().handlers.notification(topic, message(1, 4, 9));
    expect(await value(stream)).toMatchObject({ version: 4, tickets_remaining: 9 });
  });

  it("shares one LISTEN per topic and one read per batch of topics, however many watch", async () => {
    const a = eventTopic(1);
    const b = eventTopic(2);
    source.values.set(a, [message(1, 1)]);
    source.values.set(b, [message(2, 7)]);
    const watchers = [streams.subscribe(a), streams.subscribe(a), streams.subscribe(a), streams.subscribe(b), streams.subscribe(b)];
    expect(listener().wanted).toEqual(new Set([a, b]));
    listener().goLive();
    const firsts = await Promise.all(watchers.map(value));
    expect(firsts.map((m) => m.version)).toEqual([1, 1, 1, 7, 7]);
    expect(source.reads).toEqual([[a, b]]);

    listener().handlers.notification(a, message(1, 2));
    expect((await Promise.all(watchers.slice(0, 3).map(value))).map((m) => m.version)).toEqual([2, 2, 2]);
  });

  it("sends the current value again after a lost connection, even when it has not changed", async () => {
    const topic = eventTopic(5);
    source.values.set(topic, [message(5, 10)]);
    const stream = streams.subscribe(topic);
    listener().goLive();
    expect((await value(stream)).version).toBe(10);

    listener().lose();
    listener().goLive([topic]);
    expect((await value(stream)).version).toBe(10); // the subscriber learns it is in sync again
    expect(source.reads).toHaveLength(2);
  });

  it("sends a list topic's current values as one message, and gives a newcomer them without another LISTEN", async () => {
    const topic = FEED_TOPIC;
    source.values.set(topic, [message(1, 1), message(2, 4)]);
    const first = streams.subscribe(topic);
    listener().goLive();
    expect((await value(first)).map((m: { event_id: number }) => m.event_id)).toEqual([1, 2]);
    const late = streams.subscribe(topic);
    expect((await value(late)).map((m: { version: number }) => m.version)).toEqual([1, 4]);
    expect(source.reads).toHaveLength(2);
    expect(listener().wanted).toEqual(new Set([topic]));

    listener().handlers.notification(topic, message(2, 5)); // one change: a list of one
    expect(await value(first)).toEqual([{ event_id: 2, version: 5, tickets_remaining: 10 }]);
  });

  it("ends the subscription with the source's error for an unknown event", async () => {
    const topic = eventTopic(404);
    source.values.set(topic, new AppError(404, "NOT_FOUND", "No such event."));
    const stream = streams.subscribe(topic);
    listener().goLive();
    await expect(stream.next()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("retries a failed read a second later", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const topic = eventTopic(3);
    source.values.set(topic, [message(3, 2)]);
    source.failNext = true;
    const stream = streams.subscribe(topic);
    listener().goLive();
    await turn();
    await turn();
    expect(source.reads).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect((await value(stream)).version).toBe(2);
    expect(source.reads).toHaveLength(2);
  });

  it("UNLISTENs a topic when its last subscriber leaves, and ends every stream on stop", async () => {
    const a = eventTopic(1);
    const one = streams.subscribe(a);
    const two = streams.subscribe(a);
    const other = streams.subscribe(eventTopic(2));
    listener().goLive();
    await one.return!();
    expect(listener().wanted.has(a)).toBe(true);
    await two.return!();
    expect(listener().wanted.has(a)).toBe(false);

    await streams.stop();
    expect(await other.next()).toEqual({ value: undefined, done: true });
    expect(listener().stopped).toBe(true);
  });
});

describe("a subscriber joining a topic that is already live", () => {
  it("gets the current value first, then a change heard while it was being read", async () => {
    const topic = eventTopic(7);
    source.values.set(topic, [message(7, 3)]);
    const first = streams.subscribe(topic);
    listener().goLive();
    expect(await value(first)).toMatchObject({ event_id: 7, version: 3 });

    // A second subscriber: the topic is live, its current value is being read…
    source.values.set(topic, [message(7, 4)]);
    const second = streams.subscribe(topic);
    // …when a newer change arrives, before the read is answered.
    listener().handlers.notification(topic, message(7, 5, 8));
    expect(await value(second)).toMatchObject({ version: 4 });
    expect(await value(second)).toMatchObject({ version: 5, tickets_remaining: 8 });
    expect(await value(first)).toMatchObject({ version: 5 });
  });
});

// A cohort (src/websocket/cohorts.ts) when counts change faster than it can
// write them: a newer count of an event, queued before an older one reached a
// subscriber, supersedes it. The subscriber gets the newest count, never an
// older one after it, and a count nobody needs any more is not executed. The
// frames themselves are checked against a server without cohorts, through
// real sockets and grafast, in test/api/subscription-cohorts.test.ts; here a
// stand-in execution holds each result until the test lets it go, so the
// order of events is the test's, not the scheduler's.
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { AvailabilitySink, AvailabilityStreams } from "../../src/availability/streams.ts";
import { Cohorts, OPERATION } from "../../src/websocket/cohorts.ts";
import type { FrameWriter } from "../../src/websocket/frames.ts";

const DOCUMENT = parse("subscription { eventsAvailability { eventId ticketsRemaining } }");

/** A stand-in for grafast: each value the cohort feeds it becomes a result once `release()` lets it go. */
function execution() {
  const executed: string[] = [];
  const gates: (() => void)[] = [];
  const subscribe = async (args: any) => {
    const feed = args.contextValue.availabilityFeed.subscribe("availability:all") as AsyncIterable<string>;
    return (async function* () {
      for await (const value of feed) {
        executed.push(value);
        await new Promise<void>((resolve) => gates.push(resolve));
        yield { data: { eventsAvailability: JSON.parse(value) } };
      }
    })();
  };
  /** Lets the oldest held result go, once the execution holds one. */
  const release = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { executed, subscribe, release };
}

/** A subscriber: its frames' payloads as the client would parse them. */
function subscriber(id: string) {
  const received: unknown[] = [];
  const writer: FrameWriter = {
    write(frame, written) {
      const text = frame.subarray(frame[1]! < 126 ? 2 : 4).toString("utf8");
      const message = JSON.parse(text) as { id: string; payload: { data: { eventsAvailability: unknown } } };
      expect(message.id).toBe(id);
      received.push(message.payload.data.eventsAvailability);
      queueMicrotask(() => written());
      return true;
    },
  };
  return { id, writer, received };
}

async function cohortOf(count: number) {
  const sinks: AvailabilitySink[] = [];
  const streams = { watch: (_topic: string, sink: AvailabilitySink) => (sinks.push(sink), () => {}) } as unknown as AvailabilityStreams;
  const cohorts = new Cohorts(streams, () => undefined);
  const grafast = execution();
  const subscribers = Array.from({ length: count }, (_, k) => subscriber(`op${k}`));
  for (const s of subscribers) {
    await cohorts.subscribe({ document: DOCUMENT, contextValue: { pgSettings: {} }, [OPERATION]: { id: s.id, writer: s.writer } }, grafast.subscribe);
  }
  expect(cohorts.size).toBe(1);
  /** What the availability streams would push to every member: one string, one key (the event). */
  const push = (value: unknown, key: number) => {
    const text = JSON.stringify(value);
    for (const sink of sinks) sink.push(text, key);
  };
  return { grafast, subscribers, push };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("a cohort whose counts change faster than it writes them", () => {
  it("writes each subscriber the newest count of the event, and does not execute a count superseded before its turn", async () => {
    const { grafast, subscribers, push } = await cohortOf(3);
    push([{ eventId: 1, ticketsRemaining: 10 }], 1); // taken by the execution at once, held
    push([{ eventId: 1, ticketsRemaining: 9 }], 1); // waits its turn
    push([{ eventId: 1, ticketsRemaining: 8 }], 1); // supersedes 9 before it was taken, and 10 before it was written
    await grafast.release();
    await grafast.release();
    await settled();

    for (const s of subscribers) expect(s.received).toEqual([[{ eventId: 1, ticketsRemaining: 8 }]]);
    expect(grafast.executed.map((v) => JSON.parse(v)[0].ticketsRemaining)).toEqual([10, 8]);
  });

  it("never lets one event's count supersede another's, and keeps their order", async () => {
    const { grafast, subscribers, push } = await cohortOf(2);
    push([{ eventId: 1, ticketsRemaining: 5 }], 1);
    push([{ eventId: 2, ticketsRemaining: 7 }], 2);
    push([{ eventId: 1, ticketsRemaining: 4 }], 1);
    await grafast.release(); // event 1 at 5: superseded for everyone, not written
    await grafast.release(); // event 2 at 7
    await grafast.release(); // event 1 at 4
    await settled();

    for (const s of subscribers) expect(s.received).toEqual([[{ eventId: 2, ticketsRemaining: 7 }], [{ eventId: 1, ticketsRemaining: 4 }]]);
  });

  it("writes a count that was not superseded, even while newer ones of other subscribers queue", async () => {
    const { grafast, subscribers, push } = await cohortOf(2);
    push([{ eventId: 1, ticketsRemaining: 3 }], 1);
    await grafast.release();
    await settled();
    push([{ eventId: 1, ticketsRemaining: 2 }], 1);
    await grafast.release();
    await settled();

    for (const s of subscribers) expect(s.received.map((r) => (r as { ticketsRemaining: number }[])[0]!.ticketsRemaining)).toEqual([3, 2]);
  });
});

// PushStream: the async iterator each subscription reads from, fed from outside.
import { describe, expect, it } from "vitest";
import { PushStream } from "../../src/availability/push-stream.ts";

describe("PushStream", () => {
  it("hands values to a waiting reader, and buffers them in order when nobody waits", async () => {
    const stream = new PushStream<number>(() => {});
    const first = stream.next();
    stream.push(1);
    expect(await first).toEqual({ value: 1, done: false });
    stream.push(2);
    stream.push(3);
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 3, done: false });
  });

  it("return() ends it at once, even for a reader already waiting, and tells the owner once", async () => {
    let done = 0;
    const stream = new PushStream<number>(() => done++);
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(stream.closed).toBe(true);
    stream.push(4); // after the end: dropped
    await stream.return();
    stream.end();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(done).toBe(1);
  });

  it("delivers what was buffered before the end, then reports done", async () => {
    const stream = new PushStream<string>(() => {});
    stream.push("a");
    stream.end();
    expect(await stream.next()).toEqual({ value: "a", done: false });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("fail() rejects the waiting reader and every later read with the error", async () => {
    let done = 0;
    const stream = new PushStream<number>(() => done++);
    const waiting = stream.next();
    const error = new Error("no such event");
    stream.fail(error);
    await expect(waiting).rejects.toBe(error);
    await expect(stream.next()).rejects.toBe(error);
    expect(done).toBe(1);
  });

  it("replaces an unread value with a newer one of the same key, which goes to the back", async () => {
    const stream = new PushStream<string>(() => {});
    stream.push("event 1 at v1", 1);
    stream.push("event 2 at v1", 2);
    stream.push("event 1 at v2", 1);
    expect((await stream.next()).value).toBe("event 2 at v1");
    expect((await stream.next()).value).toBe("event 1 at v2");
  });

  it("ends a stream nobody reads once it holds more than maxUnread values, with the tooSlow error", async () => {
    let done = 0;
    const tooSlow = new Error("not keeping up");
    const stream = new PushStream<number>(() => done++, { maxUnread: 3, tooSlow: () => tooSlow });
    for (let n = 0; n < 3; n++) stream.push(n);
    expect(stream.closed).toBe(false);
    stream.push(3);
    expect(stream.closed).toBe(true);
    await expect(stream.next()).rejects.toBe(tooSlow); // what was unread is dropped, not held
    expect(done).toBe(1);
  });

  it("works with for await, which calls return() when the consumer stops early", async () => {
    let done = 0;
    const stream = new PushStream<number>(() => done++);
    for (const n of [1, 2, 3]) stream.push(n);
    const seen: number[] = [];
    for await (const n of stream) {
      seen.push(n);
      if (n === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    expect(done).toBe(1);
  });
});

// The orderly shutdown of `npm start` and `npm run worker` (src/shutdown.ts),
// with fake steps and a fake signal source. The real process is tested in
// test/process/start-stop.test.ts.
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "../../src/log.ts";
import { stopOnSignals } from "../../src/shutdown.ts";

function harness(failing?: string, deadlineMs?: number) {
  const order: string[] = [];
  const exits: number[] = [];
  let exited!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const signals = new EventEmitter();
  let releaseHttp!: () => void;
  const httpClosing = new Promise<void>((resolve) => (releaseHttp = resolve));
  const step = (name: string, wait?: Promise<void>) => ({
    name,
    async stop() {
      order.push(`${name}:start`);
      await wait;
      if (name === failing) throw new Error(`${name} refused to stop`);
      order.push(`${name}:done`);
    },
  });
  const { shutdown } = stopOnSignals([step("http", httpClosing), step("worker"), step("database")], {
    log: log.child({}, { level: "silent" }),
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
    signals,
    deadlineMs,
  });
  return { order, exits, exit, signals, releaseHttp, shutdown };
}

describe("stopOnSignals", () => {
  it("stops HTTP, then the worker, then the database, each only after the one before has finished", async () => {
    const h = harness();
    h.signals.emit("SIGTERM");
    await Promise.resolve();
    expect(h.order).toEqual(["http:start"]); // the worker waits while requests finish
    h.releaseHttp();
    await h.shutdown("SIGTERM");
    expect(h.order).toEqual(["http:start", "http:done", "worker:start", "worker:done", "database:start", "database:done"]);
    expect(h.exits).toEqual([0]);
  });

  it("runs once however many signals arrive (Ctrl-C reaches npm and the server; npm passes it on)", async () => {
    const h = harness();
    h.signals.emit("SIGINT");
    h.signals.emit("SIGINT");
    h.signals.emit("SIGTERM");
    h.releaseHttp();
    await h.shutdown("SIGINT");
    expect(h.order.filter((s) => s === "database:start")).toHaveLength(1);
    expect(h.exits).toEqual([0]);
  });

  it("still stops the database when an earlier step fails, and exits with 1", async () => {
    const h = harness("worker");
    h.releaseHttp();
    await h.shutdown("SIGTERM");
    expect(h.order).toEqual(["http:start", "http:done", "worker:start", "database:start", "database:done"]);
    expect(h.exits).toEqual([1]);
  });

  it("does nothing before a signal", async () => {
    const h = harness();
    h.releaseHttp();
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.order).toEqual([]);
    expect(h.exits).toEqual([]);
  });

  describe("with a deadline", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("exits with 1 when a step never settles, naming it", async () => {
      vi.useFakeTimers();
      const h = harness(undefined, 5_000);
      h.signals.emit("SIGTERM"); // http never finishes: releaseHttp is not called
      await vi.advanceTimersByTimeAsync(4_999);
      expect(h.exits).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await h.exit).toBe(1);
      expect(h.order).toEqual(["http:start"]);
    });

    it("is cleared by a shutdown that finishes in time: one exit, with 0", async () => {
      vi.useFakeTimers();
      const h = harness(undefined, 5_000);
      h.releaseHttp();
      await h.shutdown("SIGTERM");
      await vi.advanceTimersByTimeAsync(60_000);
      expect(h.exits).toEqual([0]);
    });
  });
});

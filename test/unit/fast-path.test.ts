// The booking fast path answers only the prefix of the database's order it can
// know (cancelled → started → sales window → sold out), and nothing near a moment where
// clocks could disagree. The cache keeps the newest window it has heard of.
import { describe, expect, it } from "vitest";
import { AvailabilityCache } from "../../src/booking/availability-cache.ts";
import { CLOCK_MARGIN_MS, fastPathCode, type KnownEvent } from "../../src/booking/fast-path.ts";
import type { AvailabilitySource } from "../../src/availability/source.ts";
import type { AvailabilityStreams } from "../../src/availability/streams.ts";
import { PushStream } from "../../src/availability/push-stream.ts";
import { AppError } from "../../src/errors.ts";
import { log } from "../../src/log.ts";

const now = Date.parse("2026-03-01T10:00:00Z");
const hour = 3_600_000;
const event = (fields: Partial<KnownEvent> = {}): KnownEvent => ({
  startsAt: now + 24 * hour,
  salesStart: null,
  salesEnd: null,
  remaining: 10,
  ...fields,
});

describe("fastPathCode", () => {
  it("follows the database's order: started, closed, not open, sold out", () => {
    expect(fastPathCode(event({ startsAt: now - hour, salesEnd: now - 2 * hour, remaining: 0 }), now)).toBe("EVENT_STARTED");
    expect(fastPathCode(event({ salesEnd: now - hour, remaining: 0 }), now)).toBe("SALES_CLOSED");
    expect(fastPathCode(event({ salesStart: now + hour, remaining: 0 }), now)).toBe("SALES_NOT_OPEN");
    expect(fastPathCode(event({ salesStart: now - hour, salesEnd: now + hour, remaining: 0 }), now)).toBe("SOLD_OUT");
    expect(fastPathCode(event({ salesStart: now - hour, salesEnd: now + hour }), now)).toBeUndefined();
  });

  it("answers a cancelled event first, whatever its moments (a cancellation is final)", () => {
    expect(fastPathCode(event({ cancelled: true }), now)).toBe("EVENT_CANCELLED");
    expect(fastPathCode(event({ cancelled: true, startsAt: now - hour }), now)).toBe("EVENT_CANCELLED");
    expect(fastPathCode(event({ cancelled: true, startsAt: now + CLOCK_MARGIN_MS / 2 }), now)).toBe("EVENT_CANCELLED");
  });

  it("leaves every moment within the clock margin to the database", () => {
    const near = CLOCK_MARGIN_MS / 2;
    expect(fastPathCode(event({ startsAt: now - near, remaining: 0 }), now)).toBeUndefined();
    expect(fastPathCode(event({ salesEnd: now + near, remaining: 0 }), now)).toBeUndefined();
    expect(fastPathCode(event({ salesStart: now + near }), now)).toBeUndefined();
    expect(fastPathCode(event({ salesStart: now - near, remaining: 0 }), now)).toBeUndefined();
  });
});

describe("AvailabilityCache", () => {
  const message = (version: number, fields: Record<string, unknown> = {}) => ({
    event_id: 1,
    tickets_remaining: 5,
    version,
    starts_at: new Date(now + 24 * hour).toISOString(),
    sales_start: null,
    sales_end: null,
    ...fields,
  });

  it("answers nothing for an event whose window it has not heard of (a batch answer carries no window)", () => {
    const cache = new AvailabilityCache();
    cache.observe({ event_id: 1, tickets_remaining: 0, version: 3 });
    expect(cache.refusal(1, now)).toBeUndefined();
    cache.observe(message(3, { tickets_remaining: 0 }));
    expect(cache.refusal(1, now)?.code).toBe("SOLD_OUT");
  });

  it("takes a window change that arrives after a newer batch answer", () => {
    const cache = new AvailabilityCache();
    cache.observe(message(1));
    cache.observe({ event_id: 1, tickets_remaining: 0, version: 3 }); // the batch answered before the notification of version 2
    cache.observe(message(2, { tickets_remaining: 1, sales_end: new Date(now - hour).toISOString() }));
    expect(cache.refusal(1, now)?.code).toBe("SALES_CLOSED");
    cache.observe(message(1)); // older than what it knows: ignored
    expect(cache.refusal(1, now)?.code).toBe("SALES_CLOSED");
  });

  it("treats a moment it cannot read as unknown, never as epoch 0: the database decides", () => {
    const cache = new AvailabilityCache();
    // PostgreSQL's to_char gives null for 'infinity'; a year past 9999 has five digits.
    cache.observe(message(1, { tickets_remaining: 0, starts_at: null }));
    expect(cache.refusal(1, now)).toBeUndefined();
    cache.observe(message(2, { tickets_remaining: 0, starts_at: "10000-01-01T00:00:00.000Z" }));
    expect(cache.refusal(1, now)).toBeUndefined();
    cache.observe(message(3, { tickets_remaining: 0, sales_end: "12345-06-07T00:00:00.000Z" }));
    expect(cache.refusal(1, now)).toBeUndefined();
    cache.observe(message(2)); // an older, readable window does not replace the newer unknown one
    expect(cache.refusal(1, now)).toBeUndefined();
    cache.observe(message(4, { tickets_remaining: 0 })); // a newer, readable one does
    expect(cache.refusal(1, now)?.code).toBe("SOLD_OUT");
  });

  it("refuses a cancelled event's bookings from the message that says so", () => {
    const cache = new AvailabilityCache();
    cache.observe(message(1, { sales_state: "on_sale" }));
    expect(cache.refusal(1, now)).toBeUndefined();
    cache.observe(message(2, { sales_state: "cancelled", tickets_remaining: 5 }));
    expect(cache.refusal(1, now)?.code).toBe("EVENT_CANCELLED");
  });
});

describe("AvailabilityCache lookups of events it has not heard of", () => {
  const hour = 3_600_000;
  const events = new Map([
    [7, { starts_at: new Date(Date.now() + 24 * hour).toISOString(), tickets_remaining: 3 }],
    [8, { starts_at: new Date(Date.now() - hour).toISOString(), tickets_remaining: 3 }],
  ]);
  /** A source with two events (7 upcoming, 8 started), recording each read's event ids. */
  function fakeSource() {
    const reads: number[][] = [];
    const source: AvailabilitySource = {
      async current(topics) {
        const ids = topics.map((topic) => Number(topic.split(":")[2]));
        reads.push(ids);
        return new Map(
          topics.map((topic, i) => {
            const event = events.get(ids[i]!);
            const payload = event && JSON.stringify({ event_id: ids[i], version: 1, sales_start: null, sales_end: null, ...event });
            return [topic, payload ? [payload] : new AppError(404, "NOT_FOUND", "No such event.")];
          }),
        );
      },
    };
    return { source, reads };
  }
  const quietFeed = { subscribe: () => new PushStream<string>(() => {}) } as unknown as AvailabilityStreams;

  it("refuses an event that does not exist as the database would, and learns one that does, in one read per batch", async () => {
    const { source, reads } = fakeSource();
    const cache = new AvailabilityCache();
    cache.follow(quietFeed, source, log);
    expect(cache.mustLookUp("student", 7)).toBe(true);
    expect(cache.mustLookUp("admin", 7)).toBe(false); // the database answers them (FORBIDDEN)
    const answers = await Promise.all([
      cache.lookUp("student", 7, null),
      cache.lookUp("student", 8, null),
      cache.lookUp("student", 9, null),
      cache.lookUp("student", 10, "retry-1"),
      cache.lookUp("student", 11, "not a valid key"),
      cache.lookUp("student", 9, null),
    ]);
    expect(answers.map((a) => a?.code)).toEqual([undefined, "EVENT_STARTED", "NOT_FOUND", "NOT_FOUND", "INVALID_INPUT", "NOT_FOUND"]);
    expect(answers[2]).toMatchObject({ status: 404, message: "No such event." });
    expect(answers[4]).toMatchObject({ status: 400, field: "idempotency_key" });
    // The first read starts at once; everything asked meanwhile goes in the next one.
    expect(reads).toEqual([[7], [8, 9, 10, 11]]);
    expect([7, 8, 9, 10, 11].map((id) => cache.mustLookUp("student", id))).toEqual([false, false, true, true, true]);
    expect(cache.refusal(8)?.code).toBe("EVENT_STARTED");
    await cache.stop();
  });

  it("leaves the answer to the database when the read fails, and looks nothing up without the feed", async () => {
    const cache = new AvailabilityCache();
    expect(cache.mustLookUp("student", 7)).toBe(false); // not following: what it learned would not stay current
    const failing: AvailabilitySource = { current: () => Promise.reject(new Error("database away")) };
    cache.follow(quietFeed, failing, log);
    expect(await cache.lookUp("student", 9, null)).toBeUndefined();
    expect(cache.mustLookUp("student", 9)).toBe(true);
    await cache.stop();
    expect(cache.mustLookUp("student", 9)).toBe(false);
  });
});

// The booking fast path answers only the prefix of the database's order it can
// know (started → sales window → sold out), and nothing near a moment where
// clocks could disagree. The cache keeps the newest window it has heard of.
import { describe, expect, it } from "vitest";
import { AvailabilityCache } from "../../src/booking/availability-cache.ts";
import { CLOCK_MARGIN_MS, fastPathCode, type KnownEvent } from "../../src/booking/fast-path.ts";

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
});

// What this process knows about each event's availability (seats left, start,
// sales window), kept current by the database's availability notifications
// (every instance receives every change) and by its own booking batches. It
// only ever short-cuts a refusal the database would give (fast-path.ts),
// without any lock. It can be behind by the time a notification takes to
// arrive (milliseconds), never ahead.
import type { Logger } from "../log.ts";
import type { AvailabilityMessage } from "../availability/message.ts";
import type { AvailabilityStreams } from "../availability/streams.ts";
import { FEED_TOPIC } from "../availability/topics.ts";
import { fastPathCode, fastPathRefusal, type KnownEvent } from "./fast-path.ts";

/** A booking batch's answer carries seats left and the version, not the window. */
type Observation = Pick<AvailabilityMessage, "event_id" | "tickets_remaining" | "version"> & Partial<AvailabilityMessage>;

interface Known {
  remaining: number;
  version: number;
  /** Start and window, with the version they were read at (a batch answer does not carry them). */
  times?: Omit<KnownEvent, "remaining"> & { version: number };
}

const time = (iso: string | null | undefined) => (iso == null ? null : Date.parse(iso));

export class AvailabilityCache {
  private readonly events = new Map<number, Known>();
  private feed?: AsyncIterableIterator<string>;

  /** Newer versions replace older ones; anything older than what we know is ignored. */
  observe(message: Observation) {
    const version = Number(message.version);
    let known = this.events.get(message.event_id);
    if (!known) {
      known = { remaining: message.tickets_remaining, version };
      this.events.set(message.event_id, known);
    } else if (version > known.version) {
      Object.assign(known, { remaining: message.tickets_remaining, version });
    }
    if (message.starts_at !== undefined && !(known.times && known.times.version >= version)) {
      known.times = {
        version,
        startsAt: time(message.starts_at)!,
        salesStart: time(message.sales_start),
        salesEnd: time(message.sales_end),
      };
    }
  }

  /** The database's refusal of a keyless student booking at `now`, if it can be known here; else undefined. */
  refusal(eventId: number, now = Date.now()) {
    const known = this.events.get(eventId);
    if (!known?.times) return undefined; // never guess past rules we cannot see
    const code = fastPathCode({ ...known.times, remaining: known.remaining }, now);
    return code && fastPathRefusal(code);
  }

  /**
   * The same, for a booking request as it arrives: only a plain student
   * booking may be refused here. A retry with a key may be asking for a ticket
   * it already has, and for anyone else the database decides who may book.
   */
  refusalFor(role: string, eventId: number, idempotencyKey: string | null, now = Date.now()) {
    return idempotencyKey === null && role === "student" ? this.refusal(eventId, now) : undefined;
  }

  /** Follow every event's availability (current values first, then each change). */
  follow(streams: AvailabilityStreams, log: Logger) {
    const feed = streams.subscribe(FEED_TOPIC);
    this.feed = feed;
    void (async () => {
      // The feed is a list topic: each item is a JSON array of messages.
      for await (const payload of feed) for (const message of JSON.parse(payload) as AvailabilityMessage[]) this.observe(message);
    })().catch((error) => {
      this.events.clear(); // without the feed we know nothing: every booking asks the database
      log.error({ err: error }, "availability feed for the booking cache stopped");
    });
  }

  async stop() {
    await this.feed?.return?.();
  }
}

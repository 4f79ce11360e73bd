// What this process knows about each event's availability (seats left, start,
// sales window), kept current by the database's availability notifications
// (every instance receives every change) and by its own booking batches. It
// only ever short-cuts a refusal the database would give (fast-path.ts),
// without any lock. It can be behind by the time a notification takes to
// arrive (milliseconds), never ahead.
//
// It starts with the upcoming events (the feed's current value) and learns
// every other event it is asked about: a student's booking of an event it has
// not heard of first reads that event's current availability (one query for
// every such booking waiting, no lock, no booking connection). An event that
// does not exist is refused there; one that exists is known from then on
// (every later change of it comes through the feed). Nothing is kept of an id
// that does not exist, so made-up ids cannot grow it, and an event created a
// moment ago (perhaps through another instance, its notification still on the
// way) is found by that read: the cache never refuses an event for not having
// heard of it.
import { logContext, type Logger } from "../log.ts";
import type { AvailabilityMessage } from "../availability/message.ts";
import type { AvailabilitySource } from "../availability/source.ts";
import type { AvailabilityStreams } from "../availability/streams.ts";
import { eventTopic, FEED_TOPIC } from "../availability/topics.ts";
import { AppError } from "../errors.ts";
import { absentEventCode, fastPathCode, fastPathRefusal, type KnownEvent } from "./fast-path.ts";

/** A booking batch's answer carries seats left and the version, not the window. */
type Observation = Pick<AvailabilityMessage, "event_id" | "tickets_remaining" | "version"> & Partial<AvailabilityMessage>;

interface Known {
  remaining: number;
  version: number;
  /**
   * The start and window as of `version` (a batch answer does not carry
   * them); `window` is missing when a moment could not be read: then the
   * database decides every booking of the event.
   */
  times?: { version: number; window?: Omit<KnownEvent, "remaining"> };
}

/** Events read per lookup query, at most. */
const MAX_LOOKUP_BATCH = 1_000;

/**
 * A moment as event_availability_json writes it (ISO 8601 UTC, milliseconds),
 * or undefined when it is anything else: null where the event must have one
 * (PostgreSQL's to_char gives null for ±infinity), or a year past 9999 (which
 * Date.parse does not read in that form). Such a moment is unknown, never
 * epoch 0 or "no bound": the database decides.
 */
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
function moment(iso: string | null | undefined): number | undefined {
  if (typeof iso !== "string" || !MOMENT.test(iso)) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The start and window of a message (and whether the event was cancelled), or
 * undefined if any of them cannot be read. Null sales bounds mean "none".
 */
function windowOf(message: Partial<AvailabilityMessage>): Omit<KnownEvent, "remaining"> | undefined {
  const startsAt = moment(message.starts_at);
  const salesStart = message.sales_start === null ? null : moment(message.sales_start);
  const salesEnd = message.sales_end === null ? null : moment(message.sales_end);
  if (startsAt === undefined || salesStart === undefined || salesEnd === undefined) return undefined;
  return { cancelled: message.sales_state === "cancelled", startsAt, salesStart, salesEnd };
}

/** An id the lookup query can carry (an integer column): anything else is left to the booking path. */
const isInt4 = (id: number) => Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31;

export class AvailabilityCache {
  private readonly events = new Map<number, Known>();
  private feed?: AsyncIterableIterator<string>;
  /** Reads an unknown event's current value; set while the feed is followed (a learned event must stay current). */
  private source?: AvailabilitySource;
  /** Events to look up, each with the bookings waiting for the answer (true: it exists; undefined: could not tell). */
  private readonly lookups = new Map<number, ((found: boolean | undefined) => void)[]>();
  private looking = false;
  private log?: Logger;

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
      known.times = { version, window: windowOf(message) };
    }
  }

  /** The database's refusal of a keyless student booking at `now`, if it can be known here; else undefined. */
  refusal(eventId: number, now = Date.now()) {
    const known = this.events.get(eventId);
    if (!known?.times?.window) return undefined; // never guess past rules we cannot see
    const code = fastPathCode({ ...known.times.window, remaining: known.remaining }, now);
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

  /**
   * Whether a booking must wait for `lookUp` before it goes to the database: a
   * student's booking (with a key or not) of an event not heard of, while the
   * feed keeps what is learned current.
   */
  mustLookUp(role: string, eventId: number): boolean {
    return role === "student" && this.source !== undefined && isInt4(eventId) && !this.events.has(eventId);
  }

  /**
   * Read the event (with every other event being looked up), then answer as
   * refusalFor does, and more: a student's booking of an event that does not
   * exist is refused (NOT_FOUND, or INVALID_INPUT for a key the database would
   * refuse first). Undefined: the database decides (the event exists and
   * nothing here refuses it, or it could not be read).
   */
  async lookUp(role: string, eventId: number, idempotencyKey: string | null): Promise<AppError | undefined> {
    const found = await new Promise<boolean | undefined>((resolve) => {
      const waiting = this.lookups.get(eventId);
      if (waiting) waiting.push(resolve);
      else this.lookups.set(eventId, [resolve]);
      if (!this.looking) logContext.exit(() => void this.readLookups()); // its lines are no one request's
    });
    if (found === false) return fastPathRefusal(absentEventCode(idempotencyKey));
    return found ? this.refusalFor(role, eventId, idempotencyKey) : undefined;
  }

  /** One query at a time for every event waiting to be looked up, until none waits. */
  private async readLookups() {
    this.looking = true;
    try {
      while (this.lookups.size > 0 && this.source) {
        const batch = new Map<number, ((found: boolean | undefined) => void)[]>();
        for (const [eventId, waiting] of this.lookups) {
          if (batch.size >= MAX_LOOKUP_BATCH) break;
          batch.set(eventId, waiting);
          this.lookups.delete(eventId);
        }
        // Unreadable (the database is away): those bookings ask it themselves.
        const values = await this.source.current([...batch.keys()].map(eventTopic)).catch(() => undefined);
        for (const [eventId, waiting] of batch) {
          const found = this.learn(values?.get(eventTopic(eventId)));
          for (const resolve of waiting) resolve(found);
        }
      }
    } finally {
      // The feed stopped: nobody may wait for a read that will not come.
      for (const waiting of this.lookups.values()) for (const resolve of waiting) resolve(undefined);
      this.lookups.clear();
      this.looking = false;
    }
  }

  /** What a lookup read of one event says: absent (false), known now (true), or nothing sure (undefined). */
  private learn(value: string[] | AppError | undefined): boolean | undefined {
    if (value instanceof AppError) return value.code === "NOT_FOUND" ? false : undefined;
    if (!value || !this.source) return undefined; // learned after the feed stopped, it would not stay current
    try {
      for (const payload of value) this.observe(JSON.parse(payload) as AvailabilityMessage);
      return true;
    } catch (error) {
      this.log?.error({ err: error }, "unreadable availability of a looked-up event");
      return undefined;
    }
  }

  /** Follow every event's availability (current values first, then each change); `source` reads events not yet heard of. */
  follow(streams: AvailabilityStreams, source: AvailabilitySource, log: Logger) {
    const feed = streams.subscribe(FEED_TOPIC);
    this.feed = feed;
    this.source = source;
    this.log = log;
    void (async () => {
      // The feed is a list topic: each item is a JSON array of messages.
      for await (const payload of feed) for (const message of JSON.parse(payload) as AvailabilityMessage[]) this.observe(message);
    })().catch((error) => {
      // Without the feed we know nothing: every booking asks the database, and
      // nothing more is learned (it would not stay current).
      this.source = undefined;
      this.events.clear();
      log.error({ err: error }, "availability feed for the booking cache stopped");
    });
  }

  async stop() {
    this.source = undefined;
    await this.feed?.return?.();
  }
}

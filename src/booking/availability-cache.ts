// What this process knows about each event's remaining seats, kept current by
// the database's availability notifications (every instance receives every
// change) and by its own booking batches. It only ever short-cuts a refusal:
// "sold out" answered without any lock. It can be behind by the time a
// notification takes to arrive (milliseconds), never ahead.
import type { Logger } from "../log.ts";
import type { AvailabilityStreams } from "../availability/streams.ts";
import { FEED_TOPIC } from "../availability/topics.ts";

export interface AvailabilityMessage {
  event_id: number;
  tickets_remaining: number;
  version: number;
}

export class AvailabilityCache {
  private readonly events = new Map<number, { remaining: number; version: number }>();
  private feed?: AsyncIterableIterator<string>;

  /** Newer versions replace older ones; anything older than what we know is ignored. */
  observe(message: AvailabilityMessage) {
    const known = this.events.get(message.event_id);
    if (known && known.version >= Number(message.version)) return;
    this.events.set(message.event_id, { remaining: message.tickets_remaining, version: Number(message.version) });
  }

  /** Seats left as last heard, or undefined for an event we have not heard of. */
  remaining(eventId: number): number | undefined {
    return this.events.get(eventId)?.remaining;
  }

  /** Follow every event's availability (current values first, then each change). */
  follow(streams: AvailabilityStreams, log: Logger) {
    const feed = streams.subscribe(FEED_TOPIC);
    this.feed = feed;
    void (async () => {
      for await (const payload of feed) this.observe(JSON.parse(payload) as AvailabilityMessage);
    })().catch((error) => {
      this.events.clear(); // without the feed we know nothing: every booking asks the database
      log.error({ err: error }, "availability feed for the booking cache stopped");
    });
  }

  async stop() {
    await this.feed?.return?.();
  }
}

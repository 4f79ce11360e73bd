// The availability topics: what the database's pg_notify sends on
// (db/migrations, events_notify_availability) and what subscribers listen to.
export const eventTopic = (eventId: number) => `ticketing:event:${eventId}`;
export const categoryTopic = (categoryId: number) => `ticketing:category:${categoryId}`;
export const FEED_TOPIC = "ticketing:events";

/** What a topic names: one event, one category, or (id null) every event. */
export function topicScope(topic: string): { kind: "event" | "category" | "events"; id: number | null } {
  const [, kind, id] = topic.split(":");
  return kind === "event" || kind === "category" ? { kind, id: Number(id) } : { kind: "events", id: null };
}

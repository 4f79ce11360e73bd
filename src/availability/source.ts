// Current availability, read for many topics at once (as the anonymous role:
// it is public information) on the availability streams' own small pool, so
// watchers never wait for, or take, a booking connection.
import type pg from "pg";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError, appError } from "../errors.ts";
import { topicScope } from "./topics.ts";

/** Per topic: its current messages, or why there are none (an unknown event). */
export type CurrentValues = Map<string, string[] | AppError>;

export interface AvailabilitySource {
  current(topics: string[]): Promise<CurrentValues>;
}

export function availabilitySource(pool: pg.Pool): AvailabilitySource {
  return {
    async current(topics) {
      const eventIds: number[] = [];
      const categories: (number | null)[] = []; // null: every upcoming event
      for (const topic of topics) {
        const { kind, id } = topicScope(topic);
        if (kind === "event") eventIds.push(id!);
        else categories.push(id);
      }
      const { events, lists } = await withPgSettings(pool, pgSettingsFor(null), async (db) => ({
        events: eventIds.length
          ? (
              await db.query<{ id: number; payload: string }>(
                "select e.id, app_hidden.event_availability_json(e) as payload from app_public.events e where e.id = any($1::int[])",
                [eventIds],
              )
            ).rows
          : [],
        lists: categories.length
          ? (
              await db.query<{ category: number | null; payload: string }>(
                `select c.category, app_hidden.event_availability_json(e) as payload
                   from unnest($1::int[]) c(category) cross join lateral app_public.upcoming_events(c.category) e`,
                [categories],
              )
            ).rows
          : [],
      }));

      const values: CurrentValues = new Map();
      const byEvent = new Map(events.map((row) => [row.id, row.payload]));
      const byCategory = Map.groupBy(lists, (row) => row.category);
      for (const topic of topics) {
        const { kind, id } = topicScope(topic);
        if (kind === "event") {
          const payload = byEvent.get(id!);
          values.set(topic, payload === undefined ? appError("NOT_FOUND:event") : [payload]);
        } else {
          values.set(topic, (byCategory.get(id) ?? []).map((row) => row.payload));
        }
      }
      return values;
    },
  };
}

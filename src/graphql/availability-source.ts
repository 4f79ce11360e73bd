// Where availability streams read current values (as the anonymous role: it is
// public information) and send their LISTEN probes.
import type pg from "pg";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError } from "../errors.ts";
import { topicScope, type AvailabilitySource } from "./availability-streams.ts";

export function availabilitySource(pool: pg.Pool): AvailabilitySource {
  return {
    async current(topic) {
      const { kind, id } = topicScope(topic);
      const { rows } = await withPgSettings(pool, pgSettingsFor(null), (db) => {
        if (kind === "event") {
          return db.query<{ payload: string }>(
            "select app_public.event_availability_json(e) as payload from app_public.events e where e.id = $1",
            [id],
          );
        }
        return db.query<{ payload: string }>(
          "select app_public.event_availability_json(e) as payload from app_public.upcoming_events($1) e",
          [id], // a category, or null for every event
        );
      });
      if (kind === "event" && rows.length === 0) throw new AppError(404, "NOT_FOUND", "No such event.");
      return rows.map((row) => row.payload);
    },
    async notify(topic, payload) {
      await pool.query("select pg_notify($1, $2)", [topic, payload]);
    },
  };
}

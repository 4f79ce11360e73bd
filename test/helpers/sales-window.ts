// Sales windows in tests: set one, or let time pass over it.
import type { TestDatabase } from "./db.ts";

/** Set an event's window as the owner, relative to now (SQL intervals; null for no bound). */
export async function setSalesWindow(db: TestDatabase, eventId: number, start: string | null, end: string | null) {
  await db.owner.query(
    "update app_public.events set sales_start = now() + $2::interval, sales_end = now() + $3::interval where id = $1",
    [eventId, start, end],
  );
}

/**
 * Time passes: the window moves to where the database's clock now sees it,
 * with no trigger (no new version, no notification, no rescheduled job), as if
 * the moment had simply arrived.
 */
export async function timePasses(db: TestDatabase, eventId: number, start: string | null, end: string | null) {
  const client = await db.owner.connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    await client.query(
      "update app_public.events set sales_start = now() + $2::interval, sales_end = now() + $3::interval where id = $1",
      [eventId, start, end],
    );
    await client.query("commit");
  } finally {
    client.release();
  }
}

/** The job queued for one moment of the window is due now (as it is when that moment comes). */
export async function momentArrives(db: TestDatabase, eventId: number, moment: "sales_start" | "sales_end" | "starts_at") {
  await db.owner.query("select graphile_worker.add_job('announce_availability', json_build_object('event_id', $1::int), job_key := $2)", [
    eventId,
    `announce_availability:${eventId}:${moment}`,
  ]);
}

// Queue and lottery events for tests, created through create_event as an admin
// (so the release fields go through their SQL validation), and the passing of
// time a test needs: the moment of the shuffle or the draw moved to the past (run
// here: drawNow; or left to the worker: drawDue), and admissions or wins run out
// (turnsRunOut); the draw's algorithm as an auditor would recompute it.
import { createHash } from "node:crypto";
import type { Claims } from "../../src/auth/jwt.ts";
import type { TestDatabase } from "./db.ts";

export interface ReleaseEvent {
  id: number;
  total_tickets: number;
}

export async function createReleaseEvent(
  db: TestDatabase,
  admin: Claims,
  mode: "queue" | "lottery",
  { seats = 3, price_cents = 0, max_tickets_per_student = 1 }: { seats?: number; price_cents?: number; max_tickets_per_student?: number } = {},
): Promise<ReleaseEvent> {
  return db.as(admin, async (c) => {
    const { rows } = await c.query(
      `select id, total_tickets from app_public.create_event(
         name => $1, venue => 'Main Hall', starts_at => now() + interval '7 days', total_tickets => $2,
         price_cents => $3, max_tickets_per_student => $4, release_mode => $5::app_public.release_mode,
         sales_start => now() + interval '1 day', lottery_closes_at => case when $5 = 'lottery' then now() + interval '1 day' end)`,
      [`${mode} ${Math.random().toString(36).slice(2)}`, seats, price_cents, max_tickets_per_student, mode],
    );
    return rows[0];
  });
}

/** Move the event's shuffle (queue: sales_start) or draw (lottery: also lottery_closes_at) a second into the past. */
async function drawMomentPassed(db: TestDatabase, eventId: number) {
  await db.owner.query(
    `update app_public.events set sales_start = now() - interval '1 second',
       lottery_closes_at = case when release_mode = 'lottery' then now() - interval '1 second' end where id = $1`,
    [eventId],
  );
}

/** The moment of the shuffle (queue) or draw (lottery) has passed: run it as its job does. */
export async function drawNow(db: TestDatabase, eventId: number, seed?: Buffer) {
  await drawMomentPassed(db, eventId);
  const { rows } = await db.owner.query("select app_private.release_draw($1, $2) as drawn", [eventId, seed ?? null]);
  return rows[0].drawn as boolean;
}

/**
 * The moment of the shuffle or the draw has come: it is in the past, and its job
 * (release_draw, under the job key the database itself uses) is due now, for the
 * real worker to run.
 */
export async function drawDue(db: TestDatabase, eventId: number) {
  await drawMomentPassed(db, eventId);
  await db.owner.query("select graphile_worker.add_job('release_draw', json_build_object('event_id', $1::int), job_key := $2)", [
    eventId,
    `release_draw:${eventId}`,
  ]);
}

/** Time passes for the event's admissions (queue) or wins (lottery): they are over now, and a release_tick job is due. */
export async function turnsRunOut(db: TestDatabase, eventId: number, table: "queue_entries" | "lottery_entries") {
  const column = table === "queue_entries" ? "admitted_until" : "offer_expires_at";
  await db.owner.query(`update app_public.${table} set ${column} = now() - interval '1 second' where event_id = $1 and ${column} is not null`, [
    eventId,
  ]);
  await db.owner.query("select graphile_worker.add_job('release_tick', json_build_object('event_id', $1::int))", [eventId]);
}

/** The documented algorithm (app_private.release_shuffle), written again from its comment, as an auditor would. */
export function auditorShuffle(seed: Buffer, ids: number[]): number[] {
  const order = [...ids];
  for (let i = order.length; i >= 2; i--) {
    const limit = Math.floor(2 ** 48 / i) * i;
    let r: number;
    for (let k = 0; ; k++) {
      const digest = createHash("sha256").update(Buffer.concat([seed, Buffer.from(`:${i}:${k}`)])).digest();
      r = digest.readUIntBE(0, 6);
      if (r < limit) break;
    }
    const j = 1 + (r % i);
    [order[i - 1], order[j - 1]] = [order[j - 1]!, order[i - 1]!];
  }
  return order;
}

export const orderHash = (order: number[]) => createHash("sha256").update(order.join(",")).digest("hex");

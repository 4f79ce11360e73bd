// Background tasks. Jobs are queued from SQL with graphile_worker.add_job
// (db/migrations) and by the crontab below; each task is small and idempotent.
import type { TaskList } from "graphile-worker";
import { eventCalendar } from "../calendar/ics.ts";
import type { EmailAttachment, Mailer } from "../notifications/mailer.ts";
import type { PaymentProvider } from "../payments/provider.ts";
import { performRefund, pruneIntents } from "../payments/refunds.ts";
import { countHoldsExpired } from "../metrics/index.ts";

/** Backstops for jobs queued at the exact moment (holds) or on sell-out (leaderboard). */
export const crontab = [
  "* * * * * expire_holds",
  "* * * * * refresh_leaderboard",
  // Unpaid intents whose hold is over: cancelled at the provider, then deleted.
  "*/10 * * * * prune_payment_intents",
  // Sign-in and signup counters whose window is over (one per email anyone guessed).
  "*/10 * * * * prune_throttle_counters",
  // Sessions (and one-time tokens) past their time.
  "17 * * * * prune_auth",
].join("\n");

interface OutboxRow {
  id: string;
  to_email: string;
  subject: string;
  body: string;
  /** The event the message is about, as it is now (null: none). */
  event: { id: number; name: string; description: string; venue: string; starts_at: string; updated_at: string; status: string } | null;
  public_url: string;
}

/**
 * The event's calendar file (the one GET /events/{id}/calendar.ics serves) as of
 * sending: a confirmation lets the student add the event in one tap, and a later
 * change or cancellation updates the same entry (same UID, a newer SEQUENCE).
 */
function calendarAttachment(row: OutboxRow): EmailAttachment[] | undefined {
  if (!row.event) return undefined;
  const { event } = row;
  const content = eventCalendar(
    {
      id: event.id, name: event.name, description: event.description, venue: event.venue,
      startsAt: new Date(event.starts_at), updatedAt: new Date(event.updated_at), cancelled: event.status === "cancelled",
    },
    row.public_url.replace(/\/+$/, ""),
  );
  return [{ filename: `event-${event.id}.ics`, contentType: "text/calendar; charset=utf-8; method=PUBLISH", content }];
}

/** `payments`: the configured provider (refunds and pruning go through it); none when payments are off. */
export function makeTaskList(mailer: Mailer, payments?: PaymentProvider): TaskList {
  return {
    /**
     * Send outbox messages once. The row locks keep a duplicate job away; each
     * message is marked sent as soon as it is, and whatever was sent is committed
     * even if a later one fails, so the retry resends nothing.
     */
    send_email: async (payload, helpers) => {
      const { outbox_ids } = payload as { outbox_ids: number[] };
      await helpers.withPgClient(async (client) => {
        await client.query("begin");
        let failure: unknown;
        try {
          const { rows } = await client.query<OutboxRow>(
            // An account's message goes to its current address; an invitation to the address it names.
            `select o.id::text, coalesce(u.email, o.to_email)::text as to_email, o.subject, o.body,
                    case when e.id is not null then json_build_object('id', e.id, 'name', e.name, 'description', e.description,
                      'venue', e.venue, 'starts_at', e.starts_at, 'updated_at', e.updated_at, 'status', e.status) end as event,
                    (select s.public_url from app_private.auth_settings s) as public_url
             from app_private.outbox o left join app_public.users u on u.id = o.user_id
               left join app_public.events e on e.id = o.event_id
             where o.id = any($1::bigint[]) and o.sent_at is null
             order by o.id
             for update of o skip locked`,
            [outbox_ids],
          );
          for (const message of rows) {
            try {
              await mailer.send({
                id: message.id, to: message.to_email, subject: message.subject, text: message.body,
                attachments: calendarAttachment(message),
              });
            } catch (error) {
              failure = error;
              break;
            }
            await client.query("update app_private.outbox set sent_at = now() where id = $1", [message.id]);
          }
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
        if (failure) throw failure; // graphile-worker retries the rest later
      });
    },

    /** Release unpaid holds and unanswered waitlist offers whose time is up. */
    expire_holds: async (_payload, helpers) => {
      const { rows } = await helpers.query<{ expired: number }>("select app_private.expire_holds() as expired");
      countHoldsExpired(rows[0]!.expired);
      if (rows[0]!.expired > 0) helpers.logger.info(`released ${rows[0]!.expired} expired hold(s)`);
    },

    /** Give a payment's money back through its provider: once, however often this runs. */
    refund_payment: async (payload, helpers) => {
      await performRefund(payments, (payload as { refund_id: number }).refund_id, helpers);
    },

    prune_throttle_counters: async (_payload, helpers) => {
      const { rows } = await helpers.query<{ pruned: number }>("select app_private.prune_throttle_counters() as pruned");
      if (rows[0]!.pruned > 0) helpers.logger.info(`pruned ${rows[0]!.pruned} expired throttle counter(s)`);
    },

    prune_payment_intents: async (_payload, helpers) => {
      const pruned = await pruneIntents(payments, helpers);
      if (pruned > 0) helpers.logger.info(`pruned ${pruned} stale payment intent(s)`);
    },

    /**
     * A moment of an event's sales window (or its start) has passed: the state
     * changed with no inventory change, so announce it (a new availability
     * version reaches every watcher). Queued for each moment by the database.
     */
    announce_availability: async (payload, helpers) => {
      await helpers.query("select app_private.announce_availability($1)", [(payload as { event_id: number }).event_id]);
    },

    /** The moment of a queue's shuffle or a lottery's draw has come (queued by the database; runs once). */
    release_draw: async (payload, helpers) => {
      const { rows } = await helpers.query<{ drawn: boolean }>("select app_private.release_draw($1) as drawn", [
        (payload as { event_id: number }).event_id,
      ]);
      if (rows[0]!.drawn) helpers.logger.info(`drew the release order of event ${(payload as { event_id: number }).event_id}`);
    },

    /** Queue admissions and lottery wins whose time is up pass to the next in line. */
    release_tick: async (payload, helpers) => {
      await helpers.query("select app_private.release_tick($1)", [(payload as { event_id: number }).event_id]);
    },

    prune_auth: async (_payload, helpers) => {
      const { rows } = await helpers.query<{ pruned: number }>("select app_private.prune_auth() as pruned");
      if (rows[0]!.pruned > 0) helpers.logger.info(`pruned ${rows[0]!.pruned} expired session(s) and token(s)`);
    },

    refresh_leaderboard: async (_payload, helpers) => {
      await helpers.query("refresh materialized view concurrently app_public.event_leaderboard");
    },
  };
}

// Live queue entries for the queueEntry subscription. The database decides every
// place (db/schema/queue.sql) and sends one pg_notify on 'ticketing:queue' per
// statement that changes an event's line ({"event_id"}). This process LISTENs once
// and, per notification, reads the entries of all its own subscribers to that
// event in one query (app_hidden.queue_entries_of), then pushes each subscriber
// their entry if it changed. Cost per change: one query per instance, whatever
// the number of students waiting; never one query per student per tick.
// Reads of one event never overlap: a notification during a read asks for one
// more read after it (so a burst of changes costs at most two).
import type pg from "pg";
import type { GrafastSubscriber } from "postgraphile/grafast";
import { AvailabilityListener } from "../availability/listener.ts";
import { PushStream } from "../availability/push-stream.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { appError } from "../errors.ts";
import type { Logger } from "../log.ts";

export const QUEUE_CHANNEL = "ticketing:queue";
/** Topic of one student's entry in one event's queue. */
export const queueEntryTopic = (eventId: number, userId: number) => `${eventId}:${userId}`;

export interface QueueEntryMessage {
  event_id: number;
  state: string;
  position: number | null;
  admitted_until: string | null;
}

interface Watcher {
  stream: PushStream<string>;
  /** The JSON last pushed ("" before the first). */
  shown: string;
}

/** Unread entries a subscriber may have: each push replaces the unread one, so one is enough. */
const MAX_UNREAD = 1;
const READ_RETRY_MS = 1_000;

export class QueueEntryStreams implements GrafastSubscriber {
  /** Event id → user id → watchers. */
  private readonly events = new Map<number, Map<number, Set<Watcher>>>();
  private readonly listener: AvailabilityListener;
  private readonly pool: pg.Pool;
  private readonly log: Logger;
  /** Events being read now, and whether another read must follow. */
  private readonly reading = new Map<number, { again: boolean }>();

  constructor(listenUrl: string, pool: pg.Pool, log: Logger) {
    this.pool = pool;
    this.log = log;
    this.listener = new AvailabilityListener(
      listenUrl,
      {
        notification: (_topic, payload) => this.refresh((JSON.parse(payload) as { event_id: number }).event_id),
        // Changes may have been missed while the connection was down: read every event again once it is back.
        lost: () => {},
        live: () => {
          for (const eventId of this.events.keys()) this.refresh(eventId, true);
        },
      },
      log,
      "queue",
    );
  }

  subscribe(topic: string | number): AsyncIterableIterator<string> {
    const [eventId, userId] = String(topic).split(":").map(Number) as [number, number];
    let users = this.events.get(eventId);
    if (!users) this.events.set(eventId, (users = new Map()));
    let watchers = users.get(userId);
    if (!watchers) users.set(userId, (watchers = new Set()));
    const watcher: Watcher = {
      stream: new PushStream<string>(() => this.remove(eventId, userId, watcher), {
        maxUnread: MAX_UNREAD,
        tooSlow: () => appError("SUBSCRIBER_TOO_SLOW"),
      }),
      shown: "",
    };
    watchers.add(watcher);
    // The first read happens once the LISTEN is in effect, so no change can fall in between.
    if (this.listener.isLive(QUEUE_CHANNEL)) this.refresh(eventId);
    else this.listener.listen(QUEUE_CHANNEL);
    return watcher.stream;
  }

  async stop() {
    for (const users of this.events.values()) for (const watchers of users.values()) for (const w of watchers) w.stream.end();
    await this.listener.stop();
  }

  private remove(eventId: number, userId: number, watcher: Watcher) {
    const users = this.events.get(eventId);
    const watchers = users?.get(userId);
    if (!watchers?.delete(watcher) || watchers.size > 0) return;
    users!.delete(userId);
    if (users!.size === 0) this.events.delete(eventId);
    if (this.events.size === 0) this.listener.unlisten(QUEUE_CHANNEL);
  }

  /** Read the event's watched entries and push what changed (`resend`: also what did not). */
  private refresh(eventId: number, resend = false) {
    if (!this.events.has(eventId)) return;
    const running = this.reading.get(eventId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.reading.set(eventId, state);
    void (async () => {
      try {
        do {
          state.again = false;
          const users = this.events.get(eventId);
          if (!users) break;
          // Only the students this read asked about get its answer: one who subscribes while it
          // runs is not in it (and would be told "not joined"); their subscribe asked for the next read.
          const asked = [...users.keys()];
          const rows = await withPgSettings(this.pool, { role: "ticketing_booker" }, async (db) =>
            (
              await db.query<QueueEntryMessage & { user_id: number }>(
                `select user_id, event_id, state, position,
                        to_char(admitted_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as admitted_until
                 from app_hidden.queue_entries_of($1, $2)`,
                [eventId, asked],
              )
            ).rows,
          );
          const byUser = new Map(rows.map(({ user_id, ...entry }) => [user_id, JSON.stringify(entry)]));
          for (const userId of asked) {
            const watchers = users.get(userId);
            if (!watchers) continue; // gone meanwhile
            const payload = byUser.get(userId) ?? "null";
            for (const watcher of watchers) {
              if (payload === watcher.shown && !resend) continue;
              watcher.shown = payload;
              watcher.stream.push(payload, "entry");
            }
          }
          resend = false;
        } while (state.again);
      } catch (error) {
        this.log.warn({ err: (error as Error).message, eventId }, "reading queue entries failed; retrying");
        setTimeout(() => this.refresh(eventId, true), READ_RETRY_MS).unref();
      } finally {
        this.reading.delete(eventId);
      }
    })();
  }
}

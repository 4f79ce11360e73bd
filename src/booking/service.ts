// The booking flow around app_public.book_ticket:
//   1. precheck (no lock): idempotent replay, unknown/started/sold-out event
//   2. wait in this process's queue for the event (one booking in flight per
//      event per process), then take the event's lock from the issuer
//   3. book in SQL with the lease's fencing token, release the lock
// If Redis cannot be reached, step 2 falls back to database-only locking: the
// advisory lock and conditional decrement alone still never oversell.
import type pg from "pg";
import { appRoleOf, type PgSettings } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Lease, LockIssuer } from "./lock.ts";

export interface Ticket {
  id: number;
  event_id: number;
  user_id: number;
  status: string;
  booked_at: Date;
  cancelled_at: Date | null;
  price_cents: number;
  hold_expires_at: Date | null;
  check_in_code: string | null;
  checked_in_at: Date | null;
}

export interface BookingResult {
  ticket: Ticket;
  /** True when an idempotency key matched an earlier booking. */
  replayed: boolean;
}

export const TICKET_COLUMNS =
  "id, event_id, user_id, status, booked_at, cancelled_at, price_cents, hold_expires_at, check_in_code, checked_in_at";
const STALE_LOCK_RETRIES = 2;

export class BookingService {
  private readonly pool: pg.Pool;
  private readonly issuer: LockIssuer;
  private readonly waitMs: number;
  private readonly log: Logger;
  /** Per event: the tail of this process's queue of bookings. */
  private readonly queues = new Map<number, Promise<unknown>>();
  /** Per event: when this process last saw SOLD_OUT from the database. */
  private readonly soldOutSeen = new Map<number, number>();
  private redisDown = false;

  constructor(options: { pool: pg.Pool; issuer: LockIssuer; waitMs: number; log: Logger }) {
    this.pool = options.pool;
    this.issuer = options.issuer;
    this.waitMs = options.waitMs;
    this.log = options.log;
  }

  async book(settings: PgSettings, eventId: number, idempotencyKey?: string | null): Promise<BookingResult> {
    if (appRoleOf(settings) === "anonymous") throw new AppError(401, "UNAUTHENTICATED", "Sign in to book a ticket.");
    const key = idempotencyKey ?? null;
    const existing = await withPgSettings(this.pool, settings, async (db) => {
      const { rows } = await db.query<{ id: number | null }>("select app_public.booking_precheck($1, $2) as id", [eventId, key]);
      return rows[0]!.id === null
        ? null
        : (await db.query<Ticket>(`select ${TICKET_COLUMNS} from app_public.tickets where id = $1`, [rows[0]!.id])).rows[0]!;
    });
    if (existing) return { ticket: existing, replayed: true };

    const arrived = performance.now();
    const deadline = Date.now() + this.waitMs;
    const ticket = await this.inQueue(eventId, async () => {
      // Sold out while this request was already waiting: it may take that answer
      // without a lock (it is as if it had been served just after the one that saw it).
      if (arrived < (this.soldOutSeen.get(eventId) ?? -Infinity)) throw soldOut();
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.withLease(eventId, deadline, (fence) => this.bookInDatabase(settings, eventId, key, fence));
        } catch (error) {
          const code = toAppError(error)?.code;
          if (code === "SOLD_OUT") this.soldOutSeen.set(eventId, performance.now());
          // Our lock expired and a newer holder booked first: take the lock again.
          if (code !== "STALE_LOCK" || attempt >= STALE_LOCK_RETRIES) throw error;
        }
      }
    });
    return { ticket, replayed: false };
  }

  async cancel(settings: PgSettings, ticketId: number): Promise<Ticket> {
    return withPgSettings(this.pool, settings, async (db) => {
      const { rows } = await db.query<Ticket>(`select ${TICKET_COLUMNS} from app_public.cancel_ticket($1)`, [ticketId]);
      return rows[0]!;
    });
  }

  private async bookInDatabase(settings: PgSettings, eventId: number, key: string | null, fence: number | null) {
    const withFence = fence === null ? settings : { ...settings, "booking.fencing_token": String(fence) };
    return withPgSettings(this.pool, withFence, async (db) => {
      const { rows } = await db.query<Ticket>(`select ${TICKET_COLUMNS} from app_public.book_ticket($1, $2)`, [eventId, key]);
      return rows[0]!;
    });
  }

  /** Run `work` after the bookings of this event queued before it (in this process). */
  private inQueue<T>(eventId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(eventId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.queues.set(eventId, tail);
    void tail.then(() => {
      if (this.queues.get(eventId) === tail) this.queues.delete(eventId);
    });
    return result;
  }

  private async withLease<T>(eventId: number, deadline: number, work: (fence: number | null) => Promise<T>): Promise<T> {
    if (Date.now() >= deadline) throw busy();
    let lease: Lease | null;
    try {
      lease = await this.issuer.acquire(eventId, deadline);
      if (this.redisDown) {
        this.redisDown = false;
        this.log.info("booking lock service is back; using it again");
      }
    } catch (error) {
      if (!this.redisDown) {
        this.redisDown = true;
        this.log.warn({ err: error }, "booking lock service unreachable; booking with database locks only");
      }
      return work(null);
    }
    if (!lease) throw busy();
    try {
      return await work(lease.fence);
    } finally {
      await lease.release();
    }
  }
}

function soldOut() {
  return new AppError(409, "SOLD_OUT", "This event is sold out.");
}

function busy() {
  return new AppError(503, "BUSY", "Too many people are booking this event right now; please retry in a moment.");
}

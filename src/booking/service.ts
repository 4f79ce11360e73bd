// The booking flow around the database's booking functions (db/migrations):
//   1. fast path (fast-path.ts): a booking the database would surely refuse as
//      EVENT_CANCELLED, EVENT_STARTED, SALES_CLOSED, SALES_NOT_OPEN or SOLD_OUT (known from its
//      availability notifications) is refused with no lock and no query; a
//      student's booking of an event this process has not heard of first reads
//      that event (availability-cache.ts), so one that does not exist is refused
//      without a lock or a booking connection;
//   1b. one user has at most `maxInFlightPerStudent` bookings in flight (429
//      TOO_MANY_BOOKINGS past it), so nobody takes every booking connection;
//   2. per event, this process queues concurrent bookings and hands them to the
//      database together: one lock from the issuer (Redis or in-process), one
//      transaction of app_hidden.book_tickets with the lease's fencing token,
//      and each request still gets its own answer under every booking rule;
//   3. if Redis cannot be reached, step 2 falls back to database-only locking:
//      the advisory lock and conditional decrement alone never oversell.
import type pg from "pg";
import { appRoleOf, type PgSettings } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError, appError, toAppError } from "../errors.ts";
import type { ErrorReason } from "../generated/vocabulary.ts";
import { logContext, type Logger } from "../log.ts";
import type { AvailabilityCache } from "./availability-cache.ts";
import type { LockIssuer } from "./lock.ts";
import { InFlightPerUser } from "./in-flight.ts";
import { defaultBookingLimits } from "./limits.ts";
import { countBatch, countBooking, countFastRefusal, countLockFallback } from "../metrics/index.ts";

/**
 * Every refusal a booking can get (reasons of app_private.errors): the database's, in the
 * order allocate_seats decides them (db/schema/booking.sql), then this service's own.
 */
export const BOOKING_REFUSALS = [
  "UNAUTHENTICATED:booking", "FORBIDDEN:booking", "INVALID_INPUT:idempotency_key", "NOT_FOUND:event", "EVENT_CANCELLED", "EVENT_STARTED",
  "SALES_CLOSED", "SALES_NOT_OPEN", "SOLD_OUT", "EMAIL_NOT_VERIFIED", "LIMIT_REACHED", "PAYMENTS_UNAVAILABLE",
  "BUSY:event", "TOO_MANY_BOOKINGS", "BOOKING_OUTCOME_UNKNOWN",
] as const satisfies readonly ErrorReason[];

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

/** What every API answer shows of a ticket (the REST routes select these columns too). */
const TICKET_FIELDS = [
  "id", "event_id", "user_id", "status", "booked_at", "cancelled_at",
  "price_cents", "hold_expires_at", "check_in_code", "checked_in_at",
] as const satisfies readonly (keyof Ticket)[];
const TIMESTAMP_FIELDS = new Set<string>(["booked_at", "cancelled_at", "hold_expires_at", "checked_in_at"]);
export const TICKET_COLUMNS = TICKET_FIELDS.join(", ");

/** How many queued bookings go into one transaction, at most. */
const MAX_BATCH = 256;
const STALE_LOCK_RETRIES = 2;


interface Request {
  userId: number;
  role: string;
  idempotencyKey: string | null;
  deadline: number;
  resolve(result: BookingResult): void;
  reject(error: unknown): void;
}

interface BatchAnswer {
  results: ({ ticket: Ticket; replayed: boolean } | { error: { code: string; errcode: string; message: string } })[];
  /** Both null when the event does not exist. */
  tickets_remaining: number | null;
  version: number | null;
}

export class BookingService {
  private readonly pool: pg.Pool;
  private readonly issuer: LockIssuer;
  private readonly availability: AvailabilityCache;
  private readonly waitMs: number;
  private readonly poolWaitMs: number;
  private readonly log: Logger;
  /** The booker role; `ticketing.payments = off` when no payment provider could take a hold's payment. */
  private readonly bookerSettings: PgSettings;
  /** Per event: bookings waiting for the batch in flight to finish. */
  private readonly queues = new Map<number, Request[]>();
  /** Per event: wakes its drain loop when a request arrives while it waits for a batch in flight. */
  private readonly arrivals = new Map<number, () => void>();
  private redisDown = false;
  private readonly inFlight: InFlightPerUser;
  private readonly tooManyBookings: AppError;

  constructor(options: {
    /** Its own connection timeout bounds opening a connection (past it, DATABASE_UNAVAILABLE). */
    pool: pg.Pool;
    /** How long a batch waits when every booking connection is taken: past it, BUSY (limits.ts). */
    poolWaitMs?: number;
    issuer: LockIssuer;
    availability: AvailabilityCache;
    waitMs: number;
    log: Logger;
    /** False when no payment provider is configured: paid events answer PAYMENTS_UNAVAILABLE. */
    paymentsEnabled: boolean;
    maxInFlightPerStudent?: number;
  }) {
    this.inFlight = new InFlightPerUser(options.maxInFlightPerStudent ?? defaultBookingLimits.maxInFlightPerStudent);
    // One error for every such refusal, as the fast path's (it carries nothing of the request).
    this.tooManyBookings = appError("TOO_MANY_BOOKINGS", undefined, this.inFlight.max);
    this.pool = options.pool;
    this.issuer = options.issuer;
    this.availability = options.availability;
    this.waitMs = options.waitMs;
    this.poolWaitMs = options.poolWaitMs ?? defaultBookingLimits.poolWaitMs;
    this.log = options.log;
    this.bookerSettings = { role: "ticketing_booker", ...(options.paymentsEnabled ? {} : { "ticketing.payments": "off" }) };
  }

  book(settings: PgSettings, eventId: number, idempotencyKey?: string | null): Promise<BookingResult> {
    const started = performance.now(); // latency at /metrics
    const role = appRoleOf(settings);
    if (role === "anonymous") return Promise.reject(appError("UNAUTHENTICATED:booking"));
    const key = idempotencyKey ?? null;
    const refusal = this.availability.refusalFor(role, eventId, key); // a plain student booking only
    if (refusal) return Promise.reject(countFastRefusal(refusal, started));

    const userId = Number(settings["jwt.claims.user_id"]);
    if (!this.inFlight.take(userId)) return Promise.reject(countFastRefusal(this.tooManyBookings, started));
    const request = { userId, role, idempotencyKey: key, deadline: Date.now() + this.waitMs };
    const booking = this.availability.mustLookUp(role, eventId)
      ? this.availability.lookUp(role, eventId, key).then((refused) => (refused ? Promise.reject(refused) : this.enqueue(eventId, request)))
      : this.enqueue(eventId, request);
    const done = () => this.inFlight.release(userId);
    booking.then(done, done);
    return countBooking(started, booking);
  }

  /** Queue the booking for the event's next batch (starting the event's drain loop if none runs). */
  private enqueue(eventId: number, fields: Omit<Request, "resolve" | "reject">): Promise<BookingResult> {
    return new Promise((resolve, reject) => {
      const request: Request = { ...fields, resolve, reject };
      const queue = this.queues.get(eventId);
      if (queue) {
        queue.push(request); // a batch is in flight: this one goes in the next
        this.arrivals.get(eventId)?.();
        return;
      }
      this.queues.set(eventId, [request]);
      logContext.exit(() => void this.drain(eventId)); // a batch's lines are not this request's
    });
  }

  async cancel(settings: PgSettings, ticketId: number): Promise<Ticket> {
    return withPgSettings(this.pool, settings, async (db) => {
      const { rows } = await db.query<Ticket>(`select ${TICKET_COLUMNS} from app_public.cancel_ticket($1)`, [ticketId]);
      return rows[0]!;
    });
  }

  /**
   * Book everything queued for the event, a batch at a time, until the queue is
   * empty. Each batch is taken from the queue once the lock is ours, not
   * before: whatever arrived while another holder (another instance) had the
   * lock goes in too, so waiting for the lock costs no extra transaction. The
   * next batch starts as soon as this one has handed the lock on (see
   * transact): it queues on the event's advisory lock while this one books, so
   * PostgreSQL goes from one batch to the next without waiting for us.
   */
  private async drain(eventId: number) {
    const queue = this.queues.get(eventId)!;
    const inFlight = new Set<Promise<void>>();
    try {
      for (;;) {
        if (queue.length === 0) {
          if (inFlight.size === 0) break;
          // A batch is still booking: new requests may queue meanwhile.
          const arrived = new Promise<void>((resolve) => (this.arrivals.set(eventId, resolve)));
          await Promise.race([arrived, ...inFlight]);
          this.arrivals.delete(eventId);
          continue;
        }
        let handOver!: () => void;
        const handedOver = new Promise<void>((resolve) => (handOver = resolve));
        const batch: Promise<void> = this.nextBatch(eventId, queue, handOver).finally(() => {
          inFlight.delete(batch);
          handOver();
        });
        inFlight.add(batch);
        await handedOver;
      }
    } finally {
      this.queues.delete(eventId);
    }
  }

  /** Take the lock, then the batch, book it and answer each request; `handOver` is called once the lock is passed on. */
  private async nextBatch(eventId: number, queue: Request[], handOver: () => void): Promise<void> {
    let batch: Request[] | undefined;
    const take = () => (batch ??= this.takeBatch(eventId, queue));
    let answer: BatchAnswer | null;
    try {
      answer = await this.bookBatch(eventId, () => batch ?? queue, take, handOver);
    } catch (error) {
      // Before the lock was ours (BUSY: not had in time), the requests that
      // have waited as long as they may get the error; later ones stay queued.
      return this.failed(eventId, batch ?? expired(queue), error);
    }
    if (answer) this.deliver(eventId, batch!, answer);
  }

  /**
   * The next batch. Requests the fast path can now refuse (the event sold out
   * while they queued) are answered here, without taking a place in it.
   */
  private takeBatch(eventId: number, queue: Request[]): Request[] {
    if (this.availability.refusal(eventId)) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const request = queue[i]!;
        const refusal = this.availability.refusalFor(request.role, eventId, request.idempotencyKey);
        if (refusal) {
          queue.splice(i, 1);
          request.reject(refusal);
        }
      }
    }
    const batch = queue.splice(0, MAX_BATCH);
    if (batch.length > 0) countBatch(batch.length);
    return batch;
  }

  /**
   * A batch failed as a whole. If the reason is not the database's or the
   * lock's (something in one request it could not even read), the batch is
   * split in halves and retried, so that request gets its own error and
   * everyone else is still booked.
   */
  private async failed(eventId: number, batch: Request[], error: unknown): Promise<void> {
    const aboutOneRequest = !failsEveryone(error);
    if (aboutOneRequest && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      await this.answer(eventId, batch.slice(0, half));
      await this.answer(eventId, batch.slice(half));
      return;
    }
    if (aboutOneRequest) this.log.warn({ err: error, eventId }, "booking request refused by the database");
    for (const request of batch) request.reject(error);
  }

  /** Book a given batch (a half of a failed one) and answer each request. */
  private async answer(eventId: number, batch: Request[]): Promise<void> {
    if (batch.length === 0) return;
    countBatch(batch.length);
    let answer: BatchAnswer | null;
    try {
      answer = await this.bookBatch(eventId, () => batch, () => batch, () => {});
    } catch (error) {
      return this.failed(eventId, batch, error);
    }
    if (answer) this.deliver(eventId, batch, answer);
  }

  /** The database answers every request on its own: pass each answer on. */
  private deliver(eventId: number, batch: Request[], answer: BatchAnswer) {
    try {
      // No version: the event does not exist (every answer is NOT_FOUND), nothing to know of it.
      if (answer.version !== null && answer.tickets_remaining !== null) {
        this.availability.observe({ event_id: eventId, tickets_remaining: answer.tickets_remaining, version: answer.version });
      }
      answer.results.forEach((result, i) => {
        const request = batch[i]!;
        if ("ticket" in result) {
          request.resolve({ ticket: asTicket(result.ticket), replayed: result.replayed });
        } else {
          request.reject(bookingError(result.error));
        }
      });
    } catch (error) {
      // An answer we cannot read (a bug): nobody may wait for ever, and the
      // drain loop must go on. Requests already answered keep their answers.
      this.log.error({ err: error, eventId }, "booking batch answer unreadable");
      for (const request of batch) request.reject(error);
    }
  }

  /**
   * Take the lock, then the batch (`take`, called once the lock is ours), and
   * book it in one transaction. Null when `take` gave nothing to book.
   */
  private async bookBatch(
    eventId: number,
    waiting: () => Request[],
    take: () => Request[],
    handOver: () => void,
  ): Promise<BatchAnswer | null> {
    for (let attempt = 0; ; attempt++) {
      // Wait for the lock as long as the most patient request waiting may.
      let deadline = 0;
      for (const r of waiting()) deadline = Math.max(deadline, r.deadline);
      try {
        return await this.withLease(eventId, deadline, async (fence, release) => {
          const batch = take();
          if (batch.length === 0) return null;
          return this.transact(eventId, batch, fence, () => {
            release();
            handOver();
          });
        });
      } catch (error) {
        // Our lock expired and a newer holder booked first: take the lock again.
        if (toAppError(error)?.code !== "STALE_LOCK" || attempt >= STALE_LOCK_RETRIES) throw error;
      }
    }
  }

  /**
   * A booking connection. When every one is taken, wait at most poolWaitMs
   * (then BUSY: the batch holds its event's lock while it waits). Opening a
   * new connection keeps the pool's own, longer timeout: a slow connection
   * start on a busy machine is neither "busy" nor a lost database. (pg-pool
   * has one timeout for both, which answered a cold pool's first bookings in
   * a rush with DATABASE_UNAVAILABLE.) A wait that gave up leaves its place in
   * pg-pool's queue; the connection it is handed later goes straight back.
   */
  private async connectForBatch(): Promise<pg.PoolClient> {
    const pool = this.pool;
    if (pool.idleCount > 0 || pool.totalCount < pool.options.max) return pool.connect();
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    const pending = pool.connect();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(poolBusy());
      }, this.poolWaitMs);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
      if (gaveUp) pending.then((client) => client.release(), () => {});
    }
  }

  /**
   * The batch's transaction in one round trip: the settings,
   * app_hidden.book_tickets and the commit go as one simple-protocol message,
   * so nothing in it waits for this process (values are written in as
   * literals, escaped by node-postgres's escapeLiteral: a message of several
   * statements cannot carry parameters). book_tickets sends a notice as soon as
   * it holds the event's advisory lock with our fencing token recorded
   * (db/schema/booking.sql): `locked` is called then, while it still books.
   */
  private async transact(eventId: number, batch: Request[], fence: number | null, locked: () => void): Promise<BatchAnswer> {
    if (!Number.isSafeInteger(eventId)) throw appError("INVALID_INPUT:event_id_unsafe", "eventId");
    const settings: PgSettings = {
      ...this.bookerSettings,
      client_min_messages: "notice", // the lock's notice must reach us
      ...(fence === null ? {} : { "booking.fencing_token": String(fence) }),
    };
    const client = await this.connectForBatch();
    const onNotice = (notice: { detail?: string }) => {
      if (notice.detail === "ticketing:event_locked") locked();
    };
    client.on("notice", onNotice);
    let broken: Error | undefined;
    try {
      const lit = (value: string) => client.escapeLiteral(value);
      const requests = JSON.stringify(batch.map((r) => ({ user_id: r.userId, role: r.role })));
      // Keys go as they came: the database decides which are valid (one rule for both APIs).
      const keys = JSON.stringify(batch.map((r) => r.idempotencyKey));
      const set = Object.entries(settings).map(([name, value]) => `set_config(${lit(name)}, ${lit(value)}, true)`);
      const text =
        `begin; select ${set.join(", ")}; ` +
        `select app_hidden.book_tickets(${eventId}, ${lit(requests)}::json, ${lit(keys)}::json) as answer; commit`;
      try {
        const results = (await client.query(text)) as unknown as pg.QueryResult<{ answer: BatchAnswer }>[];
        return results[2]!.rows[0]!.answer;
      } catch (error) {
        // The statements after the failing one were skipped: end the transaction.
        await client.query("rollback").catch((rollbackError: Error) => (broken = rollbackError));
        // PostgreSQL's own error means it rolled back. A connection lost with no
        // word from the server may have lost it after the commit ran (the commit
        // is in the same message): nobody can tell these students whether they
        // are booked, and a retry without a key could book them twice.
        if (!isServerError(error)) throw outcomeUnknown();
        throw error;
      }
    } finally {
      client.off("notice", onNotice);
      client.release(broken);
    }
  }

  /**
   * `work` gets the lease's fencing token (null: Redis is away, database locks
   * only) and a `release` it may call early, once the database holds the
   * event's lock for it; the lease is released at the end otherwise.
   */
  private async withLease<T>(
    eventId: number,
    deadline: number,
    work: (fence: number | null, release: () => void) => Promise<T>,
  ): Promise<T> {
    let lease;
    try {
      lease = await this.issuer.acquire(eventId, deadline);
      if (this.redisDown) {
        this.redisDown = false;
        this.log.info("booking lock service is back; using it again");
      }
    } catch (error) {
      countLockFallback();
      if (!this.redisDown) {
        this.redisDown = true;
        this.log.warn({ err: error }, "booking lock service unreachable; booking with database locks only");
      }
      return work(null, () => {});
    }
    if (!lease) throw busy();
    let released: Promise<void> | undefined;
    const release = () => (released ??= lease.release());
    try {
      return await work(lease.fence, () => void release());
    } finally {
      await release();
    }
  }
}

/** Tickets from the batch come as JSON rows: the same fields and types as any ticket query's. */
function asTicket(row: Ticket): Ticket {
  const value = (field: (typeof TICKET_FIELDS)[number]) =>
    TIMESTAMP_FIELDS.has(field) && row[field] !== null ? new Date(row[field] as string | Date) : row[field];
  return Object.fromEntries(TICKET_FIELDS.map((field) => [field, value(field)])) as unknown as Ticket;
}

function bookingError(error: { code: string; errcode: string; message: string }) {
  const field = error.code === "INVALID_INPUT" ? "idempotency_key" : undefined;
  return new AppError(Number(error.errcode.slice(2)), error.code, error.message, field);
}

/** Take out of the queue the requests whose wait is over (all of them if none is: never loop on a queue we cannot serve). */
function expired(queue: Request[]): Request[] {
  const now = Date.now();
  const over = queue.filter((r) => r.deadline <= now);
  if (over.length === 0) return queue.splice(0);
  for (const r of over) queue.splice(queue.indexOf(r), 1);
  return over;
}

/** Failures that are about the database or the lock, not about any one request: splitting the batch cannot help. */
function failsEveryone(error: unknown): boolean {
  const appError = toAppError(error);
  return appError !== undefined && (appError.status === 503 || appError.code === "STALE_LOCK");
}

/** An error PostgreSQL itself sent (an ErrorResponse, with its SQLSTATE), as opposed to a lost connection. */
function isServerError(error: unknown): boolean {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && typeof severity === "string";
}

function outcomeUnknown() {
  return appError("BOOKING_OUTCOME_UNKNOWN");
}

function poolBusy() {
  return appError("BUSY:bookings");
}

function busy() {
  return appError("BUSY:event");
}

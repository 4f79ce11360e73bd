// Per-event booking locks with fencing tokens.
//
// The lock keeps contenders from piling onto Postgres; the fencing token makes
// a holder whose lock expired harmless, because the database refuses a token
// older than one it already accepted for that event (app_hidden.book_ticket).
// Neither is needed for correctness: Postgres's advisory lock and conditional
// decrement are (see db/migrations).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { countLockAcquired, countLockTimeout } from "../metrics/index.ts";
import { defaultBookingLimits } from "./limits.ts";

export interface Lease {
  eventId: number;
  /** Monotonic per event; checked by the database. */
  fence: number;
  release(): Promise<void>;
}

export interface LockIssuer {
  readonly kind: "redis" | "in-process";
  /** The lease, or null if the lock could not be had before `deadline` (ms since epoch). */
  acquire(eventId: number, deadline: number): Promise<Lease | null>;
  close(): Promise<void>;
}

// SET NX PX, then the fencing token: one more than the event's last one,
// lifted to Redis's clock in microseconds when that is ahead. The counter is
// kept for `fenceTtlMs` after the event's last lock (it used to stay for ever:
// one key per event id ever booked, real or not).
//
// Why its expiry cannot make a token go backwards (the database would refuse
// it as STALE_LOCK, app_private.lock_event_for_booking): every token is at
// least Redis's clock at the moment it is issued, and exceeds it only while an
// event's tokens come faster than one per microsecond (one per lock: a few
// thousand a second at the very most, so by microseconds). A counter expires
// only after `fenceTtlMs` without a lock (at least a minute, a day by
// default), so the next token, taken from the clock, is above every earlier
// one by about that much, as long as Redis's clock is not set back by as much
// meanwhile. The same floor already covered Redis losing its data. Seeding
// from the database's event_fences instead would cost a query per lock.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local now = redis.call('TIME')
  local floor = tonumber(now[1]) * 1000000 + tonumber(now[2])
  local fence = math.max((tonumber(redis.call('GET', KEYS[2])) or 0) + 1, floor)
  redis.call('SET', KEYS[2], string.format('%d', fence), 'PX', ARGV[3])
  return fence
end
return false`;

// Delete the lock only if we still own it, and say so on the release channel
// (the message is the event id): a contender in another process tries again at
// once instead of at its next poll.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', KEYS[2], ARGV[2])
  return 1
end
return 0`;

/** Poll pauses (ms, before jitter): short while we cannot hear releases, long as a fallback when we can. */
const POLL_MS = { deaf: [1, 4], listening: [4, 20] } as const;

export class RedisLockIssuer implements LockIssuer {
  readonly kind = "redis";
  readonly redis: Redis;
  /** Subscribed to the release channel: wakes this process's waiters when any holder releases. */
  private readonly releases: Redis;
  private readonly releaseChannel: string;
  private listening = false;
  /** Per event: the wake-ups of this process's contenders (usually one), while they wait. */
  private readonly waiting = new Map<number, Set<() => void>>();
  private readonly ttlMs: number;
  private readonly fenceTtlMs: number;
  private readonly prefix: string;

  /** `prefix` namespaces the keys, so several deployments can share one Redis. */
  constructor(url: string, ttlMs: number, prefix: string, fenceTtlMs = defaultBookingLimits.fenceTtlMs) {
    this.ttlMs = ttlMs;
    this.fenceTtlMs = fenceTtlMs;
    this.prefix = prefix;
    const options = {
      // Fail fast while Redis is away (the caller falls back to database-only
      // locking) and reconnect in the background.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      commandTimeout: 1_000,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
      lazyConnect: false,
    };
    this.redis = new Redis(url, options);
    this.redis.on("error", () => {}); // reported by the booking service when it matters
    // A second connection, since a subscribed one can send nothing else. Until
    // it is subscribed (or while Redis is away) contenders poll as before.
    this.releaseChannel = `${prefix}:lock-released`;
    this.releases = new Redis(url, { ...options, enableOfflineQueue: true, commandTimeout: undefined });
    this.releases.on("error", () => {});
    this.releases.on("ready", () => {
      this.releases.subscribe(this.releaseChannel).then(
        () => (this.listening = true),
        () => (this.listening = false),
      );
    });
    this.releases.on("close", () => (this.listening = false));
    this.releases.on("message", (_channel: string, message: string) => {
      for (const wake of this.waiting.get(Number(message)) ?? []) wake();
    });
  }

  /** Resolves true once connected, false if that takes longer than `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.redis.status === "ready") return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async acquire(eventId: number, deadline: number): Promise<Lease | null> {
    const key = `${this.prefix}:lock:event:${eventId}`;
    const owner = randomUUID();
    const started = performance.now(); // lock waits at /metrics
    // At most one contender per process and event (each process batches its own
    // requests). Between tries it waits for a release message about this event
    // (published by the holder's release, so the lock is not left idle until the
    // next poll); a short poll is the fallback for locks that expire rather than
    // being released, and for when the subscription is down.
    for (let attempt = 0; ; attempt++) {
      const fence = (await this.redis.eval(ACQUIRE, 2, key, this.fenceKey(eventId), owner, this.ttlMs, this.fenceTtlMs)) as
        | number
        | null;
      if (fence !== null) {
        countLockAcquired(started);
        return {
          eventId,
          fence,
          release: async () => {
            // It expires by itself anyway.
            await this.redis.eval(RELEASE, 2, key, this.releaseChannel, owner, String(eventId)).catch(() => {});
          },
        };
      }
      const [low, high] = this.listening ? POLL_MS.listening : POLL_MS.deaf;
      const pause = Math.min(low * 2 ** attempt, high) * (0.5 + Math.random());
      if (Date.now() + pause >= deadline) return countLockTimeout(started);
      await this.released(eventId, pause);
    }
  }

  /** Where the event's last fencing token is kept. */
  fenceKey(eventId: number) {
    return `${this.prefix}:fence:event:${eventId}`;
  }

  /** Resolves when a release of this event's lock is heard, or after `ms`. */
  private released(eventId: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wakes = this.waiting.get(eventId) ?? new Set();
      const wake = () => {
        clearTimeout(timer);
        wakes.delete(wake);
        if (wakes.size === 0 && this.waiting.get(eventId) === wakes) this.waiting.delete(eventId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakes.add(wake);
      this.waiting.set(eventId, wakes);
    });
  }

  async close() {
    this.redis.disconnect();
    this.releases.disconnect();
  }
}

/**
 * One process, no Redis: the per-event queue in the booking service already
 * serialises this process's bookings, so the lease is immediate. Tokens start
 * from the clock (microseconds) so they keep rising across restarts.
 */
export class InProcessLockIssuer implements LockIssuer {
  readonly kind = "in-process";
  private last = Date.now() * 1000;

  async acquire(eventId: number): Promise<Lease> {
    this.last = Math.max(this.last + 1, Date.now() * 1000);
    return { eventId, fence: this.last, release: async () => {} };
  }

  async close() {}
}

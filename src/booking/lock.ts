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

// SET NX PX, then a fencing token that never goes backwards even if Redis lost
// its data: INCR, lifted to Redis's clock in microseconds when that is ahead.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local fence = redis.call('INCR', KEYS[2])
  local now = redis.call('TIME')
  local floor = tonumber(now[1]) * 1000000 + tonumber(now[2])
  if fence < floor then
    fence = floor
    redis.call('SET', KEYS[2], string.format('%d', fence))
  end
  return fence
end
return false`;

// Delete the lock only if we still own it.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export class RedisLockIssuer implements LockIssuer {
  readonly kind = "redis";
  readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly prefix: string;

  /** `prefix` namespaces the keys, so several deployments can share one Redis. */
  constructor(url: string, ttlMs: number, prefix: string) {
    this.ttlMs = ttlMs;
    this.prefix = prefix;
    this.redis = new Redis(url, {
      // Fail fast while Redis is away (the caller falls back to database-only
      // locking) and reconnect in the background.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      commandTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      lazyConnect: false,
    });
    this.redis.on("error", () => {}); // reported by the booking service when it matters
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
    // requests), so polling is cheap: a short, jittered pause (0.5–6 ms) between
    // tries keeps the hand-over between instances quick without spinning.
    for (let attempt = 0; ; attempt++) {
      const fence = (await this.redis.eval(ACQUIRE, 2, key, `${this.prefix}:fence:event:${eventId}`, owner, this.ttlMs)) as
        | number
        | null;
      if (fence !== null) {
        countLockAcquired(started);
        return {
          eventId,
          fence,
          release: async () => {
            await this.redis.eval(RELEASE, 1, key, owner).catch(() => {}); // it expires by itself anyway
          },
        };
      }
      const pause = Math.min(2 ** attempt, 4) * (0.5 + Math.random());
      if (Date.now() + pause >= deadline) return countLockTimeout(started);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async close() {
    this.redis.disconnect();
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

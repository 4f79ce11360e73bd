// Which lock issuer this process uses: Redis when REDIS_URL is set (required
// for more than one instance), otherwise the in-process one.
import type { Logger } from "../log.ts";
import { InProcessLockIssuer, RedisLockIssuer, type LockIssuer } from "./lock.ts";

export interface LockSettings {
  redisUrl?: string;
  redisPrefix: string;
  ttlMs: number;
  /** How long an event's fencing counter outlives its last lock (default: limits.ts). */
  fenceTtlMs?: number;
}

export async function makeLockIssuer({ redisUrl, redisPrefix, ttlMs, fenceTtlMs }: LockSettings, log: Logger): Promise<LockIssuer> {
  if (!redisUrl) {
    log.info("no REDIS_URL: booking locks are in-process (fine for a single instance)");
    return new InProcessLockIssuer();
  }
  const issuer = new RedisLockIssuer(redisUrl, ttlMs, redisPrefix, fenceTtlMs);
  const ready = await issuer.whenReady(3_000);
  if (ready) log.info("booking locks come from Redis");
  else log.warn("Redis is not reachable yet: booking with database locks only until it is");
  return issuer;
}

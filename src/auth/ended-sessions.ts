// Which sessions have ended before their tokens expire, known to this process
// without a query per request: loaded once the LISTEN on the database's
// notifications is in effect (so nothing ended in between is missed), then kept
// up to date by each notification (app_private.sessions_notify_ended). After a
// lost LISTEN connection the list is read again, since notifications sent
// meanwhile are gone. An entry is dropped when its token would have expired anyway.
//
// An instance that ends a session answers only once it refuses the token itself
// (`caughtUp`): the client that signed out must not see its token work on the
// next request to the same instance.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AvailabilityListener } from "../availability/listener.ts";
import type { Logger } from "../log.ts";
import type { EndedSessionSet } from "./jwt.ts";

export const ENDED_SESSIONS_CHANNEL = "ticketing_sessions_ended";
const LOAD_SQL = "select id, floor(extract(epoch from expires_at))::float8 as expires_at from app_hidden.ended_sessions()";
const PRUNE_EVERY_MS = 60_000;
const RETRY_MS = 1_000;
const CAUGHT_UP_TIMEOUT_MS = 2_000;
/** Kept this long past their expiry: a token's exp comes from the database's clock, checked by ours. */
const CLOCK_SKEW_MS = 60_000;

interface EndedSession {
  id: number;
  /** Unix seconds: the token's exp. */
  expires_at: number;
}

export class EndedSessions implements EndedSessionSet {
  /** Session id → when its tokens expire (ms). */
  private readonly ended = new Map<number, number>();
  private readonly listener: AvailabilityListener;
  private readonly pool: pg.Pool;
  private readonly log: Logger;
  private pruneTimer?: NodeJS.Timeout;
  private stopped = false;
  private loaded!: Promise<void>;
  private markLoaded!: () => void;
  /** Told of each session as it ends (open websockets of that session close). */
  private readonly endedListeners = new Set<(sessionId: number) => void>();
  /** Barriers sent by `caughtUp`, waiting to come back. */
  private readonly barriers = new Map<string, () => void>();

  /** `listenUrl`: a direct connection (never a transaction pooler); `pool`: the authenticator's. */
  constructor(listenUrl: string, pool: pg.Pool, log: Logger) {
    this.pool = pool;
    this.log = log;
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
    this.listener = new AvailabilityListener(
      listenUrl,
      {
        notification: (_channel, payload) => this.notified(payload),
        lost: () => {},
        live: () => void this.load(),
      },
      log,
      "sessions",
    );
  }

  /** Resolves once the ended sessions are loaded and followed; rejects after `timeoutMs`. */
  async start(timeoutMs = 15_000) {
    this.listener.listen(ENDED_SESSIONS_CHANNEL);
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`could not load the ended sessions within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.loaded, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  has(sessionId: number): boolean {
    const expiresAtMs = this.ended.get(sessionId);
    return expiresAtMs !== undefined && expiresAtMs > Date.now();
  }

  /** Call `listener` with each session that ends from now on; returns the way to stop. */
  onEnded(listener: (sessionId: number) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /**
   * Resolves once this process has heard of every session ended by a transaction
   * committed before the call: notifications reach a listener in commit order, so
   * when a barrier sent now comes back, those before it have arrived.
   */
  async caughtUp(): Promise<void> {
    const barrier = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>((resolve) => {
      this.barriers.set(barrier, () => resolve(true));
      timer = setTimeout(() => resolve(false), CAUGHT_UP_TIMEOUT_MS);
    });
    try {
      await this.pool.query("select pg_notify($1, $2)", [ENDED_SESSIONS_CHANNEL, JSON.stringify({ barrier })]);
      if (!(await heard)) this.log.warn({ timeoutMs: CAUGHT_UP_TIMEOUT_MS }, "ended sessions: our own notification did not come back in time");
    } finally {
      clearTimeout(timer);
      this.barriers.delete(barrier);
    }
  }

  /** How many ended sessions this process refuses (for tests and metrics). */
  get size() {
    return this.ended.size;
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.pruneTimer);
    await this.listener.stop();
  }

  private notified(payload: string) {
    try {
      const message = JSON.parse(payload) as EndedSession & { barrier?: string };
      if (message.barrier !== undefined) this.barriers.get(message.barrier)?.();
      else this.add(message);
    } catch {
      this.log.error({ payload: payload.slice(0, 200) }, "unreadable ended-session notification");
    }
  }

  private add(session: EndedSession) {
    if (!Number.isSafeInteger(session.id) || !Number.isFinite(session.expires_at)) return;
    const known = this.ended.has(session.id);
    this.ended.set(session.id, session.expires_at * 1000 + CLOCK_SKEW_MS);
    if (!known) for (const listener of this.endedListeners) listener(session.id);
  }

  /** Read every ended session (the LISTEN is in effect: later ones arrive as notifications). */
  private async load(): Promise<void> {
    while (!this.stopped) {
      try {
        const { rows } = await this.pool.query<EndedSession>(LOAD_SQL);
        for (const row of rows) this.add(row);
        this.markLoaded();
        return;
      } catch (error) {
        this.log.warn({ err: (error as Error).message, retryInMs: RETRY_MS }, "reading the ended sessions failed");
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private prune() {
    const now = Date.now();
    for (const [id, expiresAtMs] of this.ended) if (expiresAtMs <= now) this.ended.delete(id);
  }
}

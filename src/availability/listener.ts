// One dedicated connection LISTENing on every availability topic this process
// serves (not a pool client: it must not take a slot from requests, and it
// lives as long as the process). A LISTEN is in effect once the command has
// returned, so no probe is needed: a value read after that cannot miss a
// change. Topics are (UN)LISTENed in batches, one round trip for many. When the
// connection drops, it reconnects with backoff, LISTENs again, and tells its
// owner which topics are live again (their subscribers may have missed changes).
import pg from "pg";
import type { Logger } from "../log.ts";

export interface ListenerHandlers {
  notification(topic: string, payload: string): void;
  /** The connection is gone: notifications may be missed until `live` is called again. */
  lost(): void;
  /** These topics are LISTENed now (for the first time, or again on a new connection). */
  live(topics: string[]): void;
}

/** Statements per round trip: keeps one query string reasonable with thousands of topics. */
const TOPICS_PER_QUERY = 500;
const MAX_BACKOFF_MS = 2_000;

export class AvailabilityListener {
  private readonly connectionString: string;
  private readonly handlers: ListenerHandlers;
  private readonly log: Logger;
  private client: pg.Client | null = null;
  /** Topics someone wants / topics LISTENed on the current connection. */
  private readonly wanted = new Set<string>();
  private readonly listening = new Set<string>();
  private syncing = false;
  private syncAgain = false;
  private connecting = false;
  private stopped = false;

  /** What it listens for, in log lines and the connection's application_name (the ended sessions use one too). */
  private readonly label: string;

  constructor(connectionString: string, handlers: ListenerHandlers, log: Logger, label = "availability") {
    this.connectionString = connectionString;
    this.handlers = handlers;
    this.log = log;
    this.label = label;
  }

  isLive(topic: string): boolean {
    return this.listening.has(topic);
  }

  /** Ask for `topic`; `handlers.live` reports when it is LISTENed. */
  listen(topic: string) {
    this.wanted.add(topic);
    if (!this.client) void this.connect();
    else this.sync();
  }

  unlisten(topic: string) {
    this.wanted.delete(topic);
    this.sync();
  }

  async stop() {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect() {
    if (this.connecting || this.stopped) return;
    this.connecting = true;
    try {
      for (let attempt = 0; !this.stopped; attempt++) {
        const client = new pg.Client({
          connectionString: this.connectionString,
          connectionTimeoutMillis: 5_000,
          keepAlive: true,
          application_name: this.label === "availability" ? "ticketing:listen" : `ticketing:listen:${this.label}`,
        });
        // Without this listener a terminated backend would crash the process.
        client.on("error", (error) => this.log.warn({ err: error.message }, `${this.label} LISTEN connection failed`));
        client.on("notification", (message) => this.handlers.notification(message.channel, message.payload ?? ""));
        try {
          await client.connect();
        } catch (error) {
          client.end().catch(() => {});
          const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);
          this.log.warn({ err: (error as Error).message, retryInMs: delay }, `${this.label} LISTEN cannot connect`);
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        if (this.stopped) return void client.end().catch(() => {});
        client.once("end", () => this.lose(client));
        this.client = client;
        if (attempt > 0) this.log.info(`${this.label} LISTEN connection is back`);
        this.sync();
        return;
      }
    } finally {
      this.connecting = false;
    }
  }

  private lose(client: pg.Client) {
    if (client !== this.client) return;
    this.client = null;
    this.listening.clear();
    if (this.stopped) return;
    this.log.warn(`${this.label} LISTEN connection lost; reconnecting`);
    this.handlers.lost();
    void this.connect();
  }

  /** Bring the connection's LISTENs in line with `wanted`; one sync at a time, repeated while asked. */
  private sync() {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    const client = this.client;
    if (!client) return; // connect() syncs once it has a connection
    this.syncing = true;
    void (async () => {
      do {
        this.syncAgain = false;
        const add = [...this.wanted].filter((t) => !this.listening.has(t));
        const remove = [...this.listening].filter((t) => !this.wanted.has(t));
        // Not live any more from this moment: a new subscriber waits for the LISTEN that follows.
        for (const topic of remove) this.listening.delete(topic);
        const statements = [
          ...remove.map((t) => `UNLISTEN ${client.escapeIdentifier(t)}`),
          ...add.map((t) => `LISTEN ${client.escapeIdentifier(t)}`),
        ];
        for (let i = 0; i < statements.length; i += TOPICS_PER_QUERY) {
          await client.query(statements.slice(i, i + TOPICS_PER_QUERY).join("; "));
        }
        if (client !== this.client) return; // lost meanwhile: the next connection LISTENs again
        // Added even if unwanted meanwhile, so the next round UNLISTENs it.
        for (const topic of add) this.listening.add(topic);
        const live = add.filter((t) => this.wanted.has(t));
        if (live.length > 0) this.handlers.live(live);
      } while (this.syncAgain && client === this.client);
    })()
      .catch((error) => {
        if (!this.stopped) this.log.warn({ err: (error as Error).message }, `${this.label} LISTEN failed`);
      })
      .finally(() => {
        this.syncing = false;
        if (this.syncAgain) this.sync();
      });
  }
}

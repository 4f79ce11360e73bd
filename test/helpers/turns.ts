// Two request transactions in a known order, for races decided by a lock: the
// first runs its statement and keeps its transaction open; the second starts and,
// once it waits on a lock the first holds (pg_blocking_pids), or has finished
// without waiting, the first commits. What each answered is returned, so a test
// states who won without sleeping and hoping.
import type { Claims } from "../../src/auth/jwt.ts";
import { pgSettingsFor } from "../../src/auth/pg-settings.ts";
import type { TestDatabase } from "./db.ts";

export interface Turn {
  /** A request role's claims (null: anonymous), or "owner": the owner connection (bypassing RLS), to arrange what a test holds. */
  claims: Claims | null | "owner";
  sql: string;
  params?: unknown[];
  /** The caller's network address, as the server sets it (ticketing.client_address). */
  clientAddress?: string;
}

export type Outcome = { rows: Record<string, unknown>[] } | { error: { code: string; detail?: string; message: string } };

const outcome = (work: Promise<Record<string, unknown>[]>): Promise<Outcome> =>
  work.then(
    (rows) => ({ rows }),
    (error: { code: string; detail?: string; message: string }) => ({ error: { code: error.code, detail: error.detail, message: error.message } }),
  );

export async function inTurns(db: TestDatabase, first: Turn, second: Turn): Promise<{ first: Outcome; second: Outcome; secondWaited: boolean }> {
  let commitFirst!: () => void;
  const held = new Promise<void>((resolve) => (commitFirst = resolve));
  let firstRan!: () => void;
  const ran = new Promise<void>((resolve) => (firstRan = resolve));
  const holding = async (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }) => {
    const { rows } = await c.query(first.sql, first.params);
    firstRan();
    await held;
    return rows;
  };
  const firstOutcome = outcome(first.claims === "owner" ? asOwner(db, holding) : asRequest(db, first, holding));
  // The first statement failing ends its transaction at once: nothing to hold.
  await Promise.race([ran, firstOutcome]);

  let secondPid = 0;
  let secondSettled = false;
  if (second.claims === "owner") throw new Error("inTurns: the second turn runs as a request role");
  const secondOutcome = outcome(
    asRequest(db, second, async (c) => {
      secondPid = (await c.query("select pg_backend_pid() as pid")).rows[0].pid as number;
      return (await c.query(second.sql, second.params)).rows;
    }),
  ).finally(() => (secondSettled = true));

  let secondWaited = false;
  // Until the second is blocked by a lock, or done without one (each turn a query: a wait on a condition).
  while (!secondSettled) {
    if (secondPid) {
      const { rows } = await db.owner.query<{ pids: number[] }>("select pg_blocking_pids($1) as pids", [secondPid]);
      if (rows[0]!.pids.length > 0) {
        secondWaited = true;
        break;
      }
    } else {
      await db.owner.query("select 1");
    }
  }
  commitFirst();
  return { first: await firstOutcome, second: await secondOutcome, secondWaited };
}

/** One transaction as the turn's request role, from its address if it names one. */
function asRequest<T>(db: TestDatabase, turn: Turn, work: (c: import("pg").PoolClient) => Promise<T>): Promise<T> {
  const claims = turn.claims as Claims | null;
  return turn.clientAddress ? db.withSettings(pgSettingsFor(claims, turn.clientAddress), work) : db.as(claims, work);
}

/** One transaction on the owner connection (what db.as does for a request role). */
async function asOwner<T>(db: TestDatabase, work: (c: import("pg").PoolClient) => Promise<T>): Promise<T> {
  const client = await db.owner.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

/** The machine code of a refusal (DETAIL), or undefined when it succeeded. */
export const refusal = (o: Outcome) => ("error" in o ? o.error.detail ?? o.error.code : undefined);

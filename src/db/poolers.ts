// Running behind a transaction pooler (PgBouncer with pool_mode = transaction).
// Such a pooler lends a server connection for one transaction at a time, so
// nothing may outlive a transaction on a request connection:
//   * named (protocol-level) prepared statements: PgBouncer < 1.21 does not
//     track them, and the next transaction may land on a backend that lacks the
//     statement ("prepared statement ... does not exist") or already has it
//     ("... already exists"). node-postgres only names a statement when a query
//     has `name` (we never set one); PostGraphile's @dataplan/pg names every
//     query it plans (a hash of its text, 100 kept per connection) unless
//     DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE=0, which it reads once, when
//     the module loads: hence `applyPreparedStatementSetting` runs from
//     src/graphile-env.ts, before anything imports PostGraphile.
//   * LISTEN, session advisory locks, session SETs: the availability LISTEN
//     connection, migrations (graphile-migrate and our session advisory lock)
//     and graphile-worker (LISTEN, prepared statements) use DATABASE_DIRECT_URL.
//     Request transactions only use set_config(..., true) and
//     pg_advisory_xact_lock, which end with the transaction.

/** Which environment variable the adaptor reads (node_modules/@dataplan/pg/dist/adaptors/pg.js). */
export const DATAPLAN_CACHE_VARIABLE = "DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE";

const set = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

/**
 * DATABASE_PREPARED_STATEMENTS when given ("true"/"false"); otherwise on,
 * unless DATABASE_DIRECT_URL names another server than DATABASE_URL: that
 * says DATABASE_URL is a pooler.
 */
export function preparedStatementsWanted(env: {
  DATABASE_URL?: string;
  DATABASE_DIRECT_URL?: string;
  DATABASE_PREPARED_STATEMENTS?: string;
}): boolean {
  const explicit = set(env.DATABASE_PREPARED_STATEMENTS);
  if (explicit !== undefined) return explicit !== "false";
  const requests = set(env.DATABASE_URL);
  const direct = set(env.DATABASE_DIRECT_URL);
  return !requests || !direct || sameAddress(requests, direct);
}

/** Called before PostGraphile loads: turns its statement names off when they are not wanted. */
export function applyPreparedStatementSetting(env: NodeJS.ProcessEnv = process.env) {
  if (!preparedStatementsWanted(env)) env[DATAPLAN_CACHE_VARIABLE] = "0";
}

/** For the server's start: the adaptor must have loaded with its cache off (see above). */
export function assertNamedStatementsOff(env: NodeJS.ProcessEnv = process.env) {
  if (env[DATAPLAN_CACHE_VARIABLE] !== "0") {
    throw new Error(
      `DATABASE_PREPARED_STATEMENTS=false needs ${DATAPLAN_CACHE_VARIABLE}=0 before PostGraphile loads: ` +
        "import src/graphile-env.ts first in the entry point",
    );
  }
}

/** Host, port and database alike (credentials and options aside). */
function sameAddress(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.hostname === y.hostname && (x.port || "5432") === (y.port || "5432") && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

/**
 * `credentials`' user and password at `address`'s host, port, database and
 * options: the API's role (the authenticator) on the direct connection.
 */
export function withCredentialsOf(credentials: string, address: string): string {
  const from = new URL(credentials);
  const to = new URL(address);
  to.username = from.username;
  to.password = from.password;
  return to.toString();
}

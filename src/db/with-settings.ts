// Run SQL as a request role exactly as PostGraphile does, with PostGraphile's
// own adaptor: one transaction, the settings applied with set_config(..., true)
// so they vanish at commit (src/auth/pg-settings.ts makes them).
import { makePgAdaptorWithPgClient } from "postgraphile/adaptors/pg";
import type pg from "pg";

type WithPgClient = ReturnType<typeof makePgAdaptorWithPgClient>;
const adaptors = new WeakMap<pg.Pool, WithPgClient>();

export async function withPgSettings<T>(
  pool: pg.Pool,
  /** role, jwt.claims.*, … (src/auth/pg-settings.ts makes them) */
  settings: Record<string, string>,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let withPgClient = adaptors.get(pool);
  if (!withPgClient) {
    withPgClient = makePgAdaptorWithPgClient(pool);
    adaptors.set(pool, withPgClient);
  }
  return withPgClient(settings, (client) => work(client.rawClient));
}

// Run SQL as a request role, exactly as PostGraphile does: one transaction,
// settings applied with set_config(..., true) so they vanish at commit.
import type pg from "pg";
import type { PgSettings } from "../auth/pg-settings.ts";

export async function withPgSettings<T>(
  pool: pg.Pool,
  settings: PgSettings,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select set_config(el->>0, el->>1, true) from json_array_elements($1::json) el", [
      JSON.stringify(Object.entries(settings)),
    ]);
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

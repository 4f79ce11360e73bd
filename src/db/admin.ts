// Admin accounts are never self-service: they come from this bootstrap
// (`npm run create-admin`, or ADMIN_EMAIL/ADMIN_PASSWORD at start).
import pg from "pg";

export async function ensureAdmin(
  ownerUrl: string,
  admin: { name: string; email: string; password: string },
): Promise<"created" | "exists"> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from app_public.users where email = $1", [admin.email]);
    if (rowCount) return "exists";
    await client.query("select app_private.create_admin($1, $2, $3)", [admin.name, admin.email, admin.password]);
    return "created";
  } finally {
    await client.end();
  }
}

// Creating and dropping whole databases on a server: scratch databases for the
// schema files (schema-files.ts), the tests and the benchmark; names are
// generated, never user input.
import pg from "pg";

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function asAdmin(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function createDatabase(adminUrl: string, name: string, template?: string) {
  const from = template ? ` template ${pg.escapeIdentifier(template)}` : "";
  return asAdmin(adminUrl, `create database ${pg.escapeIdentifier(name)}${from}`);
}

/** Drop it even while connections are open (they are ended). */
export function dropDatabase(adminUrl: string, name: string) {
  return asAdmin(adminUrl, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
}

// src/generated/vocabulary.ts: the words the database defines, for TypeScript
// (server and web), written from a migrated database so they cannot drift:
//   * every enum of app_public (ticket_status → TicketStatus, TICKET_STATUS_VALUES)
//   * the error catalogue, app_private.errors (db/schema/errors.sql): reason → code, status, message
//   * the field bounds the CHECK constraints give, app_private.field_bounds
//   * the availability message, app_hidden.availability_message: its TypeScript interface
//     and its fields as GraphQL's EventAvailability shows them (src/graphql/availability-plugin.ts)
// Written with db/schema.sql and schema.graphql (schema-files.ts: `npm run schema:update`,
// each `migrate:commit`); `npm run schema:check` and test/db/schema-files.test.ts fail when stale.
import pg from "pg";

const HEADER = `// Written by \`npm run schema:update\` from the database (db/schema/): do not edit.
// Enums of app_public, the error catalogue (app_private.errors) and the bounds of the
// CHECK constraints (app_private.field_bounds). See src/tooling/vocabulary.ts.
`;

const pascal = (name: string) => name.replace(/(^|_)([a-z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** SQL type → TypeScript and GraphQL type (enums of app_public by their names). */
function typesOf(sqlType: string): { ts: string; graphql: string } {
  const scalar: Record<string, { ts: string; graphql: string }> = {
    integer: { ts: "number", graphql: "Int" },
    bigint: { ts: "number", graphql: "BigInt" },
    boolean: { ts: "boolean", graphql: "Boolean" },
    text: { ts: "string", graphql: "String" },
  };
  const known = scalar[sqlType];
  if (known) return known;
  const enumName = /^app_public\.(\w+)$/.exec(sqlType)?.[1];
  if (enumName) return { ts: pascal(enumName), graphql: pascal(enumName) };
  throw new Error(`src/tooling/vocabulary.ts: no TypeScript type for the SQL type ${sqlType}`);
}

/** A comment's tags (`@notNull`, `@graphqlType Datetime`, `@omit`) and the rest of it. */
function parseComment(comment: string | null): { tags: Map<string, string>; text: string } {
  const tags = new Map<string, string>();
  const text: string[] = [];
  for (const line of (comment ?? "").split("\n")) {
    const tag = /^@(\w+)(?:\s+(.*))?$/.exec(line.trim());
    if (tag) tags.set(tag[1]!, tag[2] ?? "");
    else if (line.trim()) text.push(line);
  }
  return { tags, text: text.join("\n") };
}
const json = (value: unknown) => JSON.stringify(value);

/** The TypeScript source of src/generated/vocabulary.ts for the database at `databaseUrl`. */
export async function vocabularySource(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const enums = await client.query<{ name: string; comment: string | null; labels: string[] }>(
      `select t.typname as name, obj_description(t.oid, 'pg_type') as comment,
              array_agg(e.enumlabel::text order by e.enumsortorder) as labels
       from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
       where n.nspname = 'app_public' group by t.oid, t.typname order by t.typname`,
    );
    const errors = await client.query<{ reason: string; code: string; status: number; message: string }>(
      "select reason, code, status, message from app_private.errors order by reason",
    );
    const bounds = await client.query<{ table_name: string; field: string; is_length: boolean; min: string | null; max: string | null }>(
      "select table_name, field, is_length, min, max from app_private.field_bounds order by table_name, field",
    );

    const message = await client.query<{ name: string; type: string; comment: string | null }>(
      `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, col_description(c.oid, a.attnum) as comment
       from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
       where n.nspname = 'app_hidden' and c.relname = 'availability_message' and a.attnum > 0 and not a.attisdropped
       order by a.attnum`,
    );

    const out: string[] = [HEADER];
    for (const { name, comment, labels } of enums.rows) {
      const type = pascal(name);
      if (comment) out.push(`/** ${comment.replace(/\*\//g, "* /")} */`);
      out.push(`export const ${name.toUpperCase()}_VALUES = ${json(labels)} as const;`);
      out.push(`export type ${type} = (typeof ${name.toUpperCase()}_VALUES)[number];\n`);
    }

    out.push("/** app_private.errors: what fail() names (the code itself, or CODE:what) → what clients see. */");
    out.push("export const ERRORS = {");
    for (const { reason, code, status, message } of errors.rows) {
      out.push(`  ${json(reason)}: { code: ${json(code)}, status: ${status}, message: ${json(message)} },`);
    }
    out.push("} as const;");
    out.push("export type ErrorReason = keyof typeof ERRORS;");
    out.push("export type ErrorCode = (typeof ERRORS)[ErrorReason][\"code\"];\n");

    out.push("/** app_private.field_bounds: min and max of each bounded field (of its length in characters where isLength). */");
    out.push("export const FIELD_BOUNDS = {");
    const tables = [...new Set(bounds.rows.map((row) => row.table_name))];
    for (const table of tables) {
      out.push(`  ${table}: {`);
      for (const row of bounds.rows.filter((b) => b.table_name === table)) {
        const number = (value: string | null) => (value === null ? "null" : String(Number(value)));
        out.push(`    ${row.field}: { min: ${number(row.min)}, max: ${number(row.max)}, isLength: ${row.is_length} },`);
      }
      out.push("  },");
    }
    out.push("} as const;\n");

    const fields = message.rows.map(({ name, type, comment }) => ({ name, ...typesOf(type), ...parseComment(comment) }));
    out.push("/** app_hidden.availability_message: the availability message pg_notify sends (event_availability_json). */");
    out.push("export interface AvailabilityMessage {");
    for (const { name, ts, tags, text } of fields) {
      if (text) out.push(`  /** ${text.replace(/\*\//g, "* /")} */`);
      out.push(`  ${name}: ${ts}${tags.has("notNull") ? "" : " | null"};`);
    }
    out.push("}");
    out.push("/** Its fields as GraphQL's EventAvailability shows them (all but those tagged @omit). */");
    out.push("export const AVAILABILITY_MESSAGE_FIELDS = [");
    for (const { name, graphql, tags, text } of fields.filter((field) => !field.tags.has("omit"))) {
      const type = `${tags.get("graphqlType") || graphql}${tags.has("notNull") ? "!" : ""}`;
      out.push(`  { column: ${json(name)}, field: ${json(camel(name))}, type: ${json(type)}, description: ${json(text || null)} },`);
    }
    out.push("] as const;");
    return `${out.join("\n")}\n`;
  } finally {
    await client.end();
  }
}

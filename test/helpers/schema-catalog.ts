// A database's schema as its catalog describes it, one entry per object, so
// two databases on one server compare whatever pg_dump is installed (pg_dump
// cannot dump a server newer than itself: the embedded PostgreSQL 18 beside a
// pg_dump 15). Covers what db/schema.sql holds: schemas, extensions, tables,
// views, sequences, columns, constraints, indexes, triggers, policies,
// functions, types, default privileges, with their grants and comments;
// owners are left out (db/schema.sql is dumped without them).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, dropDatabase, withDatabase } from "../../src/db/databases.ts";

/** Our schemas: all but PostgreSQL's and the two db/schema.sql leaves out (graphile-migrate's, graphile-worker's). */
const OURS = `nspname not in ('pg_catalog', 'information_schema', 'graphile_migrate', 'graphile_worker') and nspname !~ '^pg_(toast|temp_)'`;

/** Not created by an extension (citext's functions and types are the extension's). */
const notExtension = (catalog: string, oid: string) =>
  `not exists (select from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;

/** Grants as grantee=privilege, the owner's own as <owner>; no grantor; a default ACL as its default. */
const acl = (column: string, owner: string, kind: string) => `(
  select coalesce(string_agg(grant_, ',' order by grant_), '') from (
    select case a.grantee when 0 then 'PUBLIC' when ${owner} then '<owner>' else pg_get_userbyid(a.grantee) end
      || '=' || a.privilege_type || case when a.is_grantable then '*' else '' end as grant_
    from aclexplode(coalesce(${column}, acldefault((${kind})::"char", ${owner}))) a) g)`;

const comment = (oid: string, catalog: string) => `coalesce('comment ' || obj_description(${oid}, '${catalog}'), '')`;

const QUERY = `
select 'schema ' || quote_ident(nspname) as key, concat_ws(' | ', ${acl("nspacl", "nspowner", "'n'")}, ${comment("oid", "pg_namespace")}) as definition
  from pg_namespace where ${OURS}
union all
select 'extension ' || extname, extnamespace::regnamespace::text from pg_extension where extname <> 'plpgsql'
union all
select case c.relkind when 'r' then 'table ' when 'p' then 'table ' when 'v' then 'view ' when 'm' then 'materialized view '
         when 'S' then 'sequence ' when 'f' then 'foreign table ' else 'type ' end || c.oid::regclass::text,
  concat_ws(' | ', 'rls ' || c.relrowsecurity || ' ' || c.relforcerowsecurity, array_to_string(c.reloptions, ','),
    case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end,
    (select concat_ws(' ', s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
       from pg_sequence s where s.seqrelid = c.oid),
    case when c.relkind <> 'c' then ${acl("c.relacl", "c.relowner", "case c.relkind when 'S' then 's' else 'r' end")} end, ${comment("c.oid", "pg_class")})
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where ${OURS} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c') and ${notExtension("pg_class", "c.oid")}
union all
select 'column ' || a.attrelid::regclass::text || '.' || quote_ident(a.attname),
  concat_ws(' | ', '#' || row_number() over (partition by a.attrelid order by a.attnum), format_type(a.atttypid, a.atttypmod),
    case when a.attnotnull then 'not null' end, 'default ' || pg_get_expr(d.adbin, d.adrelid, true),
    nullif('identity ' || a.attidentity::text, 'identity '), nullif('generated ' || a.attgenerated::text, 'generated '),
    case when a.attcollation <> t.typcollation then 'collate ' || a.attcollation::regcollation::text end,
    nullif(${acl("a.attacl", "c.relowner", "'c'")}, ''), coalesce('comment ' || col_description(a.attrelid, a.attnum), ''))
  from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where ${OURS} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c') and a.attnum > 0 and not a.attisdropped and ${notExtension("pg_class", "c.oid")}
union all
-- NOT NULL is the column's (PostgreSQL 18 also names it a constraint, after the column's name at the time).
select 'constraint ' || coalesce(conrelid::regclass::text, contypid::regtype::text) || '.' || quote_ident(conname),
  concat_ws(' | ', pg_get_constraintdef(oid, true), ${comment("oid", "pg_constraint")})
  from pg_constraint where connamespace in (select oid from pg_namespace where ${OURS}) and contype <> 'n'
union all
select 'index ' || i.indexrelid::regclass::text, concat_ws(' | ', pg_get_indexdef(i.indexrelid), ${comment("i.indexrelid", "pg_class")})
  from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace where ${OURS}
union all
select 'trigger ' || tgrelid::regclass::text || '.' || quote_ident(tgname),
  concat_ws(' | ', pg_get_triggerdef(oid, true), 'enabled ' || tgenabled::text, ${comment("oid", "pg_trigger")})
  from pg_trigger where not tgisinternal and tgrelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${OURS})
union all
select 'policy ' || polrelid::regclass::text || '.' || quote_ident(polname),
  concat_ws(' | ', case when polpermissive then 'permissive' else 'restrictive' end, polcmd::text,
    (select string_agg(role, ',' order by role) from (select case r when 0 then 'PUBLIC' else pg_get_userbyid(r) end as role from unnest(polroles) r) roles),
    'using ' || pg_get_expr(polqual, polrelid, true), 'check ' || pg_get_expr(polwithcheck, polrelid, true), ${comment("oid", "pg_policy")})
  from pg_policy where polrelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${OURS})
union all
select case p.prokind when 'p' then 'procedure ' when 'a' then 'aggregate ' else 'function ' end || p.oid::regprocedure::text,
  concat_ws(' | ', case when p.prokind <> 'a' then pg_get_functiondef(p.oid) end, ${acl("p.proacl", "p.proowner", "'f'")}, ${comment("p.oid", "pg_proc")})
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${OURS} and ${notExtension("pg_proc", "p.oid")}
union all
select 'type ' || t.oid::regtype::text,
  concat_ws(' | ', case t.typtype when 'e' then 'enum ' || (select string_agg(quote_literal(enumlabel), ',' order by enumsortorder) from pg_enum where enumtypid = t.oid)
      when 'd' then 'domain ' || format_type(t.typbasetype, t.typtypmod) || case when t.typnotnull then ' not null' else '' end || coalesce(' default ' || t.typdefault, '')
      when 'r' then 'range ' || (select rngsubtype::regtype::text from pg_range where rngtypid = t.oid) else 'type ' || t.typtype::text end,
    ${acl("t.typacl", "t.typowner", "'T'")}, ${comment("t.oid", "pg_type")})
  from pg_type t join pg_namespace n on n.oid = t.typnamespace
  where ${OURS} and t.typtype in ('e', 'd', 'r', 'm') and ${notExtension("pg_type", "t.oid")}
union all
select 'default privileges for ' || pg_get_userbyid(defaclrole) || coalesce(' in ' || defaclnamespace::regnamespace::text, '') || ' on ' || defaclobjtype::text,
  (select string_agg(grant_, ',' order by grant_) from (select case a.grantee when 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end
     || '=' || a.privilege_type as grant_ from aclexplode(defaclacl) a) g)
  from pg_default_acl
`;

/** Every object of our schemas: a key naming it ("function app_public.book_ticket(integer)") → its definition. */
export async function describeSchema(databaseUrl: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Every name schema-qualified, whatever the session's search_path would leave out.
    await client.query("set search_path = ''");
    const { rows } = await client.query<{ key: string; definition: string }>(QUERY);
    return new Map(rows.map((row) => [row.key, row.definition]));
  } finally {
    await client.end();
  }
}

/** What differs between two descriptions, one line per object, named. */
export function schemaDifferences(expected: Map<string, string>, actual: Map<string, string>, names: [string, string]): string[] {
  const lines: string[] = [];
  for (const [key, definition] of expected) {
    if (!actual.has(key)) lines.push(`${key}: only in ${names[0]}`);
    else if (actual.get(key) !== definition) lines.push(`${key}: differs`);
  }
  for (const key of actual.keys()) if (!expected.has(key)) lines.push(`${key}: only in ${names[1]}`);
  return lines.sort();
}

/**
 * What differs between the database at `migratedUrl` and a schema dump (db/schema.sql)
 * loaded into a scratch database on the same server (`adminUrl`): one line per object.
 */
export async function differencesFromDump(adminUrl: string, dump: string, migratedUrl: string): Promise<string[]> {
  const name = `ticketing_dump_${randomBytes(6).toString("hex")}`;
  await createDatabase(adminUrl, name);
  try {
    const client = new pg.Client({ connectionString: withDatabase(adminUrl, name) });
    await client.connect();
    try {
      await client.query(dump);
    } catch (error) {
      throw new Error(`loading the dump failed: ${(error as Error).message}`, { cause: error });
    } finally {
      await client.end();
    }
    const [migrated, dumped] = await Promise.all([describeSchema(migratedUrl), describeSchema(withDatabase(adminUrl, name))]);
    return schemaDifferences(migrated, dumped, ["the migrations", "the dump"]);
  } finally {
    await dropDatabase(adminUrl, name);
  }
}

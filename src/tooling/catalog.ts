// What a database holds, object by object, read from PostgreSQL's catalogs, and
// the differences between two databases, each named by its object. The check
// that db/schema/ and the committed migrations build the same database
// (declarative.ts) compares two of these, as does the check that db/schema.sql
// is what the migrations build (schema-files.ts: differencesFromDump).
//
// Every object of our schemas is a few rows: (object, aspect, value), e.g.
//   function app_private.fail(text,text,text,text) | definition | CREATE OR REPLACE FUNCTION …
//   function app_private.fail(text,text,text,text) | grants     | postgres EXECUTE
//   column app_public.events.name                  | grants     | ticketing_admin INSERT, ticketing_admin UPDATE
// Grants are compared as sets (the order of GRANT statements does not matter);
// a column's position is part of its table ("columns"), since `select *`,
// row types and row_to_json follow it.
import pg from "pg";

export const SCHEMAS = ["app_public", "app_hidden", "app_private"];

export interface CatalogRow {
  object: string;
  aspect: string;
  value: string;
}

/**
 * Who may do what on an object, sorted: "role PRIVILEGE, …". A null ACL means the
 * default of its kind (`kind`, an SQL expression such as 'f'); without a kind, none.
 */
function grants(acl: string, kind: string | null, owner: string): string {
  const explode = kind ? `aclexplode(coalesce(${acl}, acldefault(${kind}, ${owner})))` : `aclexplode(${acl})`;
  return `(select coalesce(string_agg(g, ', ' order by g), '') from (
    select case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end || ' ' || a.privilege_type
           || case when a.is_grantable then ' WITH GRANT OPTION' else '' end as g
    from ${explode} a) x)`;
}

// Objects an extension installed are the extension's, not ours.
const notExtensionMember = (classTable: string, oid: string) =>
  `not exists (select from pg_depend d where d.classid = '${classTable}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;

const QUERIES = [
  // Schemas (ours, and public, whose grants foundation.sql changes).
  `select 'schema ' || n.nspname, a.aspect, a.value
   from pg_namespace n, lateral (values
     ('owner', pg_get_userbyid(n.nspowner)::text), -- text, not name: VALUES takes its type from the first row
     ('grants', ${grants("n.nspacl", "'n'", "n.nspowner")}),
     ('comment', obj_description(n.oid, 'pg_namespace'))) a(aspect, value)
   where n.nspname = any($1) or n.nspname = 'public'`,
  `select 'extension ' || e.extname, 'schema', e.extnamespace::regnamespace::text from pg_extension e where e.extname <> 'plpgsql'`,
  `select 'default privileges of ' || pg_get_userbyid(d.defaclrole) || coalesce(' in schema ' || d.defaclnamespace::regnamespace::text, '')
          || ' on ' || case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
                                            when 'T' then 'types' when 'n' then 'schemas' end,
          'grants', ${grants("d.defaclacl", null, "d.defaclrole")}
   from pg_default_acl d`,
  // Tables, views, materialized views, sequences, composite types.
  `select case c.relkind when 'r' then 'table ' when 'p' then 'table ' when 'v' then 'view ' when 'm' then 'materialized view '
                         when 'S' then 'sequence ' when 'f' then 'foreign table ' when 'c' then 'type ' end || c.oid::regclass,
          a.aspect, a.value
   from pg_class c, lateral (values
     ('owner', pg_get_userbyid(c.relowner)::text),
     ('kind', case c.relpersistence when 'u' then 'unlogged' else 'logged' end
              || coalesce(' with (' || array_to_string(c.reloptions, ', ') || ')', '')),
     ('row level security', case when c.relkind in ('r', 'p') then
        case when c.relrowsecurity then 'enabled' else 'disabled' end || case when c.relforcerowsecurity then ', forced' else '' end end),
     ('grants', case when c.relkind <> 'c' then ${grants("c.relacl", "case when c.relkind = 'S' then 's' else 'r' end::\"char\"", "c.relowner")} end),
     ('comment', obj_description(c.oid, 'pg_class')),
     ('definition', case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end),
     ('columns', (select string_agg(quote_ident(t.attname), ', ' order by t.attnum) from pg_attribute t
                  where c.relkind <> 'S' and t.attrelid = c.oid and t.attnum > 0 and not t.attisdropped)),
     ('sequence', (select format('%s start %s increment %s min %s max %s cache %s%s', format_type(s.seqtypid, null), s.seqstart,
                     s.seqincrement, s.seqmin, s.seqmax, s.seqcache, case when s.seqcycle then ' cycle' else '' end)
                   from pg_sequence s where s.seqrelid = c.oid)),
     ('owned by', (select t.attrelid::regclass || '.' || quote_ident(t.attname) from pg_depend d
                   join pg_attribute t on t.attrelid = d.refobjid and t.attnum = d.refobjsubid
                   where c.relkind = 'S' and d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
   ) a(aspect, value)
   where c.relnamespace::regnamespace::text = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c')
     and ${notExtensionMember("pg_class", "c.oid")}`,
  // Columns.
  `select 'column ' || c.oid::regclass || '.' || quote_ident(t.attname), a.aspect, a.value
   from pg_class c join pg_attribute t on t.attrelid = c.oid and t.attnum > 0 and not t.attisdropped
   left join pg_attrdef d on d.adrelid = c.oid and d.adnum = t.attnum, lateral (values
     ('type', format_type(t.atttypid, t.atttypmod)
              || case when t.attcollation <> 0 and t.attcollation <> (select typcollation from pg_type where oid = t.atttypid)
                      then ' collate ' || t.attcollation::regcollation else '' end
              || case when t.attnotnull then ' not null' else '' end
              || case t.attidentity when 'a' then ' generated always as identity' when 'd' then ' generated by default as identity' else '' end
              || case when t.attgenerated = 's' then ' generated always as (' || pg_get_expr(d.adbin, d.adrelid) || ') stored'
                      else coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') end),
     ('grants', ${grants("t.attacl", null, "c.relowner")}),
     ('comment', col_description(c.oid, t.attnum))) a(aspect, value)
   where c.relnamespace::regnamespace::text = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')`,
  `select 'constraint ' || quote_ident(k.conname) || ' on ' || coalesce(k.conrelid::regclass::text, 'domain ' || k.contypid::regtype), a.aspect, a.value
   from pg_constraint k, lateral (values
     ('definition', pg_get_constraintdef(k.oid)),
     ('comment', obj_description(k.oid, 'pg_constraint'))) a(aspect, value)
   where k.connamespace::regnamespace::text = any($1)`,
  `select 'index ' || c.oid::regclass, a.aspect, a.value
   from pg_class c, lateral (values
     ('definition', pg_get_indexdef(c.oid)),
     ('comment', obj_description(c.oid, 'pg_class'))) a(aspect, value)
   where c.relnamespace::regnamespace::text = any($1) and c.relkind in ('i', 'I')`,
  `select 'trigger ' || quote_ident(g.tgname) || ' on ' || g.tgrelid::regclass, a.aspect, a.value
   from pg_trigger g, lateral (values
     ('definition', pg_get_triggerdef(g.oid)),
     ('enabled', g.tgenabled::text),
     ('comment', obj_description(g.oid, 'pg_trigger'))) a(aspect, value)
   where not g.tgisinternal and (select relnamespace from pg_class where oid = g.tgrelid)::regnamespace::text = any($1)`,
  `select 'policy ' || quote_ident(p.polname) || ' on ' || p.polrelid::regclass, a.aspect, a.value
   from pg_policy p, lateral (values
     ('definition', format('as %s for %s to %s', case when p.polpermissive then 'permissive' else 'restrictive' end,
        case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' else 'all' end,
        (select string_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end, ', ' order by 1) from unnest(p.polroles) r))
        || coalesce(' using (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')
        || coalesce(' with check (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')),
     ('comment', obj_description(p.oid, 'pg_policy'))) a(aspect, value)
   where (select relnamespace from pg_class where oid = p.polrelid)::regnamespace::text = any($1)`,
  `select 'rule ' || quote_ident(r.rulename) || ' on ' || r.ev_class::regclass, 'definition', pg_get_ruledef(r.oid)
   from pg_rewrite r join pg_class c on c.oid = r.ev_class
   where r.rulename <> '_RETURN' and c.relnamespace::regnamespace::text = any($1)`,
  `select 'function ' || p.oid::regprocedure, a.aspect, a.value
   from pg_proc p, lateral (values
     ('definition', case when p.prokind = 'a' then 'aggregate' else pg_get_functiondef(p.oid) end),
     ('owner', pg_get_userbyid(p.proowner)),
     ('grants', ${grants("p.proacl", "'f'", "p.proowner")}),
     ('comment', obj_description(p.oid, 'pg_proc'))) a(aspect, value)
   where p.pronamespace::regnamespace::text = any($1) and ${notExtensionMember("pg_proc", "p.oid")}`,
  // Enums, domains, ranges (composite types are relations above; arrays and row types follow their element).
  `select 'type ' || t.oid::regtype, a.aspect, a.value
   from pg_type t, lateral (values
     ('definition', case t.typtype
        when 'e' then 'enum (' || (select string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
                                   from pg_enum e where e.enumtypid = t.oid) || ')'
        when 'd' then 'domain over ' || format_type(t.typbasetype, t.typtypmod) || case when t.typnotnull then ' not null' else '' end
                      || coalesce(' default ' || t.typdefault, '')
        else t.typtype::text end),
     ('owner', pg_get_userbyid(t.typowner)),
     ('grants', ${grants("t.typacl", "'T'", "t.typowner")}),
     ('comment', obj_description(t.oid, 'pg_type'))) a(aspect, value)
   where t.typnamespace::regnamespace::text = any($1) and t.typtype in ('e', 'd', 'r', 'm', 'b')
     and t.typelem = 0 and ${notExtensionMember("pg_type", "t.oid")}`,
  `select 'event trigger ' || quote_ident(e.evtname), 'definition',
          format('on %s when %s execute %s enabled %s', e.evtevent, e.evttags, e.evtfoid::regproc, e.evtenabled)
   from pg_event_trigger e`,
];

export interface CatalogOptions {
  schemas?: string[];
  /** Owners (default true); a dump made with --no-owner has none to compare. */
  owners?: boolean;
  /** Each table's rows (default true); a --schema-only dump has none. */
  rows?: boolean;
}

/** Every object of `schemas` (and the server-wide bits they rely on) as rows; fully qualified names. */
export async function readCatalog(client: pg.ClientBase, { schemas = SCHEMAS, owners = true, rows: withRows = true }: CatalogOptions = {}): Promise<CatalogRow[]> {
  await client.query("begin isolation level repeatable read read only");
  try {
    // Names and definitions print schema-qualified, the same way in every database.
    await client.query("set local search_path = ''");
    const rows: CatalogRow[] = [];
    for (const sql of QUERIES) {
      const result = await client.query<[string, string, string | null]>({ text: sql, values: sql.includes("$1") ? [schemas] : [], rowMode: "array" });
      for (const [object, aspect, value] of result.rows) {
        if (value !== null && value !== "" && (owners || aspect !== "owner")) rows.push({ object, aspect, value });
      }
    }
    if (!withRows) return rows;
    // Rows of every table: seed data (categories, throttle rules) is part of what a build
    // produces. Columns that default to the moment of writing (created_at) are left out.
    const tables = await client.query<{ name: string; columns: string | null }>(
      `select c.oid::regclass::text as name,
              string_agg(quote_ident(t.attname), ', ' order by t.attnum)
                filter (where coalesce(pg_get_expr(d.adbin, d.adrelid), '') !~ '(now|clock_timestamp|statement_timestamp|random|gen_random_\\w+)\\(') as columns
       from pg_class c join pg_attribute t on t.attrelid = c.oid and t.attnum > 0 and not t.attisdropped
       left join pg_attrdef d on d.adrelid = c.oid and d.adnum = t.attnum
       where c.relnamespace::regnamespace::text = any($1) and c.relkind in ('r', 'p', 'm') and c.relispopulated
       group by c.oid order by 1`,
      [schemas],
    );
    for (const { name, columns } of tables.rows) {
      const { rows: [data] } = await client.query<{ value: string | null }>(
        `select count(*) || ' rows' || coalesce(E'\n' || string_agg(t::text, E'\n' order by t::text), '') as value
         from (select ${columns ?? "null"} from ${name}) t`,
      );
      rows.push({ object: `rows of ${name}`, aspect: "data", value: data!.value ?? "" });
    }
    return rows;
  } finally {
    await client.query("rollback");
  }
}

export async function readCatalogAt(url: string, options?: CatalogOptions): Promise<CatalogRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readCatalog(client, options);
  } finally {
    await client.end();
  }
}

export interface Difference {
  object: string;
  /** The aspect that differs; null when the object exists on one side only. */
  aspect: string | null;
  /** The value on each side (undefined: absent there). */
  left?: string;
  right?: string;
}

/** What differs between two catalogs, object by object, sorted by object. */
export function compareCatalogs(left: CatalogRow[], right: CatalogRow[]): Difference[] {
  const index = (rows: CatalogRow[]) => {
    const objects = new Map<string, Map<string, string>>();
    for (const { object, aspect, value } of rows) {
      if (!objects.has(object)) objects.set(object, new Map());
      objects.get(object)!.set(aspect, value);
    }
    return objects;
  };
  const [a, b] = [index(left), index(right)];
  const differences: Difference[] = [];
  for (const object of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [x, y] = [a.get(object), b.get(object)];
    if (!x || !y) {
      differences.push({ object, aspect: null, left: x && describe(x), right: y && describe(y) });
      continue;
    }
    for (const aspect of [...new Set([...x.keys(), ...y.keys()])].sort()) {
      if (x.get(aspect) !== y.get(aspect)) differences.push({ object, aspect, left: x.get(aspect), right: y.get(aspect) });
    }
  }
  return differences;
}

function describe(aspects: Map<string, string>): string {
  return [...aspects].map(([aspect, value]) => (aspects.size === 1 ? value : `${aspect}: ${value}`)).join("\n");
}

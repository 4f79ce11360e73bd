--! Previous: sha1:e73c4da288b8c1bdcbb5c7afbf56821f12ad6216
--! Hash: sha1:da0a427d88b941e49bee55be9467592e3e20d142
--! Message: Internal functions in app_hidden; role checks the grants make unreachable go

--------------------------------------------------------------------------------
-- Internal SQL out of the public schema (graphile/starter's convention):
--   app_public  what the GraphQL API exposes (PostGraphile introspects only this)
--   app_hidden  functions the server and the request roles call, never exposed
--   app_private secrets and internals; request roles have no access at all
-- Until now internal functions sat in app_public hidden by a `@behavior -*`
-- smart tag; a function someone forgot to tag was exposed. Now the schema
-- decides: every app_public function tagged `@behavior -*` moves here, whichever
-- migration defined it. db/schema.sql shows the result (and its grants) in full.
--
-- Kept in app_public on purpose: current_user_id() and current_app_role(). The
-- row-level security policies and most function bodies call them, they expose
-- nothing (the caller's own id and role), and graphile/starter keeps its
-- current_user_id() in app_public the same way.
--------------------------------------------------------------------------------

create schema app_hidden;
comment on schema app_hidden is 'Functions the server and request roles call that the GraphQL API does not expose.';

do $$
declare
  moving regprocedure[];
  fn regprocedure;
  names text;
  f record;
  role_name text;
begin
  select coalesce(array_agg(p.oid::regprocedure order by p.oid), '{}'), string_agg(distinct p.proname, '|')
    into moving, names
    from pg_proc p
   where p.pronamespace = 'app_public'::regnamespace
     and obj_description(p.oid, 'pg_proc') like '%@behavior -*%'
     and p.proname not in ('current_user_id', 'current_app_role');
  if names is null then
    return;
  end if;

  foreach fn in array moving loop
    -- Grants and ownership travel with the function; its callers need the schema too.
    for role_name in
      select distinct r.rolname from aclexplode((select proacl from pg_proc where oid = fn)) a
      join pg_roles r on r.oid = a.grantee where r.rolname like 'ticketing\_%'
    loop
      execute format('grant usage on schema app_hidden to %I', role_name);
    end loop;
    execute format('alter function %s set schema app_hidden', fn);
    -- The smart tag only meant something in app_public.
    execute format('comment on function %s is %L', fn,
      nullif(regexp_replace(obj_description(fn, 'pg_proc'), '^@behavior -\*\n?', ''), ''));
  end loop;

  -- Function bodies are stored as text: calls written `app_public.<moved>(`
  -- must be rewritten (policies, views, triggers and defaults follow by oid).
  for f in
    select p.oid, pg_get_functiondef(p.oid) as definition
      from pg_proc p
     where p.pronamespace in ('app_public'::regnamespace, 'app_private'::regnamespace, 'app_hidden'::regnamespace)
       and p.prokind = 'f'
       and p.prosrc ~ ('app_public\.(' || names || ')\s*\(')
  loop
    execute regexp_replace(f.definition, 'app_public\.(' || names || ')(\s*\()', 'app_hidden.\1\2', 'g');
  end loop;
end $$;

--------------------------------------------------------------------------------
-- Role checks the grants make unreachable. A function only ticketing_admin may
-- execute is refused to everyone else before its body runs (42501, which the
-- server answers as UNAUTHENTICATED or FORBIDDEN); an `is the caller an admin`
-- test inside it can never fail, so it goes. Checks that do decide something
-- stay (e.g. join_waitlist refuses admins, who inherit the student grants).
--------------------------------------------------------------------------------

do $$
declare
  f record;
  admin_check constant text :=
    'if app_public\.current_app_role\(\) <> ''admin'' then\s*perform app_private\.fail\([^;]*\);\s*end if;\s*';
begin
  for f in
    select p.oid, pg_get_functiondef(p.oid) as definition
      from pg_proc p
     where p.pronamespace in ('app_public'::regnamespace, 'app_hidden'::regnamespace)
       and p.prokind = 'f'
       and p.prosrc ~ admin_check
       and has_function_privilege('ticketing_admin', p.oid, 'execute')
       and not has_function_privilege('ticketing_student', p.oid, 'execute')
  loop
    execute regexp_replace(f.definition, admin_check, '');
  end loop;
end $$;

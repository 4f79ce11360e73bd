--------------------------------------------------------------------------------
-- Foundation: roles, schemas, who is calling.
--
-- Request roles (cluster-wide, hence the `ticketing_` prefix):
--   ticketing_anonymous  <  ticketing_student  <  ticketing_admin   (each inherits the one before)
-- The server logs in as ticketing_authenticator (NOINHERIT: it can do nothing
-- until it switches role) and switches per request from the verified JWT.
-- Service roles the server switches to itself, after verifying what it acts on:
--   ticketing_booker    booking batches (booking.sql), after verifying each request's token
--   ticketing_payments  payment intents (payments.sql), with the verified caller's claims
--   ticketing_webhook   settling a payment (payments.sql), after verifying the webhook's signature
--
-- Schemas (graphile/starter's convention; see db/CONVENTIONS.md):
--   app_public   what the GraphQL API exposes (PostGraphile introspects only this)
--   app_hidden   functions the server and the request roles call, never exposed
--   app_private  secrets and internals; request roles have no access at all
--------------------------------------------------------------------------------

do $$
begin
  -- Several databases on one server share these roles: create each only once.
  if not exists (select from pg_roles where rolname = 'ticketing_anonymous') then
    create role ticketing_anonymous nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'ticketing_student') then
    create role ticketing_student nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'ticketing_admin') then
    create role ticketing_admin nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'ticketing_authenticator') then
    create role ticketing_authenticator login noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'ticketing_booker') then
    create role ticketing_booker nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'ticketing_payments') then
    create role ticketing_payments nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'ticketing_webhook') then
    create role ticketing_webhook nologin;
  end if;
exception when duplicate_object or unique_violation then
  null; -- another database's migration created it at the same moment
end $$;

grant ticketing_anonymous to ticketing_student;
grant ticketing_student to ticketing_admin;
grant ticketing_anonymous, ticketing_student, ticketing_admin to ticketing_authenticator;
grant ticketing_booker, ticketing_payments, ticketing_webhook to ticketing_authenticator;

create extension if not exists pgcrypto with schema public;
create extension if not exists citext with schema public;

-- Postgres lets PUBLIC execute every new function, and a per-schema default
-- cannot take that away: revoke it for every function this role creates from
-- here on. Each request role gets exactly the grants written next to its functions.
alter default privileges revoke execute on functions from public;

revoke all on schema public from public;
grant usage on schema public to ticketing_anonymous;

create schema app_public;
grant usage on schema app_public to ticketing_anonymous, ticketing_booker, ticketing_payments, ticketing_webhook;

create schema app_hidden;
comment on schema app_hidden is 'Functions the server and request roles call that the GraphQL API does not expose.';
grant usage on schema app_hidden to ticketing_anonymous, ticketing_student, ticketing_booker, ticketing_payments, ticketing_webhook;

create schema app_private;

--------------------------------------------------------------------------------
-- Who is calling. Claims are set by the server from a verified JWT; the role is
-- the Postgres role it switched to, which a request role cannot change.
-- Kept in app_public on purpose: policies and most function bodies call them,
-- and they expose nothing but the caller's own id and role.
--------------------------------------------------------------------------------

create function app_public.current_user_id() returns int
language sql stable parallel safe as $$
  select nullif(current_setting('jwt.claims.user_id', true), '')::int
$$;
comment on function app_public.current_user_id() is E'@behavior -*\nThe id of the signed-in user, or null.';
grant execute on function app_public.current_user_id() to ticketing_anonymous;

-- app_public.current_app_role(), the request role as the rules see it, is in auth.sql: an admin's
-- rights are read from the users table, which it must follow.

-- The client's address, set by the server from the connection (src/auth/pg-settings.ts).
create function app_private.client_address() returns text
language sql stable as $$
  select nullif(current_setting('ticketing.client_address', true), '')
$$;

-- Errors (app_private.errors, app_private.fail) are in errors.sql, loaded next.

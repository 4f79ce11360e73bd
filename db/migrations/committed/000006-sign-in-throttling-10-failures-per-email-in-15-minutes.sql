--! Previous: sha1:95767079c3946ec547e862328d95a86b6449c5ba
--! Hash: sha1:bf5144087b1d44f9b24b6ccc2e8746a7d9b1f402
--! Message: Sign-in throttling: 10 failures per email in 15 minutes

--------------------------------------------------------------------------------
-- Sign-in throttling: after 10 failed sign-ins for one email within 15
-- minutes, that email is refused (TOO_MANY_ATTEMPTS) until the window has
-- passed, even with the right password; a successful sign-in clears the count.
--
-- A failure must be recorded and still reported, and an exception would roll
-- the record back: so authenticate now records the failure and returns null,
-- and the server turns null into INVALID_CREDENTIALS (src/auth/authenticate.ts).
--------------------------------------------------------------------------------

create table app_private.sign_in_failures (
  email     citext not null,
  failed_at timestamptz not null default now()
);
create index sign_in_failures_email_idx on app_private.sign_in_failures (email, failed_at);
alter table app_private.sign_in_failures enable row level security;

drop function app_public.authenticate(text, text);
create function app_public.authenticate(email text, password text) returns app_public.jwt_claims
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_email citext := lower(btrim(coalesce(authenticate.email, '')))::citext;
  v_id int;
  v_role text;
  v_hash text;
  v_retry_at timestamptz;
begin
  -- Throttled: the 10th most recent failure within the window decides when it ends.
  select f.failed_at + interval '15 minutes' into v_retry_at
  from app_private.sign_in_failures f
  where f.email = v_email and f.failed_at > now() - interval '15 minutes'
  order by f.failed_at desc offset 9 limit 1;
  if v_retry_at is not null then
    perform app_private.fail('TK429', 'TOO_MANY_ATTEMPTS',
      format('Too many failed sign-ins for this email; try again after %s.',
             to_char(v_retry_at at time zone 'UTC', 'HH24:MI "UTC"')));
  end if;

  select u.id, u.role, s.password_hash into v_id, v_role, v_hash
  from app_public.users u join app_private.user_secrets s on s.user_id = u.id
  where u.email = v_email;

  -- Same work and same answer whether the email is unknown or the password wrong.
  if v_hash is null then
    perform crypt(coalesce(authenticate.password, ''), '$2a$10$Om.6JIkBK11PbiQqk92kZuYyWAZTWqTLwAHQVvaLi.CniJ9LRszhW');
  end if;
  if v_hash is null or v_hash <> crypt(coalesce(authenticate.password, ''), v_hash) then
    insert into app_private.sign_in_failures (email) values (v_email);
    delete from app_private.sign_in_failures f where f.email = v_email and f.failed_at < now() - interval '1 day';
    return null;
  end if;
  delete from app_private.sign_in_failures f where f.email = v_email;
  return (v_id, v_role)::app_public.jwt_claims;
end $$;
comment on function app_public.authenticate(text, text) is
  E'@behavior -*\nCheck a password: the claims for a token, or null for wrong credentials (recorded for throttling).';
grant execute on function app_public.authenticate(text, text) to ticketing_anonymous;

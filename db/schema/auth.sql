--------------------------------------------------------------------------------
-- Accounts: users, their password hashes, signup, sign-in.
--
-- The password hash lives in app_private, which no request role can read.
-- Sign-in and signup are throttled (throttling.sql). A failed sign-in must be
-- recorded and still reported, and an exception would roll the record back: so
-- authenticate records the failure and returns null, and the server turns null
-- into INVALID_CREDENTIALS (src/auth/authenticate.ts).
--------------------------------------------------------------------------------

-- One rule for an email, in create_user and on the table: no whitespace, one @,
-- a domain of non-empty dot-separated labels (no trailing dot: "x@example.edu."
-- is the mailbox of "x@example.edu"), and no control or invisible character (a
-- zero-width space prints exactly like nothing): no account that looks like another.
create function app_private.email_is_valid(email text) returns boolean
language sql immutable parallel safe as $$
  select length(email) <= 254
    and email ~ '^[^@[:space:]]+@[^@[:space:].]+(\.[^@[:space:].]+)+$'
    -- Controls, other spaces, soft hyphen, joiners, direction marks, invisible
    -- operators, fillers, variation selectors, the BOM and tag characters.
    and email !~ '[[:cntrl:]\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u17B4\u17B5\u180B-\u180F\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB\U000E0000-\U000E0FFF]'
$$;

create table app_public.users (
  id         int generated always as identity primary key,
  name       text not null,
  email      citext not null,
  role       text not null default 'student',
  created_at timestamptz not null default now(),
  -- When the owner proved they hold the address (identity.sql: a mailed link, a password reset).
  email_verified_at timestamptz,
  email_verified    boolean generated always as (email_verified_at is not null) stored,
  -- When the owner closed the account (its name and email were erased then).
  deleted_at        timestamptz,
  constraint users_email_key unique (email),
  constraint users_name_valid check (name = btrim(name) and length(name) between 1 and 100),
  constraint users_email_valid check (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  constraint users_role_valid check (role in ('student', 'admin'))
);
comment on table app_public.users is E'@behavior -insert -update -delete\nA person with an account: a student or an admin.';
-- NOT VALID: accounts made before the rule stay as they are (an email is who
-- someone is; it is not rewritten). Only the owner writes users (create_user is
-- security definer), so the CHECK may call an app_private function.
alter table app_public.users add constraint users_email_unambiguous check (app_private.email_is_valid(email::text)) not valid;

-- 'anonymous' | 'student' | 'admin': the request role, also inside security definer functions.
-- A token lives 24 hours, an admin's rights do not: 'admin' only while the
-- signed-in user's row says admin, read in the request's own transaction, so a
-- demoted or deleted admin's token counts as nobody at once. Every admin policy
-- and admin function asks this.
create function app_public.current_app_role() returns text
language sql stable parallel safe security definer set search_path = pg_catalog, public, pg_temp as $$
  select case current_setting('role')
    when 'ticketing_admin' then
      case when exists (select from app_public.users u where u.id = app_public.current_user_id() and u.role = 'admin')
        then 'admin' else 'anonymous' end
    when 'ticketing_student' then 'student'
    else 'anonymous'
  end
$$;
comment on function app_public.current_app_role() is
  E'@behavior -*\nThe request role without its prefix; ''admin'' only while the user''s row says admin (a demoted or deleted admin''s token counts as anonymous).';
grant execute on function app_public.current_app_role() to ticketing_anonymous;

-- The first statement of every admin function (grants let only ticketing_admin
-- call them; this refuses a token whose account is no longer an admin).
create function app_private.require_admin() returns void
language plpgsql stable as $$
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('FORBIDDEN:admin');
  end if;
end $$;

alter table app_public.users enable row level security;
comment on column app_public.users.email_verified_at is E'@behavior -*\nWhen the owner proved they hold the address (a mailed link, a password reset, the college''s sign-in).';
comment on column app_public.users.email_verified is 'The owner proved they hold this address.';
comment on column app_public.users.deleted_at is E'@behavior -*\nWhen the owner closed the account (its name and email were erased then).';
grant select (id, name, email, role, created_at, email_verified, email_verified_at, deleted_at) on app_public.users to ticketing_student;
create policy users_self on app_public.users for select to ticketing_student
  using (id = app_public.current_user_id());
create policy users_admin on app_public.users for select to ticketing_admin using ((select app_public.current_app_role()) = 'admin');

create table app_private.user_secrets (
  user_id       int primary key references app_public.users on delete cascade,
  password_hash text not null
);
alter table app_private.user_secrets enable row level security;

create function app_public.me() returns app_public.users
language sql stable as $$
  select * from app_public.users where id = app_public.current_user_id()
$$;
comment on function app_public.me() is 'The signed-in user, or null.';
grant execute on function app_public.me() to ticketing_anonymous;

-- Shared by signup and the admin bootstrap: validates, then creates the account.
create function app_private.create_user(name text, email text, password text, role text) returns app_public.users
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_name text := btrim(coalesce(name, ''));
  v_email text := lower(btrim(coalesce(email, '')));
  v_user app_public.users;
  v_name_bounds app_private.field_bounds;  -- users_name_valid's
begin
  select * into v_name_bounds from app_private.field_bounds b where b.table_name = 'users' and b.field = 'name';
  if length(v_name) not between v_name_bounds.min and v_name_bounds.max then
    perform app_private.fail('INVALID_INPUT:name', 'name', v_name_bounds.max::text);
  end if;
  if not app_private.email_is_valid(v_email) then
    perform app_private.fail('INVALID_INPUT:email', 'email');
  end if;
  -- Characters, as the message says (bcrypt reads the first 72 bytes of it).
  if password is null or length(password) not between 8 and 72 then
    perform app_private.fail('INVALID_INPUT:password', 'password');
  end if;
  if exists (select from app_public.users u where u.email = v_email::citext) then
    perform app_private.fail('EMAIL_TAKEN', 'email');
  end if;

  begin
    insert into app_public.users (name, email, role) values (v_name, v_email, role)
      returning * into v_user;
  exception when unique_violation then
    -- Two signups with one email raced past the check above.
    perform app_private.fail('EMAIL_TAKEN', 'email');
  end;
  insert into app_private.user_secrets (user_id, password_hash)
    values (v_user.id, crypt(password, gen_salt('bf', 10)));
  return v_user;
end $$;

-- Every signup attempt counts against the client's address, refused ones too:
-- the server commits this count in a transaction of its own before the signup
-- (src/auth/signup-attempts.ts), since a refused signup rolls its own
-- transaction back. Past the limit the count is the refusal.
create function app_hidden.count_signup_attempt() returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_address text := app_private.client_address();
begin
  if v_address is not null then
    perform app_private.count_hit('signups_per_address', v_address, 'Too many signups from your network');
  end if;
end $$;
comment on function app_hidden.count_signup_attempt() is
  'Count one signup attempt against the client address (TOO_MANY_ATTEMPTS past the limit); the server commits it before the signup.';
grant execute on function app_hidden.count_signup_attempt() to ticketing_anonymous;

-- Self-service signup always makes a student: there is no role argument. The
-- attempt was counted (count_signup_attempt) before it runs.
create function app_public.signup(name text, email text, password text) returns app_public.users
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  -- The attempt was counted by app_hidden.count_signup_attempt(), committed before this.
  select app_private.create_user(name, email, password, 'student')
$$;
comment on function app_public.signup(text, text, text) is 'Create a student account.';
grant execute on function app_public.signup(text, text, text) to ticketing_anonymous;

-- Admin bootstrap (`npm run create-admin`, ADMIN_EMAIL at start). No request role may call it.
create function app_private.create_admin(name text, email text, password text) returns app_public.users
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_private.create_user(name, email, password, 'admin')
$$;

-- Claims for a token; the server signs them (src/auth/jwt.ts).
create type app_public.jwt_claims as (user_id int, role text);

-- Sign-in. Throttled per email from one address, per address, and per email
-- from all addresses: the limits are throttle_rules rows. The last slows the
-- guesser, never the owner: once full, an address is heard for this email only
-- if it has no failure for it in its own window, and only once (counted before
-- the password is checked, cleared if it is right), so a right password from
-- an address that did not guess wrong is never refused.
create function app_hidden.authenticate(email text, password text) returns app_public.jwt_claims
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_email citext := lower(btrim(coalesce(authenticate.email, '')))::citext;
  v_address text := app_private.client_address();
  -- The per-email count is kept per address too (see throttle_rules).
  v_email_here text := v_email::text || coalesce(' from ' || v_address, '');
  v_email_message text := 'Too many failed sign-ins for this email';
  v_address_message text := 'Too many failed sign-ins from your network';
  -- Set while the failures for this email from all addresses fill their window.
  v_crowded_until timestamptz := app_private.throttled_until('sign_in_failures_per_email_any_address', v_email);
  v_here app_private.throttle_counters;
  v_id int;
  v_role text;
  v_hash text;
begin
  -- Cheap refusal before any bcrypt work once a window is full.
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_email_message);
  if v_address is not null then
    perform app_private.refuse_if_throttled('sign_in_failures_per_address', v_address, v_address_message);
  end if;
  if v_crowded_until is not null then
    -- One attempt per address with no failure for this email in its window:
    -- counted now, before the password is checked, and cleared if it is right.
    v_here := app_private.take_hit('sign_in_failures_per_email', v_email_here);
    if v_here.hits > 1 then
      perform app_private.fail_throttled(v_email_message, least(v_crowded_until,
        v_here.window_started_at + (select r.per from app_private.throttle_rules r where r.rule = 'sign_in_failures_per_email')));
    end if;
  end if;

  select u.id, u.role, s.password_hash into v_id, v_role, v_hash
  from app_public.users u join app_private.user_secrets s on s.user_id = u.id
  where u.email = v_email;

  -- Same work and same answer whether the email is unknown or the password wrong.
  if v_hash is null then
    perform crypt(coalesce(authenticate.password, ''), '$2a$10$Om.6JIkBK11PbiQqk92kZuYyWAZTWqTLwAHQVvaLi.CniJ9LRszhW');
  end if;
  if v_hash is null or v_hash <> crypt(coalesce(authenticate.password, ''), v_hash) then
    -- Counted atomically: attempts that raced past the checks above are refused
    -- here, so no more than the limit are ever answered.
    if v_crowded_until is null then
      perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_email_message);
      perform app_private.count_hit('sign_in_failures_per_email_any_address', v_email, v_email_message);
    end if;
    if v_address is not null then
      perform app_private.count_hit('sign_in_failures_per_address', v_address, v_address_message);
    end if;
    return null;
  end if;
  -- Right password: refused only if failures from this address filled its own
  -- window meanwhile (row lock, then check); never by the any-address rule.
  perform from app_private.throttle_counters c
  where c.rule = 'sign_in_failures_per_email' and c.subject = v_email_here
  for update;
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_email_message);
  delete from app_private.throttle_counters c where c.rule = 'sign_in_failures_per_email' and c.subject = v_email_here;
  return (v_id, v_role)::app_public.jwt_claims;
end $$;
comment on function app_hidden.authenticate(text, text) is
  'Check a password: the claims for a token, or null for wrong credentials (recorded for throttling).';
grant execute on function app_hidden.authenticate(text, text) to ticketing_anonymous;

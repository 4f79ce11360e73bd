--------------------------------------------------------------------------------
-- Accounts: users, their password hashes, signup, sign-in.
--
-- The password hash lives in app_private, which no request role can read.
-- Sign-in and signup are throttled (throttling.sql). A failed sign-in must be
-- recorded and still reported, and an exception would roll the record back: so
-- authenticate records the failure and returns null, and the server turns null
-- into INVALID_CREDENTIALS (src/auth/authenticate.ts).
--------------------------------------------------------------------------------

create table app_public.users (
  id         int generated always as identity primary key,
  name       text not null,
  email      citext not null,
  role       text not null default 'student',
  created_at timestamptz not null default now(),
  constraint users_email_key unique (email),
  constraint users_name_valid check (name = btrim(name) and length(name) between 1 and 100),
  constraint users_email_valid check (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  constraint users_role_valid check (role in ('student', 'admin'))
);
comment on table app_public.users is E'@behavior -insert -update -delete\nA person with an account: a student or an admin.';
alter table app_public.users enable row level security;
grant select (id, name, email, role, created_at) on app_public.users to ticketing_student;
create policy users_self on app_public.users for select to ticketing_student
  using (id = app_public.current_user_id());
create policy users_admin on app_public.users for select to ticketing_admin using (true);

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
create function app_private.create_user(name text, email text, password text, role text)
returns app_public.users
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_name text := btrim(coalesce(name, ''));
  v_email text := lower(btrim(coalesce(email, '')));
  v_user app_public.users;
begin
  if v_name = '' or length(v_name) > 100 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'Name is required and must be at most 100 characters.', 'name');
  end if;
  if length(v_email) > 254 or v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'Email must look like name@example.edu.', 'email');
  end if;
  if password is null or length(password) < 8 or octet_length(password) > 72 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'Password must be 8 to 72 characters.', 'password');
  end if;
  if exists (select from app_public.users u where u.email = v_email::citext) then
    perform app_private.fail('TK409', 'EMAIL_TAKEN', 'An account with this email already exists.', 'email');
  end if;

  begin
    insert into app_public.users (name, email, role) values (v_name, v_email, role)
      returning * into v_user;
  exception when unique_violation then
    -- Two signups with one email raced past the check above.
    perform app_private.fail('TK409', 'EMAIL_TAKEN', 'An account with this email already exists.', 'email');
  end;
  insert into app_private.user_secrets (user_id, password_hash)
    values (v_user.id, crypt(password, gen_salt('bf', 10)));
  return v_user;
end $$;

-- Self-service signup always makes a student: there is no role argument.
create function app_public.signup(name text, email text, password text) returns app_public.users
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_address text := app_private.client_address();
  v_message text := 'Too many accounts were created from your network';
  v_user app_public.users;
begin
  if v_address is not null then
    perform app_private.refuse_if_throttled('signups_per_address', v_address, v_message);
  end if;
  v_user := app_private.create_user(name, email, password, 'student');
  if v_address is not null then
    perform app_private.count_hit('signups_per_address', v_address, v_message);
  end if;
  return v_user;
end $$;
comment on function app_public.signup(text, text, text) is 'Create a student account.';
grant execute on function app_public.signup(text, text, text) to ticketing_anonymous;

-- Admin bootstrap (`npm run create-admin`, ADMIN_EMAIL at start). No request role may call it.
create function app_private.create_admin(name text, email text, password text) returns app_public.users
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_private.create_user(name, email, password, 'admin')
$$;

-- Claims for a token; the server signs them (src/auth/jwt.ts).
create type app_public.jwt_claims as (user_id int, role text);

-- Sign-in. Throttled per email (from one address, and from all) and per address:
-- the limits are throttle_rules rows.
create function app_hidden.authenticate(email text, password text) returns app_public.jwt_claims
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_email citext := lower(btrim(coalesce(authenticate.email, '')))::citext;
  v_address text := app_private.client_address();
  -- The per-email count is kept per address too (see throttle_rules).
  v_email_here text := v_email::text || coalesce(' from ' || v_address, '');
  v_email_message text := 'Too many failed sign-ins for this email';
  v_address_message text := 'Too many failed sign-ins from your network';
  v_id int;
  v_role text;
  v_hash text;
begin
  -- Cheap refusal before any bcrypt work once a window is full.
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_email_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_email, v_email_message);
  if v_address is not null then
    perform app_private.refuse_if_throttled('sign_in_failures_per_address', v_address, v_address_message);
  end if;

  select u.id, u.role, s.password_hash into v_id, v_role, v_hash
  from app_public.users u join app_private.user_secrets s on s.user_id = u.id
  where u.email = v_email;

  -- Same work and same answer whether the email is unknown or the password wrong.
  if v_hash is null then
    perform crypt(coalesce(authenticate.password, ''), '$2a$10$Om.6JIkBK11PbiQqk92kZuYyWAZTWqTLwAHQVvaLi.CniJ9LRszhW');
  end if;
  if v_hash is null or v_hash <> crypt(coalesce(authenticate.password, ''), v_hash) then
    -- Counted atomically: attempts that raced past the check above are refused
    -- here, so no more than the limit are ever answered.
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_email_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_email, v_email_message);
    if v_address is not null then
      perform app_private.count_hit('sign_in_failures_per_address', v_address, v_address_message);
    end if;
    return null;
  end if;
  -- Right password: still refused if concurrent failures filled the window meanwhile (row lock, then check).
  perform from app_private.throttle_counters c
  where (c.rule, c.subject) in (('sign_in_failures_per_email', v_email_here), ('sign_in_failures_per_email_any_address', v_email::text))
  order by c.rule
  for update;
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_email_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_email, v_email_message);
  delete from app_private.throttle_counters c where c.rule = 'sign_in_failures_per_email' and c.subject = v_email_here;
  return (v_id, v_role)::app_public.jwt_claims;
end $$;
comment on function app_hidden.authenticate(text, text) is
  'Check a password: the claims for a token, or null for wrong credentials (recorded for throttling).';
grant execute on function app_hidden.authenticate(text, text) to ticketing_anonymous;

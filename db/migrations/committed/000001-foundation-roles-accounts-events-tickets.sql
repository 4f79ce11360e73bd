--! Previous: -
--! Hash: sha1:63d6537f028bc90549c97a756be96dd87eb9b50c
--! Message: Foundation: roles, accounts, events, tickets

--------------------------------------------------------------------------------
-- Foundation: roles, schemas, accounts, events, tickets.
--
-- Request roles (cluster-wide, hence the `ticketing_` prefix):
--   ticketing_anonymous  <  ticketing_student  <  ticketing_admin   (each inherits the one before)
-- The server logs in as ticketing_authenticator (NOINHERIT: it can do nothing
-- until it switches role) and switches per request from the verified JWT.
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
exception when duplicate_object or unique_violation then
  null; -- another database's migration created it at the same moment
end $$;

grant ticketing_anonymous to ticketing_student;
grant ticketing_student to ticketing_admin;
grant ticketing_anonymous, ticketing_student, ticketing_admin to ticketing_authenticator;

create extension if not exists pgcrypto with schema public;
create extension if not exists citext with schema public;

-- Postgres lets PUBLIC execute every new function, and a per-schema default
-- cannot take that away: revoke it for every function this role creates from
-- here on. Each request role gets exactly the grants written next to its functions.
alter default privileges revoke execute on functions from public;

drop schema if exists app_public cascade;
drop schema if exists app_private cascade;
create schema app_public;   -- what the API exposes
create schema app_private;  -- secrets and internals; request roles have no access

grant usage on schema app_public to ticketing_anonymous;
revoke all on schema public from public;
grant usage on schema public to ticketing_anonymous;

--------------------------------------------------------------------------------
-- Who is calling. Claims are set by the server from a verified JWT; the role is
-- the Postgres role it switched to, which a request role cannot change.
--------------------------------------------------------------------------------

create function app_public.current_user_id() returns int
language sql stable parallel safe as $$
  select nullif(current_setting('jwt.claims.user_id', true), '')::int
$$;
comment on function app_public.current_user_id() is E'@behavior -*\nThe id of the signed-in user, or null.';

-- 'anonymous' | 'student' | 'admin': the request role, also inside security definer functions.
create function app_public.current_app_role() returns text
language sql stable parallel safe as $$
  select case current_setting('role')
    when 'ticketing_admin' then 'admin'
    when 'ticketing_student' then 'student'
    else 'anonymous'
  end
$$;
comment on function app_public.current_app_role() is E'@behavior -*\nThe request role without its prefix.';

grant execute on function app_public.current_user_id(), app_public.current_app_role() to ticketing_anonymous;

-- Raise a user-facing error. `code` is the stable machine code clients see
-- (src/errors.ts maps it to HTTP statuses); errcode 'TK400'..'TK409' carries the status class.
create function app_private.fail(errcode text, code text, message text, field text default null)
returns void language plpgsql immutable as $$
begin
  raise exception using errcode = errcode, message = message,
    detail = code, hint = coalesce(field, '');
end $$;

--------------------------------------------------------------------------------
-- Users. The password hash lives in app_private.
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
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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

create function app_public.authenticate(email text, password text) returns app_public.jwt_claims
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_id int;
  v_role text;
  v_hash text;
begin
  select u.id, u.role, s.password_hash into v_id, v_role, v_hash
  from app_public.users u join app_private.user_secrets s on s.user_id = u.id
  where u.email = lower(btrim(coalesce(authenticate.email, '')))::citext;

  -- Same work and same answer whether the email is unknown or the password wrong.
  if v_hash is null then
    perform crypt(coalesce(authenticate.password, ''), '$2a$10$Om.6JIkBK11PbiQqk92kZuYyWAZTWqTLwAHQVvaLi.CniJ9LRszhW');
    perform app_private.fail('TK401', 'INVALID_CREDENTIALS', 'Email or password is incorrect.');
  end if;
  if v_hash <> crypt(coalesce(authenticate.password, ''), v_hash) then
    perform app_private.fail('TK401', 'INVALID_CREDENTIALS', 'Email or password is incorrect.');
  end if;
  return (v_id, v_role)::app_public.jwt_claims;
end $$;
comment on function app_public.authenticate(text, text) is E'@behavior -*\nCheck a password; the server turns the claims into a JWT.';
grant execute on function app_public.authenticate(text, text) to ticketing_anonymous;

--------------------------------------------------------------------------------
-- Events. Admins create and edit; everyone reads.
--------------------------------------------------------------------------------

create table app_public.events (
  id                      int generated always as identity primary key,
  name                    text not null,
  description             text not null default '',
  venue                   text not null,
  starts_at               timestamptz not null,
  total_tickets           int not null,
  tickets_remaining       int not null,
  max_tickets_per_student int not null default 1,
  created_by              int references app_public.users on delete set null,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  constraint events_name_valid check (name = btrim(name) and length(name) between 1 and 200),
  constraint events_description_valid check (length(description) <= 5000),
  constraint events_venue_valid check (venue = btrim(venue) and length(venue) between 1 and 200),
  -- 100,000 seats is the documented maximum per event (a stadium, not a typo).
  constraint events_total_tickets_valid check (total_tickets between 1 and 100000),
  constraint events_tickets_remaining_valid check (tickets_remaining between 0 and total_tickets),
  constraint events_max_tickets_per_student_valid check (max_tickets_per_student between 1 and 10)
);
comment on table app_public.events is E'@behavior -delete\nSomething students can book tickets for.';
comment on column app_public.events.tickets_remaining is E'@behavior -insert -update\nSeats still available; changes only through booking and cancelling.';
comment on column app_public.events.created_by is E'@behavior -insert -update\nThe admin who created the event.';
comment on column app_public.events.created_at is E'@behavior -insert -update';
comment on column app_public.events.updated_at is E'@behavior -insert -update';
create index events_starts_at_idx on app_public.events (starts_at);
create index events_created_by_idx on app_public.events (created_by);

alter table app_public.events enable row level security;
grant select on app_public.events to ticketing_anonymous;
grant insert (name, description, venue, starts_at, total_tickets, max_tickets_per_student),
      update (name, description, venue, starts_at, total_tickets, max_tickets_per_student)
  on app_public.events to ticketing_admin;
create policy events_read on app_public.events for select to ticketing_anonymous using (true);
create policy events_admin_insert on app_public.events for insert to ticketing_admin with check (true);
create policy events_admin_update on app_public.events for update to ticketing_admin using (true) with check (true);

-- Inventory follows total_tickets: new events start full, and an edit moves
-- tickets_remaining by the same delta, refusing to go below what is sold.
create function app_private.events_inventory() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if new.name is not null then new.name := btrim(new.name); end if;
  if new.venue is not null then new.venue := btrim(new.venue); end if;
  if tg_op = 'INSERT' then
    new.tickets_remaining := new.total_tickets;
    new.created_by := app_public.current_user_id();
    if new.starts_at <= now() then
      perform app_private.fail('TK400', 'INVALID_INPUT', 'The event must start in the future.', 'starts_at');
    end if;
  else
    new.updated_at := now();
    if new.total_tickets < old.total_tickets - old.tickets_remaining then
      perform app_private.fail('TK409', 'BELOW_SOLD',
        format('%s tickets are already sold; total_tickets cannot go below that.', old.total_tickets - old.tickets_remaining),
        'total_tickets');
    end if;
    if new.total_tickets is distinct from old.total_tickets then
      new.tickets_remaining := old.tickets_remaining + (new.total_tickets - old.total_tickets);
    end if;
    if new.starts_at is distinct from old.starts_at and new.starts_at <= now() then
      perform app_private.fail('TK400', 'INVALID_INPUT', 'The event must start in the future.', 'starts_at');
    end if;
  end if;
  return new;
end $$;
-- Bookings change only tickets_remaining: this trigger stays off that hot path.
create trigger _100_inventory before insert or update of name, venue, starts_at, total_tickets on app_public.events
  for each row execute function app_private.events_inventory();

create function app_public.upcoming_events() returns setof app_public.events
language sql stable as $$
  select * from app_public.events where starts_at > now() order by starts_at, id
$$;
comment on function app_public.upcoming_events() is E'Events that have not started yet, soonest first.';
grant execute on function app_public.upcoming_events() to ticketing_anonymous;

--------------------------------------------------------------------------------
-- Tickets. Written only by the booking functions; each student sees their own.
--------------------------------------------------------------------------------

create table app_public.tickets (
  id         int generated always as identity primary key,
  event_id   int not null references app_public.events on delete restrict,
  user_id    int not null references app_public.users on delete restrict,
  status     text not null default 'confirmed',
  booked_at  timestamptz not null default now(),
  cancelled_at timestamptz,
  constraint tickets_status_valid check (status in ('confirmed', 'cancelled')),
  constraint tickets_cancelled_at_valid check ((status = 'cancelled') = (cancelled_at is not null))
);
comment on table app_public.tickets is E'@behavior -insert -update -delete\nA seat at an event, held by one student.';
create index tickets_event_id_idx on app_public.tickets (event_id);
create index tickets_user_id_idx on app_public.tickets (user_id, event_id);

alter table app_public.tickets enable row level security;
grant select on app_public.tickets to ticketing_student;
create policy tickets_own on app_public.tickets for select to ticketing_student
  using (user_id = app_public.current_user_id());
create policy tickets_admin on app_public.tickets for select to ticketing_admin using (true);

--! Previous: sha1:05804becc8e07323b51e6212cfe6a929ca3a70de
--! Hash: sha1:ef069e7fd712e6d678debfa69f170b4451207c63
--! Message: Hardening: admin rights read from the users table, check-in names its event, writable moments, sign-in limits that slow guessers, every signup counted, look-alike emails refused, one booking email per window

--! split: 1-current.sql
--------------------------------------------------------------------------------
-- Hardening, second round (issue 17): limits that mean what they say.
--
--   1. Admin rights are read from the users table in the same transaction, not
--      from the token: a demoted or deleted admin's token stops working at once.
--   2. Check-in names the event the desk admits to; a ticket of another event
--      is refused (WRONG_EVENT) instead of being used up.
--   3. Event moments are finite, in a four-digit year (UTC): what every answer
--      can write as ISO 8601. Existing rows outside that range are moved to the
--      nearest moment inside it (see below).
--   4. The per-email limit across addresses slows the guesser, not the owner:
--      a right password is never refused by it.
--   5. Every signup attempt counts against the client's address, refused ones too.
--   6. Look-alike emails (trailing dot, empty labels, invisible characters) are
--      refused; the password length is counted in characters, as its message says.
--   7. At most one booking confirmation email per student and event per window.
--   8. Expired throttle counters are pruned (every guessed email left a row).
--
-- Every statement can run again (graphile-migrate watch re-runs this file).
--------------------------------------------------------------------------------

--------------------------------------------------------------------------------
-- 1. Admin rights from the users table
--
-- The server switches to ticketing_admin for a token that says "admin". The
-- token lives 24 hours; the users row is the truth. So the role the database
-- reports, which every admin policy and admin function checks, is 'admin' only
-- while the signed-in user's row says admin, read in the request's own
-- transaction. An admin token of a demoted or deleted account counts as nobody.
--------------------------------------------------------------------------------

create or replace function app_public.current_app_role() returns text
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

-- The first statement of every admin function (grants let only ticketing_admin
-- call them; this refuses a token whose account is no longer an admin).
create or replace function app_private.require_admin() returns void
language plpgsql stable as $$
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only admins can do this, and your account is no longer an admin.');
  end if;
end $$;

-- Policies: `(select ...)` is evaluated once per statement, not once per row.
drop policy if exists users_admin on app_public.users;
create policy users_admin on app_public.users for select to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin');
drop policy if exists tickets_admin on app_public.tickets;
create policy tickets_admin on app_public.tickets for select to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin');
drop policy if exists waitlist_admin on app_public.waitlist_entries;
create policy waitlist_admin on app_public.waitlist_entries for select to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin');
drop policy if exists categories_admin on app_public.categories;
create policy categories_admin on app_public.categories for all to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin') with check ((select app_public.current_app_role()) = 'admin');
drop policy if exists events_admin_insert on app_public.events;
create policy events_admin_insert on app_public.events for insert to ticketing_admin
  with check ((select app_public.current_app_role()) = 'admin');
drop policy if exists events_admin_update on app_public.events;
create policy events_admin_update on app_public.events for update to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin') with check ((select app_public.current_app_role()) = 'admin');

-- The admin functions, as db/schema.sql had them, with require_admin() first.

create or replace function app_public.category_totals()
returns table (category_id int, category_name text, events int, total_tickets int, tickets_sold int)
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform app_private.require_admin();
  return query
    select c.id, c.name::text, count(e.id)::int, coalesce(sum(e.total_tickets), 0)::int, coalesce(sum(s.sold), 0)::int
    from app_public.categories c
    left join app_public.events e on e.category_id = c.id
    left join lateral (
      select count(*) as sold from app_public.tickets t
      where t.event_id = e.id and app_private.ticket_is_sold(t.status)
    ) s on true
    group by c.id order by c.name;
end $$;

create or replace function app_public.event_analytics(event_id int) returns app_public.event_stats
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_stats app_public.event_stats;
begin
  perform app_private.require_admin();
  select e.id, e.total_tickets,
         count(*) filter (where app_private.ticket_is_sold(t.status)),
         count(*) filter (where app_private.ticket_is_live(t.status) and not app_private.ticket_is_sold(t.status)),
         e.tickets_remaining,
         round(100.0 * count(*) filter (where app_private.ticket_is_sold(t.status)) / e.total_tickets, 1),
         count(*) filter (where t.status = 'cancelled'),
         count(*) filter (where t.status = 'expired'),
         (select count(*) from app_public.waitlist_entries w where w.event_id = e.id and w.status = 'waiting'),
         count(*) filter (where t.checked_in_at is not null),
         round(100.0 * count(*) filter (where t.checked_in_at is not null)
               / nullif(count(*) filter (where app_private.ticket_is_sold(t.status)), 0), 1)
  into v_stats
  from app_public.events e left join app_public.tickets t on t.event_id = e.id
  where e.id = event_analytics.event_id
  group by e.id;
  if v_stats.event_id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  return v_stats;
end $$;

create or replace function app_public.event_sales_over_time(event_id int, bucket text default 'hour')
returns table (bucket_start timestamptz, tickets_sold int)
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform app_private.require_admin();
  if bucket not in ('minute', 'hour', 'day', 'week') then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'bucket must be minute, hour, day or week.', 'bucket');
  end if;
  return query
    select date_trunc(bucket, t.confirmed_at), count(*)::int
    from app_public.tickets t
    where t.event_id = event_sales_over_time.event_id and app_private.ticket_is_sold(t.status)
    group by 1 order by 1;
end $$;

--------------------------------------------------------------------------------
-- 3. Moments that can be written
--
-- GraphQL's Datetime took "infinity" and years past 9999, which no answer can
-- write as ISO 8601: createEvent committed and then failed to answer, and every
-- read selecting startsAt over that event failed. One rule, checked with the
-- other fields (INVALID_INPUT naming the field) and by a CHECK constraint per
-- column as the last line of defence. The constraints repeat the bounds inline:
-- a CHECK runs as whoever writes the row, and request roles may not call
-- app_private functions.
--------------------------------------------------------------------------------

create or replace function app_private.moment_is_valid(value timestamptz) returns boolean
language sql immutable parallel safe as $$
  select value is null or (value >= '1000-01-01 00:00:00+00' and value < '10000-01-01 00:00:00+00')
$$;

create or replace function app_private.check_sales_window(starts_at timestamptz, sales_start timestamptz, sales_end timestamptz)
returns void language plpgsql immutable as $$
declare
  v_rule constant text := '%s must be a moment from the year 1000 to the year 9999 (UTC).';
begin
  if not app_private.moment_is_valid(starts_at) then
    perform app_private.fail('TK400', 'INVALID_INPUT', format(v_rule, 'starts_at'), 'starts_at');
  end if;
  if not app_private.moment_is_valid(sales_start) then
    perform app_private.fail('TK400', 'INVALID_INPUT', format(v_rule, 'sales_start'), 'sales_start');
  end if;
  if not app_private.moment_is_valid(sales_end) then
    perform app_private.fail('TK400', 'INVALID_INPUT', format(v_rule, 'sales_end'), 'sales_end');
  end if;
  if sales_end is not null and sales_end > starts_at then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'sales_end must not be after the event starts.', 'sales_end');
  end if;
  if sales_start is not null and sales_start >= coalesce(sales_end, starts_at) then
    perform app_private.fail('TK400', 'INVALID_INPUT',
      'sales_start must be before sales_end (or, without sales_end, before the event starts).', 'sales_start');
  end if;
end $$;

-- Rows written before this rule. They cannot be refused after the fact, and
-- every read over them fails, so each moment outside the range moves to the
-- nearest one inside it: an event "at infinity" (or in year 20000) keeps never
-- starting (9999-12-31T23:59:59Z); a window opened at -infinity stays open
-- since forever (year 1000). Clamping keeps the order of the moments, so the
-- sales window stays valid, except where two moments land on the same bound:
-- then sales_start goes one second before the end it must precede (upper
-- bound), or away (lower bound: that window closed long ago anyway).
-- User triggers are off for this one statement: the change is a repair, not an
-- admin's edit (no "your event has changed" emails, no start-in-the-future rule).
create or replace function pg_temp.nearest_valid_moment(value timestamptz) returns timestamptz
language sql immutable as $$
  select case when value is not null then least(greatest(value, '1000-01-01 00:00:00+00'), '9999-12-31 23:59:59+00') end
$$;
alter table app_public.events disable trigger user;
with fixed as (
  select e.id, pg_temp.nearest_valid_moment(e.starts_at) as starts_at,
         pg_temp.nearest_valid_moment(e.sales_start) as sales_start, pg_temp.nearest_valid_moment(e.sales_end) as sales_end
  from app_public.events e
  where not (app_private.moment_is_valid(e.starts_at) and app_private.moment_is_valid(e.sales_start)
             and app_private.moment_is_valid(e.sales_end))
)
update app_public.events e set
  starts_at = f.starts_at,
  sales_end = f.sales_end,
  sales_start = case
    when f.sales_start is null or f.sales_start < coalesce(f.sales_end, f.starts_at) then f.sales_start
    when coalesce(f.sales_end, f.starts_at) - interval '1 second' >= '1000-01-01 00:00:00+00'
      then coalesce(f.sales_end, f.starts_at) - interval '1 second'
  end,
  updated_at = now()
from fixed f
where e.id = f.id;
alter table app_public.events enable trigger user;

alter table app_public.events
  drop constraint if exists events_starts_at_valid,
  drop constraint if exists events_sales_start_valid,
  drop constraint if exists events_sales_end_valid;
-- Named <table>_<field>_valid: src/errors.ts answers a violation as INVALID_INPUT for that field.
alter table app_public.events
  add constraint events_starts_at_valid
    check (starts_at >= '1000-01-01 00:00:00+00' and starts_at < '10000-01-01 00:00:00+00'),
  add constraint events_sales_start_valid
    check (sales_start >= '1000-01-01 00:00:00+00' and sales_start < '10000-01-01 00:00:00+00'),
  add constraint events_sales_end_valid
    check (sales_end >= '1000-01-01 00:00:00+00' and sales_end < '10000-01-01 00:00:00+00');

-- create_event and update_event, as db/schema.sql had them, with require_admin()
-- first; their moments are checked by check_sales_window above.

create or replace function app_public.create_event(
  name text, venue text, starts_at timestamptz, total_tickets int, description text default '',
  max_tickets_per_student int default 1, category_id int default null, price_cents int default 0,
  hold_minutes int default 10, sales_start timestamptz default null, sales_end timestamptz default null
) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
begin
  perform app_private.require_admin();
  if name is null then perform app_private.fail('TK400', 'INVALID_INPUT', 'name is required.', 'name'); end if;
  if venue is null then perform app_private.fail('TK400', 'INVALID_INPUT', 'venue is required.', 'venue'); end if;
  if starts_at is null then perform app_private.fail('TK400', 'INVALID_INPUT', 'starts_at is required.', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'total_tickets is required.', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end)
  returning * into v_event;
  return v_event;
end $$;

create or replace function app_public.update_event(
  id int, name text default null, description text default null, venue text default null,
  starts_at timestamptz default null, total_tickets int default null, max_tickets_per_student int default null,
  category_id int default null, price_cents int default null, hold_minutes int default null,
  sales_start timestamptz default null, sales_end timestamptz default null, clear text[] default null
) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
  v_field text;
begin
  perform app_private.require_admin();
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end') then
      perform app_private.fail('TK400', 'INVALID_INPUT',
        format('clear may name category_id, sales_start or sales_end, not %s.', coalesce(v_field, 'null')), 'clear');
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) then
      perform app_private.fail('TK400', 'INVALID_INPUT', format('%s cannot be both set and cleared.', v_field), v_field);
    end if;
  end loop;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);

  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  perform app_private.check_sales_window(
    coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end);

  update app_public.events e set
    name = coalesce(update_event.name, e.name),
    description = coalesce(update_event.description, e.description),
    venue = coalesce(update_event.venue, e.venue),
    starts_at = coalesce(update_event.starts_at, e.starts_at),
    total_tickets = coalesce(update_event.total_tickets, e.total_tickets),
    max_tickets_per_student = coalesce(update_event.max_tickets_per_student, e.max_tickets_per_student),
    category_id = case when 'category_id' = any (clear) then null else coalesce(update_event.category_id, e.category_id) end,
    price_cents = coalesce(update_event.price_cents, e.price_cents),
    hold_minutes = coalesce(update_event.hold_minutes, e.hold_minutes),
    sales_start = case when 'sales_start' = any (clear) then null else coalesce(update_event.sales_start, e.sales_start) end,
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $$;

--------------------------------------------------------------------------------
-- 2. Check-in at the right door
--------------------------------------------------------------------------------

drop function if exists app_public.check_in(text);
create or replace function app_public.check_in(code text, event_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
  v_event_name text;
begin
  perform app_private.require_admin();
  if check_in.event_id is null then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'event_id is required: the event this desk admits to.', 'event_id');
  end if;
  select * into v_ticket from app_public.tickets t where t.check_in_code = upper(btrim(check_in.code)) for update;
  if v_ticket.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No ticket has this code.');
  end if;
  -- Before any other answer: a ticket for another event is never used up here.
  if v_ticket.event_id <> check_in.event_id then
    select e.name into v_event_name from app_public.events e where e.id = v_ticket.event_id;
    perform app_private.fail('TK409', 'WRONG_EVENT', format('This ticket is for another event: %s.', v_event_name));
  end if;
  if v_ticket.status <> 'confirmed' then
    perform app_private.fail('TK409', 'TICKET_NOT_VALID', format('This ticket is %s, not valid for entry.', v_ticket.status));
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('TK409', 'ALREADY_CHECKED_IN',
      format('Already checked in at %s.', to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end if;
  update app_public.tickets t set checked_in_at = now() where t.id = v_ticket.id returning * into v_ticket;
  return v_ticket;
end $$;
comment on function app_public.check_in(text, int) is
  'Admit the holder of a confirmed ticket for this event (admins, at the door). A code works once; a ticket for another event is refused (WRONG_EVENT).';
grant execute on function app_public.check_in(text, int) to ticketing_admin;

--------------------------------------------------------------------------------
-- 4. Sign-in throttling that slows the guesser, not the owner
--
-- Before: 10 wrong guesses from each of 11 addresses filled the email's
-- any-address window (100), and then the owner's right password was refused
-- from everywhere for 15 minutes. Now the any-address rule never refuses a
-- right password. Once its window is full, an address is heard for this email
-- only if it has no failure for this email in its own window, and only once:
-- the attempt is counted before the password is checked (attempts from one
-- address take turns on that counter's row lock), and a right password clears
-- it. So a guesser gets one guess per fresh address per window instead of ten,
-- and the owner, from any address they did not guess wrong from, gets in.
--------------------------------------------------------------------------------

-- Count one hit and return the counter (a new window when the last one is over).
create or replace function app_private.take_hit(rule text, subject text) returns app_private.throttle_counters
language plpgsql volatile as $$
#variable_conflict use_column
declare
  v_per interval := (select r.per from app_private.throttle_rules r where r.rule = take_hit.rule);
  v_counter app_private.throttle_counters;
begin
  insert into app_private.throttle_counters as c (rule, subject, window_started_at, hits)
  values (take_hit.rule, take_hit.subject, now(), 1)
  on conflict (rule, subject) do update set
    window_started_at = case when c.window_started_at <= now() - v_per then now() else c.window_started_at end,
    hits = case when c.window_started_at <= now() - v_per then 1 else c.hits + 1 end
  returning * into v_counter;
  return v_counter;
end $$;

-- Count one hit. Over the limit: TOO_MANY_ATTEMPTS, which rolls this hit back
-- along with the caller's work. The row lock serialises concurrent hits.
create or replace function app_private.count_hit(rule text, subject text, message text) returns void
language plpgsql volatile as $$
declare
  v_counter app_private.throttle_counters := app_private.take_hit(rule, subject);
  v_rule app_private.throttle_rules;
begin
  select * into v_rule from app_private.throttle_rules r where r.rule = count_hit.rule;
  if v_counter.hits > v_rule.max_hits then
    perform app_private.fail_throttled(message, v_counter.window_started_at + v_rule.per);
  end if;
end $$;

create or replace function app_hidden.authenticate(email text, password text) returns app_public.jwt_claims
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

--------------------------------------------------------------------------------
-- 5. Every signup attempt counts against the address
--
-- signup() counted only signups that succeeded (a refusal rolled its count
-- back), so 400 signups for a registered email were 400 EMAIL_TAKEN answers
-- and no 429: an account directory. The count cannot live in the transaction
-- that may fail, so the server counts each attempt first, in a transaction of
-- its own (count_signup_attempt, src/auth/signup-attempts.ts); past the limit
-- that count is the refusal, and the signup does not run. signup() itself no
-- longer counts (the attempt is counted already) nor checks: a window holding
-- exactly max_hits attempts is full only for the attempts after them.
--------------------------------------------------------------------------------

create or replace function app_hidden.count_signup_attempt() returns void
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

create or replace function app_public.signup(name text, email text, password text) returns app_public.users
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  -- The attempt was counted by app_hidden.count_signup_attempt(), committed before this.
  select app_private.create_user(name, email, password, 'student')
$$;

update app_private.throttle_rules set what = 'Signup attempts from one client address (refused ones too)'
where rule = 'signups_per_address';

--------------------------------------------------------------------------------
-- 6. Emails that look like another one, and passwords counted in characters
--
-- "x@example.edu." (trailing dot) is the same mailbox as "x@example.edu", and
-- a zero-width or other invisible character makes an address that prints
-- exactly like another: both made a second account that looks like the first.
-- An email is now: no whitespace, one @, a domain of non-empty dot-separated
-- labels (no trailing dot), and no control or invisible character.
--------------------------------------------------------------------------------

create or replace function app_private.email_is_valid(email text) returns boolean
language sql immutable parallel safe as $$
  select length(email) <= 254
    and email ~ '^[^@[:space:]]+@[^@[:space:].]+(\.[^@[:space:].]+)+$'
    -- Controls, other spaces, soft hyphen, joiners, direction marks, invisible
    -- operators, fillers, variation selectors, the BOM and tag characters.
    and email !~ '[[:cntrl:]\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u17B4\u17B5\u180B-\u180F\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB\U000E0000-\U000E0FFF]'
$$;

create or replace function app_private.create_user(name text, email text, password text, role text) returns app_public.users
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_name text := btrim(coalesce(name, ''));
  v_email text := lower(btrim(coalesce(email, '')));
  v_user app_public.users;
begin
  if v_name = '' or length(v_name) > 100 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'Name is required and must be at most 100 characters.', 'name');
  end if;
  if not app_private.email_is_valid(v_email) then
    perform app_private.fail('TK400', 'INVALID_INPUT',
      'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.', 'email');
  end if;
  -- Characters, as the message says (bcrypt reads the first 72 bytes of it).
  if password is null or length(password) not between 8 and 72 then
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

-- The same rule on the table, for new rows. NOT VALID: accounts made before it
-- stay as they are (an email is who someone is; we do not rewrite it), and an
-- operator finds them with
--   select id, email from app_public.users where not app_private.email_is_valid(email::text);
-- Only the owner writes users (create_user is security definer), so the CHECK
-- may call an app_private function.
alter table app_public.users drop constraint if exists users_email_unambiguous;
alter table app_public.users add constraint users_email_unambiguous
  check (app_private.email_is_valid(email::text)) not valid;

--------------------------------------------------------------------------------
-- 7. One booking confirmation per student and event per window
--
-- A book/cancel loop sent one email per booking (3,000 in 53 s to one
-- address). A student now gets at most max_hits confirmation emails per event
-- within `per` (default: 1 per hour; BOOKING_EMAIL_WINDOW_MINUTES sets `per`),
-- counted from the tickets themselves: a ticket confirmed within the window of
-- another of the same student and event gets no email. The ticket and its code
-- are in the app either way. allocate_seats reads the allowance once per batch,
-- as it reads live tickets, and counts the batch's own confirmations from the
-- live tickets it already tracks: no query and no write per booking.
--------------------------------------------------------------------------------

insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('booking_confirmation_emails', 1, '1 hour',
   'Booking confirmation emails per student and event (counted from tickets confirmed within the window)')
on conflict (rule) do nothing;

-- Confirmation emails each of these students may still get for this event now
-- (may be negative; null: no rule, no limit).
create or replace function app_private.booking_emails_left(event_id int, user_ids int[])
returns table (user_id int, emails_left int)
language sql stable as $$
  select u.id, (r.max_hits - count(t.id))::int
  from unnest(user_ids) as u(id)
  left join app_private.throttle_rules r on r.rule = 'booking_confirmation_emails'
  left join app_public.tickets t
    on t.user_id = u.id and t.event_id = booking_emails_left.event_id and t.confirmed_at > now() - r.per
  group by u.id, r.max_hits
$$;

-- allocate_seats and confirm_ticket, as db/schema.sql had them, with the
-- confirmation email sent only while booking_emails_left() allows.

create or replace function app_private.allocate_seats(event_id int, requests json, keys json)
returns table (ticket app_public.tickets, error text, replayed boolean)
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_window_error text;          -- started / closed / not open, for the whole batch
  v_remaining int;
  v_held jsonb;                 -- user id → live tickets for this event
  v_request record;
  v_user int;
  v_key text;
  v_code text;
  v_outbox bigint[] := '{}';
  v_first_hold app_public.tickets;
  v_held_at_start jsonb;        -- v_held before this batch
  v_emails jsonb;               -- user id → confirmation emails allowed before this batch (null: no limit)
begin
  -- The row lock keeps an admin's edit of total_tickets out until we commit.
  select * into v_event from app_public.events e where e.id = allocate_seats.event_id for update;
  v_remaining := v_event.tickets_remaining;
  v_window_error := app_private.sales_state_error(app_private.sales_window_state(v_event));
  select coalesce(jsonb_object_agg(l.user_id::text, l.live), '{}') into v_held
  from app_private.live_tickets_per_student(allocate_seats.event_id,
    array(select (r->>'user_id')::int from json_array_elements(requests) r)) l;
  v_held_at_start := v_held;
  select coalesce(jsonb_object_agg(l.user_id::text, l.emails_left), '{}') into v_emails
  from app_private.booking_emails_left(allocate_seats.event_id,
    array(select distinct (r->>'user_id')::int from json_array_elements(requests) r where r->>'user_id' is not null)) l;

  for v_request in
    select r->>'role' as role, (r->>'user_id')::int as user_id, k as raw_key
    from json_array_elements(requests) with ordinality as x(r, n)
    left join json_array_elements(keys) with ordinality as y(k, m) on m = n
    order by n
  loop
    v_user := v_request.user_id;
    ticket := null; error := null; replayed := false; v_key := null;

    if v_request.role is distinct from 'student' or v_user is null then
      error := 'FORBIDDEN';
    elsif not app_private.idempotency_key_is_valid(v_request.raw_key) then
      error := 'INVALID_INPUT';
    else
      v_key := v_request.raw_key #>> '{}';
      if v_key is not null then
        select * into ticket from app_public.tickets t
        where t.event_id = allocate_seats.event_id and t.user_id = v_user and t.idempotency_key = v_key;
        replayed := ticket.id is not null;
      end if;
      if not replayed then
        if v_event.id is null then
          error := 'NOT_FOUND';
        elsif v_window_error is not null then
          error := v_window_error;
        elsif v_remaining = 0 then
          error := 'SOLD_OUT';
        elsif coalesce((v_held->>v_user::text)::int, 0) >= v_event.max_tickets_per_student then
          error := 'LIMIT_REACHED';
        elsif v_event.price_cents > 0 and current_setting('ticketing.payments', true) = 'off' then
          -- The server has no payment provider: a hold could never be paid.
          error := 'PAYMENTS_UNAVAILABLE';
        elsif v_event.price_cents > 0 then
          -- Paid: the seat is held until payment arrives or the hold expires.
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, price_cents, hold_expires_at)
          values (v_event.id, v_user, v_key, 'pending', v_event.price_cents,
                  now() + make_interval(mins => v_event.hold_minutes))
          returning * into ticket;
          v_first_hold := coalesce(v_first_hold, ticket);
        else
          v_code := app_private.new_check_in_code();
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code, confirmed_at)
          values (v_event.id, v_user, v_key, 'confirmed', v_code, now())
          returning * into ticket;
          -- Less the confirmations this batch gave the student already (tickets it booked them).
          if coalesce((v_emails->>v_user::text)::int
                      - (coalesce((v_held->>v_user::text)::int, 0) - coalesce((v_held_at_start->>v_user::text)::int, 0)) > 0,
                      true) then
            v_outbox := v_outbox || app_private.add_to_outbox('booking_confirmed', v_user, 'booking_confirmed:' || ticket.id,
              format('Your ticket for %s', v_event.name),
              format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
                     to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_code));
          end if;
        end if;
        if error is null then
          v_remaining := v_remaining - 1;
          v_held := jsonb_set(v_held, array[v_user::text], to_jsonb(coalesce((v_held->>v_user::text)::int, 0) + 1));
        end if;
      end if;
    end if;
    return next;
  end loop;

  if v_remaining is distinct from v_event.tickets_remaining then
    -- The CHECK constraint (0 <= tickets_remaining) is still the last line of defence.
    update app_public.events e set tickets_remaining = v_remaining where e.id = v_event.id;
  end if;
  if cardinality(v_outbox) > 0 then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', v_outbox));
  end if;
  if v_first_hold.id is not null then
    -- Every hold of this batch expires at the same moment: one job releases them.
    perform graphile_worker.add_job('expire_holds', run_at := v_first_hold.hold_expires_at,
                                    job_key := 'expire_holds:' || v_first_hold.id);
  end if;
end $$;

create or replace function app_private.confirm_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile as $$
declare
  v_ticket app_public.tickets;
  v_event app_public.events;
  v_emails_left int;
begin
  -- Counted before this ticket's own confirmation does.
  select l.emails_left into v_emails_left
  from app_public.tickets t, app_private.booking_emails_left(t.event_id, array[t.user_id]) l
  where t.id = confirm_ticket.ticket_id;
  update app_public.tickets t
  set status = 'confirmed', hold_expires_at = null, check_in_code = app_private.new_check_in_code(),
      paid_at = case when t.price_cents > 0 then now() end
  where t.id = confirm_ticket.ticket_id
  returning * into v_ticket;
  select * into v_event from app_public.events e where e.id = v_ticket.event_id;
  if coalesce(v_emails_left > 0, true) then
    perform app_private.enqueue_email('booking_confirmed', v_ticket.user_id, 'booking_confirmed:' || v_ticket.id,
      format('Your ticket for %s', v_event.name),
      format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
             to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_ticket.check_in_code));
  end if;
  return v_ticket;
end $$;

--------------------------------------------------------------------------------
-- 8. Throttle counters do not pile up
--
-- Every email anyone guessed (and every address) left a counter row for good.
-- The worker deletes the ones whose window is over (prune_throttle_counters,
-- every 10 minutes); a counter in its window is never touched.
--------------------------------------------------------------------------------

create or replace function app_private.prune_throttle_counters() returns int
language sql volatile as $$
  with gone as (
    delete from app_private.throttle_counters c using app_private.throttle_rules r
    where r.rule = c.rule and c.window_started_at <= now() - r.per
    returning 1
  )
  select count(*)::int from gone
$$;

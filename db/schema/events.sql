--------------------------------------------------------------------------------
-- Events and their categories. Admins create and edit any event; a club's owners
-- and managers create and edit the club's events (create_event, update_event:
-- both APIs call them, so defaults and rules live here once; who may is
-- app_hidden.may_on_event, the one rule of clubs.sql); everyone reads.
-- The same people may call an event off (cancel_event, cancellation.sql): a
-- cancelled event is final, and nothing edits it again (_100_cancelled_is_final).
--------------------------------------------------------------------------------

create table app_public.categories (
  id         int generated always as identity primary key,
  name       citext not null,
  created_at timestamptz not null default now(),
  constraint categories_name_key unique (name),
  constraint categories_name_valid check (name = btrim(name) and length(name) between 1 and 60)
);
comment on table app_public.categories is 'Kinds of events (Concert, Sports, Tech Fest, Workshop, …), managed by admins.';
alter table app_public.categories enable row level security;
grant select on app_public.categories to ticketing_anonymous;
grant insert (name), update (name), delete on app_public.categories to ticketing_admin;
create policy categories_read on app_public.categories for select to ticketing_anonymous using (true);
create policy categories_admin on app_public.categories for all to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin') with check ((select app_public.current_app_role()) = 'admin');
insert into app_public.categories (name) values ('Concert'), ('Sports'), ('Tech Fest'), ('Workshop'), ('Talk'), ('Party');

-- An event's life: scheduled until it is called off (cancellation.sql), for good.
create type app_public.event_status as enum ('scheduled', 'cancelled');
comment on type app_public.event_status is
  'scheduled · cancelled: called off for good (cancelled_at, cancel_reason); its tickets were cancelled and refunded';

-- How seats are released (release.sql): first come first served, a waiting room, or a lottery.
create type app_public.release_mode as enum ('first_come', 'queue', 'lottery');
comment on type app_public.release_mode is
  'first_come: the first bookings win · queue: a waiting room shuffled at sales_start, admitted in turn · lottery: a draw at lottery_closes_at.';

-- Columns keep the order they were added in (a new one goes at the end).
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
  availability_version    bigint not null default 0,
  category_id             int references app_public.categories on delete set null,
  price_cents             int not null default 0,
  hold_minutes            int not null default 10,
  sold_out_at             timestamptz,
  -- Null means "no bound": without sales_start the event is on sale from creation,
  -- without sales_end until it starts. Sales never outlive the event's start.
  sales_start             timestamptz,
  sales_end               timestamptz,
  -- The club that runs it (clubs.sql); null: run by the admins alone.
  club_id                 int references app_public.clubs on delete restrict,
  -- Set together by cancel_event (cancellation.sql), once.
  status                  app_public.event_status not null default 'scheduled',
  cancelled_at            timestamptz,
  cancel_reason           text,
  -- Fair release (release.sql). A queue needs sales_start (the moment of the shuffle),
  -- a lottery its lottery_closes_at (the moment of the draw), before sales close.
  release_mode            app_public.release_mode not null default 'first_come',
  queue_opens_at          timestamptz,
  admission_minutes       int not null default 10,
  lottery_closes_at       timestamptz,
  offer_minutes           int not null default 1440,
  constraint events_name_valid check (name = btrim(name) and length(name) between 1 and 200),
  constraint events_description_valid check (length(description) <= 5000),
  constraint events_venue_valid check (venue = btrim(venue) and length(venue) between 1 and 200),
  -- 100,000 seats is the documented maximum per event (a stadium, not a typo).
  constraint events_total_tickets_valid check (total_tickets between 1 and 100000),
  constraint events_tickets_remaining_valid check (tickets_remaining between 0 and total_tickets),
  constraint events_max_tickets_per_student_valid check (max_tickets_per_student between 1 and 10),
  constraint events_price_cents_valid check (price_cents between 0 and 1000000),
  constraint events_hold_minutes_valid check (hold_minutes between 1 and 1440),
  constraint events_sales_window_valid check (
    (sales_start is null or sales_start < coalesce(sales_end, starts_at))
    and (sales_end is null or sales_end <= starts_at)),
  -- Moments every answer can write as ISO 8601: finite, in a four-digit year (UTC);
  -- app_private.moment_is_valid says the same for create_event and update_event. Inline:
  -- a CHECK runs as whoever writes the row, and request roles may not call app_private.
  constraint events_starts_at_valid check (starts_at >= '1000-01-01 00:00:00+00' and starts_at < '10000-01-01 00:00:00+00'),
  constraint events_sales_start_valid check (sales_start >= '1000-01-01 00:00:00+00' and sales_start < '10000-01-01 00:00:00+00'),
  constraint events_sales_end_valid check (sales_end >= '1000-01-01 00:00:00+00' and sales_end < '10000-01-01 00:00:00+00'),
  constraint events_cancelled_at_valid check (
    (status = 'cancelled') = (cancelled_at is not null) and (cancelled_at is null) = (cancel_reason is null)),
  constraint events_cancel_reason_valid check (cancel_reason = btrim(cancel_reason) and length(cancel_reason) between 1 and 500),
  constraint events_queue_opens_at_valid check (queue_opens_at >= '1000-01-01 00:00:00+00' and queue_opens_at < '10000-01-01 00:00:00+00'),
  constraint events_lottery_closes_at_valid check (lottery_closes_at >= '1000-01-01 00:00:00+00' and lottery_closes_at < '10000-01-01 00:00:00+00'),
  constraint events_admission_minutes_valid check (admission_minutes between 1 and 1440),
  constraint events_offer_minutes_valid check (offer_minutes between 1 and 10080),
  constraint events_release_valid check (
    (release_mode <> 'queue' or sales_start is not null)
    and (release_mode <> 'lottery' or lottery_closes_at is not null)
    and (queue_opens_at is null or sales_start is null or queue_opens_at < sales_start)
    and (lottery_closes_at is null or lottery_closes_at < coalesce(sales_end, starts_at)))
);
-- The generated insert/update mutations give way to create_event and update_event.
comment on table app_public.events is E'@behavior -insert -update -delete\nSomething students can book tickets for.';
comment on column app_public.events.tickets_remaining is E'@behavior -insert -update\nSeats still available; changes only through booking and cancelling.';
comment on column app_public.events.created_by is E'@behavior -insert -update\nThe admin who created the event.';
comment on column app_public.events.created_at is E'@behavior -insert -update';
comment on column app_public.events.updated_at is E'@behavior -insert -update';
comment on column app_public.events.availability_version is
  E'@behavior -insert -update\nRises by one with every change of tickets_remaining or total_tickets.';
comment on column app_public.events.price_cents is 'Ticket price in cents; 0 is a free event (booked instantly, no payment).';
comment on column app_public.events.hold_minutes is 'How long a paid booking or a waitlist offer holds its seat.';
comment on column app_public.events.sold_out_at is E'@behavior -insert -update\nWhen the event first sold out.';
comment on column app_public.events.sales_start is 'When booking opens (null: as soon as the event exists).';
comment on column app_public.events.sales_end is 'When booking closes (null: when the event starts); never after starts_at.';
comment on column app_public.events.status is E'@behavior -insert -update\nscheduled, or cancelled (for good: cancelEvent).';
comment on column app_public.events.cancelled_at is E'@behavior -insert -update\nWhen the event was called off (null: it was not).';
comment on column app_public.events.cancel_reason is E'@behavior -insert -update\nWhy the event was called off, in the organiser''s words.';
comment on column app_public.events.release_mode is 'first_come (default) · queue (a waiting room) · lottery (a draw).';
comment on column app_public.events.queue_opens_at is 'Queue: when students may start joining (null: as soon as the event exists).';
comment on column app_public.events.admission_minutes is 'Queue: how long an admitted student may book (minutes).';
comment on column app_public.events.lottery_closes_at is 'Lottery: entries close and the draw runs.';
comment on column app_public.events.offer_minutes is 'Lottery: how long a winner has to claim (minutes).';
create index events_starts_at_idx on app_public.events (starts_at);
create index events_created_by_idx on app_public.events (created_by);
create index events_category_id_idx on app_public.events (category_id);
create index events_club_id_idx on app_public.events (club_id);
comment on column app_public.events.club_id is 'The club that runs the event (null: the admins).';
comment on constraint events_club_id_fkey on app_public.events is E'@fieldName club\n@foreignFieldName events';

alter table app_public.events enable row level security;
grant select on app_public.events to ticketing_anonymous;
grant insert (name, description, venue, starts_at, total_tickets, max_tickets_per_student, category_id, price_cents,
              hold_minutes, sales_start, sales_end, release_mode, queue_opens_at, admission_minutes, lottery_closes_at,
              offer_minutes),
      update (name, description, venue, starts_at, total_tickets, max_tickets_per_student, category_id, price_cents,
              hold_minutes, sales_start, sales_end, release_mode, queue_opens_at, admission_minutes, lottery_closes_at,
              offer_minutes)
  on app_public.events to ticketing_admin;
create policy events_read on app_public.events for select to ticketing_anonymous using (true);
create policy events_admin_insert on app_public.events for insert to ticketing_admin
  with check ((select app_public.current_app_role()) = 'admin');
create policy events_admin_update on app_public.events for update to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin') with check ((select app_public.current_app_role()) = 'admin');

-- May the caller do this action to this event? The event's club decides
-- (club_permits, clubs.sql); a club-less or missing event is the admins' alone.
create function app_hidden.may_on_event(action app_hidden.club_action, event_id int) returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_hidden.club_permits(action, (select e.club_id from app_public.events e where e.id = may_on_event.event_id))
$$;
comment on function app_hidden.may_on_event(app_hidden.club_action, integer) is
  'May the caller do this to this event: club_permits for the event''s club (admins always; a club-less event only admins).';
grant execute on function app_hidden.may_on_event(app_hidden.club_action, integer) to ticketing_anonymous;

-- Refuse unless the caller may run this club's events (a null club: admins only).
create function app_private.require_event_right(club_id int) returns void
language plpgsql stable as $$
begin
  if club_id is not null and not exists (select from app_public.clubs c where c.id = require_event_right.club_id) then
    perform app_private.fail('INVALID_INPUT:club_id', 'club_id', club_id::text);
  end if;
  if not app_hidden.club_permits('run_events', club_id) then
    perform app_private.fail(case when club_id is null then 'FORBIDDEN:clubless_event' else 'FORBIDDEN:club_events' end);
  end if;
end $$;

-- Triggers on events run in name order; the number says when (see db/CONVENTIONS.md):
--   _100 cancelled is final, then inventory (here) · _200/_210 availability version, _300 sold_out_at (availability.sql)
--   _900 notify availability (availability.sql) · _910 leaderboard: a sell-out, a cancellation (analytics.sql)
--   _920 notify holders (here) · _930 offer new seats (waitlist.sql) · _940 announcements (availability.sql)

-- A cancelled event is final: any write to what describes it, or to its
-- cancellation, is refused (update_event says so first; this also holds for
-- any other writer). Seats and versions still move (they are no edit).
create function app_private.events_cancelled_is_final() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform app_private.fail('EVENT_CANCELLED:edit');
  return null;
end $$;
create trigger _100_cancelled_is_final
  before update of name, description, venue, starts_at, total_tickets, max_tickets_per_student, category_id, price_cents,
                   hold_minutes, sales_start, sales_end, club_id, status, cancelled_at, cancel_reason
  on app_public.events
  for each row when (old.status = 'cancelled')
  execute function app_private.events_cancelled_is_final();

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
      perform app_private.fail('INVALID_INPUT:starts_at_past', 'starts_at');
    end if;
  else
    new.updated_at := now();
    if new.total_tickets < old.total_tickets - old.tickets_remaining then
      perform app_private.fail('BELOW_SOLD', 'total_tickets', (old.total_tickets - old.tickets_remaining)::text);
    end if;
    if new.total_tickets is distinct from old.total_tickets then
      new.tickets_remaining := old.tickets_remaining + (new.total_tickets - old.total_tickets);
    end if;
    if new.starts_at is distinct from old.starts_at and new.starts_at <= now() then
      perform app_private.fail('INVALID_INPUT:starts_at_past', 'starts_at');
    end if;
  end if;
  return new;
end $$;
-- Bookings change only tickets_remaining: this trigger stays off that hot path.
create trigger _100_inventory before insert or update of name, venue, starts_at, total_tickets on app_public.events
  for each row execute function app_private.events_inventory();

--------------------------------------------------------------------------------
-- create_event and update_event: each rule names the field and the allowed range
-- (read from the constraints above).
-- Admin-only: execute is granted to admins alone. Security definer because the
-- checks raise through app_private.fail, which request roles cannot reach.
--------------------------------------------------------------------------------

create function app_private.check_event_fields(
  name text, description text, venue text, total_tickets int, max_tickets_per_student int,
  category_id int, price_cents int, hold_minutes int
) returns void language plpgsql stable as $$
begin
  -- The bounds are those of the events_*_valid constraints (app_private.field_bounds, errors.sql).
  perform app_private.check_bounds('events', 'name', length(btrim(name)));
  perform app_private.check_bounds('events', 'description', length(description));
  perform app_private.check_bounds('events', 'venue', length(btrim(venue)));
  perform app_private.check_bounds('events', 'total_tickets', total_tickets);
  perform app_private.check_bounds('events', 'max_tickets_per_student', max_tickets_per_student);
  perform app_private.check_bounds('events', 'price_cents', price_cents);
  perform app_private.check_bounds('events', 'hold_minutes', hold_minutes);
  if category_id is not null and not exists (select from app_public.categories c where c.id = check_event_fields.category_id) then
    perform app_private.fail('INVALID_INPUT:category_id', 'category_id', category_id::text);
  end if;
end $$;

-- A moment every answer can write as ISO 8601 ("infinity" and years past 9999
-- cannot be): the rule of the events_*_valid constraints on moments, above.
create function app_private.moment_is_valid(value timestamptz) returns boolean
language sql immutable parallel safe as $$
  select value is null or (value >= '1000-01-01 00:00:00+00' and value < '10000-01-01 00:00:00+00')
$$;

-- The moments, then the sales window against the event's start (the rules are the constraints
-- events_*_valid above), checked here first so the answer names the field at fault.
create function app_private.check_sales_window(starts_at timestamptz, sales_start timestamptz, sales_end timestamptz)
returns void language plpgsql immutable as $$
begin
  if not app_private.moment_is_valid(starts_at) then
    perform app_private.fail('INVALID_INPUT:moment', 'starts_at', 'starts_at');
  end if;
  if not app_private.moment_is_valid(sales_start) then
    perform app_private.fail('INVALID_INPUT:moment', 'sales_start', 'sales_start');
  end if;
  if not app_private.moment_is_valid(sales_end) then
    perform app_private.fail('INVALID_INPUT:moment', 'sales_end', 'sales_end');
  end if;
  if sales_end is not null and sales_end > starts_at then
    perform app_private.fail('INVALID_INPUT:sales_end', 'sales_end');
  end if;
  if sales_start is not null and sales_start >= coalesce(sales_end, starts_at) then
    perform app_private.fail('INVALID_INPUT:sales_start', 'sales_start');
  end if;
end $$;

create function app_public.create_event(
  name text, venue text, starts_at timestamptz, total_tickets int, description text default '',
  max_tickets_per_student int default 1, category_id int default null, price_cents int default 0,
  hold_minutes int default 10, sales_start timestamptz default null, sales_end timestamptz default null,
  club_id int default null,
  release_mode app_public.release_mode default 'first_come', queue_opens_at timestamptz default null,
  admission_minutes int default 10, lottery_closes_at timestamptz default null, offer_minutes int default 1440
) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
begin
  perform app_private.require_event_right(club_id);
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  if venue is null then perform app_private.fail('INVALID_INPUT:required', 'venue', 'venue'); end if;
  if starts_at is null then perform app_private.fail('INVALID_INPUT:required', 'starts_at', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('INVALID_INPUT:required', 'total_tickets', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  perform app_private.check_release_fields(null, starts_at, sales_start, sales_end, coalesce(release_mode, 'first_come'),
    queue_opens_at, admission_minutes, lottery_closes_at, offer_minutes);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end, club_id, release_mode,
                                 queue_opens_at, admission_minutes, lottery_closes_at, offer_minutes)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end, create_event.club_id,
          coalesce(create_event.release_mode, 'first_come'), create_event.queue_opens_at,
          coalesce(create_event.admission_minutes, 10), create_event.lottery_closes_at,
          coalesce(create_event.offer_minutes, 1440))
  returning * into v_event;
  return v_event;
end $$;
comment on function app_public.create_event(text, text, timestamp with time zone, integer, text, integer, integer, integer, integer, timestamp with time zone, timestamp with time zone, integer, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer) is
  E'@resultFieldName event\nCreate an event (admins; for a club: its owners and managers). Defaults: description empty, 1 ticket per student, no category, free, 10-minute holds, on sale from now until it starts, first come first served.';
grant execute on function app_public.create_event(text, text, timestamp with time zone, integer, text, integer, integer, integer, integer, timestamp with time zone, timestamp with time zone, integer, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer) to ticketing_student;

-- A null argument leaves its field unchanged; `clear` lists optional fields to set
-- to null (category_id, sales_start, sales_end, queue_opens_at, lottery_closes_at), since null alone cannot say "remove".
create function app_public.update_event(
  id int, name text default null, description text default null, venue text default null,
  starts_at timestamptz default null, total_tickets int default null, max_tickets_per_student int default null,
  category_id int default null, price_cents int default null, hold_minutes int default null,
  sales_start timestamptz default null, sales_end timestamptz default null, clear text[] default null,
  club_id int default null,
  release_mode app_public.release_mode default null, queue_opens_at timestamptz default null,
  admission_minutes int default null, lottery_closes_at timestamptz default null, offer_minutes int default null
) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
  v_field text;
begin
  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  -- Rights in the event's club, and to move it, in the club it moves to (none: admins only).
  perform app_private.require_event_right(v_event.club_id);
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED:edit');
  end if;
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end', 'club_id', 'queue_opens_at',
                                          'lottery_closes_at') then
      perform app_private.fail('INVALID_INPUT:clear', 'clear', coalesce(v_field, 'null'));
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) or (v_field = 'club_id' and club_id is not null)
       or (v_field = 'queue_opens_at' and queue_opens_at is not null)
       or (v_field = 'lottery_closes_at' and lottery_closes_at is not null) then
      perform app_private.fail('INVALID_INPUT:set_and_cleared', v_field, v_field);
    end if;
  end loop;
  if 'club_id' = any (clear) or (club_id is not null and club_id is distinct from v_event.club_id) then
    perform app_private.require_event_right(case when 'club_id' = any (clear) then null else club_id end);
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(
    coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end);
  perform app_private.check_release_fields(v_event, coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end,
    coalesce(release_mode, v_event.release_mode),
    case when 'queue_opens_at' = any (clear) then null else coalesce(queue_opens_at, v_event.queue_opens_at) end,
    coalesce(admission_minutes, v_event.admission_minutes),
    case when 'lottery_closes_at' = any (clear) then null else coalesce(lottery_closes_at, v_event.lottery_closes_at) end,
    coalesce(offer_minutes, v_event.offer_minutes));

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
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end,
    club_id = case when 'club_id' = any (clear) then null else coalesce(update_event.club_id, e.club_id) end,
    release_mode = coalesce(update_event.release_mode, e.release_mode),
    queue_opens_at = case when 'queue_opens_at' = any (clear) then null
                          else coalesce(update_event.queue_opens_at, e.queue_opens_at) end,
    admission_minutes = coalesce(update_event.admission_minutes, e.admission_minutes),
    lottery_closes_at = case when 'lottery_closes_at' = any (clear) then null
                             else coalesce(update_event.lottery_closes_at, e.lottery_closes_at) end,
    offer_minutes = coalesce(update_event.offer_minutes, e.offer_minutes)
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $$;
comment on function app_public.update_event(integer, text, text, text, timestamp with time zone, integer, integer, integer, integer, integer, timestamp with time zone, timestamp with time zone, text[], integer, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer) is
  E'@resultFieldName event\nChange an event (admins; a club''s event: its owners and managers; moving it to another club needs rights in both); a cancelled event cannot be changed (EVENT_CANCELLED). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end, club_id, queue_opens_at, lottery_closes_at).';
grant execute on function app_public.update_event(integer, text, text, text, timestamp with time zone, integer, integer, integer, integer, integer, timestamp with time zone, timestamp with time zone, text[], integer, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer) to ticketing_student;

create function app_public.upcoming_events(category_id int default null, club_id int default null) returns setof app_public.events
language sql stable as $$
  select * from app_public.events e
  where e.starts_at > now() and e.status = 'scheduled' and (upcoming_events.category_id is null or e.category_id = upcoming_events.category_id)
    and (upcoming_events.club_id is null or e.club_id = upcoming_events.club_id)
  order by e.starts_at, e.id
$$;
comment on function app_public.upcoming_events(integer, integer) is
  'Events that have not started yet and are not cancelled, soonest first; optionally one category, one club.';
grant execute on function app_public.upcoming_events(integer, integer) to ticketing_anonymous;

create function app_public.clubs_upcoming_events(c app_public.clubs) returns setof app_public.events
language sql stable as $$
  select * from app_public.events e where e.club_id = c.id and e.starts_at > now() and e.status = 'scheduled'
  order by e.starts_at, e.id
$$;
comment on function app_public.clubs_upcoming_events(app_public.clubs) is
  'The club''s events that have not started yet and are not cancelled, soonest first.';
grant execute on function app_public.clubs_upcoming_events(app_public.clubs) to ticketing_anonymous;

-- The organisers' list ---------------------------------------------------------------
-- The people who run events see every event they run, whatever became of it, in
-- three sections: upcoming (not started: its sales_state says on sale, sold out,
-- not open, closed), past (started), cancelled (cancelled_at, cancel_reason).
-- Who sees which is the one rule (club_permits, clubs.sql), asked once per club:
--   admins            every event, club-less ones too
--   owners, managers  every event of their clubs (run_events)
--   door staff        their clubs' events they may admit people to (check_in): not cancelled ones
--   anyone else       none (the public list is upcoming_events, which this does not change)
-- Every event's row is public (events_read: a cancelled event keeps its page), so
-- this list shows nobody more than they could read by id; it gathers, for each
-- caller, the events that are theirs to run.

create type app_public.event_phase as enum ('upcoming', 'past', 'cancelled');
comment on type app_public.event_phase is
  'Where an event stands, for the people who run it: upcoming (not started; salesState says on sale, sold out, not open or closed) · past (started) · cancelled (called off: cancelledAt, cancelReason).';

create function app_public.events_phase(e app_public.events) returns app_public.event_phase
language sql stable parallel safe as $$
  select (case when e.status = 'cancelled' then 'cancelled'
               when e.starts_at <= now() then 'past'
               else 'upcoming' end)::app_public.event_phase
$$;
comment on function app_public.events_phase(app_public.events) is
  'upcoming (not started), past (started) or cancelled, as the organisers'' list sorts it.';
grant execute on function app_public.events_phase(app_public.events) to ticketing_anonymous;

create function app_public.managed_events(club_id int default null, phase app_public.event_phase default null)
returns setof app_public.events
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  -- One club: NOT_FOUND for a club that does not exist, FORBIDDEN for one the caller has no role in.
  if managed_events.club_id is not null then
    perform app_private.require_club_right('check_in', managed_events.club_id);
  end if;
  return query
    with runs as (
      select c.id from app_public.clubs c where app_hidden.club_permits('run_events', c.id)
    ), admits as (
      select c.id from app_public.clubs c where app_hidden.club_permits('check_in', c.id)
    )
    select e.* from app_public.events e
    where (managed_events.club_id is null or e.club_id = managed_events.club_id)
      and (managed_events.phase is null or app_public.events_phase(e) = managed_events.phase)
      and ((e.club_id is null and app_hidden.club_permits('run_events', null))
           or e.club_id in (select r.id from runs r)
           or (e.status = 'scheduled' and e.club_id in (select a.id from admits a)))
    -- Upcoming soonest first, then past and cancelled ones most recent first.
    order by app_public.events_phase(e),
             case when app_public.events_phase(e) = 'upcoming' then e.starts_at end,
             e.starts_at desc, e.id;
end $$;
comment on function app_public.managed_events(integer, app_public.event_phase) is
  'The events you run, cancelled and past ones too (admins: every event; a club''s owners and managers: its events; its door staff: its events that are not cancelled), optionally one club, one phase: upcoming soonest first, then past and cancelled most recent first. A club you have no role in: FORBIDDEN.';
grant execute on function app_public.managed_events(integer, app_public.event_phase) to ticketing_student;

-- A new time (postponed, or brought forward) or a new venue reaches every holder:
-- one email per student holding a live ticket, whatever number of tickets they
-- hold, saying what it was and what it is now. Once per change: the dedupe key
-- names the change (updated_at, which every edit sets), so a retried send job
-- sends nothing twice, and a request repeated with the same values changes
-- nothing, so it mails nothing.
create function app_private.events_notify_holders() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int;
  v_id bigint;
  v_outbox bigint[] := '{}';
  v_moved boolean := new.starts_at is distinct from old.starts_at;
  v_subject text;
  v_body text;
begin
  v_subject := case
    when new.starts_at > old.starts_at then format('Postponed: %s is now on %s', new.name, app_private.email_moment(new.starts_at))
    when new.starts_at < old.starts_at then format('Moved earlier: %s is now on %s', new.name, app_private.email_moment(new.starts_at))
    else format('%s has changed', new.name)
  end;
  v_body := format(E'%s has %s.\n\nWhen: %s%s\nWhere: %s%s\n\n'
                   'Your ticket is valid for the new %s. If you can no longer come, cancel it in My tickets before the event '
                   'starts: the seat goes to someone else, and a paid ticket is refunded.',
    new.name,
    case when new.starts_at > old.starts_at then 'been postponed' when v_moved then 'been moved earlier' else 'moved' end,
    app_private.email_moment(new.starts_at),
    case when v_moved then format(' (was %s)', app_private.email_moment(old.starts_at)) else '' end,
    new.venue,
    case when new.venue is distinct from old.venue then format(' (was %s)', old.venue) else '' end,
    case when v_moved then 'time' else 'place' end);
  for v_user in
    select distinct t.user_id from app_public.tickets t
    where t.event_id = new.id and app_private.ticket_is_live(t.status)
    order by t.user_id
  loop
    v_id := app_private.add_to_outbox('event_changed', v_user,
      format('event_changed:%s:%s:%s', new.id, extract(epoch from new.updated_at), v_user), v_subject, v_body, new.id);
    if v_id is not null then
      v_outbox := v_outbox || v_id;
    end if;
  end loop;
  perform app_private.send_outbox(v_outbox);
  return null;
end $$;
create trigger _920_notify_holders after update of starts_at, venue on app_public.events
  for each row when (old.starts_at is distinct from new.starts_at or old.venue is distinct from new.venue)
  execute function app_private.events_notify_holders();

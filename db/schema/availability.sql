--------------------------------------------------------------------------------
-- Live availability: every committed change of an event's inventory or sales
-- state is announced with pg_notify (delivered at commit, in commit order) on
--   ticketing:event:<id>           one event's watchers
--   ticketing:events               the feed for list pages
--   ticketing:category:<id>        one category's list
-- The payload (event_availability_json, an app_hidden.availability_message) carries availability_version, which
-- rises with every change of one event, so a subscriber can drop anything older
-- than what it has shown. Consumed by src/availability/ (one LISTEN per instance).
--
-- Sales state (events_sales_state): cancelled → started → closed → not_open →
-- sold_out → on_sale, the first that applies (cancelled is final: cancellation.sql). Sold out: no seat free to book, i.e. every
-- seat is live; a seat that comes back reopens sales. The booking fast path
-- (src/booking/fast-path.ts) answers the event-wide refusals from this message.
--
-- Time passing changes the state with no inventory change: each event gets a
-- graphile-worker job at sales_start, sales_end and starts_at
-- (announce_availability, replaced when the moment moves), which raises
-- availability_version so every watcher receives the new state through the
-- usual pg_notify. Editing the window or starts_at raises it too.
--------------------------------------------------------------------------------

create function app_private.events_bump_availability_version() returns trigger
language plpgsql as $$
begin
  new.availability_version := old.availability_version + 1;
  return new;
end $$;
create trigger _200_availability_version before update of tickets_remaining, total_tickets on app_public.events
  for each row when (old.tickets_remaining is distinct from new.tickets_remaining
                     or old.total_tickets is distinct from new.total_tickets)
  execute function app_private.events_bump_availability_version();
-- When a moment of the sales window passes, the state changes with no inventory
-- change: announce_availability (below) raises the version then, and any edit of
-- the window or of starts_at is a new availability version here.
create trigger _210_availability_version_window before update of sales_start, sales_end, starts_at on app_public.events
  for each row when (old.sales_start is distinct from new.sales_start or old.sales_end is distinct from new.sales_end
                     or old.starts_at is distinct from new.starts_at)
  execute function app_private.events_bump_availability_version();

-- When the event first sold out (analytics.sql's leaderboard is refreshed then).
create function app_private.events_sold_out_at() returns trigger
language plpgsql as $$
begin
  if new.tickets_remaining = 0 and new.sold_out_at is null then
    new.sold_out_at := now();
  end if;
  return new;
end $$;
create trigger _300_sold_out_at before update of tickets_remaining on app_public.events
  for each row execute function app_private.events_sold_out_at();

create function app_public.events_sold_out(e app_public.events) returns boolean
language sql stable parallel safe as $$
  select e.tickets_remaining = 0
$$;
comment on function app_public.events_sold_out(app_public.events) is 'True when no seat is left.';
grant execute on function app_public.events_sold_out(app_public.events) to ticketing_anonymous;

-- 'cancelled' came last (a value is appended: db/CONVENTIONS.md); the order here is not the order of precedence.
create type app_public.sales_state as enum ('not_open', 'on_sale', 'sold_out', 'closed', 'started', 'cancelled');
comment on type app_public.sales_state is
  'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good).';

-- The first that applies; readable by anyone (no app_private inside).
create function app_public.events_sales_state(e app_public.events) returns app_public.sales_state
language sql stable parallel safe as $$
  select (case
    when e.status = 'cancelled' then 'cancelled'
    when e.starts_at <= now() then 'started'
    when e.sales_end <= now() then 'closed'
    when e.sales_start > now() then 'not_open'
    when e.tickets_remaining = 0 then 'sold_out'
    else 'on_sale'
  end)::app_public.sales_state
$$;
comment on function app_public.events_sales_state(app_public.events) is
  'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good).';
grant execute on function app_public.events_sales_state(app_public.events) to ticketing_anonymous;

-- What time (or a cancellation) alone says: cancelled, started, closed or not_open; null within the window
-- (whether seats are left is for the caller, who may be counting them down).
create function app_private.sales_window_state(e app_public.events) returns app_public.sales_state
language sql stable parallel safe as $$
  select nullif(nullif(app_public.events_sales_state(e), 'sold_out'), 'on_sale')
$$;

-- The availability message, defined once: these attributes are the JSON pg_notify sends
-- (event_availability_json, below), the server's AvailabilityMessage and GraphQL's
-- EventAvailability (both built from them: src/generated/vocabulary.ts). It carries the
-- state and the moments it changes at, so a reader (the booking fast path, a client)
-- knows when it will change next; moments are ISO 8601 UTC text, as every answer writes them.
-- Tags in an attribute's comment: @notNull, @graphqlType <type> (else it follows the
-- SQL type), @omit (not in GraphQL); the rest is its description.
create type app_hidden.availability_message as (
  event_id          int,
  tickets_remaining int,
  total_tickets     int,
  sold_out          boolean,
  sales_state       app_public.sales_state,
  starts_at         text,
  sales_start       text,
  sales_end         text,
  version           bigint,
  category_id       int
);
comment on column app_hidden.availability_message.event_id is '@notNull';
comment on column app_hidden.availability_message.tickets_remaining is '@notNull';
comment on column app_hidden.availability_message.total_tickets is '@notNull';
comment on column app_hidden.availability_message.sold_out is '@notNull';
comment on column app_hidden.availability_message.sales_state is
  E'@notNull\nnot_open, on_sale, sold_out, closed, started or cancelled (as Event.salesState); a message arrives when time or a cancellation changes it.';
comment on column app_hidden.availability_message.starts_at is E'@notNull\n@graphqlType Datetime';
comment on column app_hidden.availability_message.sales_start is
  E'@graphqlType Datetime\nWhen booking opens; null: as soon as the event exists.';
comment on column app_hidden.availability_message.sales_end is
  E'@graphqlType Datetime\nWhen booking closes; null: when the event starts.';
comment on column app_hidden.availability_message.version is
  E'@notNull\nRises with every change of this event''s availability; a newer message always has a larger version.';
comment on column app_hidden.availability_message.category_id is E'@omit\nThe event''s category: which list pages hear of it.';

create function app_hidden.event_availability_json(e app_public.events) returns text
language sql stable parallel safe as $$
  select row_to_json(row(
    e.id,
    e.tickets_remaining,
    e.total_tickets,
    e.tickets_remaining = 0,
    app_public.events_sales_state(e),
    to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.sales_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.sales_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.availability_version,
    e.category_id
  )::app_hidden.availability_message)::text
$$;
comment on function app_hidden.event_availability_json(app_public.events) is 'The availability message, as sent by pg_notify.';
grant execute on function app_hidden.event_availability_json(app_public.events) to ticketing_anonymous;

create function app_private.events_notify_availability() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_payload text := app_hidden.event_availability_json(new);
begin
  perform pg_notify('ticketing:event:' || new.id, v_payload);
  perform pg_notify('ticketing:events', v_payload);
  if new.category_id is not null then
    perform pg_notify('ticketing:category:' || new.category_id, v_payload);
  end if;
  return null;
end $$;
create trigger _900_notify_availability_insert after insert on app_public.events
  for each row execute function app_private.events_notify_availability();
create trigger _900_notify_availability_update after update on app_public.events
  for each row when (old.availability_version is distinct from new.availability_version)
  execute function app_private.events_notify_availability();

-- A moment of the window passed: a new version, so every watcher gets the state.
create function app_private.announce_availability(event_id int) returns void
language sql volatile as $$
  update app_public.events e set availability_version = e.availability_version + 1 where e.id = announce_availability.event_id
$$;

-- One job per moment (sales open, sales close, event starts), replaced when the
-- moment moves and removed when it goes away.
create function app_private.events_schedule_announcements() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_moment record;
  v_key text;
begin
  for v_moment in
    select * from (values ('sales_start', new.sales_start), ('sales_end', new.sales_end), ('starts_at', new.starts_at)) m(kind, at)
  loop
    v_key := format('announce_availability:%s:%s', new.id, v_moment.kind);
    if v_moment.at > now() then
      perform graphile_worker.add_job('announce_availability', json_build_object('event_id', new.id),
                                      run_at := v_moment.at, job_key := v_key);
    elsif tg_op = 'UPDATE' then
      perform graphile_worker.remove_job(v_key);
    end if;
  end loop;
  return null;
end $$;
create trigger _940_schedule_announcements_insert after insert on app_public.events
  for each row execute function app_private.events_schedule_announcements();
create trigger _940_schedule_announcements_update after update of sales_start, sales_end, starts_at on app_public.events
  for each row when (old.sales_start is distinct from new.sales_start or old.sales_end is distinct from new.sales_end
                     or old.starts_at is distinct from new.starts_at)
  execute function app_private.events_schedule_announcements();

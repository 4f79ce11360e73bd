--! Previous: sha1:b1bdefe417669c52dcae6451087e61d8bcd694a7
--! Hash: sha1:4c3d7fdf524ec6e8fb6abf4922ec98cacc0b8c6e
--! Message: Sales windows, one booking order, live and sold defined once

--------------------------------------------------------------------------------
-- Sales windows, one order of booking rules, and "live" / "sold" defined once.
--
-- Definitions (used by booking, the waitlist, availability, the leaderboard and
-- analytics; nowhere else decides them):
--   * live  (app_private.ticket_is_live): the ticket holds a seat: pending (held
--     until paid), offered (to a waitlisted student) or confirmed. Inventory
--     (tickets_remaining) and the per-student limit count live tickets.
--   * sold  (app_private.ticket_is_sold): confirmed, and not cancelled since.
--     The leaderboard, event_analytics, event_sales_over_time and
--     category_totals count sold tickets; tickets.confirmed_at is when.
--   * sold out (availability, SOLD_OUT, events.sold_out_at): no seat free to
--     book, i.e. every seat is live. A seat that comes back reopens sales.
--   * sell-out speed (event_leaderboard.seconds_to_sell_out): until every seat
--     was sold; holds that later expire do not count.
--   * sales state (app_public.events_sales_state): started → closed → not_open
--     → sold_out → on_sale, the first that applies.
--
-- Booking decides each request in this order (allocate_seats), first refusal wins:
--   FORBIDDEN (not a student) → INVALID_INPUT (idempotency key) → replay (the
--   key's earlier ticket is returned) → NOT_FOUND → EVENT_STARTED →
--   SALES_CLOSED / SALES_NOT_OPEN → SOLD_OUT → LIMIT_REACHED →
--   PAYMENTS_UNAVAILABLE → booked.
-- The event-wide part (started, window, sold out) is exactly what the
-- availability message carries, so the server's fast path
-- (src/booking/fast-path.ts) answers only that prefix, and only for requests
-- the earlier rules cannot touch (a student, no key).
--
-- Time passing changes the state with no inventory change: each event gets a
-- graphile-worker job at sales_start, sales_end and starts_at
-- (announce_availability, replaced when the moment moves), which raises
-- availability_version so every watcher receives the new state through the
-- usual pg_notify. Editing the window or starts_at raises it too.
--------------------------------------------------------------------------------

--------------------------------------------------------------------------------
-- Sales windows: optional sales_start / sales_end per event.
--------------------------------------------------------------------------------

-- Null means "no bound": without sales_start the event is on sale from creation,
-- without sales_end until it starts. Sales never outlive the event's start.
alter table app_public.events
  add column sales_start timestamptz,
  add column sales_end timestamptz,
  add constraint events_sales_window_valid check (
    (sales_start is null or sales_start < coalesce(sales_end, starts_at))
    and (sales_end is null or sales_end <= starts_at));
comment on column app_public.events.sales_start is 'When booking opens (null: as soon as the event exists).';
comment on column app_public.events.sales_end is 'When booking closes (null: when the event starts); never after starts_at.';
grant insert (sales_start, sales_end), update (sales_start, sales_end) on app_public.events to ticketing_admin;

-- When each moment of the window passes, the state changes with no inventory
-- change: a job at that moment announces it (app_private.announce_availability),
-- and any edit of the window or of starts_at is a new availability version.
create trigger _210_availability_version_window before update of sales_start, sales_end, starts_at on app_public.events
  for each row when (old.sales_start is distinct from new.sales_start or old.sales_end is distinct from new.sales_end
                     or old.starts_at is distinct from new.starts_at)
  execute function app_private.events_bump_availability_version();

--------------------------------------------------------------------------------
-- Live and sold, defined once.
--------------------------------------------------------------------------------

create function app_private.ticket_is_live(status text) returns boolean
language sql immutable parallel safe as $$
  select status in ('pending', 'offered', 'confirmed')
$$;
comment on function app_private.ticket_is_live(text) is
  'The ticket holds a seat (held, offered or confirmed): counted by inventory and by the per-student limit.';

create function app_private.ticket_is_sold(status text) returns boolean
language sql immutable parallel safe as $$
  select status = 'confirmed'
$$;
comment on function app_private.ticket_is_sold(text) is
  'The seat is sold (free booking, paid hold, accepted offer): counted by the leaderboard and analytics.';

-- When a ticket was sold: what sales over time and sell-out speed measure.
alter table app_public.tickets add column confirmed_at timestamptz;
update app_public.tickets set confirmed_at = coalesce(paid_at, booked_at) where status = 'confirmed';
alter table app_public.tickets
  add constraint tickets_confirmed_at_valid check ((status = 'confirmed') <= (confirmed_at is not null));
comment on column app_public.tickets.confirmed_at is 'When the ticket was confirmed (sold); stays set if it is cancelled later.';

-- Set by a trigger, so every path that confirms a ticket (booking, payment,
-- accepting an offer) records it without repeating the rule.
create function app_private.tickets_confirmed_at() returns trigger
language plpgsql as $$
begin
  new.confirmed_at := now();
  return new;
end $$;
create trigger _100_confirmed_at before insert or update of status on app_public.tickets
  for each row when (new.status = 'confirmed' and new.confirmed_at is null)
  execute function app_private.tickets_confirmed_at();

create or replace function app_private.live_tickets_per_student(event_id int, user_ids int[])
returns table (user_id int, live int)
language sql stable as $$
  select t.user_id, count(*)::int from app_public.tickets t
  where t.event_id = live_tickets_per_student.event_id and t.user_id = any(live_tickets_per_student.user_ids)
    and app_private.ticket_is_live(t.status)
  group by t.user_id
$$;

create or replace function app_private.student_at_limit(event app_public.events, user_id int, except_ticket int default null)
returns boolean
language sql stable as $$
  select count(*) >= event.max_tickets_per_student from app_public.tickets t
  where t.event_id = event.id and t.user_id = student_at_limit.user_id
    and app_private.ticket_is_live(t.status) and t.id is distinct from except_ticket
$$;

--------------------------------------------------------------------------------
-- Sales state: the one order of the event-wide booking rules.
--------------------------------------------------------------------------------

-- The first that applies; readable by anyone (no app_private inside).
create function app_public.events_sales_state(e app_public.events) returns text
language sql stable parallel safe as $$
  select case
    when e.starts_at <= now() then 'started'
    when e.sales_end <= now() then 'closed'
    when e.sales_start > now() then 'not_open'
    when e.tickets_remaining = 0 then 'sold_out'
    else 'on_sale'
  end
$$;
comment on function app_public.events_sales_state(app_public.events) is
  'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good).';
grant execute on function app_public.events_sales_state(app_public.events) to ticketing_anonymous;

-- What time alone says: started, closed or not_open; null within the window
-- (whether seats are left is for the caller, who may be counting them down).
create function app_private.sales_window_state(e app_public.events) returns text
language sql stable parallel safe as $$
  select nullif(nullif(app_public.events_sales_state(e), 'sold_out'), 'on_sale')
$$;

-- The booking refusal for a state that refuses every booking (null: on sale).
create function app_private.sales_state_error(state text) returns text
language sql immutable parallel safe as $$
  select case state
    when 'started' then 'EVENT_STARTED'
    when 'closed' then 'SALES_CLOSED'
    when 'not_open' then 'SALES_NOT_OPEN'
    when 'sold_out' then 'SOLD_OUT'
  end
$$;

-- The availability message carries the state and the moments it changes at, so
-- a reader (the booking fast path, a client) knows when it will change next.
create or replace function app_public.event_availability_json(e app_public.events) returns text
language sql stable parallel safe as $$
  select json_build_object(
    'event_id', e.id,
    'tickets_remaining', e.tickets_remaining,
    'total_tickets', e.total_tickets,
    'sold_out', e.tickets_remaining = 0,
    'sales_state', app_public.events_sales_state(e),
    'starts_at', to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'sales_start', to_char(e.sales_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'sales_end', to_char(e.sales_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'version', e.availability_version,
    'category_id', e.category_id
  )::text
$$;

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

--------------------------------------------------------------------------------
-- Booking: one order of rules (see the header).
--------------------------------------------------------------------------------

-- The messages the booking fast path repeats word for word (src/booking/fast-path.ts, compared by test/db/booking.test.ts).
create or replace function app_private.booking_error(code text) returns text[]
language sql immutable as $$
  select case code
    when 'SOLD_OUT' then array['TK409', 'This event is sold out.']
    when 'LIMIT_REACHED' then array['TK409', 'You already hold the most tickets allowed per student for this event.']
    when 'EVENT_STARTED' then array['TK409', 'This event has already started; booking is closed.']
    when 'SALES_NOT_OPEN' then array['TK409', 'Ticket sales for this event have not opened yet (see sales_start).']
    when 'SALES_CLOSED' then array['TK409', 'Ticket sales for this event have closed (see sales_end).']
    when 'NOT_FOUND' then array['TK404', 'No such event.']
    when 'FORBIDDEN' then array['TK403', 'Only students can book tickets.']
    when 'INVALID_INPUT' then array['TK400', 'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).']
    when 'PAYMENTS_UNAVAILABLE' then array['TK409', 'This event takes payment, and payments are not available on this server.']
  end
$$;

-- The booking requests of one event, in arrival order: `requests` holds
-- {"user_id", "role"} and `keys` the idempotency key of each (JSON string or
-- null), position by position. The caller holds the event's lock
-- (lock_event_for_booking). One row per request: the ticket (replayed = its
-- key matched an earlier booking of this event) or an error code. Each request
-- is judged in the order of the header; the event-wide part of it is
-- events_sales_state, read once per batch (now() is the transaction's).
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
begin
  -- The row lock keeps an admin's edit of total_tickets out until we commit.
  select * into v_event from app_public.events e where e.id = allocate_seats.event_id for update;
  v_remaining := v_event.tickets_remaining;
  v_window_error := app_private.sales_state_error(app_private.sales_window_state(v_event));
  select coalesce(jsonb_object_agg(l.user_id::text, l.live), '{}') into v_held
  from app_private.live_tickets_per_student(allocate_seats.event_id,
    array(select (r->>'user_id')::int from json_array_elements(requests) r)) l;

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
          v_outbox := v_outbox || app_private.add_to_outbox('booking_confirmed', v_user, 'booking_confirmed:' || ticket.id,
            format('Your ticket for %s', v_event.name),
            format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
                   to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_code));
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

--------------------------------------------------------------------------------
-- Waitlist within the window: joining only while sales are open and sold out;
-- a returned seat is offered only while sales are open (after sales_end it goes
-- back to an inventory nobody can book). An offer already made can still be
-- accepted (and paid) until it lapses, like a hold.
--------------------------------------------------------------------------------

create or replace function app_private.offer_seat_to_waitlist(event app_public.events) returns boolean
language plpgsql volatile as $$
declare
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
begin
  if app_private.sales_window_state(event) is not null then
    return false;
  end if;
  select * into v_entry from app_public.waitlist_entries w
  where w.event_id = event.id and w.status = 'waiting' and not app_private.student_at_limit(event, w.user_id)
  order by w.id limit 1 for update skip locked;
  if v_entry.id is null then
    return false;
  end if;

  insert into app_public.tickets (event_id, user_id, status, price_cents, hold_expires_at)
  values (event.id, v_entry.user_id, 'offered', event.price_cents, now() + make_interval(mins => event.hold_minutes))
  returning * into v_ticket;
  update app_public.waitlist_entries w set status = 'offered', ticket_id = v_ticket.id, offered_at = now()
  where w.id = v_entry.id;
  perform graphile_worker.add_job('expire_holds', run_at := v_ticket.hold_expires_at, job_key := 'expire_holds:' || v_ticket.id);
  perform app_private.enqueue_email('waitlist_offer', v_entry.user_id, 'waitlist_offer:' || v_ticket.id,
    format('A seat for %s is yours if you want it', event.name),
    format(E'A seat for %s opened up. Accept it before %s or it goes to the next person in line.',
           event.name, to_char(v_ticket.hold_expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  -- The seat count does not move, yet the waiting student must hear of the offer
  -- now: a new availability version sends the event's message to its watchers
  -- (their pages look for offers when it arrives).
  update app_public.events e set availability_version = e.availability_version + 1 where e.id = event.id;
  return true;
end $$;

create or replace function app_public.join_waitlist(event_id int) returns app_public.waitlist_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.waitlist_entries;
  v_refusal text;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only students can join a waitlist.');
  end if;
  perform app_private.lock_event(join_waitlist.event_id);
  select * into v_event from app_public.events e where e.id = join_waitlist.event_id;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  -- Same order and words as booking: started, then the window.
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(v_event));
  if v_refusal is not null then
    perform app_private.fail('TK409', v_refusal, (app_private.booking_error(v_refusal))[2]);
  end if;
  if v_event.tickets_remaining > 0 then
    perform app_private.fail('TK409', 'NOT_SOLD_OUT', 'Seats are still available: book one instead.');
  end if;
  if exists (select from app_public.waitlist_entries w
             where w.event_id = v_event.id and w.user_id = v_user and w.status in ('waiting', 'offered')) then
    perform app_private.fail('TK409', 'ALREADY_WAITING', 'You are already on the waitlist for this event.');
  end if;
  if app_private.student_at_limit(v_event, v_user) then
    perform app_private.fail('TK409', 'LIMIT_REACHED', 'You already hold the most tickets allowed per student for this event.');
  end if;
  insert into app_public.waitlist_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $$;

--------------------------------------------------------------------------------
-- Leaderboard and analytics count sold tickets (ticket_is_sold).
--------------------------------------------------------------------------------

drop function app_public.popular_events(int);
drop function app_public.fastest_sellouts(int);
drop materialized view app_public.event_leaderboard;

-- Sold out here means every seat sold: holds that later expire do not make an
-- event "sell out", and sold_out_at is when the last seat sold now was sold.
create materialized view app_public.event_leaderboard as
  select e.id as event_id,
         e.name,
         e.category_id,
         e.total_tickets,
         coalesce(s.sold, 0)::int as tickets_sold,
         case when s.sold >= e.total_tickets then s.last_sold_at end as sold_out_at,
         case when s.sold >= e.total_tickets then extract(epoch from s.last_sold_at - e.created_at)::int end
           as seconds_to_sell_out
  from app_public.events e
  left join lateral (
    select count(*) as sold, max(t.confirmed_at) as last_sold_at from app_public.tickets t
    where t.event_id = e.id and app_private.ticket_is_sold(t.status)
  ) s on true;
create unique index event_leaderboard_event_id_idx on app_public.event_leaderboard (event_id);
comment on materialized view app_public.event_leaderboard is
  'Popularity per event (sold tickets only), refreshed by a background job (every minute and when an event sells out).';
grant select on app_public.event_leaderboard to ticketing_anonymous;

create function app_public.popular_events(n int default 10) returns setof app_public.event_leaderboard
language sql stable as $$
  select * from app_public.event_leaderboard order by tickets_sold desc, event_id limit least(greatest(n, 1), 100)
$$;
comment on function app_public.popular_events(int) is 'Most tickets sold (refreshed every minute and on each sell-out).';

create function app_public.fastest_sellouts(n int default 10) returns setof app_public.event_leaderboard
language sql stable as $$
  select * from app_public.event_leaderboard where seconds_to_sell_out is not null
  order by seconds_to_sell_out, event_id limit least(greatest(n, 1), 100)
$$;
comment on function app_public.fastest_sellouts(int) is 'Events whose every seat was sold, fastest first.';
grant execute on function app_public.popular_events(int), app_public.fastest_sellouts(int) to ticketing_anonymous;

create or replace function app_public.event_analytics(event_id int) returns app_public.event_stats
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_stats app_public.event_stats;
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Analytics are for admins.');
  end if;
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
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Analytics are for admins.');
  end if;
  if bucket not in ('minute', 'hour', 'day', 'week') then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'bucket must be minute, hour, day or week.', 'bucket');
  end if;
  return query
    select date_trunc(bucket, t.confirmed_at), count(*)::int
    from app_public.tickets t
    where t.event_id = event_sales_over_time.event_id and app_private.ticket_is_sold(t.status)
    group by 1 order by 1;
end $$;
comment on function app_public.event_sales_over_time(int, text) is
  'Tickets sold (confirmed, and not cancelled since) per minute/hour/day/week of their sale (admins).';

create or replace function app_public.category_totals()
returns table (category_id int, category_name text, events int, total_tickets int, tickets_sold int)
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Analytics are for admins.');
  end if;
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

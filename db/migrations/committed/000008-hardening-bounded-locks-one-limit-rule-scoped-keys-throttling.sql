--! Previous: sha1:1042128ddfc3de212a93fd44822e364114dac545
--! Hash: sha1:b1bdefe417669c52dcae6451087e61d8bcd694a7
--! Message: Hardening: bounded event locks, one per-student limit rule, scoped idempotency keys, atomic throttling

--------------------------------------------------------------------------------
-- Hardening against hostile clients (issue: "no single request may hurt anyone else").
--
--   * Event locks are taken through one function, app_private.lock_event, which
--     bounds the wait (lock_timeout 3 s, as pretix does): a pile-up answers
--     BUSY (503, retry) instead of hanging connections. Jobs that touch many
--     events lock them in event id order, so they cannot deadlock.
--   * Idempotency keys: one rule (1-200 visible ASCII characters), checked here
--     on the raw JSON before PostgreSQL decodes it, so a key that cannot even
--     become text (\u0000, a lone surrogate) fails only its own request. Keys
--     are scoped to the event and the student.
--   * The per-student limit is decided by one function for every path that
--     gives a student a seat: booking, waitlist offers, accepting an offer.
--     A seat that comes back (cancel, expiry, more seats) goes to the waitlist
--     first.
--   * A checked-in ticket cannot be cancelled (its seat was used).
--   * Sign-in and signup throttling per email and per client address, counted
--     atomically in one table every instance shares; the limits are rows a DBA
--     (or the server, from its environment) can change.
--
-- Lock order everywhere: event lock (lock_event) → event row → ticket rows →
-- payment rows.
--------------------------------------------------------------------------------

-- Locks -------------------------------------------------------------------------

create function app_private.lock_event(event_id int) returns void
language plpgsql volatile as $$
begin
  -- Bounds this wait and every later lock wait of the transaction: a lock that
  -- cannot be had in 3 s is answered as BUSY (src/errors.ts), never a pile-up.
  perform set_config('lock_timeout', '3s', true);
  perform pg_advisory_xact_lock(hashtext('ticketing.event'), lock_event.event_id);
end $$;

create or replace function app_private.lock_event_for_booking(event_id int) returns void
language plpgsql volatile as $$
declare
  v_token bigint := nullif(current_setting('booking.fencing_token', true), '')::bigint;
begin
  perform app_private.lock_event(lock_event_for_booking.event_id);
  if v_token is not null and exists (select from app_public.events e where e.id = lock_event_for_booking.event_id) then
    insert into app_private.event_fences as f (event_id, last_token)
    values (lock_event_for_booking.event_id, v_token)
    on conflict on constraint event_fences_pkey do update set last_token = excluded.last_token
      where f.last_token <= excluded.last_token
    returning f.last_token into v_token;
    if v_token is null then
      perform app_private.fail('TK409', 'STALE_LOCK', 'A newer lock holder has booked this event; retry.');
    end if;
  end if;
end $$;

-- The per-student limit ----------------------------------------------------------

-- Live tickets (pending, offered, confirmed) per student for one event: what
-- max_tickets_per_student is compared with, on every path.
create function app_private.live_tickets_per_student(event_id int, user_ids int[])
returns table (user_id int, live int)
language sql stable as $$
  select t.user_id, count(*)::int from app_public.tickets t
  where t.event_id = live_tickets_per_student.event_id and t.user_id = any(live_tickets_per_student.user_ids)
    and t.status in ('pending', 'offered', 'confirmed')
  group by t.user_id
$$;

-- True when the student may not take one more seat of this event (not counting `except_ticket`).
create function app_private.student_at_limit(event app_public.events, user_id int, except_ticket int default null)
returns boolean
language sql stable as $$
  select count(*) >= event.max_tickets_per_student from app_public.tickets t
  where t.event_id = event.id and t.user_id = student_at_limit.user_id
    and t.status in ('pending', 'offered', 'confirmed') and t.id is distinct from except_ticket
$$;

-- Idempotency keys ----------------------------------------------------------------

drop index app_public.tickets_user_idempotency_key_idx;
create unique index tickets_event_user_idempotency_key_idx on app_public.tickets (event_id, user_id, idempotency_key)
  where idempotency_key is not null;

-- The one rule for keys: absent, or 1 to 200 visible ASCII characters. `raw` is
-- the key as JSON, undecoded: only the escapes JSON needs for ASCII (\" \\ \/)
-- are allowed, so \u0000 or a lone surrogate is an invalid key, not a failed batch.
create function app_private.idempotency_key_is_valid(raw json) returns boolean
language sql immutable parallel safe as $$
  select raw is null or json_typeof(raw) = 'null'
    or (json_typeof(raw) = 'string' and raw::text ~ '^"([!#-\[\]-~]|\\[\\"/]){1,200}"$')
$$;

-- Booking -------------------------------------------------------------------------

drop function app_public.book_tickets(int, json);
drop function app_public.book_ticket(int, text);
drop function app_private.allocate_seats(int, json);

-- The booking requests of one event, in arrival order: `requests` holds
-- {"user_id", "role"} and `keys` the idempotency key of each (JSON string or
-- null), position by position. The caller holds the event's lock
-- (lock_event_for_booking). One row per request: the ticket (replayed = its
-- key matched an earlier booking of this event) or an error code.
create function app_private.allocate_seats(event_id int, requests json, keys json)
returns table (ticket app_public.tickets, error text, replayed boolean)
language plpgsql volatile as $$
declare
  v_event app_public.events;
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
        elsif v_event.starts_at <= now() then
          error := 'EVENT_STARTED';
        elsif coalesce((v_held->>v_user::text)::int, 0) >= v_event.max_tickets_per_student then
          error := 'LIMIT_REACHED';
        elsif v_remaining = 0 then
          error := 'SOLD_OUT';
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
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code)
          values (v_event.id, v_user, v_key, 'confirmed', v_code)
          returning * into ticket;
          v_outbox := v_outbox || app_private.add_to_outbox('booking_confirmed', v_user, 'booking_confirmed:' || ticket.id,
            format('Your ticket for %s', v_event.name),
            format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
                   to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), v_code));
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

create or replace function app_private.booking_error(code text) returns text[]
language sql immutable as $$
  select case code
    when 'SOLD_OUT' then array['TK409', 'This event is sold out.']
    when 'LIMIT_REACHED' then array['TK409', 'You already hold the most tickets allowed per student for this event.']
    when 'EVENT_STARTED' then array['TK409', 'This event has already started; booking is closed.']
    when 'NOT_FOUND' then array['TK404', 'No such event.']
    when 'FORBIDDEN' then array['TK403', 'Only students can book tickets.']
    when 'INVALID_INPUT' then array['TK400', 'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).']
    when 'PAYMENTS_UNAVAILABLE' then array['TK409', 'This event takes payment, and payments are not available on this server.']
  end
$$;

create function app_public.book_ticket(event_id int, idempotency_key text default null)
returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_result record;
  v_error text[];
begin
  perform app_private.lock_event_for_booking(book_ticket.event_id);
  select * into v_result from app_private.allocate_seats(book_ticket.event_id,
    json_build_array(json_build_object('user_id', app_public.current_user_id(), 'role', app_public.current_app_role())),
    json_build_array(book_ticket.idempotency_key));
  if v_result.error is not null then
    v_error := app_private.booking_error(v_result.error);
    perform app_private.fail(v_error[1], v_result.error, v_error[2],
      case v_result.error when 'INVALID_INPUT' then 'idempotency_key' end);
  end if;
  return v_result.ticket;
end $$;
comment on function app_public.book_ticket(int, text) is
  E'@behavior -*\nBook one ticket as the calling student (GraphQL and REST go through the server''s batches instead).';

-- A batch from the booking service, answered in request order:
--   {"results": [{"ticket": {...}, "replayed": bool} | {"error": {"code", "errcode", "message"}}, …],
--    "tickets_remaining": n, "version": v}
create function app_public.book_tickets(event_id int, requests json, keys json) returns json
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_results json;
  v_event app_public.events;
begin
  if current_setting('role') <> 'ticketing_booker' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Batches come from the booking service only.');
  end if;
  perform app_private.lock_event_for_booking(book_tickets.event_id);
  select json_agg(case
           when a.error is null then json_build_object('ticket', row_to_json(a.ticket), 'replayed', a.replayed)
           else json_build_object('error', json_build_object(
             'code', a.error, 'errcode', (app_private.booking_error(a.error))[1],
             'message', (app_private.booking_error(a.error))[2]))
         end order by a.n)
  into v_results
  from app_private.allocate_seats(book_tickets.event_id, requests, keys) with ordinality as a(ticket, error, replayed, n);
  select * into v_event from app_public.events e where e.id = book_tickets.event_id;
  return json_build_object('results', v_results,
    'tickets_remaining', v_event.tickets_remaining, 'version', v_event.availability_version);
end $$;
comment on function app_public.book_tickets(int, json, json) is E'@behavior -*';

grant execute on function app_public.book_ticket(int, text) to ticketing_student;
grant execute on function app_public.book_tickets(int, json, json) to ticketing_booker;

-- Seats that come back go to the waitlist first ------------------------------------

-- Offer one seat of the event to the first waiting student who may take it
-- (not at the per-student limit). True if someone got the offer. Entries locked
-- by a concurrent offer are skipped, never waited for.
create function app_private.offer_seat_to_waitlist(event app_public.events) returns boolean
language plpgsql volatile as $$
declare
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
begin
  if event.starts_at <= now() then
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
           event.name, to_char(v_ticket.hold_expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')));
  return true;
end $$;

-- A seat came back (cancel, expired hold, lapsed offer): offer it to the
-- waitlist, or put it back on sale.
create or replace function app_private.return_seat(event_id int) returns void
language plpgsql volatile as $$
declare
  v_event app_public.events;
begin
  perform app_private.lock_event(return_seat.event_id);
  select * into v_event from app_public.events e where e.id = return_seat.event_id;
  if not app_private.offer_seat_to_waitlist(v_event) then
    update app_public.events e set tickets_remaining = e.tickets_remaining + 1 where e.id = return_seat.event_id;
  end if;
end $$;

-- More seats (an admin raised total_tickets): the waitlist gets them first.
-- No event lock here: the admin's UPDATE already holds the event row, which
-- every booking needs too, and taking the lock after the row would invert the
-- lock order.
create function app_private.events_offer_new_seats() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_offered int := 0;
begin
  while v_offered < new.tickets_remaining and app_private.offer_seat_to_waitlist(new) loop
    v_offered := v_offered + 1;
  end loop;
  if v_offered > 0 then
    update app_public.events e set tickets_remaining = e.tickets_remaining - v_offered where e.id = new.id;
  end if;
  return null;
end $$;
create trigger _930_offer_new_seats after update of total_tickets on app_public.events
  for each row when (new.total_tickets > old.total_tickets)
  execute function app_private.events_offer_new_seats();

-- Waitlist ------------------------------------------------------------------------

create or replace function app_public.join_waitlist(event_id int) returns app_public.waitlist_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.waitlist_entries;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only students can join a waitlist.');
  end if;
  perform app_private.lock_event(join_waitlist.event_id);
  select * into v_event from app_public.events e where e.id = join_waitlist.event_id;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  if v_event.starts_at <= now() then
    perform app_private.fail('TK409', 'EVENT_STARTED', 'This event has already started.');
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

create or replace function app_public.accept_waitlist_offer(entry_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
  v_event app_public.events;
begin
  select * into v_entry from app_public.waitlist_entries w
  where w.id = accept_waitlist_offer.entry_id and w.user_id = app_public.current_user_id();
  if v_entry.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such waitlist entry.');
  end if;
  perform app_private.lock_event(v_entry.event_id);
  select * into v_event from app_public.events e where e.id = v_entry.event_id;
  select * into v_entry from app_public.waitlist_entries w where w.id = v_entry.id for update;
  select * into v_ticket from app_public.tickets t where t.id = v_entry.ticket_id for update;
  if v_entry.status <> 'offered' or v_ticket.status <> 'offered' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('TK409', 'OFFER_NOT_AVAILABLE', 'There is no open offer on this entry (it may have lapsed).');
  end if;
  if app_private.student_at_limit(v_event, v_entry.user_id, except_ticket => v_ticket.id) then
    perform app_private.fail('TK409', 'LIMIT_REACHED',
      'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.');
  end if;
  update app_public.waitlist_entries w set status = 'accepted' where w.id = v_entry.id;
  if v_ticket.price_cents > 0 then
    -- Paid event: the offer becomes a normal hold, to be paid like any booking.
    update app_public.tickets t set status = 'pending' where t.id = v_ticket.id returning * into v_ticket;
    return v_ticket;
  end if;
  return app_private.confirm_ticket(v_ticket.id);
end $$;

-- Holds that lapse: unpaid pending tickets and unanswered offers, event by
-- event in id order (so two runs, or a run and a booking, never deadlock).
create or replace function app_private.expire_holds() returns int
language plpgsql volatile as $$
declare
  v_event_id int;
  v_ticket app_public.tickets;
  v_event app_public.events;
  v_count int := 0;
begin
  for v_event_id in
    select distinct t.event_id from app_public.tickets t
    where t.status in ('pending', 'offered') and t.hold_expires_at <= now()
    order by t.event_id
  loop
    perform app_private.lock_event(v_event_id);
    select * into v_event from app_public.events e where e.id = v_event_id;
    for v_ticket in
      select * from app_public.tickets t
      where t.event_id = v_event_id and t.status in ('pending', 'offered') and t.hold_expires_at <= now()
      order by t.hold_expires_at, t.id
      for update skip locked
    loop
      update app_public.tickets t set status = 'expired' where t.id = v_ticket.id;
      update app_public.waitlist_entries w set status = 'lapsed' where w.ticket_id = v_ticket.id and w.status = 'offered';
      perform app_private.enqueue_email(
        case v_ticket.status when 'pending' then 'hold_expired' else 'offer_lapsed' end,
        v_ticket.user_id, 'hold_expired:' || v_ticket.id,
        format('Your hold for %s has expired', v_event.name),
        format('The seat we held for you at %s was released because it was not %s in time.', v_event.name,
               case v_ticket.status when 'pending' then 'paid' else 'accepted' end));
      perform app_private.return_seat(v_event_id);
      v_count := v_count + 1;
    end loop;
  end loop;
  return v_count;
end $$;

-- Cancelling ----------------------------------------------------------------------

create or replace function app_public.cancel_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
  v_role text := app_public.current_app_role();
begin
  select * into v_ticket from app_public.tickets t where t.id = cancel_ticket.ticket_id;
  -- Someone else's ticket is reported exactly like a missing one.
  if v_ticket.id is null or (v_role <> 'admin' and v_ticket.user_id is distinct from app_public.current_user_id()) then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such ticket.');
  end if;
  perform app_private.lock_event(v_ticket.event_id);
  select * into v_ticket from app_public.tickets t where t.id = v_ticket.id for update;
  if v_ticket.status = 'cancelled' then
    perform app_private.fail('TK409', 'ALREADY_CANCELLED',
      format('This ticket was already cancelled at %s.',
             to_char(v_ticket.cancelled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end if;
  if v_ticket.status = 'expired' then
    perform app_private.fail('TK409', 'TICKET_EXPIRED', 'This hold has already expired; its seat was released.');
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('TK409', 'ALREADY_CHECKED_IN',
      format('This ticket was used at the door at %s; it can no longer be cancelled.',
             to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end if;
  if v_role <> 'admin' and exists (
    select from app_public.events e where e.id = v_ticket.event_id and e.starts_at <= now()
  ) then
    perform app_private.fail('TK409', 'EVENT_STARTED', 'This event has already started; tickets can no longer be cancelled.');
  end if;

  update app_public.tickets t set status = 'cancelled', cancelled_at = now(), hold_expires_at = null
  where t.id = v_ticket.id returning * into v_ticket;
  update app_public.waitlist_entries w set status = 'left' where w.ticket_id = v_ticket.id and w.status = 'offered';
  if v_ticket.paid_at is not null then
    perform app_private.request_refund(v_ticket.id);
  end if;
  perform app_private.return_seat(v_ticket.event_id);
  return v_ticket;
end $$;

-- Throttling ------------------------------------------------------------------------
-- Fixed windows per (rule, subject), counted with one atomic upsert each, so
-- concurrent attempts can never count past the limit. The limits are rows.

create table app_private.throttle_rules (
  rule      text primary key,
  max_hits  int not null check (max_hits > 0),
  per       interval not null check (per > interval '0'),
  what      text not null
);
alter table app_private.throttle_rules enable row level security;
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  -- Per email *and* address: a stranger elsewhere cannot lock a student out by
  -- guessing wrong on purpose; the per-email total below still bounds guessing
  -- spread over many addresses.
  ('sign_in_failures_per_email', 10, '15 minutes', 'Failed sign-ins for one email from one client address'),
  ('sign_in_failures_per_email_any_address', 100, '15 minutes', 'Failed sign-ins for one email from all addresses together'),
  -- Generous per address: a campus behind one NAT address shares these.
  ('sign_in_failures_per_address', 300, '15 minutes', 'Failed sign-ins from one client address'),
  ('signups_per_address', 300, '1 hour', 'Accounts created from one client address');

create table app_private.throttle_counters (
  rule              text not null references app_private.throttle_rules on delete cascade,
  subject           text not null,
  window_started_at timestamptz not null,
  hits              int not null,
  primary key (rule, subject)
);
alter table app_private.throttle_counters enable row level security;

drop table app_private.sign_in_failures;

-- TOO_MANY_ATTEMPTS: the message says until when; the wait in seconds (HINT 'retry_after=N', read by src/errors.ts for Retry-After).
create function app_private.fail_throttled(message text, retry_at timestamptz) returns void
language plpgsql volatile as $$
begin
  raise exception using errcode = 'TK429', detail = 'TOO_MANY_ATTEMPTS',
    message = format('%s; try again after %s.', message, to_char(retry_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    -- clock_timestamp, not now(): a window opened by a transaction that started after ours must not look longer than it is.
    hint = 'retry_after=' || greatest(1, ceil(extract(epoch from retry_at - clock_timestamp())))::int;
end $$;

-- When the window of (rule, subject) is full: the moment it ends. Null otherwise.
create function app_private.throttled_until(rule text, subject text) returns timestamptz
language sql stable as $$
  select c.window_started_at + r.per
  from app_private.throttle_counters c join app_private.throttle_rules r on r.rule = c.rule
  where c.rule = throttled_until.rule and c.subject = throttled_until.subject
    and c.window_started_at > now() - r.per and c.hits >= r.max_hits
$$;

-- Count one hit. Over the limit: TOO_MANY_ATTEMPTS, which rolls this hit back
-- along with the caller's work. The row lock serialises concurrent hits.
create function app_private.count_hit(rule text, subject text, message text) returns void
language plpgsql volatile as $$
#variable_conflict use_column
declare
  v_rule app_private.throttle_rules;
  v_counter app_private.throttle_counters;
begin
  select * into v_rule from app_private.throttle_rules r where r.rule = count_hit.rule;
  insert into app_private.throttle_counters as c (rule, subject, window_started_at, hits)
  values (count_hit.rule, count_hit.subject, now(), 1)
  on conflict (rule, subject) do update set
    window_started_at = case when c.window_started_at <= now() - v_rule.per then now() else c.window_started_at end,
    hits = case when c.window_started_at <= now() - v_rule.per then 1 else c.hits + 1 end
  returning * into v_counter;
  if v_counter.hits > v_rule.max_hits then
    perform app_private.fail_throttled(message, v_counter.window_started_at + v_rule.per);
  end if;
end $$;

create function app_private.refuse_if_throttled(rule text, subject text, message text) returns void
language plpgsql volatile as $$
declare
  v_until timestamptz := app_private.throttled_until(rule, subject);
begin
  if v_until is not null then
    perform app_private.fail_throttled(message, v_until);
  end if;
end $$;

-- The client's address, set by the server from the connection (src/auth/pg-settings.ts).
create function app_private.client_address() returns text
language sql stable as $$
  select nullif(current_setting('ticketing.client_address', true), '')
$$;

create or replace function app_public.authenticate(email text, password text) returns app_public.jwt_claims
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

create or replace function app_public.signup(name text, email text, password text) returns app_public.users
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

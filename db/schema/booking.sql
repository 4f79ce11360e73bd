--------------------------------------------------------------------------------
-- Booking: where a ticket is decided, for one request or many at once.
--
-- The server queues concurrent bookings of an event and hands them over
-- together (app_hidden.book_tickets, as ticketing_booker). allocate_seats
-- answers each request in order under every rule of a single booking, then
-- touches the event row once: one advisory lock, one fencing check, one
-- inventory update (one availability notification), one commit, one email job.
-- book_ticket is the same code with a single request, as the calling student.
--
-- Correctness rests on Postgres alone:
--   * pg_advisory_xact_lock(event) (lock_event) serialises bookings of one event,
--     with a bounded wait: a pile-up answers BUSY (503, retry), never hangs;
--   * the seat count can never go below zero (CHECK, last line of defence);
--   * the fencing token (set by the server from its Redis lock, setting
--     booking.fencing_token) must never go backwards for an event, so a server
--     whose lock expired cannot write after the holder that replaced it.
--
-- Each request is decided in this order, first refusal wins:
--   FORBIDDEN (not a student) → INVALID_INPUT (idempotency key) → replay (the
--   key's earlier ticket is returned) → NOT_FOUND → EVENT_CANCELLED → EVENT_STARTED →
--   SALES_CLOSED / SALES_NOT_OPEN → SOLD_OUT → EMAIL_NOT_VERIFIED → LIMIT_REACHED →
--   NOT_YOUR_TURN (a queue or lottery event, without a current admission:
--   release.sql) → PAYMENTS_UNAVAILABLE → booked.
-- The event-wide part (cancelled, started, window, sold out) is exactly what the
-- availability message carries (availability.sql), so the server's fast path
-- (src/booking/fast-path.ts) answers only that prefix, and only for requests
-- the earlier rules cannot touch (a student, no key).
--
-- book_tickets takes user ids from its argument, so only ticketing_booker may
-- call it: the role the server switches to after verifying each request's JWT,
-- exactly the trust the server already has when it sets jwt.claims.user_id.
--------------------------------------------------------------------------------

-- The newest fencing token each event has accepted.
create table app_private.event_fences (
  event_id   int primary key references app_public.events on delete cascade,
  last_token bigint not null
);
alter table app_private.event_fences enable row level security;

-- Locks -------------------------------------------------------------------------
-- Event locks are taken through lock_event, which bounds the wait (lock_timeout
-- 3 s, as pretix does). Jobs that touch many events lock them in event id
-- order, so they cannot deadlock.

create function app_private.lock_event(event_id int) returns void
language plpgsql volatile as $$
begin
  -- Bounds this wait and every later lock wait of the transaction: a lock that
  -- cannot be had in 3 s is answered as BUSY (src/errors.ts), never a pile-up.
  perform set_config('lock_timeout', '3s', true);
  perform pg_advisory_xact_lock(hashtext('ticketing.event'), lock_event.event_id);
end $$;

-- Take the event's lock and check the fencing token (setting booking.fencing_token).
create function app_private.lock_event_for_booking(event_id int) returns void
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
      perform app_private.fail('STALE_LOCK');
    end if;
  end if;
end $$;

-- Idempotency keys: one rule (1-200 visible ASCII characters), checked on the
-- raw JSON before PostgreSQL decodes it, so a key that cannot even become text
-- (\u0000, a lone surrogate) fails only its own request. Keys are scoped to the
-- event and the student (tickets_event_user_idempotency_key_idx, tickets.sql).
-- The one rule for keys: absent, or 1 to 200 visible ASCII characters. `raw` is
-- the key as JSON, undecoded: only the escapes JSON needs for ASCII (\" \\ \/)
-- are allowed, so \u0000 or a lone surrogate is an invalid key, not a failed batch.
create function app_private.idempotency_key_is_valid(raw json) returns boolean
language sql immutable parallel safe as $$
  select raw is null or json_typeof(raw) = 'null'
    or (json_typeof(raw) = 'string' and raw::text ~ '^"([!#-\[\]-~]|\\[\\"/]){1,200}"$')
$$;

-- The per-student limit --------------------------------------------------------
-- Decided by these two for every path that gives a student a seat: booking,
-- waitlist offers, accepting an offer. Both count live tickets (ticket_is_live).

-- Live tickets per student of the batch for one event: what max_tickets_per_student
-- is compared with. One index probe per student: with statistics that do not yet
-- know how many tickets a hot event has (they never do during its sale), a single
-- `event_id = $1 and user_id = any($2)` scan read every live ticket of the event
-- under the event lock (bench, history scenario: 3,543 rows read to find 32).
create function app_private.live_tickets_per_student(event_id int, user_ids int[])
returns table (user_id int, live int) language sql stable as $$
  select u.user_id, l.live
  from (select distinct x as user_id from unnest(live_tickets_per_student.user_ids) x) u
  cross join lateral (
    select count(*)::int as live from app_public.tickets t
    where t.event_id = live_tickets_per_student.event_id and t.user_id = u.user_id
      and app_private.ticket_is_live(t.status)
  ) l
  where l.live > 0
$$;

-- True when the student may not take one more seat of this event (not counting `except_ticket`).
create function app_private.student_at_limit(event app_public.events, user_id int, except_ticket int default null)
returns boolean
language sql stable as $$
  select count(*) >= event.max_tickets_per_student from app_public.tickets t
  where t.event_id = event.id and t.user_id = student_at_limit.user_id
    and app_private.ticket_is_live(t.status) and t.id is distinct from except_ticket
$$;

-- Refusals ---------------------------------------------------------------------

-- The booking refusal (a reason of app_private.errors) for a state that refuses every booking (null: on sale).
-- The fast path (src/booking/fast-path.ts) gives the same answers from the same catalogue rows.
create function app_private.sales_state_error(state app_public.sales_state) returns text
language sql immutable parallel safe as $$
  select case state
    when 'cancelled' then 'EVENT_CANCELLED'
    when 'started' then 'EVENT_STARTED'
    when 'closed' then 'SALES_CLOSED'
    when 'not_open' then 'SALES_NOT_OPEN'
    when 'sold_out' then 'SOLD_OUT'
  end
$$;

-- The decision ------------------------------------------------------------------

-- The booking requests of one event, in arrival order: `requests` holds
-- {"user_id", "role"} and `keys` the idempotency key of each (JSON string or
-- null), position by position. The caller holds the event's lock
-- (lock_event_for_booking). One row per request: the ticket (replayed = its
-- key matched an earlier booking of this event) or the reason it was refused
-- (app_private.errors). Each request
-- is judged in the order of the header; the event-wide part of it is
-- events_sales_state, read once per batch (now() is the transaction's).
create function app_private.allocate_seats(event_id int, requests json, keys json)
returns table (ticket app_public.tickets, error text, replayed boolean)
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_window_error text;          -- cancelled / started / closed / not open, for the whole batch
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
  v_unverified int[];           -- students who must verify their email first
  v_admitted int[];             -- queue events: students of the batch admitted to book now
  v_queue_booked jsonb := '{}'; -- queue events: user id → the ticket their admission became
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

  v_unverified := app_private.unverified_students(array(select (r->>'user_id')::int from json_array_elements(requests) r));
  if v_event.release_mode <> 'first_come' then
    v_admitted := app_private.admitted_students(allocate_seats.event_id,
      array(select (r->>'user_id')::int from json_array_elements(requests) r));
  end if;

  for v_request in
    select r->>'role' as role, (r->>'user_id')::int as user_id, k as raw_key
    from json_array_elements(requests) with ordinality as x(r, n)
    left join json_array_elements(keys) with ordinality as y(k, m) on m = n
    order by n
  loop
    v_user := v_request.user_id;
    ticket := null; error := null; replayed := false; v_key := null;

    if v_request.role is distinct from 'student' or v_user is null then
      error := 'FORBIDDEN:booking';
    elsif not app_private.idempotency_key_is_valid(v_request.raw_key) then
      error := 'INVALID_INPUT:idempotency_key';
    else
      v_key := v_request.raw_key #>> '{}';
      if v_key is not null then
        select * into ticket from app_public.tickets t
        where t.event_id = allocate_seats.event_id and t.user_id = v_user and t.idempotency_key = v_key;
        replayed := ticket.id is not null;
      end if;
      if not replayed then
        if v_event.id is null then
          error := 'NOT_FOUND:event';
        elsif v_window_error is not null then
          error := v_window_error;
        elsif v_remaining = 0 then
          error := 'SOLD_OUT';
        elsif v_user = any(v_unverified) then
          -- After the event-wide refusals, which the fast path answers without knowing the student.
          error := 'EMAIL_NOT_VERIFIED';
        elsif coalesce((v_held->>v_user::text)::int, 0) >= v_event.max_tickets_per_student then
          error := 'LIMIT_REACHED';
        elsif v_event.release_mode <> 'first_come' and not (v_user = any(v_admitted)) then
          -- One booking per admission; a lottery's seats go through claim_lottery_win only.
          error := 'NOT_YOUR_TURN';
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
                     to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_code),
              v_event.id);
          end if;
        end if;
        if error is null then
          if v_event.release_mode <> 'first_come' then
            v_admitted := array_remove(v_admitted, v_user);
            v_queue_booked := v_queue_booked || jsonb_build_object(v_user::text, ticket.id);
          end if;
          v_remaining := v_remaining - 1;
          v_held := jsonb_set(v_held, array[v_user::text], to_jsonb(coalesce((v_held->>v_user::text)::int, 0) + 1));
        end if;
      end if;
    end if;
    return next;
  end loop;

  if v_queue_booked <> '{}' then
    -- Before the seat count moves: the admissions are bookings now (release.sql follows the count).
    perform app_private.queue_booked(allocate_seats.event_id, v_queue_booked);
  end if;
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

create function app_hidden.book_ticket(event_id int, idempotency_key text default null)
returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_result record;
begin
  perform app_private.lock_event_for_booking(book_ticket.event_id);
  select * into v_result from app_private.allocate_seats(book_ticket.event_id,
    json_build_array(json_build_object('user_id', app_public.current_user_id(), 'role', app_public.current_app_role())),
    json_build_array(book_ticket.idempotency_key));
  if v_result.error is not null then
    perform app_private.fail(v_result.error, case v_result.error when 'INVALID_INPUT:idempotency_key' then 'idempotency_key' end);
  end if;
  return v_result.ticket;
end $$;
comment on function app_hidden.book_ticket(integer, text) is
  'Book one ticket as the calling student (GraphQL and REST go through the server''s batches instead).';
grant execute on function app_hidden.book_ticket(integer, text) to ticketing_student;

-- A batch from the booking service, answered in request order:
--   {"results": [{"ticket": {...}, "replayed": bool} | {"error": {"code", "errcode", "message"}}, …],
--    "tickets_remaining": n, "version": v}
-- It raises a NOTICE (detail 'ticketing:event_locked') as soon as it holds the
-- event's advisory lock and has recorded the caller's fencing token. A notice
-- reaches the client at once, mid-statement, so the booking service can hand
-- the Redis lease on while this transaction is still booking: the next holder
-- queues on the advisory lock, which PostgreSQL hands over at our commit with
-- no round trip in between. Tokens are still recorded in the order Redis issued
-- them: each holder records its own under the advisory lock while it holds the lease.
create function app_hidden.book_tickets(event_id integer, requests json, keys json) returns json
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_results json;
  v_event app_public.events;
begin
  if current_setting('role') <> 'ticketing_booker' then
    perform app_private.fail('FORBIDDEN:batch');
  end if;
  perform app_private.lock_event_for_booking(book_tickets.event_id);
  raise notice 'event % locked for booking', book_tickets.event_id using detail = 'ticketing:event_locked';
  select json_agg(case
           when a.error is null then json_build_object('ticket', row_to_json(a.ticket), 'replayed', a.replayed)
           else json_build_object('error', json_build_object('code', e.code, 'errcode', 'TK' || e.status, 'message', e.message))
         end order by a.n)
  into v_results
  from app_private.allocate_seats(book_tickets.event_id, requests, keys) with ordinality as a(ticket, error, replayed, n)
  left join app_private.errors e on e.reason = a.error;
  select * into v_event from app_public.events e where e.id = book_tickets.event_id;
  return json_build_object('results', v_results,
    'tickets_remaining', v_event.tickets_remaining, 'version', v_event.availability_version);
end $$;
grant execute on function app_hidden.book_tickets(integer, json, json) to ticketing_booker;

--! Previous: sha1:a4e42320f044b895513f532ef5e7d7445ab514d8
--! Hash: sha1:8b06ee8e46ae8d8eed3f117b24edef2b6cc57069
--! Message: Booking fast path: allocate_seat shared by book_ticket and the book_tickets batch

--------------------------------------------------------------------------------
-- Booking fast path: many bookings of one event in one transaction.
--
-- The server queues concurrent bookings of an event and hands them over
-- together: one advisory lock, one fencing check, one commit, and each request
-- still gets its own answer under every rule of a single booking (idempotency,
-- per-student limit, sold out, started). allocate_seat is that single booking's
-- logic, shared by book_ticket (one request, raises) and book_tickets (a batch,
-- reports).
--
-- book_tickets takes user ids from its argument, so only ticketing_booker may
-- call it: the role the server switches to after verifying each request's JWT,
-- exactly the trust the server already has when it sets jwt.claims.user_id.
--------------------------------------------------------------------------------

do $$
begin
  if not exists (select from pg_roles where rolname = 'ticketing_booker') then
    create role ticketing_booker nologin;
  end if;
exception when duplicate_object or unique_violation then
  null;
end $$;
grant ticketing_booker to ticketing_authenticator;
grant usage on schema app_public to ticketing_booker;

drop function app_public.booking_precheck(int, text);

create type app_private.allocation as (ticket app_public.tickets, error text, replayed boolean);

-- One booking for one student. The caller holds the event's advisory lock and
-- has checked the fencing token. Returns the ticket, or the error code.
create function app_private.allocate_seat(event_id int, user_id int, idempotency_key text)
returns app_private.allocation
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_ticket app_public.tickets;
begin
  if idempotency_key is not null then
    if length(idempotency_key) not between 1 and 200 then
      return row(null, 'INVALID_INPUT', false)::app_private.allocation;
    end if;
    select * into v_ticket from app_public.tickets t
    where t.user_id = allocate_seat.user_id and t.idempotency_key = allocate_seat.idempotency_key;
    if v_ticket.id is not null then
      return row(v_ticket, null, true)::app_private.allocation;
    end if;
  end if;

  select * into v_event from app_public.events e where e.id = allocate_seat.event_id;
  if v_event.id is null then
    return row(null, 'NOT_FOUND', false)::app_private.allocation;
  end if;
  if v_event.starts_at <= now() then
    return row(null, 'EVENT_STARTED', false)::app_private.allocation;
  end if;
  if (select count(*) from app_public.tickets t
      where t.event_id = v_event.id and t.user_id = allocate_seat.user_id
        and t.status in ('pending', 'offered', 'confirmed')) >= v_event.max_tickets_per_student then
    return row(null, 'LIMIT_REACHED', false)::app_private.allocation;
  end if;

  update app_public.events e set tickets_remaining = e.tickets_remaining - 1
  where e.id = v_event.id and e.tickets_remaining > 0;
  if not found then
    return row(null, 'SOLD_OUT', false)::app_private.allocation;
  end if;

  if v_event.price_cents > 0 then
    -- Paid: the seat is held until payment arrives or the hold expires.
    insert into app_public.tickets (event_id, user_id, idempotency_key, status, price_cents, hold_expires_at)
    values (v_event.id, allocate_seat.user_id, allocate_seat.idempotency_key, 'pending', v_event.price_cents,
            now() + make_interval(mins => v_event.hold_minutes))
    returning * into v_ticket;
    perform graphile_worker.add_job('expire_holds', run_at := v_ticket.hold_expires_at,
                                    job_key := 'expire_holds:' || v_ticket.id);
    return row(v_ticket, null, false)::app_private.allocation;
  end if;

  insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code)
  values (v_event.id, allocate_seat.user_id, allocate_seat.idempotency_key, 'confirmed', app_private.new_check_in_code())
  returning * into v_ticket;
  perform app_private.enqueue_email('booking_confirmed', allocate_seat.user_id, 'booking_confirmed:' || v_ticket.id,
    format('Your ticket for %s', v_event.name),
    format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
           to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), v_ticket.check_in_code));
  return row(v_ticket, null, false)::app_private.allocation;
end $$;

-- The user-facing wording of each booking error: (errcode, message).
create function app_private.booking_error(code text) returns text[]
language sql immutable as $$
  select case code
    when 'SOLD_OUT' then array['TK409', 'This event is sold out.']
    when 'LIMIT_REACHED' then array['TK409', 'You already hold the most tickets allowed per student for this event.']
    when 'EVENT_STARTED' then array['TK409', 'This event has already started; booking is closed.']
    when 'NOT_FOUND' then array['TK404', 'No such event.']
    when 'FORBIDDEN' then array['TK403', 'Only students can book tickets.']
    when 'INVALID_INPUT' then array['TK400', 'The idempotency key must be 1 to 200 characters.']
  end
$$;

-- Take the event's lock and check the fencing token (setting booking.fencing_token).
create function app_private.lock_event_for_booking(event_id int) returns void
language plpgsql volatile as $$
declare
  v_token bigint := nullif(current_setting('booking.fencing_token', true), '')::bigint;
begin
  perform pg_advisory_xact_lock(hashtext('ticketing.event'), lock_event_for_booking.event_id);
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

create or replace function app_public.book_ticket(event_id int, idempotency_key text default null)
returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_result app_private.allocation;
  v_error text[];
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    v_result := row(null, 'FORBIDDEN', false)::app_private.allocation;
  else
    perform app_private.lock_event_for_booking(book_ticket.event_id);
    v_result := app_private.allocate_seat(book_ticket.event_id, v_user, book_ticket.idempotency_key);
  end if;
  if v_result.error is not null then
    v_error := app_private.booking_error(v_result.error);
    perform app_private.fail(v_error[1], v_result.error, v_error[2],
      case v_result.error when 'INVALID_INPUT' then 'idempotency_key' end);
  end if;
  return v_result.ticket;
end $$;

-- A batch: requests is a JSON array of {"user_id", "role", "idempotency_key"}
-- from verified tokens, answered in order as
--   {"results": [{"ticket": {...}, "replayed": bool} | {"error": {"code", "errcode", "message"}}, …],
--    "tickets_remaining": n, "version": v}
create function app_public.book_tickets(event_id int, requests json) returns json
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_request json;
  v_result app_private.allocation;
  v_error text[];
  v_results json[] := '{}';
  v_event app_public.events;
begin
  if current_setting('role') <> 'ticketing_booker' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Batches come from the booking service only.');
  end if;
  perform app_private.lock_event_for_booking(book_tickets.event_id);
  for v_request in select * from json_array_elements(requests) loop
    if v_request->>'role' = 'student' and (v_request->>'user_id') is not null then
      v_result := app_private.allocate_seat(book_tickets.event_id, (v_request->>'user_id')::int, v_request->>'idempotency_key');
    else
      v_result := row(null, 'FORBIDDEN', false)::app_private.allocation;
    end if;
    if v_result.error is null then
      v_results := v_results || json_build_object('ticket', row_to_json(v_result.ticket), 'replayed', v_result.replayed);
    else
      v_error := app_private.booking_error(v_result.error);
      v_results := v_results || json_build_object('error',
        json_build_object('code', v_result.error, 'errcode', v_error[1], 'message', v_error[2]));
    end if;
  end loop;
  select * into v_event from app_public.events e where e.id = book_tickets.event_id;
  return json_build_object('results', array_to_json(v_results),
    'tickets_remaining', v_event.tickets_remaining, 'version', v_event.availability_version);
end $$;
comment on function app_public.book_tickets(int, json) is E'@behavior -*';

revoke execute on function app_public.book_tickets(int, json) from public;
grant execute on function app_public.book_tickets(int, json) to ticketing_booker;

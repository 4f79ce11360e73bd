--! Previous: sha1:3f07244cd314ce766347f49fbcb3e05b9424cb19
--! Hash: sha1:95767079c3946ec547e862328d95a86b6449c5ba
--! Message: Booking: set-based allocate_seats behind book_ticket and the book_tickets batch

--------------------------------------------------------------------------------
-- Booking: where a ticket is decided, for one request or many at once.
--
-- The server queues concurrent bookings of an event and hands them over
-- together. allocate_seats answers each request in order under every rule of a
-- single booking (idempotency, per-student limit, sold out, started), then
-- touches the event row once: one advisory lock, one fencing check, one
-- inventory update (one availability notification), one commit, one email job.
-- book_ticket is the same code with a single request.
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

-- The booking requests of one event, in arrival order: each {"user_id", "role",
-- "idempotency_key"}. The caller holds the event's lock (lock_event_for_booking).
-- One row per request: the ticket (replayed = an idempotency key matched an
-- earlier booking) or an error code.
create function app_private.allocate_seats(event_id int, requests json)
returns table (ticket app_public.tickets, error text, replayed boolean)
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_remaining int;
  v_held jsonb;                 -- user id → live tickets for this event
  v_request record;
  v_user int;
  v_ticket app_public.tickets;
  v_code text;
  v_outbox bigint[] := '{}';
  v_first_hold app_public.tickets;
begin
  -- The row lock keeps an admin's edit of total_tickets out until we commit.
  select * into v_event from app_public.events e where e.id = allocate_seats.event_id for update;
  v_remaining := v_event.tickets_remaining;
  select coalesce(jsonb_object_agg(t.user_id::text, t.n), '{}') into v_held
  from (
    select t.user_id, count(*) as n from app_public.tickets t
    where t.event_id = allocate_seats.event_id and t.status in ('pending', 'offered', 'confirmed')
      and t.user_id in (select (r->>'user_id')::int from json_array_elements(requests) r)
    group by t.user_id
  ) t;

  for v_request in
    select r->>'role' as role, (r->>'user_id')::int as user_id, r->>'idempotency_key' as idempotency_key
    from json_array_elements(requests) with ordinality as x(r, n) order by n
  loop
    v_user := v_request.user_id;
    ticket := null; error := null; replayed := false;

    if v_request.role is distinct from 'student' or v_user is null then
      error := 'FORBIDDEN';
    elsif v_request.idempotency_key is not null and length(v_request.idempotency_key) not between 1 and 200 then
      error := 'INVALID_INPUT';
    else
      if v_request.idempotency_key is not null then
        select * into ticket from app_public.tickets t
        where t.user_id = v_user and t.idempotency_key = v_request.idempotency_key;
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
        elsif v_event.price_cents > 0 then
          -- Paid: the seat is held until payment arrives or the hold expires.
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, price_cents, hold_expires_at)
          values (v_event.id, v_user, v_request.idempotency_key, 'pending', v_event.price_cents,
                  now() + make_interval(mins => v_event.hold_minutes))
          returning * into ticket;
          v_first_hold := coalesce(v_first_hold, ticket);
        else
          v_code := app_private.new_check_in_code();
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code)
          values (v_event.id, v_user, v_request.idempotency_key, 'confirmed', v_code)
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

create function app_public.book_ticket(event_id int, idempotency_key text default null)
returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_result record;
  v_error text[];
begin
  perform app_private.lock_event_for_booking(book_ticket.event_id);
  select * into v_result from app_private.allocate_seats(book_ticket.event_id, json_build_array(json_build_object(
    'user_id', app_public.current_user_id(), 'role', app_public.current_app_role(), 'idempotency_key', book_ticket.idempotency_key)));
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
create function app_public.book_tickets(event_id int, requests json) returns json
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
  from app_private.allocate_seats(book_tickets.event_id, requests) with ordinality as a(ticket, error, replayed, n);
  select * into v_event from app_public.events e where e.id = book_tickets.event_id;
  return json_build_object('results', v_results,
    'tickets_remaining', v_event.tickets_remaining, 'version', v_event.availability_version);
end $$;
comment on function app_public.book_tickets(int, json) is E'@behavior -*';

grant execute on function app_public.book_ticket(int, text) to ticketing_student;
grant execute on function app_public.book_tickets(int, json) to ticketing_booker;

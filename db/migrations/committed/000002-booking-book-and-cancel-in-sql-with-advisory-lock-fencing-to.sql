--! Previous: sha1:3bf9f890282a8db2907314432174e7b2a7a47b91
--! Hash: sha1:80f37d823226b9d13bf163b7ed8e1dbfaf19d4c1
--! Message: Booking: book and cancel in SQL with advisory lock, fencing token, idempotency

--------------------------------------------------------------------------------
-- Booking: where a ticket is decided.
--
-- book_ticket() is the only way a seat leaves the inventory, cancel_ticket()
-- the only way one comes back. Correctness rests on Postgres alone:
--   * pg_advisory_xact_lock(event) serialises bookings of one event,
--   * the conditional decrement (… where tickets_remaining > 0) can never go
--     below zero, and the CHECK constraint is the last line of defence,
--   * the fencing token (set by the server from its Redis lock, setting
--     booking.fencing_token) must never go backwards for an event, so a server
--     whose lock expired cannot write after the holder that replaced it.
--------------------------------------------------------------------------------

alter table app_public.tickets
  add column idempotency_key text,
  add constraint tickets_idempotency_key_valid check (length(idempotency_key) between 1 and 200);
create unique index tickets_user_idempotency_key_idx on app_public.tickets (user_id, idempotency_key)
  where idempotency_key is not null;
-- Per-student limit checks count a student's live tickets for one event.
create index tickets_live_idx on app_public.tickets (event_id, user_id) where status <> 'cancelled';
comment on column app_public.tickets.idempotency_key is E'@behavior -*';

-- The newest fencing token each event has accepted.
create table app_private.event_fences (
  event_id   int primary key references app_public.events on delete cascade,
  last_token bigint not null
);
alter table app_private.event_fences enable row level security;

create function app_public.events_sold_out(e app_public.events) returns boolean
language sql stable parallel safe as $$
  select e.tickets_remaining = 0
$$;
comment on function app_public.events_sold_out(app_public.events) is 'True when no seat is left.';
grant execute on function app_public.events_sold_out(app_public.events) to ticketing_anonymous;

-- Cheap refusals before any lock: the server calls this first, so a sold-out
-- event (or a retried request) never queues for the Redis or advisory lock.
-- Returns the ticket an idempotent retry already booked, or null to go ahead.
create function app_public.booking_precheck(event_id int, idempotency_key text default null)
returns int
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_existing int;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only students can book tickets.');
  end if;
  if idempotency_key is not null then
    select t.id into v_existing from app_public.tickets t
    where t.user_id = v_user and t.idempotency_key = booking_precheck.idempotency_key;
    if v_existing is not null then
      return v_existing;
    end if;
  end if;
  select * into v_event from app_public.events e where e.id = booking_precheck.event_id;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  if v_event.starts_at <= now() then
    perform app_private.fail('TK409', 'EVENT_STARTED', 'This event has already started; booking is closed.');
  end if;
  if v_event.tickets_remaining = 0 then
    perform app_private.fail('TK409', 'SOLD_OUT', 'This event is sold out.');
  end if;
  return null;
end $$;
comment on function app_public.booking_precheck(int, text) is E'@behavior -*';

create function app_public.book_ticket(event_id int, idempotency_key text default null)
returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_token bigint := nullif(current_setting('booking.fencing_token', true), '')::bigint;
  v_event app_public.events;
  v_ticket app_public.tickets;
  v_held int;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only students can book tickets.');
  end if;
  if idempotency_key is not null and length(idempotency_key) not between 1 and 200 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'The idempotency key must be 1 to 200 characters.', 'idempotency_key');
  end if;

  perform pg_advisory_xact_lock(hashtext('ticketing.event'), book_ticket.event_id);

  if v_token is not null then
    insert into app_private.event_fences as f (event_id, last_token)
    values (book_ticket.event_id, v_token)
    on conflict on constraint event_fences_pkey do update set last_token = excluded.last_token
      where f.last_token <= excluded.last_token
    returning f.last_token into v_token;
    if v_token is null then
      perform app_private.fail('TK409', 'STALE_LOCK', 'A newer lock holder has booked this event; retry.');
    end if;
  end if;

  -- Under the lock, so a concurrent retry with the same key cannot book twice.
  if idempotency_key is not null then
    select * into v_ticket from app_public.tickets t
    where t.user_id = v_user and t.idempotency_key = book_ticket.idempotency_key;
    if v_ticket.id is not null then
      return v_ticket;
    end if;
  end if;

  select * into v_event from app_public.events e where e.id = book_ticket.event_id;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  if v_event.starts_at <= now() then
    perform app_private.fail('TK409', 'EVENT_STARTED', 'This event has already started; booking is closed.');
  end if;

  select count(*) into v_held from app_public.tickets t
  where t.event_id = book_ticket.event_id and t.user_id = v_user and t.status <> 'cancelled';
  if v_held >= v_event.max_tickets_per_student then
    perform app_private.fail('TK409', 'LIMIT_REACHED',
      format('You already hold %s ticket(s) for this event, the most allowed per student.', v_held));
  end if;

  update app_public.events e set tickets_remaining = e.tickets_remaining - 1
  where e.id = book_ticket.event_id and e.tickets_remaining > 0;
  if not found then
    perform app_private.fail('TK409', 'SOLD_OUT', 'This event is sold out.');
  end if;

  insert into app_public.tickets (event_id, user_id, idempotency_key)
  values (book_ticket.event_id, v_user, book_ticket.idempotency_key)
  returning * into v_ticket;
  return v_ticket;
end $$;
-- GraphQL's bookTicket goes through the server's lock (src/graphql/booking-plugin.ts).
comment on function app_public.book_ticket(int, text) is E'@behavior -*';

create function app_public.cancel_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
  v_role text := app_public.current_app_role();
begin
  select * into v_ticket from app_public.tickets t where t.id = cancel_ticket.ticket_id for update;
  -- Someone else's ticket is reported exactly like a missing one.
  if v_ticket.id is null or (v_role <> 'admin' and v_ticket.user_id is distinct from app_public.current_user_id()) then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such ticket.');
  end if;
  if v_ticket.status = 'cancelled' then
    perform app_private.fail('TK409', 'ALREADY_CANCELLED',
      format('This ticket was already cancelled at %s.', v_ticket.cancelled_at));
  end if;
  if v_role <> 'admin' and exists (
    select from app_public.events e where e.id = v_ticket.event_id and e.starts_at <= now()
  ) then
    perform app_private.fail('TK409', 'EVENT_STARTED', 'This event has already started; tickets can no longer be cancelled.');
  end if;

  update app_public.tickets t set status = 'cancelled', cancelled_at = now()
  where t.id = v_ticket.id returning * into v_ticket;
  update app_public.events e set tickets_remaining = e.tickets_remaining + 1 where e.id = v_ticket.event_id;
  return v_ticket;
end $$;
comment on function app_public.cancel_ticket(int) is 'Cancel a ticket (its owner before the event starts, or an admin); the seat returns to sale.';

create function app_public.my_tickets() returns setof app_public.tickets
language sql stable as $$
  select * from app_public.tickets where user_id = app_public.current_user_id() order by booked_at desc, id desc
$$;
comment on function app_public.my_tickets() is 'The signed-in student''s tickets, newest first.';

grant execute on function
  app_public.booking_precheck(int, text),
  app_public.book_ticket(int, text),
  app_public.cancel_ticket(int),
  app_public.my_tickets()
to ticketing_student;

-- Bookings change only tickets_remaining: keep the inventory trigger off that hot path.
drop trigger _100_inventory on app_public.events;
create trigger _100_inventory before insert or update of name, venue, starts_at, total_tickets on app_public.events
  for each row execute function app_private.events_inventory();

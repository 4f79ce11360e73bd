--! Previous: sha1:63d6537f028bc90549c97a756be96dd87eb9b50c
--! Hash: sha1:68c0413660e8fc86382fa6aff08f679eab81ba37
--! Message: Booking groundwork: idempotency keys, fencing state, my tickets

--------------------------------------------------------------------------------
-- Booking groundwork: idempotency keys, fencing state, the caller's tickets.
--
-- Booking itself (app_private.allocate_seats, book_ticket, book_tickets) comes
-- after the ticket life cycle it has to know (paid holds, waitlist offers):
-- see the booking fast-path migration. Correctness rests on Postgres alone:
--   * pg_advisory_xact_lock(event) serialises bookings of one event,
--   * the seat count can never go below zero (CHECK, last line of defence),
--   * the fencing token (set by the server from its Redis lock, setting
--     booking.fencing_token) must never go backwards for an event, so a server
--     whose lock expired cannot write after the holder that replaced it.
--------------------------------------------------------------------------------

alter table app_public.tickets
  add column idempotency_key text,
  add constraint tickets_idempotency_key_valid check (length(idempotency_key) between 1 and 200);
create unique index tickets_user_idempotency_key_idx on app_public.tickets (user_id, idempotency_key)
  where idempotency_key is not null;
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

create function app_public.my_tickets() returns setof app_public.tickets
language sql stable as $$
  select * from app_public.tickets where user_id = app_public.current_user_id() order by booked_at desc, id desc
$$;
comment on function app_public.my_tickets() is 'The signed-in student''s tickets, newest first.';

grant execute on function app_public.my_tickets() to ticketing_student;

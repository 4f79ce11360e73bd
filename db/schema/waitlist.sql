--------------------------------------------------------------------------------
-- Waitlist: students waiting for a seat at a sold-out event.
--
-- A seat that comes back (cancel, expired hold, lapsed offer, more seats) goes
-- to the first waiting student who may take it (not at the per-student limit),
-- as an offer: a ticket with status 'offered' that holds the seat for
-- hold_minutes. Joining is allowed only while sales are open and sold out; a
-- returned seat is offered only while sales are open (after sales_end it goes
-- back to an inventory nobody can book). An offer already made can still be
-- accepted (and paid) until it lapses, like a hold. Cancelling the event closes
-- its waitlist (every waiting or offered entry: closed; cancellation.sql).
--------------------------------------------------------------------------------

create type app_public.waitlist_entry_status as enum ('waiting', 'offered', 'accepted', 'lapsed', 'left', 'closed');
comment on type app_public.waitlist_entry_status is
  'waiting: in line · offered: a seat is held for them (ticket_id) · accepted · lapsed: the offer expired · left · closed: the event was cancelled';

create table app_public.waitlist_entries (
  id         int generated always as identity primary key,
  event_id   int not null references app_public.events on delete cascade,
  user_id    int not null references app_public.users on delete cascade,
  status     app_public.waitlist_entry_status not null default 'waiting',
  ticket_id  int references app_public.tickets,
  created_at timestamptz not null default now(),
  offered_at timestamptz
);
comment on table app_public.waitlist_entries is E'@behavior -insert -update -delete\nA student waiting for a seat at a sold-out event.';
create unique index waitlist_entries_active_key on app_public.waitlist_entries (event_id, user_id)
  where status in ('waiting', 'offered');
create index waitlist_entries_queue_idx on app_public.waitlist_entries (event_id, id) where status = 'waiting';
create index waitlist_entries_user_idx on app_public.waitlist_entries (user_id);
alter table app_public.waitlist_entries enable row level security;
grant select on app_public.waitlist_entries to ticketing_student;
create policy waitlist_own on app_public.waitlist_entries for select to ticketing_student
  using (user_id = app_public.current_user_id());
create policy waitlist_admin on app_public.waitlist_entries for select to ticketing_admin using ((select app_public.current_app_role()) = 'admin');

create function app_public.waitlist_entries_position(w app_public.waitlist_entries) returns int
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select case when w.status = 'waiting' then 1 + (
    select count(*)::int from app_public.waitlist_entries o
    where o.event_id = w.event_id and o.status = 'waiting' and o.id < w.id
  ) end
$$;
comment on function app_public.waitlist_entries_position(app_public.waitlist_entries) is
  '1 for the next student to be offered a seat; null once no longer waiting.';
grant execute on function app_public.waitlist_entries_position(app_public.waitlist_entries) to ticketing_student;

-- Offer one seat of the event to the first waiting student who may take it
-- (not at the per-student limit). True if someone got the offer. Entries locked
-- by a concurrent offer are skipped, never waited for.
create function app_private.offer_seat_to_waitlist(event app_public.events) returns boolean
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

-- A seat came back (cancel, expired hold, lapsed offer): offer it to the
-- waitlist, or put it back on sale.
create function app_private.return_seat(event_id int) returns void
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

create function app_public.join_waitlist(event_id int) returns app_public.waitlist_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.waitlist_entries;
  v_refusal text;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('FORBIDDEN:waitlist');
  end if;
  perform app_private.require_verified_email(v_user);
  perform app_private.lock_event(join_waitlist.event_id);
  select * into v_event from app_public.events e where e.id = join_waitlist.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  -- Same order and words as booking: cancelled, started, then the window.
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(v_event));
  if v_refusal is not null then
    perform app_private.fail(v_refusal);
  end if;
  if v_event.tickets_remaining > 0 then
    perform app_private.fail('NOT_SOLD_OUT');
  end if;
  if exists (select from app_public.waitlist_entries w
             where w.event_id = v_event.id and w.user_id = v_user and w.status in ('waiting', 'offered')) then
    perform app_private.fail('ALREADY_WAITING');
  end if;
  if app_private.student_at_limit(v_event, v_user) then
    perform app_private.fail('LIMIT_REACHED');
  end if;
  insert into app_public.waitlist_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $$;
comment on function app_public.join_waitlist(integer) is
  'Join a sold-out event''s waitlist; seats that come back are offered in order.';
grant execute on function app_public.join_waitlist(integer) to ticketing_student;

create function app_public.leave_waitlist(entry_id int) returns app_public.waitlist_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_entry app_public.waitlist_entries;
begin
  update app_public.waitlist_entries w set status = 'left'
  where w.id = leave_waitlist.entry_id and w.user_id = app_public.current_user_id() and w.status = 'waiting'
  returning * into v_entry;
  if v_entry.id is null then
    perform app_private.fail('NOT_FOUND:waiting');
  end if;
  return v_entry;
end $$;
grant execute on function app_public.leave_waitlist(integer) to ticketing_student;

create function app_public.accept_waitlist_offer(entry_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
  v_event app_public.events;
begin
  select * into v_entry from app_public.waitlist_entries w
  where w.id = accept_waitlist_offer.entry_id and w.user_id = app_public.current_user_id();
  if v_entry.id is null then
    perform app_private.fail('NOT_FOUND:waitlist_entry');
  end if;
  perform app_private.require_verified_email(v_entry.user_id);
  perform app_private.lock_event(v_entry.event_id);
  select * into v_event from app_public.events e where e.id = v_entry.event_id;
  select * into v_entry from app_public.waitlist_entries w where w.id = v_entry.id for update;
  select * into v_ticket from app_public.tickets t where t.id = v_entry.ticket_id for update;
  if v_entry.status <> 'offered' or v_ticket.status <> 'offered' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('OFFER_NOT_AVAILABLE');
  end if;
  if app_private.student_at_limit(v_event, v_entry.user_id, except_ticket => v_ticket.id) then
    perform app_private.fail('LIMIT_REACHED:offer');
  end if;
  update app_public.waitlist_entries w set status = 'accepted' where w.id = v_entry.id;
  if v_ticket.price_cents > 0 then
    -- Paid event: the offer becomes a normal hold, to be paid like any booking.
    update app_public.tickets t set status = 'pending' where t.id = v_ticket.id returning * into v_ticket;
    return v_ticket;
  end if;
  return app_private.confirm_ticket(v_ticket.id);
end $$;
grant execute on function app_public.accept_waitlist_offer(integer) to ticketing_student;

--------------------------------------------------------------------------------
-- Tickets: the seat a student holds, and its life cycle.
--
--   free event:  confirmed ──cancel──▶ cancelled
--   paid event:  pending (hold, seat taken) ──paid──▶ confirmed
--                        └──hold expires──▶ expired (seat returns)
--   waitlist:    offered (seat reserved for one student) ──accept──▶ confirmed / pending
--                        └──offer lapses──▶ expired (seat goes to the next in line)
--
-- Written only by the functions here and in booking.sql, waitlist.sql and
-- payments.sql; each student sees their own. A returned seat goes to the first
-- waiting student if there is one, else back on sale (app_private.return_seat,
-- waitlist.sql), in the same transaction that freed it, so
--   tickets_remaining + live tickets (pending, offered, confirmed) = total_tickets
-- always holds.
--
-- Live and sold, defined once (used by booking, the waitlist, availability, the
-- leaderboard and analytics; nowhere else decides them):
--   * live (ticket_is_live): the ticket holds a seat: pending (held until paid),
--     offered (to a waitlisted student) or confirmed. Inventory (tickets_remaining)
--     and the per-student limit count live tickets.
--   * sold (ticket_is_sold): confirmed, and not cancelled since. The leaderboard
--     and analytics count sold tickets; tickets.confirmed_at is when.
--
-- Lock order everywhere: event lock (lock_event, booking.sql) → event row →
-- ticket rows → payment rows.
--------------------------------------------------------------------------------

-- The life cycle above, as a type: GraphQL's TicketStatus, TypeScript's TicketStatus (src/generated/vocabulary.ts).
create type app_public.ticket_status as enum ('pending', 'offered', 'confirmed', 'cancelled', 'expired');
comment on type app_public.ticket_status is
  'pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired';

create table app_public.tickets (
  id              int generated always as identity primary key,
  event_id        int not null references app_public.events on delete restrict,
  user_id         int not null references app_public.users on delete restrict,
  status          app_public.ticket_status not null default 'confirmed',
  booked_at       timestamptz not null default now(),
  cancelled_at    timestamptz,
  idempotency_key text,
  price_cents     int not null default 0,
  hold_expires_at timestamptz,
  paid_at         timestamptz,
  check_in_code   text,
  checked_in_at   timestamptz,
  confirmed_at    timestamptz,
  constraint tickets_cancelled_at_valid check ((status = 'cancelled') = (cancelled_at is not null)),
  constraint tickets_idempotency_key_valid check (length(idempotency_key) between 1 and 200),
  constraint tickets_check_in_code_key unique (check_in_code),
  constraint tickets_hold_expires_at_valid check ((status in ('pending', 'offered')) <= (hold_expires_at is not null)),
  constraint tickets_check_in_code_valid check ((status = 'confirmed') <= (check_in_code is not null)),
  constraint tickets_confirmed_at_valid check ((status = 'confirmed') <= (confirmed_at is not null))
);
comment on table app_public.tickets is E'@behavior -insert -update -delete\nA seat at an event, held by one student.';
comment on column app_public.tickets.status is
  'pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired';
comment on column app_public.tickets.idempotency_key is E'@behavior -*';
comment on column app_public.tickets.check_in_code is 'Unguessable code to show at the door (put it in a QR code).';
comment on column app_public.tickets.confirmed_at is 'When the ticket was confirmed (sold); stays set if it is cancelled later.';
create index tickets_event_id_idx on app_public.tickets (event_id);
create index tickets_user_id_idx on app_public.tickets (user_id, event_id);
-- Idempotency keys are scoped to the event and the student (booking.sql).
create unique index tickets_event_user_idempotency_key_idx on app_public.tickets (event_id, user_id, idempotency_key)
  where idempotency_key is not null;
-- Per-student limit checks count a student's live tickets for one event.
create index tickets_live_idx on app_public.tickets (event_id, user_id) where status in ('pending', 'offered', 'confirmed');
create index tickets_holds_idx on app_public.tickets (hold_expires_at) where status in ('pending', 'offered');

alter table app_public.tickets enable row level security;
grant select on app_public.tickets to ticketing_student;
create policy tickets_own on app_public.tickets for select to ticketing_student
  using (user_id = app_public.current_user_id());
create policy tickets_admin on app_public.tickets for select to ticketing_admin using ((select app_public.current_app_role()) = 'admin');

create function app_private.ticket_is_live(status app_public.ticket_status) returns boolean
language sql immutable parallel safe as $$
  select status in ('pending', 'offered', 'confirmed')
$$;
comment on function app_private.ticket_is_live(app_public.ticket_status) is
  'The ticket holds a seat (held, offered or confirmed): counted by inventory and by the per-student limit.';

create function app_private.ticket_is_sold(status app_public.ticket_status) returns boolean
language sql immutable parallel safe as $$
  select status = 'confirmed'
$$;
comment on function app_private.ticket_is_sold(app_public.ticket_status) is
  'The seat is sold (free booking, paid hold, accepted offer): counted by the leaderboard and analytics.';

create function app_private.new_check_in_code() returns text
language sql volatile as $$
  select 'TKT-' || upper(encode(gen_random_bytes(12), 'hex'))
$$;

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

-- Booking confirmation emails each of these students may still get for this
-- event: at most max_hits per `per` (throttle_rules.booking_confirmation_emails),
-- counted from their tickets confirmed within the window, so a book/cancel loop
-- mails once. Read once per booking batch (allocate_seats) or confirmation.
create function app_private.booking_emails_left(event_id int, user_ids int[])
returns table (user_id int, emails_left int)
language sql stable as $$
  select u.id, (r.max_hits - count(t.id))::int
  from unnest(user_ids) as u(id)
  left join app_private.throttle_rules r on r.rule = 'booking_confirmation_emails'
  left join app_public.tickets t
    on t.user_id = u.id and t.event_id = booking_emails_left.event_id and t.confirmed_at > now() - r.per
  group by u.id, r.max_hits
$$;

-- Confirm a ticket (payment, accepted offer): code + email. Free bookings confirm
-- in allocate_seats (booking.sql), many at once.
create function app_private.confirm_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile as $$
declare
  v_ticket app_public.tickets;
  v_event app_public.events;
  v_emails_left int;
begin
  -- Counted before this ticket's own confirmation does.
  select l.emails_left into v_emails_left
  from app_public.tickets t, app_private.booking_emails_left(t.event_id, array[t.user_id]) l
  where t.id = confirm_ticket.ticket_id;
  update app_public.tickets t
  set status = 'confirmed', hold_expires_at = null, check_in_code = app_private.new_check_in_code(),
      paid_at = case when t.price_cents > 0 then now() end
  where t.id = confirm_ticket.ticket_id
  returning * into v_ticket;
  select * into v_event from app_public.events e where e.id = v_ticket.event_id;
  if coalesce(v_emails_left > 0, true) then
    perform app_private.enqueue_email('booking_confirmed', v_ticket.user_id, 'booking_confirmed:' || v_ticket.id,
      format('Your ticket for %s', v_event.name),
      format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
             to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_ticket.check_in_code),
      v_event.id);
  end if;
  return v_ticket;
end $$;

create function app_public.my_tickets() returns setof app_public.tickets
language sql stable as $$
  select * from app_public.tickets where user_id = app_public.current_user_id() order by booked_at desc, id desc
$$;
comment on function app_public.my_tickets() is 'The signed-in student''s tickets, newest first.';
grant execute on function app_public.my_tickets() to ticketing_student;

-- Cancelling: the seat goes to the waitlist or back on sale; a paid ticket's money goes back.
create function app_public.cancel_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
  v_role text := app_public.current_app_role();
begin
  select * into v_ticket from app_public.tickets t where t.id = cancel_ticket.ticket_id;
  -- Someone else's ticket is reported exactly like a missing one.
  if v_ticket.id is null or (v_role <> 'admin' and v_ticket.user_id is distinct from app_public.current_user_id()) then
    perform app_private.fail('NOT_FOUND:ticket');
  end if;
  perform app_private.lock_event(v_ticket.event_id);
  select * into v_ticket from app_public.tickets t where t.id = v_ticket.id for update;
  if v_ticket.status = 'cancelled' then
    perform app_private.fail('ALREADY_CANCELLED', null,
      to_char(v_ticket.cancelled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_ticket.status = 'expired' then
    perform app_private.fail('TICKET_EXPIRED');
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('ALREADY_CHECKED_IN:cancel', null,
      to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_role <> 'admin' and exists (
    select from app_public.events e where e.id = v_ticket.event_id and e.starts_at <= now()
  ) then
    perform app_private.fail('EVENT_STARTED:cancel');
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
comment on function app_public.cancel_ticket(integer) is
  'Cancel a ticket (its owner before the event starts, or an admin); the seat goes to the waitlist or back on sale.';
grant execute on function app_public.cancel_ticket(integer) to ticketing_student;

-- At the door of the event the desk names: a ticket for another event is refused
-- (WRONG_EVENT) before any other answer, and stays unused for its own door.
create function app_public.check_in(code text, event_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
  v_event_name text;
begin
  if check_in.event_id is null then
    perform app_private.fail('INVALID_INPUT:event_id', 'event_id');
  end if;
  -- Before the code is looked at: someone who may not admit to this event learns nothing about it.
  if not app_hidden.may_on_event('check_in', check_in.event_id) then
    perform app_private.fail('FORBIDDEN:check_in');
  end if;
  select * into v_ticket from app_public.tickets t where t.check_in_code = upper(btrim(check_in.code)) for update;
  -- Rights re-checked under lock: the wait for the ticket (another desk scanning
  -- it) may outlast the caller's membership; a volunteer removed meanwhile admits nobody.
  if not app_hidden.may_on_event('check_in', check_in.event_id) then
    perform app_private.fail('FORBIDDEN:check_in');
  end if;
  if v_ticket.id is null then
    perform app_private.fail('NOT_FOUND:check_in_code');
  end if;
  -- Before any other answer: a ticket for another event is never used up here.
  if v_ticket.event_id <> check_in.event_id then
    select e.name into v_event_name from app_public.events e where e.id = v_ticket.event_id;
    perform app_private.fail('WRONG_EVENT', null, v_event_name);
  end if;
  if v_ticket.status <> 'confirmed' then
    perform app_private.fail('TICKET_NOT_VALID', null, v_ticket.status::text);
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('ALREADY_CHECKED_IN', null,
      to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  update app_public.tickets t set checked_in_at = now() where t.id = v_ticket.id returning * into v_ticket;
  -- For tickets_holder_name, read from this answer in the same statement (see there).
  perform set_config('ticketing.admitted_ticket', v_ticket.id::text, true);
  return v_ticket;
end $$;
comment on function app_public.check_in(text, integer) is
  'Admit the holder of a confirmed ticket for this event (admins; the staff of the club running it, door volunteers included). A code works once; a ticket for another event is refused (WRONG_EVENT).';
grant execute on function app_public.check_in(text, integer) to ticketing_student;

-- The name on a ticket, for the person checking it at the door: a volunteer must
-- tell that whoever shows the code is its holder. Door staff cannot read users
-- or other people's tickets (no policy lets them); this opens exactly the name,
-- of a ticket admitted at a door of their club's event, which is how the desk
-- meets it: check_in returns the ticket it admitted and its holder_name is read
-- from that answer. The holder and admins see it too, and the club's owners and
-- managers (who see every attendee by name anyway).
-- The answer of check_in is read in the statement that called it, whose snapshot
-- predates the admission, so the stored checked_in_at is still null there:
-- check_in names the ticket it admitted in a transaction-local setting
-- (ticketing.admitted_ticket), which this reads. Everything else is read from the
-- stored ticket, never from the row handed in: a made-up row names nobody.
create function app_public.tickets_holder_name(t app_public.tickets) returns text
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select u.name from app_public.tickets k join app_public.users u on u.id = k.user_id
  where k.id = t.id
    and (k.user_id = app_public.current_user_id()
         or app_hidden.may_on_event('run_events', k.event_id)
         or ((k.checked_in_at is not null or current_setting('ticketing.admitted_ticket', true) = k.id::text)
             and app_hidden.may_on_event('check_in', k.event_id)))
$$;
comment on function app_public.tickets_holder_name(app_public.tickets) is
  'The holder''s name, to compare with the person at the door: for the holder, admins, the organisers of the event, and its door staff once the ticket is checked in (the checkIn answer).';
grant execute on function app_public.tickets_holder_name(app_public.tickets) to ticketing_student;

-- Who holds a ticket for an event, for its organisers: the club's owners and
-- managers, and admins (door staff only check in). Expired holds are left out.
create type app_public.attendee as (
  ticket_id     int,
  user_id       int,
  name          text,
  email         text,
  status        app_public.ticket_status,
  booked_at     timestamptz,
  checked_in_at timestamptz
);

create function app_public.events_attendees(e app_public.events) returns setof app_public.attendee
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if not app_hidden.club_permits('run_events', e.club_id) then
    perform app_private.fail('FORBIDDEN:attendees');
  end if;
  return query
    select t.id, u.id, u.name, u.email::text, t.status, t.booked_at, t.checked_in_at
    from app_public.tickets t join app_public.users u on u.id = t.user_id
    where t.event_id = e.id and t.status <> 'expired'
    order by u.name, t.id;
end $$;
comment on function app_public.events_attendees(app_public.events) is
  'Ticket holders of this event (not expired holds), by name: the owners and managers of its club, and admins.';
grant execute on function app_public.events_attendees(app_public.events) to ticketing_student;

-- Holds that lapse: unpaid pending tickets and unanswered offers, event by
-- event in id order (so two runs, or a run and a booking, never deadlock).
create function app_private.expire_holds() returns int
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

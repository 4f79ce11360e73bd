--! Previous: sha1:72186006dd29e01b9dd246add9bdd41ccdfc114d
--! Hash: sha1:3f07244cd314ce766347f49fbcb3e05b9424cb19
--! Message: Background flows: holds and payments, waitlist, check-in, categories, leaderboard, analytics, email outbox

--------------------------------------------------------------------------------
-- Background flows: paid events with holds, waitlist, check-in, categories,
-- leaderboard, admin analytics, email outbox.
--
-- Ticket life cycle:
--   free event:  confirmed ──cancel──▶ cancelled
--   paid event:  pending (hold, seat taken) ──paid──▶ confirmed
--                        └──hold expires──▶ expired (seat returns)
--   waitlist:    offered (seat reserved for one student) ──accept──▶ confirmed / pending
--                        └──offer lapses──▶ expired (seat goes to the next in line)
-- A returned seat goes to the first waiting student if there is one, else back
-- on sale (app_private.return_seat), in the same transaction that freed it, so
-- tickets_remaining + live tickets (pending, offered, confirmed) = total_tickets
-- always holds. Jobs are queued with graphile_worker.add_job and run by src/worker.
--------------------------------------------------------------------------------

-- The role a verified payment webhook runs as: it may settle payments, nothing else.
do $$
begin
  if not exists (select from pg_roles where rolname = 'ticketing_webhook') then
    create role ticketing_webhook nologin;
  end if;
exception when duplicate_object or unique_violation then
  null;
end $$;
grant ticketing_webhook to ticketing_authenticator;

-- Categories -------------------------------------------------------------------

create table app_public.categories (
  id         int generated always as identity primary key,
  name       citext not null,
  created_at timestamptz not null default now(),
  constraint categories_name_key unique (name),
  constraint categories_name_valid check (name = btrim(name) and length(name) between 1 and 60)
);
comment on table app_public.categories is 'Kinds of events (Concert, Sports, Tech Fest, Workshop, …), managed by admins.';
alter table app_public.categories enable row level security;
grant select on app_public.categories to ticketing_anonymous;
grant insert (name), update (name), delete on app_public.categories to ticketing_admin;
create policy categories_read on app_public.categories for select to ticketing_anonymous using (true);
create policy categories_admin on app_public.categories for all to ticketing_admin using (true) with check (true);
insert into app_public.categories (name) values ('Concert'), ('Sports'), ('Tech Fest'), ('Workshop'), ('Talk'), ('Party');

-- Events: category, price, hold length, first sell-out -----------------------------

alter table app_public.events
  add column category_id int references app_public.categories on delete set null,
  add column price_cents int not null default 0,
  add column hold_minutes int not null default 10,
  add column sold_out_at timestamptz,
  add constraint events_price_cents_valid check (price_cents between 0 and 1000000),
  add constraint events_hold_minutes_valid check (hold_minutes between 1 and 1440);
create index events_category_id_idx on app_public.events (category_id);
comment on column app_public.events.price_cents is 'Ticket price in cents; 0 is a free event (booked instantly, no payment).';
comment on column app_public.events.hold_minutes is 'How long a paid booking or a waitlist offer holds its seat.';
comment on column app_public.events.sold_out_at is E'@behavior -insert -update\nWhen the event first sold out.';
grant insert (category_id, price_cents, hold_minutes), update (category_id, price_cents, hold_minutes)
  on app_public.events to ticketing_admin;

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

drop function app_public.upcoming_events();
create function app_public.upcoming_events(category_id int default null) returns setof app_public.events
language sql stable as $$
  select * from app_public.events e
  where e.starts_at > now() and (upcoming_events.category_id is null or e.category_id = upcoming_events.category_id)
  order by e.starts_at, e.id
$$;
comment on function app_public.upcoming_events(int) is 'Events that have not started yet, soonest first; optionally one category.';
grant execute on function app_public.upcoming_events(int) to ticketing_anonymous;

-- Availability messages carry the category, and go to a per-category topic too.
create or replace function app_public.event_availability_json(e app_public.events) returns text
language sql stable parallel safe as $$
  select json_build_object(
    'event_id', e.id,
    'tickets_remaining', e.tickets_remaining,
    'total_tickets', e.total_tickets,
    'sold_out', e.tickets_remaining = 0,
    'version', e.availability_version,
    'category_id', e.category_id
  )::text
$$;

create or replace function app_private.events_notify_availability() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_payload text := app_public.event_availability_json(new);
begin
  perform pg_notify('ticketing:event:' || new.id, v_payload);
  perform pg_notify('ticketing:events', v_payload);
  if new.category_id is not null then
    perform pg_notify('ticketing:category:' || new.category_id, v_payload);
  end if;
  return null;
end $$;

-- Tickets: statuses, holds, payments, check-in -----------------------------------

create function app_private.new_check_in_code() returns text
language sql volatile as $$
  select 'TKT-' || upper(encode(gen_random_bytes(12), 'hex'))
$$;

alter table app_public.tickets
  drop constraint tickets_status_valid,
  add constraint tickets_status_valid check (status in ('pending', 'offered', 'confirmed', 'cancelled', 'expired')),
  add column price_cents int not null default 0,
  add column hold_expires_at timestamptz,
  add column paid_at timestamptz,
  add column check_in_code text,
  add column checked_in_at timestamptz;
update app_public.tickets set check_in_code = app_private.new_check_in_code() where status = 'confirmed';
alter table app_public.tickets
  add constraint tickets_check_in_code_key unique (check_in_code),
  add constraint tickets_hold_expires_at_valid check ((status in ('pending', 'offered')) <= (hold_expires_at is not null)),
  add constraint tickets_check_in_code_valid check ((status = 'confirmed') <= (check_in_code is not null));
comment on column app_public.tickets.status is
  'pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired';
comment on column app_public.tickets.check_in_code is 'Unguessable code to show at the door (put it in a QR code).';

-- Per-student limit checks count a student's live tickets for one event.
create index tickets_live_idx on app_public.tickets (event_id, user_id) where status in ('pending', 'offered', 'confirmed');
create index tickets_holds_idx on app_public.tickets (hold_expires_at) where status in ('pending', 'offered');

-- Email outbox -----------------------------------------------------------------
-- One row per message; the dedupe key makes "the same message" unique, and the
-- send_email job marks it sent, so a retried job never sends it twice.

create table app_private.outbox (
  id         bigint generated always as identity primary key,
  dedupe_key text not null unique,
  kind       text not null,
  user_id    int not null references app_public.users on delete cascade,
  subject    text not null,
  body       text not null,
  created_at timestamptz not null default now(),
  sent_at    timestamptz
);
alter table app_private.outbox enable row level security;

-- Add a message to the outbox (once per dedupe key); returns its id, or null
-- if that message already exists.
create function app_private.add_to_outbox(kind text, user_id int, dedupe_key text, subject text, body text)
returns bigint
language sql volatile as $$
  insert into app_private.outbox (kind, user_id, dedupe_key, subject, body)
  values (kind, user_id, dedupe_key, subject, body)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id
$$;

-- One message, sent by its own job. (Booking batches add many messages and
-- queue one send_email job for all of them.)
create function app_private.enqueue_email(kind text, user_id int, dedupe_key text, subject text, body text)
returns void
language plpgsql volatile as $$
declare
  v_id bigint := app_private.add_to_outbox(kind, user_id, dedupe_key, subject, body);
begin
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $$;

-- Confirm a ticket (free booking, payment, accepted offer): code + email.
create function app_private.confirm_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile as $$
declare
  v_ticket app_public.tickets;
  v_event app_public.events;
begin
  update app_public.tickets t
  set status = 'confirmed', hold_expires_at = null, check_in_code = app_private.new_check_in_code(),
      paid_at = case when t.price_cents > 0 then now() end
  where t.id = confirm_ticket.ticket_id
  returning * into v_ticket;
  select * into v_event from app_public.events e where e.id = v_ticket.event_id;
  perform app_private.enqueue_email('booking_confirmed', v_ticket.user_id, 'booking_confirmed:' || v_ticket.id,
    format('Your ticket for %s', v_event.name),
    format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
           to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), v_ticket.check_in_code));
  return v_ticket;
end $$;

-- Waitlist ---------------------------------------------------------------------

create table app_public.waitlist_entries (
  id         int generated always as identity primary key,
  event_id   int not null references app_public.events on delete cascade,
  user_id    int not null references app_public.users on delete cascade,
  status     text not null default 'waiting',
  ticket_id  int references app_public.tickets,
  created_at timestamptz not null default now(),
  offered_at timestamptz,
  constraint waitlist_entries_status_valid check (status in ('waiting', 'offered', 'accepted', 'lapsed', 'left'))
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
create policy waitlist_admin on app_public.waitlist_entries for select to ticketing_admin using (true);

create function app_public.waitlist_entries_position(w app_public.waitlist_entries) returns int
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select case when w.status = 'waiting' then 1 + (
    select count(*)::int from app_public.waitlist_entries o
    where o.event_id = w.event_id and o.status = 'waiting' and o.id < w.id
  ) end
$$;
comment on function app_public.waitlist_entries_position(app_public.waitlist_entries) is
  '1 for the next student to be offered a seat; null once no longer waiting.';

-- A seat came back (cancel, expired hold, lapsed offer): offer it to the first
-- waiting student, or put it back on sale. Runs under the event's advisory lock.
create function app_private.return_seat(event_id int) returns void
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
begin
  perform pg_advisory_xact_lock(hashtext('ticketing.event'), return_seat.event_id);
  select * into v_event from app_public.events e where e.id = return_seat.event_id;
  select * into v_entry from app_public.waitlist_entries w
  where w.event_id = return_seat.event_id and w.status = 'waiting'
  order by w.id limit 1 for update;

  if v_entry.id is null or v_event.starts_at <= now() then
    update app_public.events e set tickets_remaining = e.tickets_remaining + 1 where e.id = return_seat.event_id;
    return;
  end if;

  insert into app_public.tickets (event_id, user_id, status, price_cents, hold_expires_at)
  values (v_event.id, v_entry.user_id, 'offered', v_event.price_cents, now() + make_interval(mins => v_event.hold_minutes))
  returning * into v_ticket;
  update app_public.waitlist_entries w set status = 'offered', ticket_id = v_ticket.id, offered_at = now()
  where w.id = v_entry.id;
  perform graphile_worker.add_job('expire_holds', run_at := v_ticket.hold_expires_at, job_key := 'expire_holds:' || v_ticket.id);
  perform app_private.enqueue_email('waitlist_offer', v_entry.user_id, 'waitlist_offer:' || v_ticket.id,
    format('A seat for %s is yours if you want it', v_event.name),
    format(E'A seat for %s opened up. Accept it before %s or it goes to the next person in line.',
           v_event.name, to_char(v_ticket.hold_expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')));
end $$;

create function app_public.join_waitlist(event_id int) returns app_public.waitlist_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.waitlist_entries;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only students can join a waitlist.');
  end if;
  perform pg_advisory_xact_lock(hashtext('ticketing.event'), join_waitlist.event_id);
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
  if (select count(*) from app_public.tickets t where t.event_id = v_event.id and t.user_id = v_user
        and t.status in ('pending', 'offered', 'confirmed')) >= v_event.max_tickets_per_student then
    perform app_private.fail('TK409', 'LIMIT_REACHED', 'You already hold the most tickets allowed for this event.');
  end if;
  insert into app_public.waitlist_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $$;
comment on function app_public.join_waitlist(int) is 'Join a sold-out event''s waitlist; seats that come back are offered in order.';

create function app_public.leave_waitlist(entry_id int) returns app_public.waitlist_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_entry app_public.waitlist_entries;
begin
  update app_public.waitlist_entries w set status = 'left'
  where w.id = leave_waitlist.entry_id and w.user_id = app_public.current_user_id() and w.status = 'waiting'
  returning * into v_entry;
  if v_entry.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'You are not waiting on that waitlist entry.');
  end if;
  return v_entry;
end $$;

create function app_public.accept_waitlist_offer(entry_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
begin
  select * into v_entry from app_public.waitlist_entries w
  where w.id = accept_waitlist_offer.entry_id and w.user_id = app_public.current_user_id() for update;
  if v_entry.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such waitlist entry.');
  end if;
  select * into v_ticket from app_public.tickets t where t.id = v_entry.ticket_id for update;
  if v_entry.status <> 'offered' or v_ticket.status <> 'offered' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('TK409', 'OFFER_NOT_AVAILABLE', 'There is no open offer on this entry (it may have lapsed).');
  end if;
  update app_public.waitlist_entries w set status = 'accepted' where w.id = v_entry.id;
  if v_ticket.price_cents > 0 then
    -- Paid event: the offer becomes a normal hold, to be paid like any booking.
    update app_public.tickets t set status = 'pending' where t.id = v_ticket.id returning * into v_ticket;
    return v_ticket;
  end if;
  return app_private.confirm_ticket(v_ticket.id);
end $$;

-- Holds that lapse: unpaid pending tickets and unanswered offers. Idempotent;
-- run by the expire_holds job (queued for each hold's expiry, and every minute).
create function app_private.expire_holds() returns int
language plpgsql volatile as $$
declare
  v_ticket app_public.tickets;
  v_event app_public.events;
  v_count int := 0;
begin
  for v_ticket in
    select * from app_public.tickets t
    where t.status in ('pending', 'offered') and t.hold_expires_at <= now()
    order by t.hold_expires_at
    for update skip locked
  loop
    update app_public.tickets t set status = 'expired' where t.id = v_ticket.id;
    update app_public.waitlist_entries w set status = 'lapsed' where w.ticket_id = v_ticket.id and w.status = 'offered';
    select * into v_event from app_public.events e where e.id = v_ticket.event_id;
    perform app_private.enqueue_email(
      case v_ticket.status when 'pending' then 'hold_expired' else 'offer_lapsed' end,
      v_ticket.user_id, 'hold_expired:' || v_ticket.id,
      format('Your hold for %s has expired', v_event.name),
      format('The seat we held for you at %s was released because it was not %s in time.', v_event.name,
             case v_ticket.status when 'pending' then 'paid' else 'accepted' end));
    perform app_private.return_seat(v_ticket.event_id);
    v_count := v_count + 1;
  end loop;
  return v_count;
end $$;

-- Cancelling: the seat goes to the waitlist or back on sale -------------------------

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
  if v_ticket.status = 'expired' then
    perform app_private.fail('TK409', 'TICKET_EXPIRED', 'This hold has already expired; its seat was released.');
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
    update app_private.payments p set status = 'refunded', updated_at = now()
    where p.ticket_id = v_ticket.id and p.status = 'succeeded';
  end if;
  perform app_private.return_seat(v_ticket.event_id);
  return v_ticket;
end $$;
comment on function app_public.cancel_ticket(int) is
  'Cancel a ticket (its owner before the event starts, or an admin); the seat goes to the waitlist or back on sale.';

-- Payments (mock provider in src/payments) ---------------------------------------

create table app_private.payments (
  intent_id    text primary key,
  ticket_id    int not null references app_public.tickets,
  amount_cents int not null,
  status       text not null default 'created',
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint payments_status_valid check (status in ('created', 'succeeded', 'refunded'))
);
create index payments_ticket_id_idx on app_private.payments (ticket_id);
alter table app_private.payments enable row level security;

-- The owner of a pending ticket starts paying: the amount comes from the ticket.
create function app_public.ticket_payment_amount(ticket_id int) returns int
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
begin
  select * into v_ticket from app_public.tickets t
  where t.id = ticket_payment_amount.ticket_id and t.user_id = app_public.current_user_id();
  if v_ticket.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such ticket.');
  end if;
  if v_ticket.status <> 'pending' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('TK409', 'NOT_PAYABLE', format('This ticket is %s; only a held ticket can be paid.',
      case when v_ticket.status = 'pending' then 'expired' else v_ticket.status end));
  end if;
  return v_ticket.price_cents;
end $$;
comment on function app_public.ticket_payment_amount(int) is E'@behavior -*';

create function app_public.record_payment_intent(ticket_id int, intent_id text, amount_cents int) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform app_public.ticket_payment_amount(ticket_id);
  insert into app_private.payments (intent_id, ticket_id, amount_cents) values (intent_id, ticket_id, amount_cents);
end $$;
comment on function app_public.record_payment_intent(int, text, int) is E'@behavior -*';

-- Called by the verified payment webhook only (role ticketing_webhook).
-- 'confirmed': the ticket is paid · 'refund': too late (hold expired or ticket
-- cancelled) so the money goes back and the seat is never allocated twice ·
-- 'duplicate': this payment was already handled.
create function app_public.settle_payment(intent_id text, amount_cents int) returns text
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_payment app_private.payments;
  v_ticket app_public.tickets;
begin
  select * into v_payment from app_private.payments p where p.intent_id = settle_payment.intent_id for update;
  if v_payment.intent_id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'Unknown payment.');
  end if;
  if v_payment.status <> 'created' then
    return 'duplicate';
  end if;
  if v_payment.amount_cents <> settle_payment.amount_cents then
    perform app_private.fail('TK400', 'AMOUNT_MISMATCH', 'The paid amount does not match the ticket price.');
  end if;
  select * into v_ticket from app_public.tickets t where t.id = v_payment.ticket_id for update;
  if v_ticket.status = 'pending' and v_ticket.hold_expires_at > now() then
    update app_private.payments p set status = 'succeeded', updated_at = now() where p.intent_id = v_payment.intent_id;
    perform app_private.confirm_ticket(v_ticket.id);
    return 'confirmed';
  end if;
  update app_private.payments p set status = 'refunded', updated_at = now() where p.intent_id = v_payment.intent_id;
  return 'refund';
end $$;
comment on function app_public.settle_payment(text, int) is E'@behavior -*';

-- Check-in -----------------------------------------------------------------------

create function app_public.check_in(code text) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only admins can check tickets in.');
  end if;
  select * into v_ticket from app_public.tickets t where t.check_in_code = upper(btrim(check_in.code)) for update;
  if v_ticket.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No ticket has this code.');
  end if;
  if v_ticket.status <> 'confirmed' then
    perform app_private.fail('TK409', 'TICKET_NOT_VALID', format('This ticket is %s, not valid for entry.', v_ticket.status));
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('TK409', 'ALREADY_CHECKED_IN',
      format('Already checked in at %s.', to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"')));
  end if;
  update app_public.tickets t set checked_in_at = now() where t.id = v_ticket.id returning * into v_ticket;
  return v_ticket;
end $$;
comment on function app_public.check_in(text) is 'Admit the holder of a confirmed ticket (admins, at the door). A code works once.';

-- Leaderboard (refreshed by the refresh_leaderboard job, not per request) ----------

create materialized view app_public.event_leaderboard as
  select e.id as event_id,
         e.name,
         e.category_id,
         e.total_tickets,
         (select count(*) from app_public.tickets t
          where t.event_id = e.id and t.status in ('pending', 'confirmed'))::int as tickets_sold,
         e.sold_out_at,
         extract(epoch from e.sold_out_at - e.created_at)::int as seconds_to_sell_out
  from app_public.events e;
create unique index event_leaderboard_event_id_idx on app_public.event_leaderboard (event_id);
comment on materialized view app_public.event_leaderboard is
  'Popularity per event, refreshed by a background job (every minute and when an event sells out).';
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
comment on function app_public.fastest_sellouts(int) is 'Events that sold out, fastest first.';

create function app_private.events_queue_leaderboard() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform graphile_worker.add_job('refresh_leaderboard', job_key := 'refresh_leaderboard');
  return null;
end $$;
-- No column list: sold_out_at is set by a BEFORE trigger, never by the UPDATE itself.
create trigger _910_leaderboard_on_sell_out after update on app_public.events
  for each row when (old.sold_out_at is null and new.sold_out_at is not null)
  execute function app_private.events_queue_leaderboard();

-- Event changes reach every holder --------------------------------------------------

create function app_private.events_notify_holders() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int;
begin
  for v_user in
    select distinct t.user_id from app_public.tickets t
    where t.event_id = new.id and t.status in ('pending', 'offered', 'confirmed')
  loop
    perform app_private.enqueue_email('event_changed', v_user,
      format('event_changed:%s:%s:%s', new.id, extract(epoch from new.updated_at), v_user),
      format('%s has changed', new.name),
      format('%s is now at %s on %s.', new.name, new.venue,
             to_char(new.starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')));
  end loop;
  return null;
end $$;
create trigger _920_notify_holders after update of starts_at, venue on app_public.events
  for each row when (old.starts_at is distinct from new.starts_at or old.venue is distinct from new.venue)
  execute function app_private.events_notify_holders();

-- Admin analytics -------------------------------------------------------------------

create type app_public.event_stats as (
  event_id int,
  total_tickets int,
  tickets_sold int,
  tickets_held int,
  tickets_remaining int,
  sell_through_percent numeric,
  cancellations int,
  expired_holds int,
  waitlist_size int,
  checked_in int,
  check_in_rate_percent numeric
);

create function app_public.event_analytics(event_id int) returns app_public.event_stats
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_stats app_public.event_stats;
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Analytics are for admins.');
  end if;
  select e.id, e.total_tickets,
         count(*) filter (where t.status = 'confirmed'),
         count(*) filter (where t.status in ('pending', 'offered')),
         e.tickets_remaining,
         round(100.0 * count(*) filter (where t.status = 'confirmed') / e.total_tickets, 1),
         count(*) filter (where t.status = 'cancelled'),
         count(*) filter (where t.status = 'expired'),
         (select count(*) from app_public.waitlist_entries w where w.event_id = e.id and w.status = 'waiting'),
         count(*) filter (where t.checked_in_at is not null),
         round(100.0 * count(*) filter (where t.checked_in_at is not null)
               / nullif(count(*) filter (where t.status = 'confirmed'), 0), 1)
  into v_stats
  from app_public.events e left join app_public.tickets t on t.event_id = e.id
  where e.id = event_analytics.event_id
  group by e.id;
  if v_stats.event_id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  return v_stats;
end $$;
comment on function app_public.event_analytics(int) is 'Sales, holds, cancellations, waitlist and check-ins of one event (admins).';

create function app_public.event_sales_over_time(event_id int, bucket text default 'hour')
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
    select date_trunc(bucket, t.booked_at), count(*)::int
    from app_public.tickets t
    where t.event_id = event_sales_over_time.event_id and t.status in ('pending', 'confirmed')
    group by 1 order by 1;
end $$;
comment on function app_public.event_sales_over_time(int, text) is 'Tickets sold per minute/hour/day/week (admins).';

create function app_public.category_totals()
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
      where t.event_id = e.id and t.status in ('pending', 'confirmed')
    ) s on true
    group by c.id order by c.name;
end $$;
comment on function app_public.category_totals() is 'Events, seats and sales per category (admins).';

-- Grants -------------------------------------------------------------------------------

grant execute on function
  app_public.cancel_ticket(int),
  app_public.waitlist_entries_position(app_public.waitlist_entries),
  app_public.join_waitlist(int),
  app_public.leave_waitlist(int),
  app_public.accept_waitlist_offer(int),
  app_public.ticket_payment_amount(int),
  app_public.record_payment_intent(int, text, int)
to ticketing_student;
grant execute on function
  app_public.popular_events(int),
  app_public.fastest_sellouts(int)
to ticketing_anonymous;
grant execute on function
  app_public.check_in(text),
  app_public.event_analytics(int),
  app_public.event_sales_over_time(int, text),
  app_public.category_totals()
to ticketing_admin;
grant usage on schema app_public to ticketing_webhook;
grant execute on function app_public.settle_payment(text, int) to ticketing_webhook;

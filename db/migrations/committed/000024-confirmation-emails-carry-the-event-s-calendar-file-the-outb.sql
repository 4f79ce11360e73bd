--! Previous: sha1:9becd82a98f533d803c8b7cec4f437e755d40a04
--! Hash: sha1:fc1c120d6756c88b3be48d6050650db04eaaf20f
--! Message: Confirmation emails carry the event's calendar file: the outbox names the event

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

drop function if exists "app_private"."add_to_outbox"(kind text, user_id integer, dedupe_key text, subject text, body text);

drop function if exists "app_private"."enqueue_email"(kind text, user_id integer, dedupe_key text, subject text, body text);

alter table "app_private"."outbox" add column "event_id" integer;

alter table "app_private"."outbox" add constraint "outbox_event_id_fkey" FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE SET NULL not valid;

alter table "app_private"."outbox" validate constraint "outbox_event_id_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_private.add_to_outbox(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer DEFAULT NULL::integer)
 RETURNS bigint
 LANGUAGE sql
AS $function$
  insert into app_private.outbox (kind, user_id, dedupe_key, subject, body, event_id)
  values (kind, user_id, dedupe_key, subject, body, event_id)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id
$function$
;

CREATE OR REPLACE FUNCTION app_private.enqueue_email(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer DEFAULT NULL::integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  v_id bigint := app_private.add_to_outbox(kind, user_id, dedupe_key, subject, body, event_id);
begin
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.allocate_seats(event_id integer, requests json, keys json)
 RETURNS TABLE(ticket app_public.tickets, error text, replayed boolean)
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.confirm_ticket(ticket_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.events_notify_holders()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int;
  v_id bigint;
  v_outbox bigint[] := '{}';
  v_moved boolean := new.starts_at is distinct from old.starts_at;
  v_subject text;
  v_body text;
begin
  v_subject := case
    when new.starts_at > old.starts_at then format('Postponed: %s is now on %s', new.name, app_private.email_moment(new.starts_at))
    when new.starts_at < old.starts_at then format('Moved earlier: %s is now on %s', new.name, app_private.email_moment(new.starts_at))
    else format('%s has changed', new.name)
  end;
  v_body := format(E'%s has %s.\n\nWhen: %s%s\nWhere: %s%s\n\n'
                   'Your ticket is valid for the new %s. If you can no longer come, cancel it in My tickets before the event '
                   'starts: the seat goes to someone else, and a paid ticket is refunded.',
    new.name,
    case when new.starts_at > old.starts_at then 'been postponed' when v_moved then 'been moved earlier' else 'moved' end,
    app_private.email_moment(new.starts_at),
    case when v_moved then format(' (was %s)', app_private.email_moment(old.starts_at)) else '' end,
    new.venue,
    case when new.venue is distinct from old.venue then format(' (was %s)', old.venue) else '' end,
    case when v_moved then 'time' else 'place' end);
  for v_user in
    select distinct t.user_id from app_public.tickets t
    where t.event_id = new.id and app_private.ticket_is_live(t.status)
    order by t.user_id
  loop
    v_id := app_private.add_to_outbox('event_changed', v_user,
      format('event_changed:%s:%s:%s', new.id, extract(epoch from new.updated_at), v_user), v_subject, v_body, new.id);
    if v_id is not null then
      v_outbox := v_outbox || v_id;
    end if;
  end loop;
  perform app_private.send_outbox(v_outbox);
  return null;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.cancel_event(event_id integer, reason text)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
  v_reason text := btrim(cancel_event.reason);
  v_bounds app_private.field_bounds;
  v_cancelled int[];
  v_notice record;
  v_outbox_id bigint;
  v_outbox bigint[] := '{}';
begin
  -- Events are public: NOT_FOUND before FORBIDDEN tells nobody anything new.
  select * into v_event from app_public.events e where e.id = cancel_event.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:cancel_event');
  end if;
  -- The reason is the column cancel_reason, whose bounds its constraint says; the API calls it reason.
  if v_reason is null or v_reason = '' then
    perform app_private.fail('INVALID_INPUT:required', 'reason', 'reason');
  end if;
  select * into v_bounds from app_private.field_bounds b where b.table_name = 'events' and b.field = 'cancel_reason';
  if length(v_reason) > v_bounds.max then
    perform app_private.fail('INVALID_INPUT:too_long', 'reason', 'reason', v_bounds.max::text);
  end if;

  perform app_private.lock_event(v_event.id);
  select * into v_event from app_public.events e where e.id = v_event.id for update;
  if v_event.status = 'cancelled' then
    perform app_private.fail('ALREADY_CANCELLED:event', null,
      to_char(v_event.cancelled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_event.starts_at <= now() then
    perform app_private.fail('EVENT_STARTED:cancel_event');
  end if;

  update app_public.events e
  -- updated_at: a calendar that imported the event sees a newer SEQUENCE (src/calendar/ics.ts), so it takes STATUS:CANCELLED.
  set status = 'cancelled', cancelled_at = now(), cancel_reason = v_reason, updated_at = now(),
      -- Nobody holds a seat once the tickets below are cancelled (and nobody may book one).
      tickets_remaining = e.total_tickets, availability_version = e.availability_version + 1
  where e.id = v_event.id
  returning * into v_event;

  -- Whom to tell, one email each: holders of a live ticket (did they pay?), then students still in line.
  for v_notice in
    select s.user_id, bool_or(s.holds) as holds, bool_or(s.paid) as paid
    from (
      select t.user_id, true as holds, t.paid_at is not null as paid from app_public.tickets t
      where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
      union all
      select w.user_id, false, false from app_public.waitlist_entries w
      where w.event_id = v_event.id and w.status = 'waiting'
    ) s
    group by s.user_id
    order by s.user_id
  loop
    v_outbox_id := app_private.add_to_outbox('event_cancelled', v_notice.user_id,
      format('event_cancelled:%s:%s', v_event.id, v_notice.user_id),
      format('Cancelled: %s', v_event.name),
      app_private.cancellation_email_body(v_event, v_notice.holds, v_notice.paid), v_event.id);
    if v_outbox_id is not null then
      v_outbox := v_outbox || v_outbox_id;
    end if;
  end loop;

  -- The tickets, locked in id order first (the order every path that locks several takes).
  perform from app_public.tickets t
  where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
  order by t.id
  for update;
  with cancelled as (
    update app_public.tickets t set status = 'cancelled', cancelled_at = now(), hold_expires_at = null
    where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
    returning t.id
  )
  select coalesce(array_agg(c.id order by c.id), '{}') into v_cancelled from cancelled c;
  -- Every succeeded payment of them goes back, once (request_refund is idempotent per payment).
  perform app_private.request_refund(c.id) from unnest(v_cancelled) as c(id);
  update app_public.waitlist_entries w set status = 'closed'
  where w.event_id = v_event.id and w.status in ('waiting', 'offered');

  -- The sales window's moments will change nothing now: their announcements go.
  perform graphile_worker.remove_job(format('announce_availability:%s:%s', v_event.id, m.kind))
  from unnest(array['sales_start', 'sales_end', 'starts_at']) as m(kind);
  perform app_private.send_outbox(v_outbox);
  return v_event;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.claim_lottery_win(event_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.lottery_entries;
  v_ticket app_public.tickets;
  v_refusal text;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('FORBIDDEN:claim');
  end if;
  perform app_private.lock_event(claim_lottery_win.event_id);
  select * into v_event from app_public.events e where e.id = claim_lottery_win.event_id for update;
  select * into v_entry from app_public.lottery_entries l
  where l.event_id = claim_lottery_win.event_id and l.user_id = v_user for update;
  if v_entry.id is null then
    perform app_private.fail('NOT_FOUND:lottery_entry');
  end if;
  if v_entry.state = 'claimed' then
    select * into v_ticket from app_public.tickets t where t.id = v_entry.ticket_id;
    return v_ticket;
  end if;
  if v_entry.state = 'expired' or (v_entry.state = 'won' and v_entry.offer_expires_at <= now()) then
    perform app_private.fail('OFFER_EXPIRED', null,
      to_char(v_entry.offer_expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_entry.state <> 'won' then
    perform app_private.fail(case v_entry.state when 'entered' then 'NO_WIN:not_drawn' else 'NO_WIN' end);
  end if;
  perform app_private.require_verified_email(v_user);
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(v_event));
  if v_refusal in ('EVENT_CANCELLED', 'EVENT_STARTED', 'SALES_CLOSED') then
    perform app_private.fail(v_refusal);
  end if;
  if app_private.student_at_limit(v_event, v_user) then
    perform app_private.fail('LIMIT_REACHED');
  end if;
  if v_event.price_cents > 0 and current_setting('ticketing.payments', true) = 'off' then
    perform app_private.fail('PAYMENTS_UNAVAILABLE');
  end if;
  if v_event.tickets_remaining = 0 then -- only if an admin took seats away since the win
    perform app_private.fail('SOLD_OUT');
  end if;

  if v_event.price_cents > 0 then
    insert into app_public.tickets (event_id, user_id, status, price_cents, hold_expires_at)
    values (v_event.id, v_user, 'pending', v_event.price_cents, now() + make_interval(mins => v_event.hold_minutes))
    returning * into v_ticket;
    perform graphile_worker.add_job('expire_holds', run_at := v_ticket.hold_expires_at, job_key := 'expire_holds:' || v_ticket.id);
  else
    insert into app_public.tickets (event_id, user_id, status, check_in_code, confirmed_at)
    values (v_event.id, v_user, 'confirmed', app_private.new_check_in_code(), now())
    returning * into v_ticket;
    perform app_private.enqueue_email('booking_confirmed', v_user, 'booking_confirmed:' || v_ticket.id,
      format('Your ticket for %s', v_event.name),
      format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
             to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_ticket.check_in_code),
      v_event.id);
  end if;
  -- The promise becomes a taken seat: the entry first, so the seat count that follows adds up.
  update app_public.lottery_entries l set state = 'claimed', ticket_id = v_ticket.id, updated_at = now() where l.id = v_entry.id;
  update app_public.events e set tickets_remaining = e.tickets_remaining - 1 where e.id = v_event.id;
  return v_ticket;
end $function$
;

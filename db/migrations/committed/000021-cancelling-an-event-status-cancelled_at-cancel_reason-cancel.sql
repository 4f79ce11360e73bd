--! Previous: sha1:b742c5df0921b68b77cb615fd1c5ba3b21258d82
--! Hash: sha1:818d1ebd8ca11faa71a3b7d768166c8243b45d5d
--! Message: Cancelling an event: status, cancelled_at, cancel_reason; cancel_event; sales state cancelled; waitlist closed

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 050-enum-values.sql
-- What the schema diff cannot write (db/README.md), before it runs:
-- new enum values are appended (nothing in this migration uses them: a value added
-- in a transaction is usable only after it commits), and the events' new columns
-- are added in the order db/schema/events.sql gives them (the diff would sort them).
alter type app_public.sales_state add value 'cancelled';
alter type app_public.waitlist_entry_status add value 'closed';
create type app_public.event_status as enum ('scheduled', 'cancelled');
alter table app_public.events
  add column status app_public.event_status not null default 'scheduled',
  add column cancelled_at timestamptz,
  add column cancel_reason text;

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

alter table "app_public"."events" add constraint "events_cancel_reason_valid" CHECK (((cancel_reason = btrim(cancel_reason)) AND ((length(cancel_reason) >= 1) AND (length(cancel_reason) <= 500)))) not valid;

alter table "app_public"."events" validate constraint "events_cancel_reason_valid";

alter table "app_public"."events" add constraint "events_cancelled_at_valid" CHECK ((((status = 'cancelled'::app_public.event_status) = (cancelled_at IS NOT NULL)) AND ((cancelled_at IS NULL) = (cancel_reason IS NULL)))) not valid;

alter table "app_public"."events" validate constraint "events_cancelled_at_valid";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_private.cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  select format(E'%s (%s, %s) has been cancelled by its organisers.\n\nTheir reason: %s\n\n%s',
    event.name, event.venue, to_char(event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    event.cancel_reason,
    case
      when paid then 'Your ticket is cancelled, and the money you paid is on its way back to you through the same payment provider.'
      when holds_ticket then 'Your ticket is cancelled; there is nothing for you to do.'
      else 'You were on the waitlist; it is closed now.'
    end)
$function$
;

CREATE OR REPLACE FUNCTION app_private.events_cancelled_is_final()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  perform app_private.fail('EVENT_CANCELLED:edit');
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
  v_first int;
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
  set status = 'cancelled', cancelled_at = now(), cancel_reason = v_reason,
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
      app_private.cancellation_email_body(v_event, v_notice.holds, v_notice.paid));
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
  -- The emails, a few hundred per job: a large event's notices go out in parallel, and a retry resends none.
  v_first := 1;
  while v_first <= cardinality(v_outbox) loop
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', v_outbox[v_first:v_first + 199]));
    v_first := v_first + 200;
  end loop;
  return v_event;
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
                     to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_code));
          end if;
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
end $function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end or club_id, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('EVENT_CANCELLED:edit'::text,409,'This event was cancelled; it can no longer be changed.'::text), ('FORBIDDEN:cancel_event'::text,403,'Only the owners and managers of the club running this event (and admins) can cancel it.'::text), ('ALREADY_CANCELLED:event'::text,409,'This event was already cancelled at %s.'::text), ('EVENT_STARTED:cancel_event'::text,409,'This event has already started; it can no longer be cancelled.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_CANCELLED'::text,409,'This event was cancelled; it takes no bookings.'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);


CREATE OR REPLACE FUNCTION app_private.sales_state_error(state app_public.sales_state)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  select case state
    when 'cancelled' then 'EVENT_CANCELLED'
    when 'started' then 'EVENT_STARTED'
    when 'closed' then 'SALES_CLOSED'
    when 'not_open' then 'SALES_NOT_OPEN'
    when 'sold_out' then 'SOLD_OUT'
  end
$function$
;

CREATE OR REPLACE FUNCTION app_public.clubs_upcoming_events(c app_public.clubs)
 RETURNS SETOF app_public.events
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.events e where e.club_id = c.id and e.starts_at > now() and e.status = 'scheduled'
  order by e.starts_at, e.id
$function$
;

CREATE OR REPLACE FUNCTION app_public.events_sales_state(e app_public.events)
 RETURNS app_public.sales_state
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  select (case
    when e.status = 'cancelled' then 'cancelled'
    when e.starts_at <= now() then 'started'
    when e.sales_end <= now() then 'closed'
    when e.sales_start > now() then 'not_open'
    when e.tickets_remaining = 0 then 'sold_out'
    else 'on_sale'
  end)::app_public.sales_state
$function$
;

CREATE OR REPLACE FUNCTION app_public.join_waitlist(event_id integer)
 RETURNS app_public.waitlist_entries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.upcoming_events(category_id integer DEFAULT NULL::integer, club_id integer DEFAULT NULL::integer)
 RETURNS SETOF app_public.events
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.events e
  where e.starts_at > now() and e.status = 'scheduled' and (upcoming_events.category_id is null or e.category_id = upcoming_events.category_id)
    and (upcoming_events.club_id is null or e.club_id = upcoming_events.club_id)
  order by e.starts_at, e.id
$function$
;

CREATE OR REPLACE FUNCTION app_public.update_event(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text, venue text DEFAULT NULL::text, starts_at timestamp with time zone DEFAULT NULL::timestamp with time zone, total_tickets integer DEFAULT NULL::integer, max_tickets_per_student integer DEFAULT NULL::integer, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT NULL::integer, hold_minutes integer DEFAULT NULL::integer, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, clear text[] DEFAULT NULL::text[], club_id integer DEFAULT NULL::integer)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
  v_field text;
begin
  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  -- Rights in the event's club, and to move it, in the club it moves to (none: admins only).
  perform app_private.require_event_right(v_event.club_id);
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED:edit');
  end if;
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end', 'club_id') then
      perform app_private.fail('INVALID_INPUT:clear', 'clear', coalesce(v_field, 'null'));
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) or (v_field = 'club_id' and club_id is not null) then
      perform app_private.fail('INVALID_INPUT:set_and_cleared', v_field, v_field);
    end if;
  end loop;
  if 'club_id' = any (clear) or (club_id is not null and club_id is distinct from v_event.club_id) then
    perform app_private.require_event_right(case when 'club_id' = any (clear) then null else club_id end);
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(
    coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end);

  update app_public.events e set
    name = coalesce(update_event.name, e.name),
    description = coalesce(update_event.description, e.description),
    venue = coalesce(update_event.venue, e.venue),
    starts_at = coalesce(update_event.starts_at, e.starts_at),
    total_tickets = coalesce(update_event.total_tickets, e.total_tickets),
    max_tickets_per_student = coalesce(update_event.max_tickets_per_student, e.max_tickets_per_student),
    category_id = case when 'category_id' = any (clear) then null else coalesce(update_event.category_id, e.category_id) end,
    price_cents = coalesce(update_event.price_cents, e.price_cents),
    hold_minutes = coalesce(update_event.hold_minutes, e.hold_minutes),
    sales_start = case when 'sales_start' = any (clear) then null else coalesce(update_event.sales_start, e.sales_start) end,
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end,
    club_id = case when 'club_id' = any (clear) then null else coalesce(update_event.club_id, e.club_id) end
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $function$
;

CREATE TRIGGER _100_cancelled_is_final BEFORE UPDATE OF name, description, venue, starts_at, total_tickets, max_tickets_per_student, category_id, price_cents, hold_minutes, sales_start, sales_end, club_id, status, cancelled_at, cancel_reason ON app_public.events FOR EACH ROW WHEN ((old.status = 'cancelled'::app_public.event_status)) EXECUTE FUNCTION app_private.events_cancelled_is_final();

comment on column app_hidden.availability_message.sales_state is '@notNull
not_open, on_sale, sold_out, closed, started or cancelled (as Event.salesState); a message arrives when time or a cancellation changes it.';
comment on column app_public.events.cancel_reason is '@behavior -insert -update
Why the event was called off, in the organiser''s words.';
comment on column app_public.events.cancelled_at is '@behavior -insert -update
When the event was called off (null: it was not).';
comment on column app_public.events.status is '@behavior -insert -update
scheduled, or cancelled (for good: cancelEvent).';
comment on function app_public.cancel_event(integer,text) is '@resultFieldName event
Call an event off, for good (admins; a club''s event: its owners and managers), saying why: every live ticket is cancelled and every payment refunded, the waitlist is closed, holders and waiting students are emailed once, and bookings are refused from then on (EVENT_CANCELLED). The event leaves the upcoming lists; its page shows the reason.';
grant execute on function app_public.cancel_event(integer,text) to ticketing_student;
comment on function app_public.clubs_upcoming_events(app_public.clubs) is 'The club''s events that have not started yet and are not cancelled, soonest first.';
comment on function app_public.events_sales_state(app_public.events) is 'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good).';
comment on function app_public.upcoming_events(integer,integer) is 'Events that have not started yet and are not cancelled, soonest first; optionally one category, one club.';
comment on function app_public.update_event(integer,text,text,text,timestamp with time zone,integer,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,text[],integer) is '@resultFieldName event
Change an event (admins; a club''s event: its owners and managers; moving it to another club needs rights in both); a cancelled event cannot be changed (EVENT_CANCELLED). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end, club_id).';
comment on type app_public.event_status is 'scheduled · cancelled: called off for good (cancelled_at, cancel_reason); its tickets were cancelled and refunded';
comment on type app_public.sales_state is 'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good).';
comment on type app_public.waitlist_entry_status is 'waiting: in line · offered: a seat is held for them (ticket_id) · accepted · lapsed: the offer expired · left · closed: the event was cancelled';

--! Previous: sha1:4475c6c5932a001023e7ba54c6bdfe84655da0a2
--! Hash: sha1:9203b27f1b9fafe5049b9abd1b2d0e9389b7bcf7
--! Message: One vocabulary: status and sales-state enums, the error catalogue, field bounds from the constraints

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 050-drop-before-enums.sql
-- Ticket statuses become an enum (app_public.ticket_status), and the leaderboard reads
-- them through app_private.ticket_is_sold, whose argument type changes with them.
-- A schema diff cannot drop a materialized view that functions return: drop those
-- first; the generated migration creates all three again from db/schema/analytics.sql
-- (the view filled from the tickets, so nothing is lost).
drop function app_public.popular_events(integer);
drop function app_public.fastest_sellouts(integer);
drop materialized view app_public.event_leaderboard;
-- Sales states become an enum (app_public.sales_state): the functions that return one
-- change their return type, which only a drop and a new create can do.
drop function app_public.events_sales_state(app_public.events);
drop function app_private.sales_window_state(app_public.events);

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create type "app_public"."sales_state" as enum ('not_open', 'on_sale', 'sold_out', 'closed', 'started');

create type "app_public"."ticket_status" as enum ('pending', 'offered', 'confirmed', 'cancelled', 'expired');

create type "app_public"."waitlist_entry_status" as enum ('waiting', 'offered', 'accepted', 'lapsed', 'left');

drop trigger if exists "_100_confirmed_at" on "app_public"."tickets";

alter table "app_public"."tickets" drop constraint "tickets_status_valid";

alter table "app_public"."waitlist_entries" drop constraint "waitlist_entries_status_valid";

alter table "app_public"."tickets" drop constraint "tickets_cancelled_at_valid";

alter table "app_public"."tickets" drop constraint "tickets_check_in_code_valid";

alter table "app_public"."tickets" drop constraint "tickets_confirmed_at_valid";

alter table "app_public"."tickets" drop constraint "tickets_hold_expires_at_valid";

drop function if exists "app_private"."booking_error"(code text);

drop function if exists "app_private"."fail"(errcode text, code text, message text, field text);

drop function if exists "app_private"."sales_state_error"(state text);

drop function if exists "app_private"."ticket_is_live"(status text);

drop function if exists "app_private"."ticket_is_sold"(status text);

drop index if exists "app_public"."tickets_holds_idx";

drop index if exists "app_public"."tickets_live_idx";

drop index if exists "app_public"."waitlist_entries_active_key";

drop index if exists "app_public"."waitlist_entries_queue_idx";

alter table "app_public"."tickets" alter column "status" set default 'confirmed'::app_public.ticket_status;

alter table "app_public"."tickets" alter column "status" set data type app_public.ticket_status using "status"::app_public.ticket_status;

alter table "app_public"."waitlist_entries" alter column "status" set default 'waiting'::app_public.waitlist_entry_status;

alter table "app_public"."waitlist_entries" alter column "status" set data type app_public.waitlist_entry_status using "status"::app_public.waitlist_entry_status;

CREATE INDEX tickets_holds_idx ON app_public.tickets USING btree (hold_expires_at) WHERE (status = ANY (ARRAY['pending'::app_public.ticket_status, 'offered'::app_public.ticket_status]));

CREATE INDEX tickets_live_idx ON app_public.tickets USING btree (event_id, user_id) WHERE (status = ANY (ARRAY['pending'::app_public.ticket_status, 'offered'::app_public.ticket_status, 'confirmed'::app_public.ticket_status]));

CREATE UNIQUE INDEX waitlist_entries_active_key ON app_public.waitlist_entries USING btree (event_id, user_id) WHERE (status = ANY (ARRAY['waiting'::app_public.waitlist_entry_status, 'offered'::app_public.waitlist_entry_status]));

CREATE INDEX waitlist_entries_queue_idx ON app_public.waitlist_entries USING btree (event_id, id) WHERE (status = 'waiting'::app_public.waitlist_entry_status);

alter table "app_public"."tickets" add constraint "tickets_cancelled_at_valid" CHECK (((status = 'cancelled'::app_public.ticket_status) = (cancelled_at IS NOT NULL))) not valid;

alter table "app_public"."tickets" validate constraint "tickets_cancelled_at_valid";

alter table "app_public"."tickets" add constraint "tickets_check_in_code_valid" CHECK (((status = 'confirmed'::app_public.ticket_status) <= (check_in_code IS NOT NULL))) not valid;

alter table "app_public"."tickets" validate constraint "tickets_check_in_code_valid";

alter table "app_public"."tickets" add constraint "tickets_confirmed_at_valid" CHECK (((status = 'confirmed'::app_public.ticket_status) <= (confirmed_at IS NOT NULL))) not valid;

alter table "app_public"."tickets" validate constraint "tickets_confirmed_at_valid";

alter table "app_public"."tickets" add constraint "tickets_hold_expires_at_valid" CHECK (((status = ANY (ARRAY['pending'::app_public.ticket_status, 'offered'::app_public.ticket_status])) <= (hold_expires_at IS NOT NULL))) not valid;

alter table "app_public"."tickets" validate constraint "tickets_hold_expires_at_valid";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_private.check_bounds(table_name text, field text, value bigint)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
declare
  v_bounds app_private.field_bounds;
begin
  select * into v_bounds from app_private.field_bounds b
  where b.table_name = check_bounds.table_name and b.field = check_bounds.field;
  if v_bounds.field is null then
    raise exception 'no CHECK constraint %_%_valid gives bounds', table_name, field;
  end if;
  if value < v_bounds.min or value > v_bounds.max then
    if not v_bounds.is_length then
      perform app_private.fail('INVALID_INPUT:range', field, field, v_bounds.min::text, v_bounds.max::text);
    elsif v_bounds.min is null then
      perform app_private.fail('INVALID_INPUT:too_long', field, field, v_bounds.max::text);
    else
      perform app_private.fail('INVALID_INPUT:length', field, field, v_bounds.min::text, v_bounds.max::text);
    end if;
  end if;
end $function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start or sales_end, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);


CREATE OR REPLACE FUNCTION app_private.fail(reason text, field text DEFAULT NULL::text, VARIADIC args text[] DEFAULT '{}'::text[])
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
declare
  v_code text;
  v_status int;
  v_message text;
begin
  select e.code, e.status, e.message into v_code, v_status, v_message from app_private.errors e where e.reason = fail.reason;
  if v_code is null then
    raise exception 'app_private.errors has no reason %', reason;
  end if;
  raise exception using errcode = 'TK' || v_status, message = format(v_message, variadic args),
    detail = v_code, hint = coalesce(field, '');
end $function$
;

create or replace view "app_private"."field_bounds" as  SELECT b.table_name,
    b.field,
    b.is_length,
    ("substring"(b.def, (b.subject || ' >= (-?\d+)\)'::text)))::bigint AS min,
    ("substring"(b.def, (b.subject || ' <= (-?\d+)\)'::text)))::bigint AS max
   FROM ( SELECT (cl.relname)::text AS table_name,
            (a.attname)::text AS field,
            d.def,
            (d.def ~ (('length\(\(?'::text || (a.attname)::text) || '\)?'::text)) AS is_length,
                CASE
                    WHEN (d.def ~ (('length\(\(?'::text || (a.attname)::text) || '\)?'::text)) THEN (('length\(\(?'::text || (a.attname)::text) || '\)?(?:::text)?\)'::text)
                    ELSE ('\('::text || (a.attname)::text)
                END AS subject
           FROM ((((pg_constraint c
             JOIN pg_class cl ON ((cl.oid = c.conrelid)))
             JOIN pg_namespace n ON (((n.oid = cl.relnamespace) AND (n.nspname = ANY (ARRAY['app_public'::name, 'app_private'::name])))))
             JOIN pg_attribute a ON (((a.attrelid = cl.oid) AND (c.conname = ((((cl.relname)::text || '_'::text) || (a.attname)::text) || '_valid'::text)))))
             CROSS JOIN LATERAL ( SELECT pg_get_constraintdef(c.oid) AS def) d)
          WHERE (c.contype = 'c'::"char")) b
  WHERE (("substring"(b.def, (b.subject || ' >= (-?\d+)\)'::text)) IS NOT NULL) OR ("substring"(b.def, (b.subject || ' <= (-?\d+)\)'::text)) IS NOT NULL));


CREATE OR REPLACE FUNCTION app_private.sales_state_error(state app_public.sales_state)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  select case state
    when 'started' then 'EVENT_STARTED'
    when 'closed' then 'SALES_CLOSED'
    when 'not_open' then 'SALES_NOT_OPEN'
    when 'sold_out' then 'SOLD_OUT'
  end
$function$
;

CREATE OR REPLACE FUNCTION app_private.sales_window_state(e app_public.events)
 RETURNS app_public.sales_state
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  select nullif(nullif(app_public.events_sales_state(e), 'sold_out'), 'on_sale')
$function$
;

CREATE OR REPLACE FUNCTION app_private.ticket_is_live(status app_public.ticket_status)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  select status in ('pending', 'offered', 'confirmed')
$function$
;

CREATE OR REPLACE FUNCTION app_private.ticket_is_sold(status app_public.ticket_status)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  select status = 'confirmed'
$function$
;

create materialized view "app_public"."event_leaderboard" as  SELECT e.id AS event_id,
    e.name,
    e.category_id,
    e.total_tickets,
    (COALESCE(s.sold, (0)::bigint))::integer AS tickets_sold,
        CASE
            WHEN (s.sold >= e.total_tickets) THEN s.last_sold_at
            ELSE NULL::timestamp with time zone
        END AS sold_out_at,
        CASE
            WHEN (s.sold >= e.total_tickets) THEN (EXTRACT(epoch FROM (s.last_sold_at - e.created_at)))::integer
            ELSE NULL::integer
        END AS seconds_to_sell_out
   FROM (app_public.events e
     LEFT JOIN LATERAL ( SELECT count(*) AS sold,
            max(t.confirmed_at) AS last_sold_at
           FROM app_public.tickets t
          WHERE ((t.event_id = e.id) AND app_private.ticket_is_sold(t.status))) s ON (true));


CREATE OR REPLACE FUNCTION app_public.events_sales_state(e app_public.events)
 RETURNS app_public.sales_state
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  select (case
    when e.starts_at <= now() then 'started'
    when e.sales_end <= now() then 'closed'
    when e.sales_start > now() then 'not_open'
    when e.tickets_remaining = 0 then 'sold_out'
    else 'on_sale'
  end)::app_public.sales_state
$function$
;

CREATE OR REPLACE FUNCTION app_public.fastest_sellouts(n integer DEFAULT 10)
 RETURNS SETOF app_public.event_leaderboard
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.event_leaderboard where seconds_to_sell_out is not null
  order by seconds_to_sell_out, event_id limit least(greatest(n, 1), 100)
$function$
;

CREATE OR REPLACE FUNCTION app_public.popular_events(n integer DEFAULT 10)
 RETURNS SETOF app_public.event_leaderboard
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.event_leaderboard order by tickets_sold desc, event_id limit least(greatest(n, 1), 100)
$function$
;

CREATE OR REPLACE FUNCTION app_hidden.book_ticket(event_id integer, idempotency_key text DEFAULT NULL::text)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.book_tickets(event_id integer, requests json, keys json)
 RETURNS json
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.change_password(current_password text, new_password text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id();
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  v_email_here := v_user.email::text || coalesce(' from ' || v_address, '');
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
  select s.password_hash into v_hash from app_private.user_secrets s where s.user_id = v_user.id;
  if v_hash is null or v_hash <> crypt(coalesce(current_password, ''), v_hash) then
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
    return false;
  end if;
  perform app_private.check_new_password(new_password, 'new_password');
  perform app_private.set_password(v_user.id, new_password);
  perform app_private.end_sessions(v_user.id);
  perform app_private.mail_password_changed(v_user.id);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.delete_account(password text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
  v_ticket int;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  v_email_here := v_user.email::text || coalesce(' from ' || v_address, '');
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
  select s.password_hash into v_hash from app_private.user_secrets s where s.user_id = v_user.id;
  if v_hash is null or v_hash <> crypt(coalesce(password, ''), v_hash) then
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
    return false;
  end if;

  -- Live tickets to events not yet started: cancelled as the student would (cancel_ticket:
  -- the seat goes to the waitlist or back on sale, a paid one is refunded), event by event.
  for v_ticket in
    select t.id from app_public.tickets t join app_public.events e on e.id = t.event_id
    where t.user_id = v_user.id and app_private.ticket_is_live(t.status) and t.checked_in_at is null and e.starts_at > now()
    order by t.event_id, t.id
  loop
    perform app_public.cancel_ticket(v_ticket);
  end loop;
  update app_public.waitlist_entries w set status = 'left' where w.user_id = v_user.id and w.status = 'waiting';

  update app_public.users u
  set name = 'Deleted account', email = 'deleted-' || u.id || '@deleted.invalid', email_verified_at = null, deleted_at = now()
  where u.id = v_user.id;
  delete from app_private.user_secrets s where s.user_id = v_user.id;
  delete from app_private.email_verifications v where v.user_id = v_user.id;
  delete from app_private.password_resets r where r.user_id = v_user.id;
  delete from app_private.user_identities i where i.user_id = v_user.id;
  delete from app_private.outbox o where o.user_id = v_user.id and o.sent_at is null;
  perform app_private.end_sessions(v_user.id);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.settle_payment(intent_id text, amount_cents integer)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_payment app_private.payments;
  v_ticket app_public.tickets;
begin
  -- Lock order as everywhere (cancel_ticket, expire_holds): the ticket row, then
  -- its payment rows; the other way round a cancel racing the webhook deadlocks.
  select * into v_ticket from app_public.tickets t
  where t.id = (select p.ticket_id from app_private.payments p where p.intent_id = settle_payment.intent_id)
  for update;
  select * into v_payment from app_private.payments p where p.intent_id = settle_payment.intent_id for update;
  if v_payment.intent_id is null then
    perform app_private.fail('NOT_FOUND:payment');
  end if;
  if v_payment.status <> 'created' then
    return 'duplicate';
  end if;
  if v_payment.amount_cents <> settle_payment.amount_cents then
    perform app_private.fail('AMOUNT_MISMATCH');
  end if;
  -- The money has arrived, whatever happens to the ticket.
  update app_private.payments p set status = 'succeeded', updated_at = now() where p.intent_id = v_payment.intent_id;
  if v_ticket.status = 'pending' and v_ticket.hold_expires_at > now() then
    perform app_private.confirm_ticket(v_ticket.id);
    return 'confirmed';
  end if;
  perform app_private.request_payment_refund(v_payment.intent_id,
    case when v_ticket.status = 'confirmed' then 'duplicate_payment' else 'late_payment' end);
  return 'refund';
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text)
 RETURNS app_public.jwt_claims
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_email text := lower(btrim(coalesce(sign_in_with_identity_provider.email, '')));
  v_user app_public.users;
  v_name text;
begin
  if coalesce(length(issuer), 0) not between 1 and 2000 or coalesce(length(subject), 0) not between 1 and 255 then
    perform app_private.fail('OIDC_FAILED:subject');
  end if;
  if email_verified is not true then
    perform app_private.fail('EMAIL_NOT_VERIFIED:sign_in', 'email');
  end if;
  if not app_private.email_is_valid(v_email) then
    perform app_private.fail('INVALID_INPUT:oidc_email', 'email');
  end if;
  if not app_private.email_domain_allowed(v_email) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED:sign_in', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
  end if;
  -- One sign-in per identity at a time: two first visits at once make one account.
  perform pg_advisory_xact_lock(hashtext('ticketing.identity'), hashtext(issuer || ' ' || subject));

  select u.* into v_user
  from app_private.user_identities i join app_public.users u on u.id = i.user_id
  where i.issuer = sign_in_with_identity_provider.issuer and i.subject = sign_in_with_identity_provider.subject
    and u.deleted_at is null;
  if v_user.id is not null then
    if v_user.email <> v_email::citext and not exists (select from app_public.users u where u.email = v_email::citext) then
      update app_public.users u set email = v_email, email_verified_at = now() where u.id = v_user.id returning * into v_user;
    end if;
    return (v_user.id, v_user.role)::app_public.jwt_claims;
  end if;

  select * into v_user from app_public.users u where u.email = v_email::citext and u.deleted_at is null;
  if v_user.id is not null and v_user.email_verified_at is null then
    delete from app_private.user_secrets s where s.user_id = v_user.id;
    perform app_private.end_sessions(v_user.id);
    update app_public.users u set email_verified_at = now() where u.id = v_user.id returning * into v_user;
  elsif v_user.id is null then
    v_name := btrim(left(coalesce(nullif(btrim(sign_in_with_identity_provider.name), ''), split_part(v_email, '@', 1)), 100));
    begin
      insert into app_public.users (name, email, role, email_verified_at) values (v_name, v_email, 'student', now())
        returning * into v_user;
    exception when unique_violation then
      -- A password signup with the address committed meanwhile: signing in again links it.
      perform app_private.fail('EMAIL_TAKEN:just_now', 'email');
    end;
  end if;
  insert into app_private.user_identities (issuer, subject, user_id)
    values (sign_in_with_identity_provider.issuer, sign_in_with_identity_provider.subject, v_user.id)
    on conflict on constraint user_identities_pkey do update set user_id = excluded.user_id;
  return (v_user.id, v_user.role)::app_public.jwt_claims;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.start_session(user_agent text, ttl_seconds integer)
 RETURNS TABLE(session_id integer, expires_at timestamp with time zone)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_max int := (select s.max_sessions_per_user from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null or app_public.current_app_role() not in ('student', 'admin') then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  insert into app_private.sessions as s (user_id, expires_at, user_agent)
  values (v_user.id, now() + make_interval(secs => least(greatest(coalesce(ttl_seconds, 0), 60), 30 * 86400)),
          left(nullif(btrim(start_session.user_agent), ''), 300))
  returning s.id, s.expires_at into session_id, expires_at;
  update app_private.sessions s set ended_at = now()
  where s.id in (
    select o.id from app_private.sessions o
    where o.user_id = v_user.id and o.ended_at is null
    order by o.created_at desc, o.id desc
    offset v_max
  );
  if v_user.role = 'student' and v_user.email_verified_at is null and not exists (
    select from app_private.email_verifications v
    where v.user_id = v_user.id and v.email = v_user.email and v.used_at is null and v.expires_at > now()
  ) then
    perform app_private.send_verification_email(v_user.id);
  end if;
  return next;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.ticket_payment_amount(ticket_id integer)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_ticket app_public.tickets;
begin
  select * into v_ticket from app_public.tickets t
  where t.id = ticket_payment_amount.ticket_id and t.user_id = app_public.current_user_id()
  for update;
  if v_ticket.id is null then
    perform app_private.fail('NOT_FOUND:ticket');
  end if;
  if v_ticket.status <> 'pending' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('NOT_PAYABLE', null,
      case when v_ticket.status = 'pending' then 'expired' else v_ticket.status::text end);
  end if;
  if (select count(*) from app_private.payments p where p.ticket_id = v_ticket.id and p.status = 'created')
     >= app_private.max_open_intents_per_ticket() then
    perform app_private.fail('TOO_MANY_PAYMENT_ATTEMPTS');
  end if;
  return v_ticket.price_cents;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.allocate_seats(event_id integer, requests json, keys json)
 RETURNS TABLE(ticket app_public.tickets, error text, replayed boolean)
 LANGUAGE plpgsql
AS $function$
declare
  v_event app_public.events;
  v_window_error text;          -- started / closed / not open, for the whole batch
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

CREATE OR REPLACE FUNCTION app_private.check_event_fields(name text, description text, venue text, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  -- The bounds are those of the events_*_valid constraints (app_private.field_bounds, errors.sql).
  perform app_private.check_bounds('events', 'name', length(btrim(name)));
  perform app_private.check_bounds('events', 'description', length(description));
  perform app_private.check_bounds('events', 'venue', length(btrim(venue)));
  perform app_private.check_bounds('events', 'total_tickets', total_tickets);
  perform app_private.check_bounds('events', 'max_tickets_per_student', max_tickets_per_student);
  perform app_private.check_bounds('events', 'price_cents', price_cents);
  perform app_private.check_bounds('events', 'hold_minutes', hold_minutes);
  if category_id is not null and not exists (select from app_public.categories c where c.id = check_event_fields.category_id) then
    perform app_private.fail('INVALID_INPUT:category_id', 'category_id', category_id::text);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.check_new_password(password text, field text)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
begin
  if password is null or length(password) < 8 or octet_length(password) > 72 then
    perform app_private.fail('INVALID_INPUT:password', field);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.check_sales_window(starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
begin
  if not app_private.moment_is_valid(starts_at) then
    perform app_private.fail('INVALID_INPUT:moment', 'starts_at', 'starts_at');
  end if;
  if not app_private.moment_is_valid(sales_start) then
    perform app_private.fail('INVALID_INPUT:moment', 'sales_start', 'sales_start');
  end if;
  if not app_private.moment_is_valid(sales_end) then
    perform app_private.fail('INVALID_INPUT:moment', 'sales_end', 'sales_end');
  end if;
  if sales_end is not null and sales_end > starts_at then
    perform app_private.fail('INVALID_INPUT:sales_end', 'sales_end');
  end if;
  if sales_start is not null and sales_start >= coalesce(sales_end, starts_at) then
    perform app_private.fail('INVALID_INPUT:sales_start', 'sales_start');
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.create_user(name text, email text, password text, role text)
 RETURNS app_public.users
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_name text := btrim(coalesce(name, ''));
  v_email text := lower(btrim(coalesce(email, '')));
  v_user app_public.users;
  v_name_bounds app_private.field_bounds;  -- users_name_valid's
begin
  select * into v_name_bounds from app_private.field_bounds b where b.table_name = 'users' and b.field = 'name';
  if length(v_name) not between v_name_bounds.min and v_name_bounds.max then
    perform app_private.fail('INVALID_INPUT:name', 'name', v_name_bounds.max::text);
  end if;
  if not app_private.email_is_valid(v_email) then
    perform app_private.fail('INVALID_INPUT:email', 'email');
  end if;
  -- Characters, as the message says (bcrypt reads the first 72 bytes of it).
  if password is null or length(password) not between 8 and 72 then
    perform app_private.fail('INVALID_INPUT:password', 'password');
  end if;
  if exists (select from app_public.users u where u.email = v_email::citext) then
    perform app_private.fail('EMAIL_TAKEN', 'email');
  end if;

  begin
    insert into app_public.users (name, email, role) values (v_name, v_email, role)
      returning * into v_user;
  exception when unique_violation then
    -- Two signups with one email raced past the check above.
    perform app_private.fail('EMAIL_TAKEN', 'email');
  end;
  insert into app_private.user_secrets (user_id, password_hash)
    values (v_user.id, crypt(password, gen_salt('bf', 10)));
  return v_user;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.events_inventory()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  if new.name is not null then new.name := btrim(new.name); end if;
  if new.venue is not null then new.venue := btrim(new.venue); end if;
  if tg_op = 'INSERT' then
    new.tickets_remaining := new.total_tickets;
    new.created_by := app_public.current_user_id();
    if new.starts_at <= now() then
      perform app_private.fail('INVALID_INPUT:starts_at_past', 'starts_at');
    end if;
  else
    new.updated_at := now();
    if new.total_tickets < old.total_tickets - old.tickets_remaining then
      perform app_private.fail('BELOW_SOLD', 'total_tickets', (old.total_tickets - old.tickets_remaining)::text);
    end if;
    if new.total_tickets is distinct from old.total_tickets then
      new.tickets_remaining := old.tickets_remaining + (new.total_tickets - old.total_tickets);
    end if;
    if new.starts_at is distinct from old.starts_at and new.starts_at <= now() then
      perform app_private.fail('INVALID_INPUT:starts_at_past', 'starts_at');
    end if;
  end if;
  return new;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.lock_event_for_booking(event_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.require_admin()
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('FORBIDDEN:admin');
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.require_verified_email(user_id integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if cardinality(app_private.unverified_students(array[user_id])) > 0 then
    perform app_private.fail('EMAIL_NOT_VERIFIED');
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.users_email_domain()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  if not app_private.email_domain_allowed(new.email) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
  end if;
  return new;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.accept_waitlist_offer(entry_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.cancel_ticket(ticket_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.check_in(code text, event_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_ticket app_public.tickets;
  v_event_name text;
begin
  perform app_private.require_admin();
  if check_in.event_id is null then
    perform app_private.fail('INVALID_INPUT:event_id', 'event_id');
  end if;
  select * into v_ticket from app_public.tickets t where t.check_in_code = upper(btrim(check_in.code)) for update;
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
  return v_ticket;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text DEFAULT ''::text, max_tickets_per_student integer DEFAULT 1, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT 0, hold_minutes integer DEFAULT 10, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
begin
  perform app_private.require_admin();
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  if venue is null then perform app_private.fail('INVALID_INPUT:required', 'venue', 'venue'); end if;
  if starts_at is null then perform app_private.fail('INVALID_INPUT:required', 'starts_at', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('INVALID_INPUT:required', 'total_tickets', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end)
  returning * into v_event;
  return v_event;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.end_session(id integer)
 RETURNS boolean
 LANGUAGE plpgsql
 STRICT SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  if app_private.end_session_of_caller(end_session.id) is null then
    perform app_private.fail('NOT_FOUND:session');
  end if;
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.event_analytics(event_id integer)
 RETURNS app_public.event_stats
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_stats app_public.event_stats;
begin
  perform app_private.require_admin();
  select e.id, e.total_tickets,
         count(*) filter (where app_private.ticket_is_sold(t.status)),
         count(*) filter (where app_private.ticket_is_live(t.status) and not app_private.ticket_is_sold(t.status)),
         e.tickets_remaining,
         round(100.0 * count(*) filter (where app_private.ticket_is_sold(t.status)) / e.total_tickets, 1),
         count(*) filter (where t.status = 'cancelled'),
         count(*) filter (where t.status = 'expired'),
         (select count(*) from app_public.waitlist_entries w where w.event_id = e.id and w.status = 'waiting'),
         count(*) filter (where t.checked_in_at is not null),
         round(100.0 * count(*) filter (where t.checked_in_at is not null)
               / nullif(count(*) filter (where app_private.ticket_is_sold(t.status)), 0), 1)
  into v_stats
  from app_public.events e left join app_public.tickets t on t.event_id = e.id
  where e.id = event_analytics.event_id
  group by e.id;
  if v_stats.event_id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  return v_stats;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.event_sales_over_time(event_id integer, bucket text DEFAULT 'hour'::text)
 RETURNS TABLE(bucket_start timestamp with time zone, tickets_sold integer)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  perform app_private.require_admin();
  if bucket not in ('minute', 'hour', 'day', 'week') then
    perform app_private.fail('INVALID_INPUT:bucket', 'bucket');
  end if;
  return query
    select date_trunc(bucket, t.confirmed_at), count(*)::int
    from app_public.tickets t
    where t.event_id = event_sales_over_time.event_id and app_private.ticket_is_sold(t.status)
    group by 1 order by 1;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.export_my_data()
 RETURNS json
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
 SET "TimeZone" TO 'UTC'
AS $function$
declare
  v_user int := app_public.current_user_id();
  v_document json;
begin
  if v_user is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  select json_build_object(
    'exported_at', now(),
    'account', (select json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role,
                                         'email_verified', u.email_verified, 'email_verified_at', u.email_verified_at,
                                         'created_at', u.created_at)
                from app_public.users u where u.id = v_user),
    'tickets', coalesce((select json_agg(json_build_object('id', t.id, 'event_id', t.event_id, 'event_name', e.name,
                                         'event_starts_at', e.starts_at, 'status', t.status, 'booked_at', t.booked_at,
                                         'confirmed_at', t.confirmed_at, 'cancelled_at', t.cancelled_at,
                                         'price_cents', t.price_cents, 'paid_at', t.paid_at, 'hold_expires_at', t.hold_expires_at,
                                         'check_in_code', t.check_in_code, 'checked_in_at', t.checked_in_at,
                                         'idempotency_key', t.idempotency_key) order by t.id)
                         from app_public.tickets t join app_public.events e on e.id = t.event_id where t.user_id = v_user), '[]'),
    'waitlist_entries', coalesce((select json_agg(json_build_object('id', w.id, 'event_id', w.event_id, 'status', w.status,
                                         'ticket_id', w.ticket_id, 'created_at', w.created_at) order by w.id)
                         from app_public.waitlist_entries w where w.user_id = v_user), '[]'),
    'payments', coalesce((select json_agg(json_build_object('intent_id', p.intent_id, 'ticket_id', p.ticket_id,
                                         'amount_cents', p.amount_cents, 'status', p.status, 'provider', p.provider,
                                         'created_at', p.created_at, 'updated_at', p.updated_at) order by p.created_at)
                         from app_private.payments p join app_public.tickets t on t.id = p.ticket_id where t.user_id = v_user), '[]'),
    'refunds', coalesce((select json_agg(json_build_object('id', r.id, 'intent_id', r.intent_id, 'amount_cents', r.amount_cents,
                                         'reason', r.reason, 'status', r.status, 'requested_at', r.requested_at,
                                         'finished_at', r.finished_at) order by r.id)
                         from app_private.refunds r join app_private.payments p on p.intent_id = r.intent_id
                         join app_public.tickets t on t.id = p.ticket_id where t.user_id = v_user), '[]'),
    'sessions', coalesce((select json_agg(json_build_object('id', s.id, 'created_at', s.created_at, 'expires_at', s.expires_at,
                                         'ended_at', s.ended_at, 'user_agent', s.user_agent,
                                         'current', s.id = app_private.current_session_id()) order by s.id)
                         from app_private.sessions s where s.user_id = v_user), '[]')
  ) into v_document;
  -- Times as the rest of the API writes them: UTC with Z (json writes +00:00 in UTC).
  return regexp_replace(v_document::text, '(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?)\+00:00"', '\1Z"', 'g')::json;
end $function$
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
  -- Same order and words as booking: started, then the window.
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

CREATE OR REPLACE FUNCTION app_public.leave_waitlist(entry_id integer)
 RETURNS app_public.waitlist_entries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.resend_verification_email()
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id();
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  if v_user.email_verified_at is not null then
    return false;
  end if;
  perform app_private.count_hit('verification_emails_per_user', v_user.id::text, 'Too many verification emails asked for');
  perform app_private.send_verification_email(v_user.id);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.reset_password(token text, new_password text)
 RETURNS boolean
 LANGUAGE plpgsql
 STRICT SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int;
begin
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.password_resets r set used_at = now()
  where r.token_hash = app_private.token_hash(reset_password.token) and r.used_at is null and r.expires_at > now()
  returning r.user_id into v_user;
  if v_user is null then
    perform app_private.fail('INVALID_TOKEN:password_reset', 'token');
  end if;
  perform app_private.check_new_password(new_password, 'password');
  perform app_private.set_password(v_user, new_password);
  -- The link reached the address: it is verified.
  update app_public.users u set email_verified_at = coalesce(u.email_verified_at, now()) where u.id = v_user;
  update app_private.password_resets r set used_at = now() where r.user_id = v_user and r.used_at is null;
  perform app_private.end_sessions(v_user);
  perform app_private.mail_password_changed(v_user);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.update_event(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text, venue text DEFAULT NULL::text, starts_at timestamp with time zone DEFAULT NULL::timestamp with time zone, total_tickets integer DEFAULT NULL::integer, max_tickets_per_student integer DEFAULT NULL::integer, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT NULL::integer, hold_minutes integer DEFAULT NULL::integer, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, clear text[] DEFAULT NULL::text[])
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
  v_field text;
begin
  perform app_private.require_admin();
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end') then
      perform app_private.fail('INVALID_INPUT:clear', 'clear', coalesce(v_field, 'null'));
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) then
      perform app_private.fail('INVALID_INPUT:set_and_cleared', v_field, v_field);
    end if;
  end loop;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);

  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
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
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.verify_email(token text)
 RETURNS app_public.users
 LANGUAGE plpgsql
 STRICT SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_link app_private.email_verifications;
  v_user app_public.users;
begin
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.email_verifications v set used_at = now()
  where v.token_hash = app_private.token_hash(verify_email.token) and v.used_at is null and v.expires_at > now()
  returning * into v_link;
  update app_public.users u set email_verified_at = coalesce(u.email_verified_at, now())
  where u.id = v_link.user_id and u.email = v_link.email
  returning * into v_user;
  if v_user.id is null then
    perform app_private.fail('INVALID_TOKEN:verify_email', 'token');
  end if;
  return v_user;
end $function$
;

CREATE UNIQUE INDEX event_leaderboard_event_id_idx ON app_public.event_leaderboard USING btree (event_id);

CREATE TRIGGER _100_confirmed_at BEFORE INSERT OR UPDATE OF status ON app_public.tickets FOR EACH ROW WHEN (((new.status = 'confirmed'::app_public.ticket_status) AND (new.confirmed_at IS NULL))) EXECUTE FUNCTION app_private.tickets_confirmed_at();

comment on function app_private.ticket_is_live(app_public.ticket_status) is 'The ticket holds a seat (held, offered or confirmed): counted by inventory and by the per-student limit.';
comment on function app_private.ticket_is_sold(app_public.ticket_status) is 'The seat is sold (free booking, paid hold, accepted offer): counted by the leaderboard and analytics.';
comment on function app_public.events_sales_state(app_public.events) is 'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good).';
grant execute on function app_public.events_sales_state(app_public.events) to ticketing_anonymous;
comment on function app_public.fastest_sellouts(integer) is 'Events whose every seat was sold, fastest first.';
grant execute on function app_public.fastest_sellouts(integer) to ticketing_anonymous;
comment on function app_public.popular_events(integer) is 'Most tickets sold (refreshed every minute and on each sell-out).';
grant execute on function app_public.popular_events(integer) to ticketing_anonymous;
comment on materialized view app_public.event_leaderboard is 'Popularity per event (sold tickets only), refreshed by a background job (every minute and when an event sells out).';
grant select on table app_public.event_leaderboard to ticketing_anonymous;
comment on type app_public.sales_state is 'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good).';
comment on type app_public.ticket_status is 'pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired';
comment on type app_public.waitlist_entry_status is 'waiting: in line · offered: a seat is held for them (ticket_id) · accepted · lapsed: the offer expired · left';
comment on view app_private.errors is 'Every refusal a client can get: reason (what fail() names), code (what clients see), HTTP status, message (a format() template).';
comment on view app_private.field_bounds is 'The numeric bounds of each field, as its CHECK constraint <table>_<field>_valid says them (is_length: of its length in characters).';

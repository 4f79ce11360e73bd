-- Written by `npm run db:dump` with pg_dump 15 from db/migrations/committed: do not edit.
--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app_hidden; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_hidden;

--
-- Name: SCHEMA app_hidden; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app_hidden IS 'Functions the server and request roles call that the GraphQL API does not expose.';

--
-- Name: app_private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_private;

--
-- Name: app_public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_public;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

--
-- Name: sales_state; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.sales_state AS ENUM (
    'not_open',
    'on_sale',
    'sold_out',
    'closed',
    'started',
    'cancelled'
);

--
-- Name: TYPE sales_state; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.sales_state IS 'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good).';

--
-- Name: availability_message; Type: TYPE; Schema: app_hidden; Owner: -
--

CREATE TYPE app_hidden.availability_message AS (
	event_id integer,
	tickets_remaining integer,
	total_tickets integer,
	sold_out boolean,
	sales_state app_public.sales_state,
	starts_at text,
	sales_start text,
	sales_end text,
	version bigint,
	category_id integer
);

--
-- Name: COLUMN availability_message.event_id; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.event_id IS '@notNull';

--
-- Name: COLUMN availability_message.tickets_remaining; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.tickets_remaining IS '@notNull';

--
-- Name: COLUMN availability_message.total_tickets; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.total_tickets IS '@notNull';

--
-- Name: COLUMN availability_message.sold_out; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.sold_out IS '@notNull';

--
-- Name: COLUMN availability_message.sales_state; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.sales_state IS '@notNull
not_open, on_sale, sold_out, closed, started or cancelled (as Event.salesState); a message arrives when time or a cancellation changes it.';

--
-- Name: COLUMN availability_message.starts_at; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.starts_at IS '@notNull
@graphqlType Datetime';

--
-- Name: COLUMN availability_message.sales_start; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.sales_start IS '@graphqlType Datetime
When booking opens; null: as soon as the event exists.';

--
-- Name: COLUMN availability_message.sales_end; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.sales_end IS '@graphqlType Datetime
When booking closes; null: when the event starts.';

--
-- Name: COLUMN availability_message.version; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.version IS '@notNull
Rises with every change of this event''s availability; a newer message always has a larger version.';

--
-- Name: COLUMN availability_message.category_id; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON COLUMN app_hidden.availability_message.category_id IS '@omit
The event''s category: which list pages hear of it.';

--
-- Name: club_action; Type: TYPE; Schema: app_hidden; Owner: -
--

CREATE TYPE app_hidden.club_action AS ENUM (
    'check_in',
    'run_events',
    'see_members',
    'manage_club'
);

--
-- Name: TYPE club_action; Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON TYPE app_hidden.club_action IS 'check_in: door · run_events (create and edit events, analytics, attendees): manager · see_members: manager · manage_club (profile, members): owner';

--
-- Name: ticket_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.ticket_status AS ENUM (
    'pending',
    'offered',
    'confirmed',
    'cancelled',
    'expired'
);

--
-- Name: TYPE ticket_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.ticket_status IS 'pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired';

--
-- Name: attendee; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.attendee AS (
	ticket_id integer,
	user_id integer,
	name text,
	email text,
	status app_public.ticket_status,
	booked_at timestamp with time zone,
	checked_in_at timestamp with time zone
);

--
-- Name: club_role; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.club_role AS ENUM (
    'door',
    'manager',
    'owner'
);

--
-- Name: TYPE club_role; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.club_role IS 'A member''s role in a club: door (checks in), manager (+ runs the club''s events), owner (+ the club and its members).';

--
-- Name: club_member; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.club_member AS (
	user_id integer,
	name text,
	email text,
	role app_public.club_role,
	status text,
	since timestamp with time zone
);

--
-- Name: COLUMN club_member.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.club_member.status IS 'active: an account with this role · invited: an address without an account yet; it becomes a member once its account is verified';

--
-- Name: COLUMN club_member.since; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.club_member.since IS 'When the member was added, or the address invited.';

--
-- Name: event_phase; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.event_phase AS ENUM (
    'upcoming',
    'past',
    'cancelled'
);

--
-- Name: TYPE event_phase; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.event_phase IS 'Where an event stands, for the people who run it: upcoming (not started; salesState says on sale, sold out, not open or closed) · past (started) · cancelled (called off: cancelledAt, cancelReason).';

--
-- Name: event_stats; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.event_stats AS (
	event_id integer,
	total_tickets integer,
	tickets_sold integer,
	tickets_held integer,
	tickets_remaining integer,
	sell_through_percent numeric,
	cancellations integer,
	expired_holds integer,
	waitlist_size integer,
	checked_in integer,
	check_in_rate_percent numeric
);

--
-- Name: event_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.event_status AS ENUM (
    'scheduled',
    'cancelled'
);

--
-- Name: TYPE event_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.event_status IS 'scheduled · cancelled: called off for good (cancelled_at, cancel_reason); its tickets were cancelled and refunded';

--
-- Name: jwt_claims; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.jwt_claims AS (
	user_id integer,
	role text
);

--
-- Name: lottery_entry_state; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.lottery_entry_state AS ENUM (
    'entered',
    'won',
    'lost',
    'claimed',
    'expired'
);

--
-- Name: TYPE lottery_entry_state; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.lottery_entry_state IS 'entered (before the draw) · won (claim before offer_expires_at) · lost (waiting in draw order for a win passed on) · claimed · expired';

--
-- Name: queue_entry_state; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.queue_entry_state AS ENUM (
    'waiting',
    'admitted',
    'booked',
    'lapsed',
    'closed',
    'left'
);

--
-- Name: TYPE queue_entry_state; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.queue_entry_state IS 'waiting (in line) · admitted (may book until admitted_until) · booked · lapsed (admission unused) · closed (sold out or sales over) · left';

--
-- Name: queue_stats; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.queue_stats AS (
	joined integer,
	waiting integer,
	admitted integer,
	booked integer,
	lapsed integer,
	closed integer
);

--
-- Name: release_draw; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.release_draw AS (
	seed text,
	algorithm text,
	entries integer[],
	"order" integer[],
	winners integer[],
	order_hash text,
	drawn_at timestamp with time zone
);

--
-- Name: release_mode; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.release_mode AS ENUM (
    'first_come',
    'queue',
    'lottery'
);

--
-- Name: TYPE release_mode; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.release_mode IS 'first_come: the first bookings win · queue: a waiting room shuffled at sales_start, admitted in turn · lottery: a draw at lottery_closes_at.';

--
-- Name: user_session; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.user_session AS (
	id integer,
	created_at timestamp with time zone,
	user_agent text,
	current boolean
);

--
-- Name: waitlist_entry_status; Type: TYPE; Schema: app_public; Owner: -
--

CREATE TYPE app_public.waitlist_entry_status AS ENUM (
    'waiting',
    'offered',
    'accepted',
    'lapsed',
    'left',
    'closed'
);

--
-- Name: TYPE waitlist_entry_status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TYPE app_public.waitlist_entry_status IS 'waiting: in line · offered: a seat is held for them (ticket_id) · accepted · lapsed: the offer expired · left · closed: the event was cancelled';

--
-- Name: authenticate(text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.authenticate(email text, password text) RETURNS app_public.jwt_claims
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
declare
  v_email citext := lower(btrim(coalesce(authenticate.email, '')))::citext;
  v_address text := app_private.client_address();
  -- The per-email count is kept per address too (see throttle_rules).
  v_email_here text := v_email::text || coalesce(' from ' || v_address, '');
  v_email_message text := 'Too many failed sign-ins for this email';
  v_address_message text := 'Too many failed sign-ins from your network';
  -- Set while the failures for this email from all addresses fill their window.
  v_crowded_until timestamptz := app_private.throttled_until('sign_in_failures_per_email_any_address', v_email);
  v_here app_private.throttle_counters;
  v_id int;
  v_role text;
  v_hash text;
begin
  -- Cheap refusal before any bcrypt work once a window is full.
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_email_message);
  if v_address is not null then
    perform app_private.refuse_if_throttled('sign_in_failures_per_address', v_address, v_address_message);
  end if;
  if v_crowded_until is not null then
    -- One attempt per address with no failure for this email in its window:
    -- counted now, before the password is checked, and cleared if it is right.
    v_here := app_private.take_hit('sign_in_failures_per_email', v_email_here);
    if v_here.hits > 1 then
      perform app_private.fail_throttled(v_email_message, least(v_crowded_until,
        v_here.window_started_at + (select r.per from app_private.throttle_rules r where r.rule = 'sign_in_failures_per_email')));
    end if;
  end if;

  select u.id, u.role, s.password_hash into v_id, v_role, v_hash
  from app_public.users u join app_private.user_secrets s on s.user_id = u.id
  where u.email = v_email;

  -- Same work and same answer whether the email is unknown or the password wrong.
  if v_hash is null then
    perform crypt(coalesce(authenticate.password, ''), '$2a$10$Om.6JIkBK11PbiQqk92kZuYyWAZTWqTLwAHQVvaLi.CniJ9LRszhW');
  end if;
  if v_hash is null or v_hash <> crypt(coalesce(authenticate.password, ''), v_hash) then
    -- Counted atomically: attempts that raced past the checks above are refused
    -- here, so no more than the limit are ever answered.
    if v_crowded_until is null then
      perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_email_message);
      perform app_private.count_hit('sign_in_failures_per_email_any_address', v_email, v_email_message);
    end if;
    if v_address is not null then
      perform app_private.count_hit('sign_in_failures_per_address', v_address, v_address_message);
    end if;
    return null;
  end if;
  -- Right password: refused only if failures from this address filled its own
  -- window meanwhile (row lock, then check); never by the any-address rule.
  perform from app_private.throttle_counters c
  where c.rule = 'sign_in_failures_per_email' and c.subject = v_email_here
  for update;
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_email_message);
  delete from app_private.throttle_counters c where c.rule = 'sign_in_failures_per_email' and c.subject = v_email_here;
  return (v_id, v_role)::app_public.jwt_claims;
end $_$;

--
-- Name: FUNCTION authenticate(email text, password text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.authenticate(email text, password text) IS 'Check a password: the claims for a token, or null for wrong credentials (recorded for throttling).';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: tickets; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.tickets (
    id integer NOT NULL,
    event_id integer NOT NULL,
    user_id integer NOT NULL,
    status app_public.ticket_status DEFAULT 'confirmed'::app_public.ticket_status NOT NULL,
    booked_at timestamp with time zone DEFAULT now() NOT NULL,
    cancelled_at timestamp with time zone,
    idempotency_key text,
    price_cents integer DEFAULT 0 NOT NULL,
    hold_expires_at timestamp with time zone,
    paid_at timestamp with time zone,
    check_in_code text,
    checked_in_at timestamp with time zone,
    confirmed_at timestamp with time zone,
    CONSTRAINT tickets_cancelled_at_valid CHECK (((status = 'cancelled'::app_public.ticket_status) = (cancelled_at IS NOT NULL))),
    CONSTRAINT tickets_check_in_code_valid CHECK (((status = 'confirmed'::app_public.ticket_status) <= (check_in_code IS NOT NULL))),
    CONSTRAINT tickets_confirmed_at_valid CHECK (((status = 'confirmed'::app_public.ticket_status) <= (confirmed_at IS NOT NULL))),
    CONSTRAINT tickets_hold_expires_at_valid CHECK (((status = ANY (ARRAY['pending'::app_public.ticket_status, 'offered'::app_public.ticket_status])) <= (hold_expires_at IS NOT NULL))),
    CONSTRAINT tickets_idempotency_key_valid CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200)))
);

--
-- Name: TABLE tickets; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.tickets IS '@behavior -insert -update -delete
A seat at an event, held by one student.';

--
-- Name: COLUMN tickets.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.tickets.status IS 'pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired';

--
-- Name: COLUMN tickets.idempotency_key; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.tickets.idempotency_key IS '@behavior -*';

--
-- Name: COLUMN tickets.check_in_code; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.tickets.check_in_code IS 'Unguessable code to show at the door (put it in a QR code).';

--
-- Name: COLUMN tickets.confirmed_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.tickets.confirmed_at IS 'When the ticket was confirmed (sold); stays set if it is cancelled later.';

--
-- Name: book_ticket(integer, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.book_ticket(event_id integer, idempotency_key text DEFAULT NULL::text) RETURNS app_public.tickets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION book_ticket(event_id integer, idempotency_key text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.book_ticket(event_id integer, idempotency_key text) IS 'Book one ticket as the calling student (GraphQL and REST go through the server''s batches instead).';

--
-- Name: book_tickets(integer, json, json); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.book_tickets(event_id integer, requests json, keys json) RETURNS json
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: change_password(text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.change_password(current_password text, new_password text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION change_password(current_password text, new_password text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.change_password(current_password text, new_password text) IS 'Change the caller''s password (null-free: false for a wrong current password); every session ends.';

--
-- Name: close_account_with_link(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.close_account_with_link(token text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user app_public.users;
  v_link app_private.account_closures;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.account_closures c set used_at = now()
  where c.token_hash = app_private.token_hash(close_account_with_link.token) and c.used_at is null and c.expires_at > now()
    and c.user_id = v_user.id and c.email = v_user.email
  returning * into v_link;
  if v_link.user_id is null then
    perform app_private.fail('INVALID_TOKEN:close_account', 'token');
  end if;
  if exists (select from app_private.user_secrets s where s.user_id = v_user.id) then
    perform app_private.fail('PASSWORD_REQUIRED', 'password');
  end if;
  perform app_private.close_account(v_user.id);
  return true;
end $$;

--
-- Name: FUNCTION close_account_with_link(token text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.close_account_with_link(token text) IS 'Close the caller''s account with the token of the link request_account_closure mailed (INVALID_TOKEN otherwise), as delete_account does with a password.';

--
-- Name: club_permits(app_hidden.club_action, integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.club_permits(action app_hidden.club_action, club_id integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_public.current_app_role() = 'admin' or exists (
    select from app_public.club_memberships m
    where m.club_id = club_permits.club_id and m.user_id = app_public.current_user_id()
      and m.role >= case club_permits.action
                      when 'check_in' then 'door'
                      when 'run_events' then 'manager'
                      when 'see_members' then 'manager'
                      else 'owner' end::app_public.club_role)
$$;

--
-- Name: FUNCTION club_permits(action app_hidden.club_action, club_id integer); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.club_permits(action app_hidden.club_action, club_id integer) IS 'May the caller do this for this club? Admins always; members with at least the action''s role (check_in: door, run_events and see_members: manager, manage_club: owner).';

--
-- Name: count_password_reset_request(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.count_password_reset_request(email text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_address text := app_private.client_address();
begin
  perform app_private.count_hit('password_resets_per_email', lower(btrim(coalesce(email, ''))), 'Too many password reset requests for this email');
  if v_address is not null then
    perform app_private.count_hit('password_resets_per_address', v_address, 'Too many password reset requests from your network');
  end if;
end $$;

--
-- Name: FUNCTION count_password_reset_request(email text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.count_password_reset_request(email text) IS 'Count a password reset request (429 past the limits); the server answers, then calls send_password_reset.';

--
-- Name: count_signup_attempt(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.count_signup_attempt() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_address text := app_private.client_address();
begin
  if v_address is not null then
    perform app_private.count_hit('signups_per_address', v_address, 'Too many signups from your network');
  end if;
end $$;

--
-- Name: FUNCTION count_signup_attempt(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.count_signup_attempt() IS 'Count one signup attempt against the client address (TOO_MANY_ATTEMPTS past the limit); the server commits it before the signup.';

--
-- Name: delete_account(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.delete_account(password text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  select s.password_hash into v_hash from app_private.user_secrets s where s.user_id = v_user.id;
  if v_hash is null then
    perform app_private.fail('NO_PASSWORD', 'password');
  end if;
  v_email_here := v_user.email::text || coalesce(' from ' || v_address, '');
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
  if v_hash <> crypt(coalesce(password, ''), v_hash) then
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
    return false;
  end if;
  perform app_private.close_account(v_user.id);
  return true;
end $$;

--
-- Name: FUNCTION delete_account(password text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.delete_account(password text) IS 'Close the caller''s account (false: wrong password; an account without a password: NO_PASSWORD): tickets cancelled, places in queues and lotteries given up, club roles ended (the sole owner of a club: LAST_OWNER), name and email erased, every session ended.';

--
-- Name: ended_sessions(); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.ended_sessions() RETURNS TABLE(id integer, expires_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select s.id, s.expires_at from app_private.sessions s where s.ended_at is not null and s.expires_at > now()
$$;

--
-- Name: FUNCTION ended_sessions(); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.ended_sessions() IS 'Sessions every instance must refuse until they expire (loaded at start, then followed by LISTEN).';

--
-- Name: events; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.events (
    id integer NOT NULL,
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    venue text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    total_tickets integer NOT NULL,
    tickets_remaining integer NOT NULL,
    max_tickets_per_student integer DEFAULT 1 NOT NULL,
    created_by integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    availability_version bigint DEFAULT 0 NOT NULL,
    category_id integer,
    price_cents integer DEFAULT 0 NOT NULL,
    hold_minutes integer DEFAULT 10 NOT NULL,
    sold_out_at timestamp with time zone,
    sales_start timestamp with time zone,
    sales_end timestamp with time zone,
    club_id integer,
    status app_public.event_status DEFAULT 'scheduled'::app_public.event_status NOT NULL,
    cancelled_at timestamp with time zone,
    cancel_reason text,
    release_mode app_public.release_mode DEFAULT 'first_come'::app_public.release_mode NOT NULL,
    queue_opens_at timestamp with time zone,
    admission_minutes integer DEFAULT 10 NOT NULL,
    lottery_closes_at timestamp with time zone,
    offer_minutes integer DEFAULT 1440 NOT NULL,
    CONSTRAINT events_admission_minutes_valid CHECK (((admission_minutes >= 1) AND (admission_minutes <= 1440))),
    CONSTRAINT events_cancel_reason_valid CHECK (((cancel_reason = btrim(cancel_reason)) AND ((length(cancel_reason) >= 1) AND (length(cancel_reason) <= 500)))),
    CONSTRAINT events_cancelled_at_valid CHECK ((((status = 'cancelled'::app_public.event_status) = (cancelled_at IS NOT NULL)) AND ((cancelled_at IS NULL) = (cancel_reason IS NULL)))),
    CONSTRAINT events_description_valid CHECK ((length(description) <= 5000)),
    CONSTRAINT events_hold_minutes_valid CHECK (((hold_minutes >= 1) AND (hold_minutes <= 1440))),
    CONSTRAINT events_lottery_closes_at_valid CHECK (((lottery_closes_at >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (lottery_closes_at < '10000-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT events_max_tickets_per_student_valid CHECK (((max_tickets_per_student >= 1) AND (max_tickets_per_student <= 10))),
    CONSTRAINT events_name_valid CHECK (((name = btrim(name)) AND ((length(name) >= 1) AND (length(name) <= 200)))),
    CONSTRAINT events_offer_minutes_valid CHECK (((offer_minutes >= 1) AND (offer_minutes <= 10080))),
    CONSTRAINT events_price_cents_valid CHECK (((price_cents >= 0) AND (price_cents <= 1000000))),
    CONSTRAINT events_queue_opens_at_valid CHECK (((queue_opens_at >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (queue_opens_at < '10000-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT events_release_valid CHECK ((((release_mode <> 'queue'::app_public.release_mode) OR (sales_start IS NOT NULL)) AND ((release_mode <> 'lottery'::app_public.release_mode) OR (lottery_closes_at IS NOT NULL)) AND ((queue_opens_at IS NULL) OR (sales_start IS NULL) OR (queue_opens_at < sales_start)) AND ((lottery_closes_at IS NULL) OR (lottery_closes_at < COALESCE(sales_end, starts_at))))),
    CONSTRAINT events_sales_end_valid CHECK (((sales_end >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (sales_end < '10000-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT events_sales_start_valid CHECK (((sales_start >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (sales_start < '10000-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT events_sales_window_valid CHECK ((((sales_start IS NULL) OR (sales_start < COALESCE(sales_end, starts_at))) AND ((sales_end IS NULL) OR (sales_end <= starts_at)))),
    CONSTRAINT events_starts_at_valid CHECK (((starts_at >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (starts_at < '10000-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT events_tickets_remaining_valid CHECK (((tickets_remaining >= 0) AND (tickets_remaining <= total_tickets))),
    CONSTRAINT events_total_tickets_valid CHECK (((total_tickets >= 1) AND (total_tickets <= 100000))),
    CONSTRAINT events_venue_valid CHECK (((venue = btrim(venue)) AND ((length(venue) >= 1) AND (length(venue) <= 200))))
);

--
-- Name: TABLE events; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.events IS '@behavior -insert -update -delete
Something students can book tickets for.';

--
-- Name: COLUMN events.tickets_remaining; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.tickets_remaining IS '@behavior -insert -update
Seats still available; changes only through booking and cancelling.';

--
-- Name: COLUMN events.created_by; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.created_by IS '@behavior -insert -update
The admin who created the event.';

--
-- Name: COLUMN events.created_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.created_at IS '@behavior -insert -update';

--
-- Name: COLUMN events.updated_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.updated_at IS '@behavior -insert -update';

--
-- Name: COLUMN events.availability_version; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.availability_version IS '@behavior -insert -update
Rises by one with every change of tickets_remaining or total_tickets.';

--
-- Name: COLUMN events.price_cents; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.price_cents IS 'Ticket price in cents; 0 is a free event (booked instantly, no payment).';

--
-- Name: COLUMN events.hold_minutes; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.hold_minutes IS 'How long a paid booking or a waitlist offer holds its seat.';

--
-- Name: COLUMN events.sold_out_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.sold_out_at IS '@behavior -insert -update
When the event first sold out.';

--
-- Name: COLUMN events.sales_start; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.sales_start IS 'When booking opens (null: as soon as the event exists).';

--
-- Name: COLUMN events.sales_end; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.sales_end IS 'When booking closes (null: when the event starts); never after starts_at.';

--
-- Name: COLUMN events.club_id; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.club_id IS 'The club that runs the event (null: the admins).';

--
-- Name: COLUMN events.status; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.status IS '@behavior -insert -update
scheduled, or cancelled (for good: cancelEvent).';

--
-- Name: COLUMN events.cancelled_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.cancelled_at IS '@behavior -insert -update
When the event was called off (null: it was not).';

--
-- Name: COLUMN events.cancel_reason; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.cancel_reason IS '@behavior -insert -update
Why the event was called off, in the organiser''s words.';

--
-- Name: COLUMN events.release_mode; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.release_mode IS 'first_come (default) · queue (a waiting room) · lottery (a draw).';

--
-- Name: COLUMN events.queue_opens_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.queue_opens_at IS 'Queue: when students may start joining (null: as soon as the event exists).';

--
-- Name: COLUMN events.admission_minutes; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.admission_minutes IS 'Queue: how long an admitted student may book (minutes).';

--
-- Name: COLUMN events.lottery_closes_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.lottery_closes_at IS 'Lottery: entries close and the draw runs.';

--
-- Name: COLUMN events.offer_minutes; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.events.offer_minutes IS 'Lottery: how long a winner has to claim (minutes).';

--
-- Name: event_availability_json(app_public.events); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.event_availability_json(e app_public.events) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select row_to_json(row(
    e.id,
    e.tickets_remaining,
    e.total_tickets,
    e.tickets_remaining = 0,
    app_public.events_sales_state(e),
    to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.sales_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.sales_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.availability_version,
    e.category_id
  )::app_hidden.availability_message)::text
$$;

--
-- Name: FUNCTION event_availability_json(e app_public.events); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.event_availability_json(e app_public.events) IS 'The availability message, as sent by pg_notify.';

--
-- Name: event_image(integer, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.event_image(event_id integer, size text) RETURNS TABLE(etag text, content_type text, bytes bytea)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select i.etag, i.content_type, case event_image.size when 'list' then i.list_image else i.page_image end
  from app_private.event_images i where i.event_id = event_image.event_id
$$;

--
-- Name: event_image_url(integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.event_image_url(event_id integer) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select format('/events/%s/image?v=%s', i.event_id, i.etag) from app_private.event_images i
  where i.event_id = event_image_url.event_id
$$;

--
-- Name: FUNCTION event_image_url(event_id integer); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.event_image_url(event_id integer) IS 'The event''s image (page size; add &size=list for the card), or null.';

--
-- Name: may_manage_release(integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.may_manage_release(event_id integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_private.may_manage_release(event_id)
$$;

--
-- Name: may_on_event(app_hidden.club_action, integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.may_on_event(action app_hidden.club_action, event_id integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_hidden.club_permits(action, (select e.club_id from app_public.events e where e.id = may_on_event.event_id))
$$;

--
-- Name: FUNCTION may_on_event(action app_hidden.club_action, event_id integer); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.may_on_event(action app_hidden.club_action, event_id integer) IS 'May the caller do this to this event: club_permits for the event''s club (admins always; a club-less event only admins).';

--
-- Name: open_payment_intent(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.open_payment_intent(intent_id text) RETURNS TABLE(ticket_id integer, amount_cents integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select p.ticket_id, p.amount_cents from app_private.payments p
  where p.intent_id = open_payment_intent.intent_id and p.status = 'created'
$$;

--
-- Name: queue_entries_of(integer, integer[]); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.queue_entries_of(event_id integer, user_ids integer[]) RETURNS TABLE(user_id integer, event_id integer, state app_public.queue_entry_state, "position" integer, admitted_until timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select e.user_id, e.event_id, e.state, e.position, e.admitted_until
  from (
    select q.user_id, q.event_id, q.state, q.admitted_until,
           case when q.state = 'waiting' and q.place is not null
                then row_number() over (partition by q.state = 'waiting' and q.place is not null order by q.place)::int
           end as position
    from app_public.queue_entries q
    where q.event_id = queue_entries_of.event_id
  ) e
  join unnest(queue_entries_of.user_ids) as asked(user_id) on asked.user_id = e.user_id
$$;

--
-- Name: record_payment_intent(integer, text, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.record_payment_intent(ticket_id integer, intent_id text, provider text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_amount int := app_hidden.ticket_payment_amount(record_payment_intent.ticket_id);
begin
  insert into app_private.payments (intent_id, ticket_id, amount_cents, provider)
  values (record_payment_intent.intent_id, record_payment_intent.ticket_id, v_amount, record_payment_intent.provider);
  return v_amount;
end $$;

--
-- Name: send_password_reset(text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.send_password_reset(email text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user app_public.users;
  v_token text := app_private.new_link_token();
  v_url text := (select s.public_url from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.email = lower(btrim(coalesce(send_password_reset.email, '')))::citext;
  if v_user.id is null then
    return;
  end if;
  insert into app_private.password_resets (token_hash, user_id, expires_at)
  values (app_private.token_hash(v_token), v_user.id, now() + interval '1 hour');
  perform app_private.enqueue_email('password_reset', v_user.id, 'password_reset:' || encode(app_private.token_hash(v_token), 'hex'),
    'Choose a new password',
    format(E'Hello %s,\n\nSomeone (we hope you) asked to reset the password of your Campus tickets account. Choose a new one within an hour:\n\n%s/reset-password?token=%s\n\nIf it was not you, ignore this email: your password stays as it is.',
           v_user.name, rtrim(v_url, '/'), v_token));
end $$;

--
-- Name: FUNCTION send_password_reset(email text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.send_password_reset(email text) IS 'Mail a reset link if an account uses the address (the server calls it after answering).';

--
-- Name: set_event_image(integer, text, text, bytea, bytea); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_event app_public.events;
begin
  -- Events are public: NOT_FOUND before FORBIDDEN tells nobody anything new.
  select * into v_event from app_public.events e where e.id = set_event_image.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:event_image');
  end if;
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED:edit');
  end if;
  insert into app_private.event_images (event_id, etag, content_type, list_image, page_image, updated_by)
  values (v_event.id, set_event_image.etag, set_event_image.content_type, set_event_image.list_image,
          set_event_image.page_image, app_public.current_user_id())
  on conflict on constraint event_images_pkey do update
    set etag = excluded.etag, content_type = excluded.content_type, list_image = excluded.list_image,
        page_image = excluded.page_image, updated_at = now(), updated_by = excluded.updated_by;
  return app_hidden.event_image_url(v_event.id);
end $$;

--
-- Name: FUNCTION set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea) IS 'Set the event''s image, as the server re-encoded it (admins; a club''s event: its owners and managers).';

--
-- Name: settle_payment(text, integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.settle_payment(intent_id text, amount_cents integer) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: sign_in_with_identity_provider(text, text, text, boolean, text); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text) RETURNS app_public.jwt_claims
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text) IS 'The account the identity provider''s verified answer signs in: linked by issuer and subject, else by verified email, else a new student.';

--
-- Name: start_session(text, integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.start_session(user_agent text, ttl_seconds integer) RETURNS TABLE(session_id integer, expires_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION start_session(user_agent text, ttl_seconds integer); Type: COMMENT; Schema: app_hidden; Owner: -
--

COMMENT ON FUNCTION app_hidden.start_session(user_agent text, ttl_seconds integer) IS 'A new session of the signed-in user; the server signs a token naming it.';

--
-- Name: ticket_payment_amount(integer); Type: FUNCTION; Schema: app_hidden; Owner: -
--

CREATE FUNCTION app_hidden.ticket_payment_amount(ticket_id integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: add_to_outbox(text, integer, text, text, text, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.add_to_outbox(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer DEFAULT NULL::integer) RETURNS bigint
    LANGUAGE sql
    AS $$
  insert into app_private.outbox (kind, user_id, dedupe_key, subject, body, event_id)
  values (kind, user_id, dedupe_key, subject, body, event_id)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id
$$;

--
-- Name: admitted_students(integer, integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.admitted_students(event_id integer, user_ids integer[]) RETURNS integer[]
    LANGUAGE sql STABLE
    AS $$
  select coalesce(array_agg(q.user_id), '{}') from app_public.queue_entries q
  where q.event_id = admitted_students.event_id and q.user_id = any(user_ids)
    and q.state = 'admitted' and q.admitted_until > now()
$$;

--
-- Name: allocate_seats(integer, json, json); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.allocate_seats(event_id integer, requests json, keys json) RETURNS TABLE(ticket app_public.tickets, error text, replayed boolean)
    LANGUAGE plpgsql
    AS $$
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
end $$;

--
-- Name: announce_availability(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.announce_availability(event_id integer) RETURNS void
    LANGUAGE sql
    AS $$
  update app_public.events e set availability_version = e.availability_version + 1 where e.id = announce_availability.event_id
$$;

--
-- Name: begin_refund_attempt(bigint); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.begin_refund_attempt(refund_id bigint) RETURNS TABLE(intent_id text, provider text, amount_cents integer, idempotency_key text, attempts integer)
    LANGUAGE plpgsql
    AS $$
begin
  return query
    update app_private.refunds r set attempts = r.attempts + 1
    from app_private.payments p
    where r.id = begin_refund_attempt.refund_id and r.status = 'requested' and p.intent_id = r.intent_id
    returning r.intent_id, p.provider, r.amount_cents, r.idempotency_key, r.attempts;
end $$;

--
-- Name: booking_emails_left(integer, integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.booking_emails_left(event_id integer, user_ids integer[]) RETURNS TABLE(user_id integer, emails_left integer)
    LANGUAGE sql STABLE
    AS $$
  select u.id, (r.max_hits - count(t.id))::int
  from unnest(user_ids) as u(id)
  left join app_private.throttle_rules r on r.rule = 'booking_confirmation_emails'
  left join app_public.tickets t
    on t.user_id = u.id and t.event_id = booking_emails_left.event_id and t.confirmed_at > now() - r.per
  group by u.id, r.max_hits
$$;

--
-- Name: cancellation_email_body(app_public.events, boolean, boolean); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean) RETURNS text
    LANGUAGE sql STABLE
    AS $$
  select format(E'%s (%s, %s) has been cancelled by its organisers.\n\nTheir reason: %s\n\n%s',
    event.name, event.venue, app_private.email_moment(event.starts_at),
    event.cancel_reason,
    case
      when paid then 'Your ticket is cancelled, and the money you paid is on its way back to you through the same payment provider.'
      when holds_ticket then 'Your ticket is cancelled; there is nothing for you to do.'
      else 'You were waiting for a seat (on the waitlist, in the queue or in the lottery); that is closed now.'
    end)
$$;

--
-- Name: check_bounds(text, text, bigint); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_bounds(table_name text, field text, value bigint) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
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
end $$;

--
-- Name: check_club_fields(text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_club_fields(name text, description text) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  perform app_private.check_bounds('clubs', 'name', length(btrim(name)));
  perform app_private.check_bounds('clubs', 'description', length(description));
end $$;

--
-- Name: check_event_fields(text, text, text, integer, integer, integer, integer, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_event_fields(name text, description text, venue text, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
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
end $$;

--
-- Name: check_new_password(text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_new_password(password text, field text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    AS $$
begin
  if password is null or length(password) < 8 or octet_length(password) > 72 then
    perform app_private.fail('INVALID_INPUT:password', field);
  end if;
end $$;

--
-- Name: check_release_fields(app_public.events, timestamp with time zone, timestamp with time zone, timestamp with time zone, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_release_fields(event app_public.events, starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if not app_private.moment_is_valid(queue_opens_at) then
    perform app_private.fail('INVALID_INPUT:moment', 'queue_opens_at', 'queue_opens_at');
  end if;
  if not app_private.moment_is_valid(lottery_closes_at) then
    perform app_private.fail('INVALID_INPUT:moment', 'lottery_closes_at', 'lottery_closes_at');
  end if;
  perform app_private.check_bounds('events', 'admission_minutes', admission_minutes);
  perform app_private.check_bounds('events', 'offer_minutes', offer_minutes);
  if release_mode = 'queue' and sales_start is null then
    perform app_private.fail('INVALID_INPUT:queue_sales_start', 'sales_start');
  end if;
  if queue_opens_at is not null and sales_start is not null and queue_opens_at >= sales_start then
    perform app_private.fail('INVALID_INPUT:queue_opens_at', 'queue_opens_at');
  end if;
  if release_mode = 'lottery' and lottery_closes_at is null then
    perform app_private.fail('INVALID_INPUT:lottery_closes_at_required', 'lottery_closes_at');
  end if;
  if lottery_closes_at is not null and lottery_closes_at >= coalesce(sales_end, starts_at) then
    perform app_private.fail('INVALID_INPUT:lottery_closes_at', 'lottery_closes_at');
  end if;
  if event.id is not null and (release_mode is distinct from event.release_mode
      or (event.release_mode = 'queue' and sales_start is distinct from event.sales_start)
      or (event.release_mode = 'lottery' and lottery_closes_at is distinct from event.lottery_closes_at))
     and (exists (select from app_private.release_draws d where d.event_id = event.id)
          or exists (select from app_public.queue_entries q where q.event_id = event.id)
          or exists (select from app_public.lottery_entries l where l.event_id = event.id)) then
    perform app_private.fail('RELEASE_STARTED',
      case when release_mode is distinct from event.release_mode then 'release_mode'
           when event.release_mode = 'queue' then 'sales_start' else 'lottery_closes_at' end);
  end if;
end $$;

--
-- Name: check_sales_window(timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_sales_window(starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    AS $$
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
end $$;

--
-- Name: client_address(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.client_address() RETURNS text
    LANGUAGE sql STABLE
    AS $$
  select nullif(current_setting('ticketing.client_address', true), '')
$$;

--
-- Name: close_account(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.close_account(user_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_club text;
  v_ticket int;
  v_event int;
begin
  -- A club is never left without an owner (clubs.sql): the sole owner of a club must
  -- hand it on first (LAST_OWNER, naming the club). The clubs' rows are locked, as
  -- every membership change locks them, so an owner leaving at the same moment
  -- cannot make this check stale. Then every membership goes: a closed account has
  -- no rights in any club.
  perform from app_public.clubs c
  where c.id in (select m.club_id from app_public.club_memberships m where m.user_id = close_account.user_id)
  order by c.id for update;
  v_club := app_private.sole_owned_club(close_account.user_id);
  if v_club is not null then
    perform app_private.fail('LAST_OWNER:close_account', null, v_club);
  end if;
  delete from app_public.club_memberships m where m.user_id = close_account.user_id;

  -- Live tickets to events not yet started: cancelled as the student would (cancel_ticket:
  -- the seat goes to the waitlist or back on sale, a paid one is refunded), event by event.
  for v_ticket in
    select t.id from app_public.tickets t join app_public.events e on e.id = t.event_id
    where t.user_id = close_account.user_id and app_private.ticket_is_live(t.status) and t.checked_in_at is null and e.starts_at > now()
    order by t.event_id, t.id
  loop
    perform app_public.cancel_ticket(v_ticket);
  end loop;
  update app_public.waitlist_entries w set status = 'left' where w.user_id = close_account.user_id and w.status = 'waiting';
  -- Queues and lotteries (release.sql): nobody can sign in to use a place any more, so
  -- a place in line is left and a win (or a wait for one) lapses, each passing on at
  -- once (queue_advance, lottery_advance) rather than holding a seat for a closed
  -- account until its time runs out. An entry not yet drawn is withdrawn. Under the
  -- release lock, then the event's, as joins and draws take them.
  for v_event in
    select q.event_id from app_public.queue_entries q where q.user_id = close_account.user_id and q.state in ('waiting', 'admitted')
    union
    select l.event_id from app_public.lottery_entries l where l.user_id = close_account.user_id and l.state in ('entered', 'won', 'lost')
    order by 1
  loop
    perform app_private.lock_release(v_event, false);
    perform app_private.lock_event(v_event);
    update app_public.queue_entries q set state = 'left', admitted_until = null, updated_at = now()
    where q.event_id = v_event and q.user_id = close_account.user_id and q.state in ('waiting', 'admitted');
    delete from app_public.lottery_entries l where l.event_id = v_event and l.user_id = close_account.user_id and l.state = 'entered';
    update app_public.lottery_entries l set state = 'expired', updated_at = now()
    where l.event_id = v_event and l.user_id = close_account.user_id and l.state in ('won', 'lost');
    perform app_private.queue_advance(v_event);
    perform app_private.lottery_advance(v_event);
  end loop;

  update app_public.users u
  set name = 'Deleted account', email = 'deleted-' || u.id || '@deleted.invalid', email_verified_at = null, deleted_at = now()
  where u.id = close_account.user_id;
  delete from app_private.user_secrets s where s.user_id = close_account.user_id;
  delete from app_private.email_verifications v where v.user_id = close_account.user_id;
  delete from app_private.password_resets r where r.user_id = close_account.user_id;
  delete from app_private.account_closures c where c.user_id = close_account.user_id;
  delete from app_private.user_identities i where i.user_id = close_account.user_id;
  delete from app_private.outbox o where o.user_id = close_account.user_id and o.sent_at is null;
  perform app_private.end_sessions(close_account.user_id);
end $$;

--
-- Name: club_invitations_left(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.club_invitations_left(club_id integer) RETURNS integer
    LANGUAGE sql STABLE
    AS $$
  select 50 - count(*)::int from app_public.club_invitations i where i.club_id = club_invitations_left.club_id
$$;

--
-- Name: club_member_of(integer, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.club_member_of(club_id integer, user_id integer) RETURNS app_public.club_member
    LANGUAGE sql STABLE
    AS $$
  select (u.id, u.name, u.email::text, m.role, 'active', m.added_at)::app_public.club_member
  from app_public.club_memberships m join app_public.users u on u.id = m.user_id
  where m.club_id = club_member_of.club_id and m.user_id = club_member_of.user_id
$$;

--
-- Name: club_role_words(app_public.club_role); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.club_role_words(role app_public.club_role) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
  select case role when 'owner' then 'an owner' when 'manager' then 'a manager' else 'door staff' end
$$;

--
-- Name: confirm_ticket(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.confirm_ticket(ticket_id integer) RETURNS app_public.tickets
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: count_hit(text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.count_hit(rule text, subject text, message text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_counter app_private.throttle_counters := app_private.take_hit(rule, subject);
  v_rule app_private.throttle_rules;
begin
  select * into v_rule from app_private.throttle_rules r where r.rule = count_hit.rule;
  if v_counter.hits > v_rule.max_hits then
    perform app_private.fail_throttled(message, v_counter.window_started_at + v_rule.per);
  end if;
end $$;

--
-- Name: count_spread_hit(text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.count_spread_hit(rule text, subject text, message text) RETURNS void
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
declare
  v_rule app_private.throttle_rules;
  v_counter app_private.throttle_counters;
  v_shard int;
begin
  select * into v_rule from app_private.throttle_rules r where r.rule = count_spread_hit.rule;
  if (select count(*) from app_private.throttle_counters c
      where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards) < v_rule.shards then
    insert into app_private.throttle_counters (rule, subject, shard, window_started_at, hits)
    select v_rule.rule, count_spread_hit.subject, s, now(), 0 from generate_series(0, v_rule.shards - 1) s
    on conflict (rule, subject, shard) do nothing;
  end if;
  loop
    -- A counter with room (or whose window is over) that nobody holds.
    select * into v_counter from app_private.throttle_counters c
    where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards
      and (c.window_started_at <= now() - v_rule.per
           or c.hits < v_rule.max_hits / v_rule.shards + (c.shard < v_rule.max_hits % v_rule.shards)::int)
    order by random() limit 1
    for update skip locked;
    exit when found;
    -- Else one with room that a transaction in flight holds, if any: every counter full refuses.
    select c.shard into v_shard from app_private.throttle_counters c
    where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards
      and (c.window_started_at <= now() - v_rule.per
           or c.hits < v_rule.max_hits / v_rule.shards + (c.shard < v_rule.max_hits % v_rule.shards)::int)
    order by random() limit 1;
    if not found then
      -- The first counter to open a new window says when to try again.
      perform app_private.fail_throttled(message, (
        select min(c.window_started_at) + v_rule.per from app_private.throttle_counters c
        where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards));
    end if;
    -- Wait for it, in a subtransaction: if its holder filled it, our lock on it goes
    -- with the subtransaction, so a waiting hit never holds a counter another waits for.
    begin
      select * into strict v_counter from app_private.throttle_counters c
      where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard = v_shard
        and (c.window_started_at <= now() - v_rule.per
             or c.hits < v_rule.max_hits / v_rule.shards + (c.shard < v_rule.max_hits % v_rule.shards)::int)
      for update;
      exit;
    exception when no_data_found then
      null; -- filled meanwhile: look again
    end;
  end loop;
  update app_private.throttle_counters c set
    window_started_at = case when c.window_started_at <= now() - v_rule.per then now() else c.window_started_at end,
    hits = case when c.window_started_at <= now() - v_rule.per then 1 else c.hits + 1 end
  where c.rule = v_counter.rule and c.subject = v_counter.subject and c.shard = v_counter.shard;
end $$;

--
-- Name: users; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.users (
    id integer NOT NULL,
    name text NOT NULL,
    email public.citext NOT NULL,
    role text DEFAULT 'student'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    email_verified_at timestamp with time zone,
    email_verified boolean GENERATED ALWAYS AS ((email_verified_at IS NOT NULL)) STORED,
    deleted_at timestamp with time zone,
    CONSTRAINT users_email_valid CHECK (((length((email)::text) <= 254) AND (email OPERATOR(public.~) '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'::public.citext))),
    CONSTRAINT users_name_valid CHECK (((name = btrim(name)) AND ((length(name) >= 1) AND (length(name) <= 100)))),
    CONSTRAINT users_role_valid CHECK ((role = ANY (ARRAY['student'::text, 'admin'::text])))
);

--
-- Name: TABLE users; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.users IS '@behavior -insert -update -delete
A person with an account: a student or an admin.';

--
-- Name: COLUMN users.email_verified_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.email_verified_at IS '@behavior -*
When the owner proved they hold the address (a mailed link, a password reset, the college''s sign-in).';

--
-- Name: COLUMN users.email_verified; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.email_verified IS 'The owner proved they hold this address.';

--
-- Name: COLUMN users.deleted_at; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.users.deleted_at IS '@behavior -*
When the owner closed the account (its name and email were erased then).';

--
-- Name: create_admin(text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_admin(name text, email text, password text) RETURNS app_public.users
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_private.create_user(name, email, password, 'admin')
$$;

--
-- Name: create_admin_verified(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_admin_verified() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  new.email_verified_at := coalesce(new.email_verified_at, now());
  return new;
end $$;

--
-- Name: create_user(text, text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_user(name text, email text, password text, role text) RETURNS app_public.users
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: current_session_id(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.current_session_id() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select nullif(current_setting('jwt.claims.session_id', true), '')::int
$$;

--
-- Name: delete_payment_intent(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.delete_payment_intent(intent_id text) RETURNS boolean
    LANGUAGE sql
    AS $$
  delete from app_private.payments p where p.intent_id = delete_payment_intent.intent_id and p.status = 'created'
  returning true
$$;

--
-- Name: email_domain_allowed(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.email_domain_allowed(email text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $_$
  select cardinality(s.allowed_email_domains) = 0 or exists (
    select from unnest(s.allowed_email_domains) allowed
    where case when allowed like '*.%'
            then right(d.domain, length(allowed) - 1) = substr(allowed, 2) and length(d.domain) > length(allowed) - 1
            else d.domain = allowed end)
  from app_private.auth_settings s,
       lateral (select lower(substring(email from '@([^@]*)$')) as domain) d
$_$;

--
-- Name: email_is_valid(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.email_is_valid(email text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
  select length(email) <= 254
    and email ~ '^[^@[:space:]]+@[^@[:space:].]+(\.[^@[:space:].]+)+$'
    -- Controls, other spaces, soft hyphen, joiners, direction marks, invisible
    -- operators, fillers, variation selectors, the BOM and tag characters.
    and email !~ '[[:cntrl:]\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u17B4\u17B5\u180B-\u180F\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB\U000E0000-\U000E0FFF]'
$_$;

--
-- Name: email_moment(timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.email_moment(at timestamp with time zone) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select to_char(at at time zone 'UTC', 'Dy DD Mon YYYY, HH24:MI "UTC"')
$$;

--
-- Name: end_session_of_caller(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.end_session_of_caller(session_id integer) RETURNS integer
    LANGUAGE sql
    AS $$
  update app_private.sessions s set ended_at = now()
  where s.id = end_session_of_caller.session_id and s.user_id = app_public.current_user_id() and s.ended_at is null
  returning s.id
$$;

--
-- Name: end_sessions(integer, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.end_sessions(user_id integer, except_session integer DEFAULT NULL::integer) RETURNS integer
    LANGUAGE sql
    AS $$
  with ended as (
    update app_private.sessions s set ended_at = now()
    where s.user_id = end_sessions.user_id and s.ended_at is null
      and s.id is distinct from end_sessions.except_session
    returning 1
  )
  select count(*)::int from ended
$$;

--
-- Name: enqueue_email(text, integer, text, text, text, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.enqueue_email(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer DEFAULT NULL::integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_id bigint := app_private.add_to_outbox(kind, user_id, dedupe_key, subject, body, event_id);
begin
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $$;

--
-- Name: enqueue_email_to(text, text, text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.enqueue_email_to(kind text, email text, dedupe_key text, subject text, body text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_id bigint;
begin
  insert into app_private.outbox (kind, to_email, dedupe_key, subject, body)
  values (kind, email, dedupe_key, subject, body)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id into v_id;
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $$;

--
-- Name: events_bump_availability_version(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_bump_availability_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  new.availability_version := old.availability_version + 1;
  return new;
end $$;

--
-- Name: events_cancelled_is_final(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_cancelled_is_final() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_private.fail('EVENT_CANCELLED:edit');
  return null;
end $$;

--
-- Name: events_follow_release(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_follow_release() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if new.release_mode = 'queue' then
    perform app_private.queue_advance(new.id);
  else
    perform app_private.lottery_advance(new.id);
  end if;
  return null;
end $$;

--
-- Name: events_inventory(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_inventory() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: events_notify_availability(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_notify_availability() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_payload text := app_hidden.event_availability_json(new);
begin
  perform pg_notify('ticketing:event:' || new.id, v_payload);
  perform pg_notify('ticketing:events', v_payload);
  if new.category_id is not null then
    perform pg_notify('ticketing:category:' || new.category_id, v_payload);
  end if;
  return null;
end $$;

--
-- Name: events_notify_holders(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_notify_holders() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: events_offer_new_seats(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_offer_new_seats() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: events_queue_leaderboard(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_queue_leaderboard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform graphile_worker.add_job('refresh_leaderboard', job_key := 'refresh_leaderboard');
  return null;
end $$;

--
-- Name: events_schedule_announcements(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_schedule_announcements() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_moment record;
  v_key text;
begin
  for v_moment in
    select * from (values ('sales_start', new.sales_start), ('sales_end', new.sales_end), ('starts_at', new.starts_at)) m(kind, at)
  loop
    v_key := format('announce_availability:%s:%s', new.id, v_moment.kind);
    if v_moment.at > now() then
      perform graphile_worker.add_job('announce_availability', json_build_object('event_id', new.id),
                                      run_at := v_moment.at, job_key := v_key);
    elsif tg_op = 'UPDATE' then
      perform graphile_worker.remove_job(v_key);
    end if;
  end loop;
  return null;
end $$;

--
-- Name: events_schedule_release(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_schedule_release() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_at timestamptz := case new.release_mode when 'queue' then new.sales_start when 'lottery' then new.lottery_closes_at end;
begin
  if v_at is null then
    perform graphile_worker.remove_job('release_draw:' || new.id);
  else
    perform graphile_worker.add_job('release_draw', json_build_object('event_id', new.id),
                                    run_at := greatest(v_at, now()), job_key := 'release_draw:' || new.id);
  end if;
  return null;
end $$;

--
-- Name: events_sold_out_at(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.events_sold_out_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if new.tickets_remaining = 0 and new.sold_out_at is null then
    new.sold_out_at := now();
  end if;
  return new;
end $$;

--
-- Name: expire_holds(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.expire_holds() RETURNS integer
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: fail(text, text, text[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.fail(reason text, field text DEFAULT NULL::text, VARIADIC args text[] DEFAULT '{}'::text[]) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
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
end $$;

--
-- Name: fail_throttled(text, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.fail_throttled(message text, retry_at timestamp with time zone) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
  raise exception using errcode = 'TK429', detail = 'TOO_MANY_ATTEMPTS',
    message = format('%s; try again after %s.', message, to_char(retry_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    -- clock_timestamp, not now(): a window opened by a transaction that started after ours must not look longer than it is.
    hint = 'retry_after=' || greatest(1, ceil(extract(epoch from retry_at - clock_timestamp())))::int;
end $$;

--
-- Name: finish_refund_attempt(bigint, text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.finish_refund_attempt(refund_id bigint, status text, provider_refund_id text, error text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_intent text;
begin
  update app_private.refunds r
  set status = finish_refund_attempt.status,
      provider_refund_id = coalesce(finish_refund_attempt.provider_refund_id, r.provider_refund_id),
      last_error = finish_refund_attempt.error,
      finished_at = case when finish_refund_attempt.status <> 'requested' then now() end
  where r.id = finish_refund_attempt.refund_id and r.status = 'requested'
  returning r.intent_id into v_intent;
  if v_intent is not null and finish_refund_attempt.status = 'succeeded' then
    update app_private.payments p set status = 'refunded', updated_at = now() where p.intent_id = v_intent;
  end if;
end $$;

--
-- Name: idempotency_key_is_valid(json); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.idempotency_key_is_valid(raw json) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
  select raw is null or json_typeof(raw) = 'null'
    or (json_typeof(raw) = 'string' and raw::text ~ '^"([!#-\[\]-~]|\\[\\"/]){1,200}"$')
$_$;

--
-- Name: live_tickets_per_student(integer, integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.live_tickets_per_student(event_id integer, user_ids integer[]) RETURNS TABLE(user_id integer, live integer)
    LANGUAGE sql STABLE
    AS $$
  select u.user_id, l.live
  from (select distinct x as user_id from unnest(live_tickets_per_student.user_ids) x) u
  cross join lateral (
    select count(*)::int as live from app_public.tickets t
    where t.event_id = live_tickets_per_student.event_id and t.user_id = u.user_id
      and app_private.ticket_is_live(t.status)
  ) l
  where l.live > 0
$$;

--
-- Name: lock_club_for_members(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lock_club_for_members(club_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
  perform app_private.require_club_right('manage_club', club_id);
  perform from app_public.clubs c where c.id = lock_club_for_members.club_id for update;
  perform app_private.require_club_right('manage_club', club_id);
end $$;

--
-- Name: lock_event(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lock_event(event_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
  -- Bounds this wait and every later lock wait of the transaction: a lock that
  -- cannot be had in 3 s is answered as BUSY (src/errors.ts), never a pile-up.
  perform set_config('lock_timeout', '3s', true);
  perform pg_advisory_xact_lock(hashtext('ticketing.event'), lock_event.event_id);
end $$;

--
-- Name: lock_event_for_booking(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lock_event_for_booking(event_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
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
end $$;

--
-- Name: lock_release(integer, boolean); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lock_release(event_id integer, exclusive boolean) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
  perform set_config('lock_timeout', '3s', true);
  if exclusive then
    perform pg_advisory_xact_lock(hashtext('ticketing.release'), lock_release.event_id);
  else
    perform pg_advisory_xact_lock_shared(hashtext('ticketing.release'), lock_release.event_id);
  end if;
end $$;

--
-- Name: lottery_advance(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lottery_advance(event_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_event app_public.events;
  v_free int;
  v_outbox bigint[];
begin
  select * into v_event from app_public.events e where e.id = lottery_advance.event_id for update;
  -- A cancelled event's wins are not claimable (EVENT_CANCELLED) and its entrants were told why
  -- (cancellation.sql): nothing lapses or passes on any more, and nobody is told they missed a seat.
  if v_event.release_mode is distinct from 'lottery' or v_event.status = 'cancelled'
     or not exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    return;
  end if;
  with expired as (
    update app_public.lottery_entries l set state = 'expired', updated_at = now()
    where l.event_id = v_event.id and l.state = 'won' and l.offer_expires_at <= now() returning l.*
  )
  select coalesce(array_agg(app_private.add_to_outbox('lottery_expired', x.user_id, 'lottery_expired:' || x.id,
           format('Your seat for %s has passed on', v_event.name),
           format('You did not claim your seat for %s in time, so it went to the next in the draw.', v_event.name))), '{}')
  into v_outbox from expired x;
  -- Before sales_start too: a win is an offer, claimable whenever booking would be.
  if app_private.sales_window_state(v_event) is null or app_private.sales_window_state(v_event) = 'not_open' then
    v_free := v_event.tickets_remaining
      - (select count(*)::int from app_public.lottery_entries l where l.event_id = v_event.id and l.state = 'won');
    if v_free > 0 then
      v_outbox := v_outbox || app_private.lottery_offer(v_event, array(
        select l.id from app_public.lottery_entries l
        where l.event_id = v_event.id and l.state = 'lost' order by l.draw_rank limit v_free));
    end if;
  end if;
  perform app_private.send_outbox(v_outbox);
end $$;

--
-- Name: lottery_offer(app_public.events, integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lottery_offer(event app_public.events, ids integer[]) RETURNS bigint[]
    LANGUAGE plpgsql
    AS $$
declare
  v_until timestamptz := now() + make_interval(mins => event.offer_minutes);
  v_entry app_public.lottery_entries;
  v_outbox bigint[] := '{}';
begin
  for v_entry in
    update app_public.lottery_entries l set state = 'won', offer_expires_at = v_until, updated_at = now()
    where l.id = any(ids) returning l.*
  loop
    v_outbox := v_outbox || app_private.add_to_outbox('lottery_won', v_entry.user_id, 'lottery_won:' || v_entry.id,
      format('You won a seat for %s', event.name),
      format('The lottery for %s gave you a seat. Claim it before %s, or it passes to the next in the draw.',
             event.name, to_char(v_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end loop;
  if found then
    perform graphile_worker.add_job('release_tick', json_build_object('event_id', event.id), run_at := v_until,
      job_key := format('release_tick:%s:%s', event.id, extract(epoch from v_until)));
  end if;
  return v_outbox;
end $$;

--
-- Name: lottery_settle(app_public.events); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lottery_settle(event app_public.events) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_draw app_private.release_draws;
  v_winners int;
  v_outbox bigint[];
begin
  select * into v_draw from app_private.release_draws d where d.event_id = event.id;
  v_winners := least(cardinality(v_draw.ordered), greatest(event.tickets_remaining, 0));
  update app_private.release_draws d set winners = v_winners where d.event_id = event.id;
  update app_public.lottery_entries l set draw_rank = o.n, state = 'lost', updated_at = now()
  from unnest(v_draw.ordered) with ordinality as o(id, n) where l.id = o.id;
  v_outbox := app_private.lottery_offer(event, v_draw.ordered[1:v_winners]);
  -- One statement for every loser's message (a draw of 10,000 entries stays well under a second).
  with sent as (
    insert into app_private.outbox (kind, user_id, dedupe_key, subject, body)
    select 'lottery_lost', l.user_id, 'lottery_lost:' || l.id, format('The lottery for %s', event.name),
           format('The draw for %s did not give you a seat this time. You are number %s in its order: if a winner '
                  'does not claim their seat, it passes down the order and we will email you.', event.name, l.draw_rank)
    from app_public.lottery_entries l where l.event_id = event.id and l.state = 'lost'
    on conflict on constraint outbox_dedupe_key_key do nothing
    returning id
  )
  select v_outbox || coalesce(array_agg(sent.id order by sent.id), '{}') into v_outbox from sent;
  perform app_private.send_outbox(v_outbox);
end $$;

--
-- Name: mail_password_changed(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.mail_password_changed(user_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
  perform app_private.enqueue_email('password_changed', user_id, 'password_changed:' || user_id || ':' || extract(epoch from clock_timestamp()),
    'Your password was changed',
    E'The password of your Campus tickets account was just changed, and every device signed in with it was signed out.\n\nIf this was not you, choose a new password now with "Forgot password?" on the sign-in page.');
end $$;

--
-- Name: max_open_intents_per_ticket(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.max_open_intents_per_ticket() RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ select 5 $$;

--
-- Name: may_manage_release(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.may_manage_release(event_id integer) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
  select app_hidden.may_on_event('run_events', may_manage_release.event_id)
$$;

--
-- Name: mock_provider_refund(text, text, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.mock_provider_refund(idempotency_key text, intent_id text, amount_cents integer) RETURNS text
    LANGUAGE plpgsql
    AS $$
declare
  v_refund text;
begin
  insert into app_private.mock_provider_refunds (idempotency_key, refund_id, intent_id, amount_cents)
  values (mock_provider_refund.idempotency_key, 're_mock_' || encode(gen_random_bytes(12), 'hex'),
          mock_provider_refund.intent_id, mock_provider_refund.amount_cents)
  on conflict on constraint mock_provider_refunds_pkey do nothing
  returning refund_id into v_refund;
  if v_refund is null then
    select m.refund_id into v_refund from app_private.mock_provider_refunds m
    where m.idempotency_key = mock_provider_refund.idempotency_key;
  end if;
  return v_refund;
end $$;

--
-- Name: moment_is_valid(timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.moment_is_valid(value timestamp with time zone) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select value is null or (value >= '1000-01-01 00:00:00+00' and value < '10000-01-01 00:00:00+00')
$$;

--
-- Name: new_check_in_code(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.new_check_in_code() RETURNS text
    LANGUAGE sql
    AS $$
  select 'TKT-' || upper(encode(gen_random_bytes(12), 'hex'))
$$;

--
-- Name: new_link_token(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.new_link_token() RETURNS text
    LANGUAGE sql
    AS $$
  select encode(gen_random_bytes(32), 'hex')
$$;

--
-- Name: offer_seat_to_waitlist(app_public.events); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.offer_seat_to_waitlist(event app_public.events) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: outbox_forget_links(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.outbox_forget_links() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  new.body := '(sent: it carried a one-time link, not kept)';
  return new;
end $$;

--
-- Name: prune_auth(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prune_auth() RETURNS integer
    LANGUAGE sql
    AS $$
  with sessions as (delete from app_private.sessions s where s.expires_at < now() - interval '1 day' returning 1),
       verifications as (delete from app_private.email_verifications v where v.expires_at < now() - interval '1 day' returning 1),
       resets as (delete from app_private.password_resets r where r.expires_at < now() - interval '1 day' returning 1),
       closures as (delete from app_private.account_closures c where c.expires_at < now() - interval '1 day' returning 1)
  select ((select count(*) from sessions) + (select count(*) from verifications) + (select count(*) from resets)
          + (select count(*) from closures))::int
$$;

--
-- Name: prune_throttle_counters(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.prune_throttle_counters() RETURNS integer
    LANGUAGE sql
    AS $$
  with gone as (
    delete from app_private.throttle_counters c using app_private.throttle_rules r
    where r.rule = c.rule and c.window_started_at <= now() - r.per
    returning 1
  )
  select count(*)::int from gone
$$;

--
-- Name: queue_advance(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.queue_advance(event_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_event app_public.events;
  v_free int;
  v_entry app_public.queue_entries;
  v_outbox bigint[] := '{}';
  v_until timestamptz;
begin
  select * into v_event from app_public.events e where e.id = queue_advance.event_id for update;
  if v_event.release_mode is distinct from 'queue'
     or not exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    return;
  end if;
  for v_entry in
    update app_public.queue_entries q set state = 'lapsed', updated_at = now()
    where q.event_id = v_event.id and q.state = 'admitted' and q.admitted_until <= now() returning q.*
  loop
    v_outbox := v_outbox || app_private.add_to_outbox('queue_lapsed', v_entry.user_id,
      format('queue_lapsed:%s:%s', v_entry.id, extract(epoch from v_entry.admitted_at)),
      format('Your turn for %s has passed', v_event.name),
      format('You were admitted to book %s but did not book in time, so your seat went to the next in line. '
             'You may join the queue again at the back.', v_event.name));
  end loop;

  if app_private.sales_window_state(v_event) is not null or v_event.tickets_remaining = 0 then
    update app_public.queue_entries q set state = 'closed', updated_at = now()
    where q.event_id = v_event.id and q.state in ('waiting', 'admitted');
  else
    v_free := v_event.tickets_remaining
      - (select count(*)::int from app_public.queue_entries q where q.event_id = v_event.id and q.state = 'admitted');
    v_until := now() + make_interval(mins => v_event.admission_minutes);
    if v_free > 0 then
      for v_entry in
        update app_public.queue_entries q set state = 'admitted', admitted_at = now(), admitted_until = v_until,
                                              updated_at = now()
        where q.id in (select w.id from app_public.queue_entries w
                       where w.event_id = v_event.id and w.state = 'waiting' and w.place is not null
                       order by w.place limit v_free)
        returning q.*
      loop
        v_outbox := v_outbox || app_private.add_to_outbox('queue_admitted', v_entry.user_id,
          format('queue_admitted:%s:%s', v_entry.id, extract(epoch from v_entry.admitted_at)),
          format('It''s your turn: book %s now', v_event.name),
          format('You are admitted to book a ticket for %s until %s. After that your seat goes to the next in line.',
                 v_event.name, to_char(v_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
      end loop;
      if found then
        perform graphile_worker.add_job('release_tick', json_build_object('event_id', v_event.id), run_at := v_until,
          job_key := format('release_tick:%s:%s', v_event.id, extract(epoch from v_until)));
      end if;
    end if;
  end if;
  if cardinality(v_outbox) > 0 then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', v_outbox));
  end if;
end $$;

--
-- Name: queue_booked(integer, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.queue_booked(event_id integer, tickets jsonb) RETURNS void
    LANGUAGE sql
    AS $$
  update app_public.queue_entries q set state = 'booked', ticket_id = (tickets->>q.user_id::text)::int, updated_at = now()
  where q.event_id = queue_booked.event_id and q.user_id in (select k::int from jsonb_object_keys(tickets) k)
    and q.state = 'admitted'
$$;

--
-- Name: queue_entries_notify(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.queue_entries_notify() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
  v_event int;
begin
  for v_event in select distinct c.event_id from changed c loop
    perform pg_notify('ticketing:queue', json_build_object('event_id', v_event)::text);
  end loop;
  return null;
end $$;

--
-- Name: refuse_if_throttled(text, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.refuse_if_throttled(rule text, subject text, message text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_until timestamptz := app_private.throttled_until(rule, subject);
begin
  if v_until is not null then
    perform app_private.fail_throttled(message, v_until);
  end if;
end $$;

--
-- Name: refuse_last_owner(integer, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.refuse_last_owner(club_id integer, user_id integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if not exists (select from app_public.club_memberships m
                 where m.club_id = refuse_last_owner.club_id and m.role = 'owner' and m.user_id <> refuse_last_owner.user_id) then
    perform app_private.fail('LAST_OWNER', 'user_id');
  end if;
end $$;

--
-- Name: release_algorithm(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_algorithm() RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
  select 'fisher-yates-sha256-v1: input the entry ids in arrival order; for i = n down to 2, r = the first 6 bytes '
      || '(big-endian) of sha256(seed || '':i:k'') for k = 0, 1, ... until r < floor(2^48 / i) * i, then swap a[i] and '
      || 'a[1 + r mod i]; order_hash = sha256 of the order joined by '','' (hex)'
$$;

--
-- Name: release_draw(integer, bytea); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_draw(event_id integer, seed bytea DEFAULT NULL::bytea) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
declare
  v_event app_public.events;
  v_entries int[];
  v_ordered int[];
  v_seed bytea := coalesce(seed, gen_random_bytes(32));
  v_due timestamptz;
begin
  perform app_private.lock_release(release_draw.event_id, true);
  perform app_private.lock_event(release_draw.event_id);
  select * into v_event from app_public.events e where e.id = release_draw.event_id for update;
  v_due := case v_event.release_mode when 'queue' then v_event.sales_start when 'lottery' then v_event.lottery_closes_at end;
  -- A cancelled event (cancellation.sql) is never drawn: nobody may be told they won a seat of it.
  if v_due is null or now() < v_due or v_event.status = 'cancelled'
     or exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    return false;
  end if;
  if v_event.release_mode = 'queue' then
    v_entries := array(select q.id from app_public.queue_entries q
                       where q.event_id = v_event.id and q.state = 'waiting' and q.place is null order by q.id);
  else
    v_entries := array(select l.id from app_public.lottery_entries l
                       where l.event_id = v_event.id and l.state = 'entered' order by l.id);
  end if;
  v_ordered := app_private.release_shuffle(v_seed, v_entries);
  insert into app_private.release_draws (event_id, kind, seed, algorithm, entries, ordered, order_hash)
  values (v_event.id, v_event.release_mode, v_seed, app_private.release_algorithm(), v_entries, v_ordered,
          app_private.release_order_hash(v_ordered));
  if v_event.release_mode = 'queue' then
    update app_public.queue_entries q set place = o.n, updated_at = now()
    from unnest(v_ordered) with ordinality as o(id, n) where q.id = o.id;
    perform app_private.queue_advance(v_event.id);
  else
    perform app_private.lottery_settle(v_event);
  end if;
  return true;
end $$;

--
-- Name: release_draw_of(app_public.events, app_public.release_mode); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_draw_of(e app_public.events, kind app_public.release_mode) RETURNS app_public.release_draw
    LANGUAGE sql STABLE
    AS $$
  select encode(d.seed, 'hex'), d.algorithm, d.entries, d.ordered, d.ordered[1:d.winners], d.order_hash, d.drawn_at
  from app_private.release_draws d
  where d.event_id = e.id and d.kind = release_draw_of.kind and app_private.may_manage_release(e.id)
$$;

--
-- Name: release_order_hash(integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_order_hash(ordered integer[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select encode(digest(array_to_string(ordered, ','), 'sha256'), 'hex')
$$;

--
-- Name: release_refusal(app_public.events, integer, app_public.release_mode); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_refusal(event app_public.events, user_id integer, mode app_public.release_mode) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
declare
  v_refusal text;
begin
  if event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if event.release_mode <> mode then
    perform app_private.fail(case event.release_mode when 'first_come' then 'WRONG_RELEASE_MODE:first_come'
                                                     when 'queue' then 'WRONG_RELEASE_MODE:queue'
                                                     else 'WRONG_RELEASE_MODE:lottery' end, null, mode::text);
  end if;
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(event));
  if v_refusal in ('EVENT_CANCELLED', 'EVENT_STARTED', 'SALES_CLOSED') then
    perform app_private.fail(v_refusal);
  end if;
  if app_private.student_at_limit(event, user_id) then
    perform app_private.fail('LIMIT_REACHED');
  end if;
end $$;

--
-- Name: release_shuffle(bytea, integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_shuffle(seed bytea, ids integer[]) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_order int[] := ids;
  v_i int;
  v_j int;
  v_k int;
  v_r bigint;
  v_limit bigint;
  v_swap int;
begin
  for v_i in reverse coalesce(cardinality(ids), 0)..2 loop
    v_limit := (281474976710656 / v_i) * v_i; -- 2^48, down to a multiple of i
    v_k := 0;
    loop
      v_r := ('x' || encode(substring(digest(seed || convert_to(format(':%s:%s', v_i, v_k), 'UTF8'), 'sha256') from 1 for 6),
                            'hex'))::bit(48)::bigint;
      exit when v_r < v_limit;
      v_k := v_k + 1;
    end loop;
    v_j := 1 + (v_r % v_i)::int;
    v_swap := v_order[v_i];
    v_order[v_i] := v_order[v_j];
    v_order[v_j] := v_swap;
  end loop;
  return v_order;
end $$;

--
-- Name: release_tick(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.release_tick(event_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
  perform app_private.lock_event(release_tick.event_id);
  if (select e.release_mode from app_public.events e where e.id = release_tick.event_id) = 'queue' then
    perform app_private.queue_advance(release_tick.event_id);
  else
    perform app_private.lottery_advance(release_tick.event_id);
  end if;
end $$;

--
-- Name: request_payment_refund(text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.request_payment_refund(intent_id text, reason text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_id bigint;
begin
  insert into app_private.refunds (intent_id, amount_cents, reason, idempotency_key)
  select p.intent_id, p.amount_cents, request_payment_refund.reason, 'refund_' || p.intent_id
  from app_private.payments p
  where p.intent_id = request_payment_refund.intent_id and p.status = 'succeeded'
  on conflict on constraint refunds_intent_id_key do nothing
  returning id into v_id;
  if v_id is not null then
    perform graphile_worker.add_job('refund_payment', json_build_object('refund_id', v_id),
                                    job_key := 'refund_payment:' || v_id);
  end if;
end $$;

--
-- Name: request_refund(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.request_refund(ticket_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_intent text;
begin
  for v_intent in
    select p.intent_id from app_private.payments p
    where p.ticket_id = request_refund.ticket_id and p.status = 'succeeded'
    order by p.created_at
  loop
    perform app_private.request_payment_refund(v_intent, 'cancelled');
  end loop;
end $$;

--
-- Name: request_refunds(integer[], text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.request_refunds(ticket_ids integer[], reason text) RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
  v_count int;
begin
  with requested as (
    insert into app_private.refunds (intent_id, amount_cents, reason, idempotency_key)
    select p.intent_id, p.amount_cents, request_refunds.reason, 'refund_' || p.intent_id
    from app_private.payments p
    where p.ticket_id = any (request_refunds.ticket_ids) and p.status = 'succeeded'
    order by p.intent_id
    on conflict on constraint refunds_intent_id_key do nothing
    returning id
  )
  select count(*) into v_count from graphile_worker.add_jobs(array(
    select row('refund_payment', json_build_object('refund_id', r.id), null, null, null, 'refund_payment:' || r.id, null, null)
             ::graphile_worker.job_spec
    from requested r order by r.id));
  return v_count;
end $$;

--
-- Name: require_admin(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.require_admin() RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('FORBIDDEN:admin');
  end if;
end $$;

--
-- Name: require_club_right(app_hidden.club_action, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.require_club_right(action app_hidden.club_action, club_id integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if club_id is null then
    perform app_private.fail('INVALID_INPUT:required', 'club_id', 'club_id');
  end if;
  if not exists (select from app_public.clubs c where c.id = require_club_right.club_id) then
    perform app_private.fail('NOT_FOUND:club');
  end if;
  if not app_hidden.club_permits(action, club_id) then
    case action
      when 'manage_club' then perform app_private.fail('FORBIDDEN:club_manage_club');
      when 'see_members' then perform app_private.fail('FORBIDDEN:club_see_members');
      when 'run_events' then perform app_private.fail('FORBIDDEN:club_run_events');
      else perform app_private.fail('FORBIDDEN:club_check_in');
    end case;
  end if;
end $$;

--
-- Name: require_event_analytics(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.require_event_analytics(event_id integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if not app_hidden.may_on_event('run_events', event_id) then
    perform app_private.fail('FORBIDDEN:analytics');
  end if;
end $$;

--
-- Name: require_event_right(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.require_event_right(club_id integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if club_id is not null and not exists (select from app_public.clubs c where c.id = require_event_right.club_id) then
    perform app_private.fail('INVALID_INPUT:club_id', 'club_id', club_id::text);
  end if;
  if not app_hidden.club_permits('run_events', club_id) then
    perform app_private.fail(case when club_id is null then 'FORBIDDEN:clubless_event' else 'FORBIDDEN:club_events' end);
  end if;
end $$;

--
-- Name: require_verified_email(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.require_verified_email(user_id integer) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
begin
  if cardinality(app_private.unverified_students(array[user_id])) > 0 then
    perform app_private.fail('EMAIL_NOT_VERIFIED');
  end if;
end $$;

--
-- Name: return_seat(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.return_seat(event_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_event app_public.events;
begin
  perform app_private.lock_event(return_seat.event_id);
  select * into v_event from app_public.events e where e.id = return_seat.event_id;
  if not app_private.offer_seat_to_waitlist(v_event) then
    update app_public.events e set tickets_remaining = e.tickets_remaining + 1 where e.id = return_seat.event_id;
  end if;
end $$;

--
-- Name: sales_state_error(app_public.sales_state); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.sales_state_error(state app_public.sales_state) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select case state
    when 'cancelled' then 'EVENT_CANCELLED'
    when 'started' then 'EVENT_STARTED'
    when 'closed' then 'SALES_CLOSED'
    when 'not_open' then 'SALES_NOT_OPEN'
    when 'sold_out' then 'SOLD_OUT'
  end
$$;

--
-- Name: sales_window_state(app_public.events); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.sales_window_state(e app_public.events) RETURNS app_public.sales_state
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select nullif(nullif(app_public.events_sales_state(e), 'sold_out'), 'on_sale')
$$;

--
-- Name: send_outbox(bigint[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.send_outbox(ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_from int := 1;
begin
  while v_from <= coalesce(cardinality(ids), 0) loop
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', ids[v_from:v_from + 499]));
    v_from := v_from + 500;
  end loop;
end $$;

--
-- Name: send_verification_email(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.send_verification_email(user_id integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_token text := app_private.new_link_token();
  v_user app_public.users;
  v_url text := (select s.public_url from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.id = send_verification_email.user_id;
  insert into app_private.email_verifications (token_hash, user_id, email, expires_at)
  values (app_private.token_hash(v_token), v_user.id, v_user.email, now() + interval '24 hours');
  perform app_private.enqueue_email('verify_email', v_user.id, 'verify_email:' || encode(app_private.token_hash(v_token), 'hex'),
    'Confirm your email address',
    format(E'Hello %s,\n\nConfirm that %s is your address by opening this link within 24 hours:\n\n%s/verify-email?token=%s\n\nIf you did not sign up for Campus tickets, ignore this email.',
           v_user.name, v_user.email, rtrim(v_url, '/'), v_token));
end $$;

--
-- Name: sessions_notify_ended(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.sessions_notify_ended() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  perform pg_notify('ticketing_sessions_ended',
    json_build_object('id', new.id, 'expires_at', floor(extract(epoch from new.expires_at)))::text);
  return null;
end $$;

--
-- Name: set_password(integer, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.set_password(user_id integer, password text) RETURNS void
    LANGUAGE sql
    AS $$
  insert into app_private.user_secrets as s (user_id, password_hash)
  values (set_password.user_id, crypt(password, gen_salt('bf', 10)))
  on conflict (user_id) do update set password_hash = excluded.password_hash
$$;

--
-- Name: sole_owned_club(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.sole_owned_club(user_id integer) RETURNS text
    LANGUAGE sql STABLE
    AS $$
  select c.name::text from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id
  where m.user_id = sole_owned_club.user_id and m.role = 'owner'
    and not exists (select from app_public.club_memberships o
                    where o.club_id = m.club_id and o.role = 'owner' and o.user_id <> sole_owned_club.user_id)
  order by c.name limit 1
$$;

--
-- Name: stale_payment_intents(integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.stale_payment_intents(max_rows integer) RETURNS TABLE(intent_id text, provider text)
    LANGUAGE sql STABLE
    AS $$
  select p.intent_id, p.provider
  from app_private.payments p join app_public.tickets t on t.id = p.ticket_id
  where p.status = 'created'
    and (t.status <> 'pending' or t.hold_expires_at <= now() or p.created_at < now() - interval '1 day')
  order by p.created_at
  limit max_rows
$$;

--
-- Name: student_at_limit(app_public.events, integer, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.student_at_limit(event app_public.events, user_id integer, except_ticket integer DEFAULT NULL::integer) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
  select count(*) >= event.max_tickets_per_student from app_public.tickets t
  where t.event_id = event.id and t.user_id = student_at_limit.user_id
    and app_private.ticket_is_live(t.status) and t.id is distinct from except_ticket
$$;

--
-- Name: throttle_counters; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.throttle_counters (
    rule text NOT NULL,
    subject text NOT NULL,
    window_started_at timestamp with time zone NOT NULL,
    hits integer NOT NULL,
    shard integer DEFAULT 0 NOT NULL
);

--
-- Name: take_hit(text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.take_hit(rule text, subject text) RETURNS app_private.throttle_counters
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
declare
  v_per interval := (select r.per from app_private.throttle_rules r where r.rule = take_hit.rule);
  v_counter app_private.throttle_counters;
begin
  insert into app_private.throttle_counters as c (rule, subject, window_started_at, hits)
  values (take_hit.rule, take_hit.subject, now(), 1)
  on conflict (rule, subject, shard) do update set
    window_started_at = case when c.window_started_at <= now() - v_per then now() else c.window_started_at end,
    hits = case when c.window_started_at <= now() - v_per then 1 else c.hits + 1 end
  returning * into v_counter;
  return v_counter;
end $$;

--
-- Name: throttled_until(text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.throttled_until(rule text, subject text) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    AS $$
  select c.window_started_at + r.per
  from app_private.throttle_counters c join app_private.throttle_rules r on r.rule = c.rule
  where c.rule = throttled_until.rule and c.subject = throttled_until.subject and c.shard = 0
    and c.window_started_at > now() - r.per and c.hits >= r.max_hits
$$;

--
-- Name: ticket_is_live(app_public.ticket_status); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.ticket_is_live(status app_public.ticket_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select status in ('pending', 'offered', 'confirmed')
$$;

--
-- Name: FUNCTION ticket_is_live(status app_public.ticket_status); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.ticket_is_live(status app_public.ticket_status) IS 'The ticket holds a seat (held, offered or confirmed): counted by inventory and by the per-student limit.';

--
-- Name: ticket_is_sold(app_public.ticket_status); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.ticket_is_sold(status app_public.ticket_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select status = 'confirmed'
$$;

--
-- Name: FUNCTION ticket_is_sold(status app_public.ticket_status); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.ticket_is_sold(status app_public.ticket_status) IS 'The seat is sold (free booking, paid hold, accepted offer): counted by the leaderboard and analytics.';

--
-- Name: tickets_confirmed_at(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.tickets_confirmed_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  new.confirmed_at := now();
  return new;
end $$;

--
-- Name: token_hash(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.token_hash(token text) RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $$
  select digest(coalesce(token, ''), 'sha256')
$$;

--
-- Name: unverified_students(integer[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.unverified_students(user_ids integer[]) RETURNS integer[]
    LANGUAGE sql STABLE
    AS $$
  select coalesce(array_agg(u.id), '{}') from app_public.users u
  where u.id = any(user_ids) and u.email_verified_at is null
    and (select s.require_email_verification from app_private.auth_settings s)
$$;

--
-- Name: users_accept_club_invitations(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.users_accept_club_invitations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  with accepted as (
    delete from app_public.club_invitations i where i.email = new.email returning i.club_id, i.role, i.invited_by
  )
  insert into app_public.club_memberships (club_id, user_id, role, added_by)
  select a.club_id, new.id, a.role, a.invited_by from accepted a
  on conflict do nothing;
  return null;
end $$;

--
-- Name: users_email_domain(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.users_email_domain() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if not app_private.email_domain_allowed(new.email) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
  end if;
  return new;
end $$;

--
-- Name: users_end_sessions(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.users_end_sessions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  perform app_private.end_sessions(old.id);
  return case tg_op when 'DELETE' then old else null end;
end $$;

--
-- Name: accept_waitlist_offer(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.accept_waitlist_offer(entry_id integer) RETURNS app_public.tickets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: add_club_member(integer, text, app_public.club_role); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.add_club_member(club_id integer, email text, role app_public.club_role) RETURNS app_public.club_member
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_email citext := lower(btrim(coalesce(add_club_member.email, '')))::citext;
  v_club app_public.clubs;
  v_user app_public.users;
  v_url text := (select s.public_url from app_private.auth_settings s);
begin
  perform app_private.lock_club_for_members(club_id);
  select * into v_club from app_public.clubs c where c.id = add_club_member.club_id;
  if role is null then
    perform app_private.fail('INVALID_INPUT:club_role', 'role');
  end if;
  if not app_private.email_is_valid(v_email::text) then
    perform app_private.fail('INVALID_INPUT:email', 'email');
  end if;
  -- An account counts as the address's holder only once it has proven it (or where
  -- nobody has to: require_email_verification off). Anyone can sign up with any
  -- address: an unproven account is invited like an address without one, and becomes
  -- a member when it proves it (the trigger below), never at once.
  select * into v_user from app_public.users u
  where u.email = v_email and u.deleted_at is null and cardinality(app_private.unverified_students(array[u.id])) = 0;
  if v_user.id is not null then
    if exists (select from app_public.club_memberships m where m.club_id = v_club.id and m.user_id = v_user.id) then
      perform app_private.fail('ALREADY_MEMBER', 'email', v_email::text, v_club.name::text);
    end if;
    perform app_private.count_hit('club_invitations_per_club', v_club.id::text,
      format('%s has added or invited as many people by email as it may in an hour', v_club.name));
    insert into app_public.club_memberships (club_id, user_id, role, added_by)
    values (v_club.id, v_user.id, add_club_member.role, app_public.current_user_id());
    perform app_private.enqueue_email('club_member_added', v_user.id, format('club_member_added:%s:%s', v_club.id, v_user.id),
      format('You are now %s of %s', app_private.club_role_words(add_club_member.role), v_club.name),
      format(E'Hello %s,\n\nYou are now %s of %s on Campus tickets. Sign in to see the club''s events:\n\n%s/organiser',
             v_user.name, app_private.club_role_words(add_club_member.role), v_club.name, rtrim(v_url, '/')));
    return app_private.club_member_of(v_club.id, v_user.id);
  end if;

  if exists (select from app_public.club_invitations i where i.club_id = v_club.id and i.email = v_email) then
    perform app_private.fail('ALREADY_INVITED', 'email', v_email::text, v_club.name::text);
  end if;
  if not app_private.email_domain_allowed(v_email::text) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED:invitation', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
  end if;
  if app_private.club_invitations_left(v_club.id) <= 0 then
    perform app_private.fail('TOO_MANY_INVITATIONS', 'email', '50');
  end if;
  perform app_private.count_hit('club_invitations_per_club', v_club.id::text,
    format('%s has added or invited as many people by email as it may in an hour', v_club.name));
  insert into app_public.club_invitations (club_id, email, role, invited_by)
  values (v_club.id, v_email, add_club_member.role, app_public.current_user_id());
  -- Once per club and address, whatever is removed and invited again.
  perform app_private.enqueue_email_to('club_invitation', v_email::text, format('club_invitation:%s:%s', v_club.id, v_email),
    format('You are invited to help run %s', v_club.name),
    format(E'Hello,\n\nYou are invited to be %s of %s on Campus tickets. Sign up with this address (%s) and confirm it (if it already has an account, confirm it, or reset its password from the sign-in page), and the club is yours to help run:\n\n%s/signup\n\nIf you did not expect this, ignore this email.',
           app_private.club_role_words(add_club_member.role), v_club.name, v_email, rtrim(v_url, '/')));
  return (null, null, v_email::text, add_club_member.role, 'invited', now())::app_public.club_member;
end $$;

--
-- Name: FUNCTION add_club_member(club_id integer, email text, role app_public.club_role); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.add_club_member(club_id integer, email text, role app_public.club_role) IS '@resultFieldName member
Add someone to a club by email (its owners, admins): a verified account becomes a member at once (active); an address without one, or whose account has not proven it holds the address, is invited by email and becomes a member once its account is verified (invited).';

--
-- Name: cancel_club_invitation(integer, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.cancel_club_invitation(club_id integer, email text) RETURNS app_public.club_member
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_invitation app_public.club_invitations;
begin
  perform app_private.lock_club_for_members(club_id);
  delete from app_public.club_invitations i
  where i.club_id = cancel_club_invitation.club_id and i.email = lower(btrim(coalesce(cancel_club_invitation.email, '')))::citext
  returning * into v_invitation;
  if v_invitation.email is null then
    perform app_private.fail('NOT_FOUND:club_invitation', 'email');
  end if;
  return (null, null, v_invitation.email::text, v_invitation.role, 'invited', v_invitation.invited_at)::app_public.club_member;
end $$;

--
-- Name: FUNCTION cancel_club_invitation(club_id integer, email text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.cancel_club_invitation(club_id integer, email text) IS '@resultFieldName member
Withdraw an invitation (its owners, admins).';

--
-- Name: cancel_event(integer, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.cancel_event(event_id integer, reason text) RETURNS app_public.events
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

  if v_event.release_mode <> 'first_come' then
    perform app_private.lock_release(v_event.id, true);
  end if;
  perform app_private.lock_event(v_event.id);
  select * into v_event from app_public.events e where e.id = v_event.id for update;
  -- Asked again under the locks (the wait may be seconds behind a rush of bookings):
  -- a manager removed, or an event moved to another club, meanwhile is refused here.
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:cancel_event');
  end if;
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
      union all
      -- A drawn line was closed by the update above (its trigger runs queue_advance): closed now, in this transaction.
      select q.user_id, false, false from app_public.queue_entries q
      where q.event_id = v_event.id and (q.state in ('waiting', 'admitted') or (q.state = 'closed' and q.updated_at = now()))
      union all
      select l.user_id, false, false from app_public.lottery_entries l
      where l.event_id = v_event.id and l.state in ('entered', 'won', 'lost')
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
  -- Every succeeded payment of them goes back, once (one refund per payment, whoever asks), its jobs queued together.
  perform app_private.request_refunds(v_cancelled, 'cancelled');
  update app_public.waitlist_entries w set status = 'closed'
  where w.event_id = v_event.id and w.status in ('waiting', 'offered');
  -- Before the shuffle too (queue_advance closes a line only once it is drawn).
  update app_public.queue_entries q set state = 'closed', admitted_until = null, updated_at = now()
  where q.event_id = v_event.id and q.state in ('waiting', 'admitted');

  -- The sales window's moments will change nothing now: their announcements go.
  perform graphile_worker.remove_job(format('announce_availability:%s:%s', v_event.id, m.kind))
  from unnest(array['sales_start', 'sales_end', 'starts_at']) as m(kind);
  perform app_private.send_outbox(v_outbox);
  return v_event;
end $$;

--
-- Name: FUNCTION cancel_event(event_id integer, reason text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.cancel_event(event_id integer, reason text) IS '@resultFieldName event
Call an event off, for good (admins; a club''s event: its owners and managers), saying why: every live ticket is cancelled and every payment refunded, the waitlist is closed, holders and waiting students are emailed once, and bookings are refused from then on (EVENT_CANCELLED). The event leaves the upcoming lists; its page shows the reason.';

--
-- Name: cancel_ticket(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.cancel_ticket(ticket_id integer) RETURNS app_public.tickets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION cancel_ticket(ticket_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.cancel_ticket(ticket_id integer) IS 'Cancel a ticket (its owner before the event starts, or an admin); the seat goes to the waitlist or back on sale.';

--
-- Name: category_totals(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.category_totals() RETURNS TABLE(category_id integer, category_name text, events integer, total_tickets integer, tickets_sold integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_private.require_admin();
  return query
    select c.id, c.name::text, count(e.id)::int, coalesce(sum(e.total_tickets), 0)::int, coalesce(sum(s.sold), 0)::int
    from app_public.categories c
    left join app_public.events e on e.category_id = c.id
    left join lateral (
      select count(*) as sold from app_public.tickets t
      where t.event_id = e.id and app_private.ticket_is_sold(t.status)
    ) s on true
    group by c.id order by c.name;
end $$;

--
-- Name: FUNCTION category_totals(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.category_totals() IS 'Events, seats and sales per category (admins).';

--
-- Name: check_in(text, integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.check_in(code text, event_id integer) RETURNS app_public.tickets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION check_in(code text, event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.check_in(code text, event_id integer) IS 'Admit the holder of a confirmed ticket for this event (admins; the staff of the club running it, door volunteers included). A code works once; a ticket for another event is refused (WRONG_EVENT).';

--
-- Name: claim_lottery_win(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.claim_lottery_win(event_id integer) RETURNS app_public.tickets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
  -- A cancelled event says so before anything about the entry: its draw never runs and its
  -- wins stay as they were (lottery_advance), so "not drawn yet" or "offer expired" would mislead.
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED');
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
end $$;

--
-- Name: FUNCTION claim_lottery_win(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.claim_lottery_win(event_id integer) IS 'Take the seat the lottery gave you, before offer_expires_at (free: confirmed; paid: a hold to pay).';

--
-- Name: clubs; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.clubs (
    id integer NOT NULL,
    name public.citext NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT clubs_description_valid CHECK ((length(description) <= 2000)),
    CONSTRAINT clubs_name_valid CHECK ((((name)::text = btrim((name)::text)) AND ((length((name)::text) >= 1) AND (length((name)::text) <= 100))))
);

--
-- Name: TABLE clubs; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.clubs IS '@behavior -insert -update -delete
@allRowsFieldName clubs
A club or society that runs its own events.';

--
-- Name: clubs_members(app_public.clubs); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.clubs_members(c app_public.clubs) RETURNS SETOF app_public.club_member
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_private.require_club_right('see_members', c.id);
  return query
    select * from (
      select u.id, u.name, u.email::text, m.role, 'active', m.added_at
      from app_public.club_memberships m join app_public.users u on u.id = m.user_id where m.club_id = c.id
      union all
      select null::int, null::text, i.email::text, i.role, 'invited', i.invited_at
      from app_public.club_invitations i where i.club_id = c.id
    ) members (user_id, name, email, role, status, since)
    order by members.status, members.role desc, members.name, members.email;
end $$;

--
-- Name: FUNCTION clubs_members(c app_public.clubs); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.clubs_members(c app_public.clubs) IS 'The club''s members and invited addresses, owners first (its owners and managers, admins; anyone else: FORBIDDEN).';

--
-- Name: clubs_my_role(app_public.clubs); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.clubs_my_role(c app_public.clubs) RETURNS app_public.club_role
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select m.role from app_public.club_memberships m where m.club_id = c.id and m.user_id = app_public.current_user_id()
$$;

--
-- Name: FUNCTION clubs_my_role(c app_public.clubs); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.clubs_my_role(c app_public.clubs) IS 'Your role in this club, or null.';

--
-- Name: clubs_upcoming_events(app_public.clubs); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.clubs_upcoming_events(c app_public.clubs) RETURNS SETOF app_public.events
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.events e where e.club_id = c.id and e.starts_at > now() and e.status = 'scheduled'
  order by e.starts_at, e.id
$$;

--
-- Name: FUNCTION clubs_upcoming_events(c app_public.clubs); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.clubs_upcoming_events(c app_public.clubs) IS 'The club''s events that have not started yet and are not cancelled, soonest first.';

--
-- Name: create_club(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.create_club(name text, description text DEFAULT ''::text) RETURNS app_public.clubs
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_club app_public.clubs;
begin
  perform app_private.require_admin();
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  perform app_private.check_club_fields(name, description);
  begin
    insert into app_public.clubs (name, description) values (btrim(name), coalesce(description, ''))
    returning * into v_club;
  exception when unique_violation then
    perform app_private.fail('CLUB_NAME_TAKEN', 'name', btrim(name));
  end;
  return v_club;
end $$;

--
-- Name: FUNCTION create_club(name text, description text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.create_club(name text, description text) IS '@resultFieldName club
Create a club (admins); names are unique whatever their case.';

--
-- Name: create_event(text, text, timestamp with time zone, integer, text, integer, integer, integer, integer, timestamp with time zone, timestamp with time zone, integer, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text DEFAULT ''::text, max_tickets_per_student integer DEFAULT 1, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT 0, hold_minutes integer DEFAULT 10, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, club_id integer DEFAULT NULL::integer, release_mode app_public.release_mode DEFAULT 'first_come'::app_public.release_mode, queue_opens_at timestamp with time zone DEFAULT NULL::timestamp with time zone, admission_minutes integer DEFAULT 10, lottery_closes_at timestamp with time zone DEFAULT NULL::timestamp with time zone, offer_minutes integer DEFAULT 1440) RETURNS app_public.events
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_event app_public.events;
begin
  perform app_private.require_event_right(club_id);
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  if venue is null then perform app_private.fail('INVALID_INPUT:required', 'venue', 'venue'); end if;
  if starts_at is null then perform app_private.fail('INVALID_INPUT:required', 'starts_at', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('INVALID_INPUT:required', 'total_tickets', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  perform app_private.check_release_fields(null, starts_at, sales_start, sales_end, coalesce(release_mode, 'first_come'),
    queue_opens_at, admission_minutes, lottery_closes_at, offer_minutes);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end, club_id, release_mode,
                                 queue_opens_at, admission_minutes, lottery_closes_at, offer_minutes)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end, create_event.club_id,
          coalesce(create_event.release_mode, 'first_come'), create_event.queue_opens_at,
          coalesce(create_event.admission_minutes, 10), create_event.lottery_closes_at,
          coalesce(create_event.offer_minutes, 1440))
  returning * into v_event;
  return v_event;
end $$;

--
-- Name: FUNCTION create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) IS '@resultFieldName event
Create an event (admins; for a club: its owners and managers). Defaults: description empty, 1 ticket per student, no category, free, 10-minute holds, on sale from now until it starts, first come first served.';

--
-- Name: current_app_role(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.current_app_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case current_setting('role')
    when 'ticketing_admin' then
      case when exists (select from app_public.users u where u.id = app_public.current_user_id() and u.role = 'admin')
        then 'admin' else 'anonymous' end
    when 'ticketing_student' then 'student'
    else 'anonymous'
  end
$$;

--
-- Name: FUNCTION current_app_role(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.current_app_role() IS '@behavior -*
The request role without its prefix; ''admin'' only while the user''s row says admin (a demoted or deleted admin''s token counts as anonymous).';

--
-- Name: current_user_id(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.current_user_id() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select nullif(current_setting('jwt.claims.user_id', true), '')::int
$$;

--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.current_user_id() IS '@behavior -*
The id of the signed-in user, or null.';

--
-- Name: end_all_sessions(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.end_all_sessions() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_private.end_sessions(app_public.current_user_id())
$$;

--
-- Name: FUNCTION end_all_sessions(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.end_all_sessions() IS 'Sign out everywhere, this session included; answers how many ended.';

--
-- Name: end_session(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.end_session(id integer) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  if app_private.end_session_of_caller(end_session.id) is null then
    perform app_private.fail('NOT_FOUND:session');
  end if;
  return true;
end $$;

--
-- Name: FUNCTION end_session(id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.end_session(id integer) IS 'Sign out one of your sessions (another device, say).';

--
-- Name: lottery_entries; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.lottery_entries (
    id integer NOT NULL,
    event_id integer NOT NULL,
    user_id integer NOT NULL,
    state app_public.lottery_entry_state DEFAULT 'entered'::app_public.lottery_entry_state NOT NULL,
    draw_rank integer,
    entered_at timestamp with time zone DEFAULT now() NOT NULL,
    offer_expires_at timestamp with time zone,
    ticket_id integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lottery_entries_offer_expires_at_valid CHECK (((state = 'won'::app_public.lottery_entry_state) <= (offer_expires_at IS NOT NULL)))
);

--
-- Name: TABLE lottery_entries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.lottery_entries IS '@behavior -insert -update -delete
A student''s entry in an event''s lottery.';

--
-- Name: COLUMN lottery_entries.draw_rank; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.lottery_entries.draw_rank IS 'Your place in the draw''s order (1 = first); null before the draw.';

--
-- Name: enter_lottery(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.enter_lottery(event_id integer) RETURNS app_public.lottery_entries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.lottery_entries;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('FORBIDDEN:lottery');
  end if;
  select * into v_entry from app_public.lottery_entries l where l.event_id = enter_lottery.event_id and l.user_id = v_user;
  if v_entry.id is not null then
    return v_entry;
  end if;
  perform app_private.require_verified_email(v_user);
  perform app_private.lock_release(enter_lottery.event_id, false);
  select * into v_event from app_public.events e where e.id = enter_lottery.event_id;
  perform app_private.release_refusal(v_event, v_user, 'lottery');
  if now() >= v_event.lottery_closes_at or exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    perform app_private.fail('LOTTERY_CLOSED', null,
      to_char(v_event.lottery_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if app_private.client_address() is not null then
    perform app_private.count_spread_hit('release_joins_per_address', app_private.client_address(),
      'Too many students entered lotteries from your network address');
  end if;
  insert into app_public.lottery_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $$;

--
-- Name: FUNCTION enter_lottery(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.enter_lottery(event_id integer) IS 'Enter an event''s lottery (verified students, before lottery_closes_at). Entering again answers the same entry.';

--
-- Name: event_analytics(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.event_analytics(event_id integer) RETURNS app_public.event_stats
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_stats app_public.event_stats;
begin
  perform app_private.require_event_analytics(event_id);
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
end $$;

--
-- Name: FUNCTION event_analytics(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.event_analytics(event_id integer) IS 'Sales, holds, cancellations, waitlist and check-ins of one event (admins; the owners and managers of its club).';

--
-- Name: event_sales_over_time(integer, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.event_sales_over_time(event_id integer, bucket text DEFAULT 'hour'::text) RETURNS TABLE(bucket_start timestamp with time zone, tickets_sold integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  perform app_private.require_event_analytics(event_id);
  if bucket not in ('minute', 'hour', 'day', 'week') then
    perform app_private.fail('INVALID_INPUT:bucket', 'bucket');
  end if;
  return query
    select date_trunc(bucket, t.confirmed_at), count(*)::int
    from app_public.tickets t
    where t.event_id = event_sales_over_time.event_id and app_private.ticket_is_sold(t.status)
    group by 1 order by 1;
end $$;

--
-- Name: FUNCTION event_sales_over_time(event_id integer, bucket text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.event_sales_over_time(event_id integer, bucket text) IS 'Tickets sold (confirmed, and not cancelled since) per minute/hour/day/week of their sale (admins; the owners and managers of its club).';

--
-- Name: events_attendees(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_attendees(e app_public.events) RETURNS SETOF app_public.attendee
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION events_attendees(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_attendees(e app_public.events) IS 'Ticket holders of this event (not expired holds), by name: the owners and managers of its club, and admins.';

--
-- Name: events_image_url(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_image_url(e app_public.events) RETURNS text
    LANGUAGE sql STABLE
    AS $$
  select app_hidden.event_image_url(e.id)
$$;

--
-- Name: FUNCTION events_image_url(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_image_url(e app_public.events) IS 'The event''s image, relative to the API (the page''s size; add &size=list for a card''s), or null: show a placeholder. Set with PUT /events/{id}/image.';

--
-- Name: events_lottery_draw(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_lottery_draw(e app_public.events) RETURNS app_public.release_draw
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select * from app_private.release_draw_of(e, 'lottery')
$$;

--
-- Name: FUNCTION events_lottery_draw(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_lottery_draw(e app_public.events) IS 'The lottery''s draw: seed (hex), algorithm, the entry ids in arrival order, the order, the winners at the draw, its sha256 (admins and organisers).';

--
-- Name: events_phase(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_phase(e app_public.events) RETURNS app_public.event_phase
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select (case when e.status = 'cancelled' then 'cancelled'
               when e.starts_at <= now() then 'past'
               else 'upcoming' end)::app_public.event_phase
$$;

--
-- Name: FUNCTION events_phase(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_phase(e app_public.events) IS 'upcoming (not started), past (started) or cancelled, as the organisers'' list sorts it.';

--
-- Name: events_queue_draw(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_queue_draw(e app_public.events) RETURNS app_public.release_draw
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select * from app_private.release_draw_of(e, 'queue')
$$;

--
-- Name: FUNCTION events_queue_draw(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_queue_draw(e app_public.events) IS 'The queue''s shuffle at sales_start: seed (hex), algorithm, the entry ids in arrival order, the order, its sha256 (admins and organisers).';

--
-- Name: events_queue_stats(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_queue_stats(e app_public.events) RETURNS app_public.queue_stats
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select count(*)::int, (count(*) filter (where q.state = 'waiting'))::int, (count(*) filter (where q.state = 'admitted'))::int,
         (count(*) filter (where q.state = 'booked'))::int, (count(*) filter (where q.state = 'lapsed'))::int,
         (count(*) filter (where q.state = 'closed'))::int
  from app_public.queue_entries q
  where q.event_id = e.id
  having e.release_mode = 'queue' and app_private.may_manage_release(e.id)
$$;

--
-- Name: FUNCTION events_queue_stats(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_queue_stats(e app_public.events) IS 'The waiting room in figures (admins and the event''s organisers; null for anyone else and for other release modes).';

--
-- Name: events_sales_state(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_sales_state(e app_public.events) RETURNS app_public.sales_state
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select (case
    when e.status = 'cancelled' then 'cancelled'
    when e.starts_at <= now() then 'started'
    when e.sales_end <= now() then 'closed'
    when e.sales_start > now() then 'not_open'
    when e.tickets_remaining = 0 then 'sold_out'
    else 'on_sale'
  end)::app_public.sales_state
$$;

--
-- Name: FUNCTION events_sales_state(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_sales_state(e app_public.events) IS 'not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good).';

--
-- Name: events_sold_out(app_public.events); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.events_sold_out(e app_public.events) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select e.tickets_remaining = 0
$$;

--
-- Name: FUNCTION events_sold_out(e app_public.events); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.events_sold_out(e app_public.events) IS 'True when no seat is left.';

--
-- Name: export_my_data(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.export_my_data() RETURNS json
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
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
                         from app_private.sessions s where s.user_id = v_user), '[]'),
    -- Fair release (queue.sql, lottery.sql) and clubs (clubs.sql): stored about the caller too.
    'queue_entries', coalesce((select json_agg(json_build_object('id', q.id, 'event_id', q.event_id, 'state', q.state,
                                         'joined_at', q.joined_at, 'admitted_at', q.admitted_at,
                                         'admitted_until', q.admitted_until, 'ticket_id', q.ticket_id) order by q.id)
                         from app_public.queue_entries q where q.user_id = v_user), '[]'),
    'lottery_entries', coalesce((select json_agg(json_build_object('id', l.id, 'event_id', l.event_id, 'state', l.state,
                                         'entered_at', l.entered_at, 'draw_rank', l.draw_rank,
                                         'offer_expires_at', l.offer_expires_at, 'ticket_id', l.ticket_id) order by l.id)
                         from app_public.lottery_entries l where l.user_id = v_user), '[]'),
    'club_memberships', coalesce((select json_agg(json_build_object('club_id', m.club_id, 'club_name', c.name, 'role', m.role,
                                         'added_at', m.added_at) order by m.club_id)
                         from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id
                         where m.user_id = v_user), '[]')
  ) into v_document;
  -- Times as the rest of the API writes them: UTC with Z (json writes +00:00 in UTC).
  return regexp_replace(v_document::text, '(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?)\+00:00"', '\1Z"', 'g')::json;
end $$;

--
-- Name: FUNCTION export_my_data(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.export_my_data() IS 'Everything stored about you, as one JSON document: account, tickets, waitlist entries, payments, refunds, sessions, queue and lottery entries, club roles.';

--
-- Name: event_leaderboard; Type: MATERIALIZED VIEW; Schema: app_public; Owner: -
--

CREATE MATERIALIZED VIEW app_public.event_leaderboard AS
 SELECT e.id AS event_id,
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
          WHERE ((t.event_id = e.id) AND app_private.ticket_is_sold(t.status))) s ON (true))
  WHERE (e.status = 'scheduled'::app_public.event_status)
  WITH NO DATA;

--
-- Name: MATERIALIZED VIEW event_leaderboard; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON MATERIALIZED VIEW app_public.event_leaderboard IS 'Popularity per event (sold tickets only; cancelled events left out), refreshed by a background job (every minute, and when an event sells out or is cancelled).';

--
-- Name: fastest_sellouts(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.fastest_sellouts(n integer DEFAULT 10) RETURNS SETOF app_public.event_leaderboard
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.event_leaderboard l
  where l.seconds_to_sell_out is not null
    and exists (select from app_public.events e where e.id = l.event_id and e.status = 'scheduled')
  order by l.seconds_to_sell_out, l.event_id limit least(greatest(n, 1), 100)
$$;

--
-- Name: FUNCTION fastest_sellouts(n integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.fastest_sellouts(n integer) IS 'Events whose every seat was sold, fastest first; cancelled events are not listed.';

--
-- Name: queue_entries; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.queue_entries (
    id integer NOT NULL,
    event_id integer NOT NULL,
    user_id integer NOT NULL,
    state app_public.queue_entry_state DEFAULT 'waiting'::app_public.queue_entry_state NOT NULL,
    place bigint,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    admitted_at timestamp with time zone,
    admitted_until timestamp with time zone,
    ticket_id integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT queue_entries_admitted_until_valid CHECK (((state = 'admitted'::app_public.queue_entry_state) <= (admitted_until IS NOT NULL)))
);

--
-- Name: TABLE queue_entries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.queue_entries IS '@behavior -insert -update -delete
A student''s place in an event''s waiting room.';

--
-- Name: COLUMN queue_entries.place; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.queue_entries.place IS '@behavior -*';

--
-- Name: COLUMN queue_entries.admitted_until; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON COLUMN app_public.queue_entries.admitted_until IS 'Admitted: book before this moment, or the seat passes to the next in line.';

--
-- Name: join_queue(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.join_queue(event_id integer) RETURNS app_public.queue_entries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.queue_entries;
  v_drawn boolean;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('FORBIDDEN:queue');
  end if;
  select * into v_entry from app_public.queue_entries q where q.event_id = join_queue.event_id and q.user_id = v_user;
  if v_entry.state in ('waiting', 'admitted', 'booked') then
    return v_entry; -- a refresh never loses a place
  end if;
  perform app_private.require_verified_email(v_user);
  perform app_private.lock_release(join_queue.event_id, false);
  select * into v_event from app_public.events e where e.id = join_queue.event_id;
  perform app_private.release_refusal(v_event, v_user, 'queue');
  if v_event.queue_opens_at > now() then
    perform app_private.fail('QUEUE_NOT_OPEN', null,
      to_char(v_event.queue_opens_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  v_drawn := exists (select from app_private.release_draws d where d.event_id = v_event.id);
  if v_drawn and v_event.tickets_remaining = 0 then
    perform app_private.fail('SOLD_OUT');
  end if;
  if app_private.client_address() is not null then
    perform app_private.count_spread_hit('release_joins_per_address', app_private.client_address(),
      'Too many students joined queues from your network address');
  end if;
  -- And per student (release.sql): leaving and joining again in a loop gains no place
  -- (a rejoin goes to the back) but makes every instance re-read the line each time.
  perform app_private.count_hit('queue_joins_per_student', v_user::text, 'You have joined queues too often');
  -- Before the shuffle a place is decided by the draw; after it, by arrival.
  insert into app_public.queue_entries as q (event_id, user_id, place)
  values (v_event.id, v_user, case when v_drawn then 1000000000000 + nextval('app_private.queue_arrivals') end)
  on conflict on constraint queue_entries_event_user_key do update
    set state = 'waiting', place = excluded.place, joined_at = now(), admitted_at = null, admitted_until = null,
        ticket_id = null, updated_at = now()
  returning * into v_entry;
  if v_drawn and v_event.tickets_remaining > (select count(*) from app_public.queue_entries q
                                              where q.event_id = v_event.id and q.state = 'admitted') then
    -- A seat is free and nobody may be ahead: admit under the lock (which decides).
    perform app_private.lock_event(v_event.id);
    perform app_private.queue_advance(v_event.id);
    select * into v_entry from app_public.queue_entries q where q.id = v_entry.id;
  end if;
  return v_entry;
end $$;

--
-- Name: FUNCTION join_queue(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.join_queue(event_id integer) IS 'Join an event''s waiting room (verified students). Joining again answers the same entry: a refresh never loses a place.';

--
-- Name: waitlist_entries; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.waitlist_entries (
    id integer NOT NULL,
    event_id integer NOT NULL,
    user_id integer NOT NULL,
    status app_public.waitlist_entry_status DEFAULT 'waiting'::app_public.waitlist_entry_status NOT NULL,
    ticket_id integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    offered_at timestamp with time zone
);

--
-- Name: TABLE waitlist_entries; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.waitlist_entries IS '@behavior -insert -update -delete
A student waiting for a seat at a sold-out event.';

--
-- Name: join_waitlist(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.join_waitlist(event_id integer) RETURNS app_public.waitlist_entries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION join_waitlist(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.join_waitlist(event_id integer) IS 'Join a sold-out event''s waitlist; seats that come back are offered in order.';

--
-- Name: leave_queue(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.leave_queue(event_id integer) RETURNS app_public.queue_entries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_entry app_public.queue_entries;
begin
  perform app_private.lock_event(leave_queue.event_id);
  update app_public.queue_entries q set state = 'left', admitted_until = null, updated_at = now()
  where q.event_id = leave_queue.event_id and q.user_id = app_public.current_user_id() and q.state in ('waiting', 'admitted')
  returning * into v_entry;
  if v_entry.id is null then
    perform app_private.fail('NOT_FOUND:queue_entry');
  end if;
  perform app_private.queue_advance(leave_queue.event_id); -- an admission given up passes on
  return v_entry;
end $$;

--
-- Name: leave_waitlist(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.leave_waitlist(entry_id integer) RETURNS app_public.waitlist_entries
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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

--
-- Name: logout(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.logout() RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select app_private.end_session_of_caller(app_private.current_session_id()) is not null
$$;

--
-- Name: FUNCTION logout(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.logout() IS 'Sign out: the token used stops working on every instance.';

--
-- Name: managed_events(integer, app_public.event_phase); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.managed_events(club_id integer DEFAULT NULL::integer, phase app_public.event_phase DEFAULT NULL::app_public.event_phase) RETURNS SETOF app_public.events
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
begin
  -- One club: NOT_FOUND for a club that does not exist, FORBIDDEN for one the caller has no role in.
  if managed_events.club_id is not null then
    perform app_private.require_club_right('check_in', managed_events.club_id);
  end if;
  return query
    with runs as (
      select c.id from app_public.clubs c where app_hidden.club_permits('run_events', c.id)
    ), admits as (
      select c.id from app_public.clubs c where app_hidden.club_permits('check_in', c.id)
    )
    select e.* from app_public.events e
    where (managed_events.club_id is null or e.club_id = managed_events.club_id)
      and (managed_events.phase is null or app_public.events_phase(e) = managed_events.phase)
      and ((e.club_id is null and app_hidden.club_permits('run_events', null))
           or e.club_id in (select r.id from runs r)
           or (e.status = 'scheduled' and e.club_id in (select a.id from admits a)))
    -- Upcoming soonest first, then past and cancelled ones most recent first.
    order by app_public.events_phase(e),
             case when app_public.events_phase(e) = 'upcoming' then e.starts_at end,
             e.starts_at desc, e.id;
end $$;

--
-- Name: FUNCTION managed_events(club_id integer, phase app_public.event_phase); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.managed_events(club_id integer, phase app_public.event_phase) IS 'The events you run, cancelled and past ones too (admins: every event; a club''s owners and managers: its events; its door staff: its events that are not cancelled), optionally one club, one phase: upcoming soonest first, then past and cancelled most recent first. A club you have no role in: FORBIDDEN.';

--
-- Name: me(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.me() RETURNS app_public.users
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.users where id = app_public.current_user_id()
$$;

--
-- Name: FUNCTION me(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.me() IS 'The signed-in user, or null.';

--
-- Name: my_clubs(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.my_clubs() RETURNS SETOF app_public.clubs
    LANGUAGE sql STABLE
    AS $$
  select c.* from app_public.clubs c join app_public.club_memberships m on m.club_id = c.id
  where m.user_id = app_public.current_user_id()
  order by c.name, c.id
$$;

--
-- Name: FUNCTION my_clubs(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.my_clubs() IS 'The clubs you have a role in (Club.myRole says which), by name.';

--
-- Name: my_lottery_entry(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.my_lottery_entry(event_id integer) RETURNS app_public.lottery_entries
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.lottery_entries l
  where l.event_id = my_lottery_entry.event_id and l.user_id = app_public.current_user_id()
$$;

--
-- Name: FUNCTION my_lottery_entry(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.my_lottery_entry(event_id integer) IS 'Your entry in this event''s lottery, if you entered.';

--
-- Name: my_queue_entry(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.my_queue_entry(event_id integer) RETURNS app_public.queue_entries
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.queue_entries q
  where q.event_id = my_queue_entry.event_id and q.user_id = app_public.current_user_id()
$$;

--
-- Name: FUNCTION my_queue_entry(event_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.my_queue_entry(event_id integer) IS 'Your entry in this event''s queue, if you joined.';

--
-- Name: my_sessions(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.my_sessions() RETURNS SETOF app_public.user_session
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select s.id, s.created_at, s.user_agent, s.id = app_private.current_session_id()
  from app_private.sessions s
  where s.user_id = app_public.current_user_id() and s.ended_at is null and s.expires_at > now()
  order by s.created_at desc, s.id desc
$$;

--
-- Name: FUNCTION my_sessions(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.my_sessions() IS 'Your sessions that still work, newest first.';

--
-- Name: my_tickets(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.my_tickets() RETURNS SETOF app_public.tickets
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.tickets where user_id = app_public.current_user_id() order by booked_at desc, id desc
$$;

--
-- Name: FUNCTION my_tickets(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.my_tickets() IS 'The signed-in student''s tickets, newest first.';

--
-- Name: popular_events(integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.popular_events(n integer DEFAULT 10) RETURNS SETOF app_public.event_leaderboard
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.event_leaderboard l
  where exists (select from app_public.events e where e.id = l.event_id and e.status = 'scheduled')
  order by l.tickets_sold desc, l.event_id limit least(greatest(n, 1), 100)
$$;

--
-- Name: FUNCTION popular_events(n integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.popular_events(n integer) IS 'Most tickets sold (refreshed every minute and on each sell-out); cancelled events are not listed.';

--
-- Name: queue_entries_position(app_public.queue_entries); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.queue_entries_position(q app_public.queue_entries) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case when q.state = 'waiting' and q.place is not null then 1 + (
    select count(*)::int from app_public.queue_entries o
    where o.event_id = q.event_id and o.state = 'waiting' and o.place < q.place
  ) end
$$;

--
-- Name: FUNCTION queue_entries_position(q app_public.queue_entries); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.queue_entries_position(q app_public.queue_entries) IS 'Your place in line (1 = next to be admitted) once the queue is shuffled at sales_start; null before, and once no longer waiting.';

--
-- Name: remove_club_member(integer, integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.remove_club_member(club_id integer, user_id integer) RETURNS app_public.club_member
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_member app_public.club_member;
begin
  perform app_private.lock_club_for_members(club_id);
  v_member := app_private.club_member_of(club_id, user_id);
  if v_member.user_id is null then
    perform app_private.fail('NOT_FOUND:club_member');
  end if;
  if v_member.role = 'owner' then
    perform app_private.refuse_last_owner(club_id, user_id);
  end if;
  delete from app_public.club_memberships m
  where m.club_id = remove_club_member.club_id and m.user_id = remove_club_member.user_id;
  return v_member;
end $$;

--
-- Name: FUNCTION remove_club_member(club_id integer, user_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.remove_club_member(club_id integer, user_id integer) IS '@resultFieldName member
Remove a member (its owners, admins); their next request has no rights in the club. The last owner cannot be removed (LAST_OWNER).';

--
-- Name: request_account_closure(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.request_account_closure() RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_user app_public.users;
  v_token text := app_private.new_link_token();
  v_url text := (select s.public_url from app_private.auth_settings s);
  v_club text;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null or app_public.current_app_role() not in ('student', 'admin') then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  if exists (select from app_private.user_secrets s where s.user_id = v_user.id) then
    perform app_private.fail('PASSWORD_REQUIRED', 'password');
  end if;
  if v_user.email_verified_at is null then
    perform app_private.fail('EMAIL_NOT_VERIFIED');
  end if;
  -- Said now rather than after the mail: the link could not close the account yet.
  v_club := app_private.sole_owned_club(v_user.id);
  if v_club is not null then
    perform app_private.fail('LAST_OWNER:close_account', null, v_club);
  end if;
  perform app_private.count_hit('account_closure_emails_per_user', v_user.id::text, 'Too many account closing links asked for');
  insert into app_private.account_closures (token_hash, user_id, email, expires_at)
  values (app_private.token_hash(v_token), v_user.id, v_user.email, now() + interval '1 hour');
  perform app_private.enqueue_email('close_account', v_user.id, 'close_account:' || encode(app_private.token_hash(v_token), 'hex'),
    'Confirm closing your account',
    format(E'Hello %s,\n\nYou asked to close your Campus tickets account (%s). To close it for good, open this link within an hour, in the browser where you are signed in:\n\n%s/close-account?token=%s\n\nClosing cancels your tickets to events that have not happened yet, takes you off every waitlist, queue, lottery and club, and erases your name and email. It cannot be undone.\n\nIf you did not ask for this, ignore this email: your account stays open. Then sign out everywhere from your Account page, since someone else may be signed in to it.',
           v_user.name, v_user.email, rtrim(v_url, '/'), v_token));
  return true;
end $$;

--
-- Name: FUNCTION request_account_closure(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.request_account_closure() IS 'Mail a link that closes your account, to its verified address: for accounts without a password (college sign-in only); with one, close it with your password (PASSWORD_REQUIRED). Throttled per account.';

--
-- Name: resend_verification_email(); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.resend_verification_email() RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION resend_verification_email(); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.resend_verification_email() IS 'Mail a new verification link (false: the address is verified already).';

--
-- Name: reset_password(text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.reset_password(token text, new_password text) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION reset_password(token text, new_password text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.reset_password(token text, new_password text) IS 'Choose a new password with the token from the emailed link; every session of the account ends.';

--
-- Name: signup(text, text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.signup(name text, email text, password text) RETURNS app_public.users
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  -- The attempt was counted by app_hidden.count_signup_attempt(), committed before this.
  select app_private.create_user(name, email, password, 'student')
$$;

--
-- Name: FUNCTION signup(name text, email text, password text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.signup(name text, email text, password text) IS 'Create a student account.';

--
-- Name: tickets_holder_name(app_public.tickets); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.tickets_holder_name(t app_public.tickets) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select u.name from app_public.tickets k join app_public.users u on u.id = k.user_id
  where k.id = t.id
    and (k.user_id = app_public.current_user_id()
         or app_hidden.may_on_event('run_events', k.event_id)
         or ((k.checked_in_at is not null or current_setting('ticketing.admitted_ticket', true) = k.id::text)
             and app_hidden.may_on_event('check_in', k.event_id)))
$$;

--
-- Name: FUNCTION tickets_holder_name(t app_public.tickets); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.tickets_holder_name(t app_public.tickets) IS 'The holder''s name, to compare with the person at the door: for the holder, admins, the organisers of the event, and its door staff once the ticket is checked in (the checkIn answer).';

--
-- Name: upcoming_events(integer, integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.upcoming_events(category_id integer DEFAULT NULL::integer, club_id integer DEFAULT NULL::integer) RETURNS SETOF app_public.events
    LANGUAGE sql STABLE
    AS $$
  select * from app_public.events e
  where e.starts_at > now() and e.status = 'scheduled' and (upcoming_events.category_id is null or e.category_id = upcoming_events.category_id)
    and (upcoming_events.club_id is null or e.club_id = upcoming_events.club_id)
  order by e.starts_at, e.id
$$;

--
-- Name: FUNCTION upcoming_events(category_id integer, club_id integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.upcoming_events(category_id integer, club_id integer) IS 'Events that have not started yet and are not cancelled, soonest first; optionally one category, one club.';

--
-- Name: update_club(integer, text, text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_club(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text) RETURNS app_public.clubs
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_club app_public.clubs;
begin
  perform app_private.require_club_right('manage_club', update_club.id);
  perform app_private.check_club_fields(name, description);
  begin
    update app_public.clubs c set name = coalesce(btrim(update_club.name), c.name),
                                  description = coalesce(update_club.description, c.description)
    where c.id = update_club.id returning * into v_club;
  exception when unique_violation then
    perform app_private.fail('CLUB_NAME_TAKEN', 'name', btrim(name));
  end;
  return v_club;
end $$;

--
-- Name: FUNCTION update_club(id integer, name text, description text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_club(id integer, name text, description text) IS '@resultFieldName club
Change a club''s name or description (its owners, admins). Fields left null stay as they are.';

--
-- Name: update_club_member(integer, integer, app_public.club_role); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_club_member(club_id integer, user_id integer, role app_public.club_role) RETURNS app_public.club_member
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
declare
  v_old app_public.club_role;
begin
  perform app_private.lock_club_for_members(club_id);
  if role is null then
    perform app_private.fail('INVALID_INPUT:club_role', 'role');
  end if;
  select m.role into v_old from app_public.club_memberships m
  where m.club_id = update_club_member.club_id and m.user_id = update_club_member.user_id;
  if v_old is null then
    perform app_private.fail('NOT_FOUND:club_member');
  end if;
  if v_old = 'owner' and role <> 'owner' then
    perform app_private.refuse_last_owner(club_id, user_id);
  end if;
  update app_public.club_memberships m set role = update_club_member.role
  where m.club_id = update_club_member.club_id and m.user_id = update_club_member.user_id;
  return app_private.club_member_of(club_id, user_id);
end $$;

--
-- Name: FUNCTION update_club_member(club_id integer, user_id integer, role app_public.club_role); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_club_member(club_id integer, user_id integer, role app_public.club_role) IS '@resultFieldName member
Change a member''s role (its owners, admins); the last owner stays an owner (LAST_OWNER).';

--
-- Name: update_event(integer, text, text, text, timestamp with time zone, integer, integer, integer, integer, integer, timestamp with time zone, timestamp with time zone, text[], integer, app_public.release_mode, timestamp with time zone, integer, timestamp with time zone, integer); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.update_event(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text, venue text DEFAULT NULL::text, starts_at timestamp with time zone DEFAULT NULL::timestamp with time zone, total_tickets integer DEFAULT NULL::integer, max_tickets_per_student integer DEFAULT NULL::integer, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT NULL::integer, hold_minutes integer DEFAULT NULL::integer, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, clear text[] DEFAULT NULL::text[], club_id integer DEFAULT NULL::integer, release_mode app_public.release_mode DEFAULT NULL::app_public.release_mode, queue_opens_at timestamp with time zone DEFAULT NULL::timestamp with time zone, admission_minutes integer DEFAULT NULL::integer, lottery_closes_at timestamp with time zone DEFAULT NULL::timestamp with time zone, offer_minutes integer DEFAULT NULL::integer) RETURNS app_public.events
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end', 'club_id', 'queue_opens_at',
                                          'lottery_closes_at') then
      perform app_private.fail('INVALID_INPUT:clear', 'clear', coalesce(v_field, 'null'));
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) or (v_field = 'club_id' and club_id is not null)
       or (v_field = 'queue_opens_at' and queue_opens_at is not null)
       or (v_field = 'lottery_closes_at' and lottery_closes_at is not null) then
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
  perform app_private.check_release_fields(v_event, coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end,
    coalesce(release_mode, v_event.release_mode),
    case when 'queue_opens_at' = any (clear) then null else coalesce(queue_opens_at, v_event.queue_opens_at) end,
    coalesce(admission_minutes, v_event.admission_minutes),
    case when 'lottery_closes_at' = any (clear) then null else coalesce(lottery_closes_at, v_event.lottery_closes_at) end,
    coalesce(offer_minutes, v_event.offer_minutes));

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
    club_id = case when 'club_id' = any (clear) then null else coalesce(update_event.club_id, e.club_id) end,
    release_mode = coalesce(update_event.release_mode, e.release_mode),
    queue_opens_at = case when 'queue_opens_at' = any (clear) then null
                          else coalesce(update_event.queue_opens_at, e.queue_opens_at) end,
    admission_minutes = coalesce(update_event.admission_minutes, e.admission_minutes),
    lottery_closes_at = case when 'lottery_closes_at' = any (clear) then null
                             else coalesce(update_event.lottery_closes_at, e.lottery_closes_at) end,
    offer_minutes = coalesce(update_event.offer_minutes, e.offer_minutes)
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $$;

--
-- Name: FUNCTION update_event(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[], club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.update_event(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[], club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) IS '@resultFieldName event
Change an event (admins; a club''s event: its owners and managers; moving it to another club needs rights in both); a cancelled event cannot be changed (EVENT_CANCELLED). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end, club_id, queue_opens_at, lottery_closes_at).';

--
-- Name: users_email_verification_needed(app_public.users); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.users_email_verification_needed(u app_public.users) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select cardinality(app_private.unverified_students(array[u.id])) > 0
$$;

--
-- Name: FUNCTION users_email_verification_needed(u app_public.users); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.users_email_verification_needed(u app_public.users) IS 'True while this student must still verify their address before booking, joining waitlists, queues and lotteries, or being added to a club''s staff (the college requires verified addresses); false once verified, or where nothing requires it.';

--
-- Name: users_has_password(app_public.users); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.users_has_password(u app_public.users) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select exists (select from app_private.user_secrets s where s.user_id = u.id)
  where u.id = app_public.current_user_id()
$$;

--
-- Name: FUNCTION users_has_password(u app_public.users); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.users_has_password(u app_public.users) IS 'Whether you can sign in with a password (false: only with the college''s account; closing it then takes a link mailed to you). Null for anyone but yourself.';

--
-- Name: verify_email(text); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.verify_email(token text) RETURNS app_public.users
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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
end $$;

--
-- Name: FUNCTION verify_email(token text); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.verify_email(token text) IS 'Confirm an email address with the token from the link mailed to it.';

--
-- Name: waitlist_entries_position(app_public.waitlist_entries); Type: FUNCTION; Schema: app_public; Owner: -
--

CREATE FUNCTION app_public.waitlist_entries_position(w app_public.waitlist_entries) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  select case when w.status = 'waiting' then 1 + (
    select count(*)::int from app_public.waitlist_entries o
    where o.event_id = w.event_id and o.status = 'waiting' and o.id < w.id
  ) end
$$;

--
-- Name: FUNCTION waitlist_entries_position(w app_public.waitlist_entries); Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON FUNCTION app_public.waitlist_entries_position(w app_public.waitlist_entries) IS '1 for the next student to be offered a seat; null once no longer waiting.';

--
-- Name: account_closures; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.account_closures (
    token_hash bytea NOT NULL,
    user_id integer NOT NULL,
    email public.citext NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);

--
-- Name: auth_settings; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.auth_settings (
    singleton boolean DEFAULT true NOT NULL,
    max_sessions_per_user integer DEFAULT 50 NOT NULL,
    require_email_verification boolean DEFAULT false NOT NULL,
    allowed_email_domains text[] DEFAULT '{}'::text[] NOT NULL,
    public_url text DEFAULT 'http://localhost:5678'::text NOT NULL,
    CONSTRAINT auth_settings_allowed_email_domains_valid CHECK ((array_to_string(allowed_email_domains, ','::text) ~ '^((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(,|$))*$'::text)),
    CONSTRAINT auth_settings_max_sessions_per_user_check CHECK (((max_sessions_per_user >= 1) AND (max_sessions_per_user <= 10000))),
    CONSTRAINT auth_settings_public_url_valid CHECK ((public_url ~ '^https?://[^/?#[:space:]]+(/[^?#[:space:]]*)?$'::text)),
    CONSTRAINT auth_settings_singleton_check CHECK (singleton)
);

--
-- Name: email_verifications; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.email_verifications (
    token_hash bytea NOT NULL,
    user_id integer NOT NULL,
    email public.citext NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);

--
-- Name: errors; Type: VIEW; Schema: app_private; Owner: -
--

CREATE VIEW app_private.errors AS
 SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('INVALID_TOKEN:close_account'::text,400,'This link is not valid: it was used already, has expired, was mistyped, or was sent for another account than the one signed in here. Sign in to that account and ask for a new link on your Account page.'::text), ('NO_PASSWORD'::text,409,'Your account has no password: you sign in with your college account. To close it, ask for a confirmation link by email.'::text), ('PASSWORD_REQUIRED'::text,409,'Your account has a password: enter it to close your account.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('EVENT_CANCELLED:edit'::text,409,'This event was cancelled; it can no longer be changed.'::text), ('FORBIDDEN:cancel_event'::text,403,'Only the owners and managers of the club running this event (and admins) can cancel it.'::text), ('ALREADY_CANCELLED:event'::text,409,'This event was already cancelled at %s.'::text), ('EVENT_STARTED:cancel_event'::text,409,'This event has already started; it can no longer be cancelled.'::text), ('FORBIDDEN:event_image'::text,403,'Only the owners and managers of the club running this event (and admins) can change its image.'::text), ('NOT_FOUND:image'::text,404,'This event has no image.'::text), ('IMAGE_INVALID'::text,415,'The body is not a PNG, JPEG or WebP image we can read (its content decides, not its Content-Type).'::text), ('IMAGE_INVALID:pixels'::text,415,'The image is too large: at most %s megapixels.'::text), ('UNSUPPORTED_MEDIA_TYPE:image'::text,415,'Send the image as image/png, image/jpeg or image/webp.'::text), ('PAYLOAD_TOO_LARGE:image'::text,413,'An event image may be at most %s MB.'::text), ('INVALID_INPUT:image_size'::text,400,'size must be list or page.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('LAST_OWNER:close_account'::text,409,'You are the only owner of %s: make someone else an owner of it before closing your account.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_CANCELLED'::text,409,'This event was cancelled; it takes no bookings.'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_YOUR_TURN'::text,409,'This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted.'::text), ('INVALID_INPUT:queue_sales_start'::text,400,'A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin.'::text), ('INVALID_INPUT:queue_opens_at'::text,400,'queue_opens_at must be before sales_start.'::text), ('INVALID_INPUT:lottery_closes_at_required'::text,400,'A lottery event needs lottery_closes_at: when entries close and the draw runs.'::text), ('INVALID_INPUT:lottery_closes_at'::text,400,'lottery_closes_at must be before sales_end (or, without sales_end, before the event starts).'::text), ('RELEASE_STARTED'::text,409,'Students have already joined this event''s queue or lottery: its release mode and its moment of shuffle or draw are fixed.'::text), ('WRONG_RELEASE_MODE:first_come'::text,409,'This event is first come, first served: book it directly (it has no %s).'::text), ('WRONG_RELEASE_MODE:queue'::text,409,'This event releases its seats through a waiting room: join its queue (it has no %s).'::text), ('WRONG_RELEASE_MODE:lottery'::text,409,'This event releases its seats by lottery: enter it (it has no %s).'::text), ('FORBIDDEN:queue'::text,403,'Only students can join a queue.'::text), ('FORBIDDEN:lottery'::text,403,'Only students can enter a lottery.'::text), ('FORBIDDEN:claim'::text,403,'Only students can claim a lottery win.'::text), ('FORBIDDEN:release'::text,403,'Only admins and the event''s organisers can see its queue and draws.'::text), ('QUEUE_NOT_OPEN'::text,409,'The queue opens at %s.'::text), ('NOT_FOUND:queue_entry'::text,404,'You are not in this event''s queue.'::text), ('NOT_FOUND:lottery_entry'::text,404,'You have not entered this event''s lottery.'::text), ('NOT_DRAWN:queue'::text,404,'The queue is shuffled at sales_start.'::text), ('NOT_DRAWN:lottery'::text,404,'The lottery is drawn when entries close.'::text), ('LOTTERY_CLOSED'::text,409,'Entries for this lottery closed at %s.'::text), ('OFFER_EXPIRED'::text,409,'Your win had to be claimed by %s; the seat has passed on.'::text), ('NO_WIN'::text,409,'The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order.'::text), ('NO_WIN:not_drawn'::text,409,'The draw has not run yet: it runs when entries close.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);

--
-- Name: VIEW errors; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON VIEW app_private.errors IS 'Every refusal a client can get: reason (what fail() names), code (what clients see), HTTP status, message (a format() template).';

--
-- Name: event_fences; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.event_fences (
    event_id integer NOT NULL,
    last_token bigint NOT NULL
);

--
-- Name: event_images; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.event_images (
    event_id integer NOT NULL,
    etag text NOT NULL,
    content_type text NOT NULL,
    list_image bytea NOT NULL,
    page_image bytea NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by integer,
    CONSTRAINT event_images_content_type_valid CHECK ((content_type = ANY (ARRAY['image/webp'::text, 'image/jpeg'::text, 'image/png'::text]))),
    CONSTRAINT event_images_etag_valid CHECK ((etag ~ '^[0-9a-f]{16,64}$'::text)),
    CONSTRAINT event_images_list_image_valid CHECK (((length(list_image) >= 1) AND (length(list_image) <= 2000000))),
    CONSTRAINT event_images_page_image_valid CHECK (((length(page_image) >= 1) AND (length(page_image) <= 5000000)))
);

--
-- Name: field_bounds; Type: VIEW; Schema: app_private; Owner: -
--

CREATE VIEW app_private.field_bounds AS
 SELECT b.table_name,
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

--
-- Name: VIEW field_bounds; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON VIEW app_private.field_bounds IS 'The numeric bounds of each field, as its CHECK constraint <table>_<field>_valid says them (is_length: of its length in characters).';

--
-- Name: mock_provider_refunds; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.mock_provider_refunds (
    idempotency_key text NOT NULL,
    refund_id text NOT NULL,
    intent_id text NOT NULL,
    amount_cents integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: outbox; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.outbox (
    id bigint NOT NULL,
    dedupe_key text NOT NULL,
    kind text NOT NULL,
    user_id integer,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    to_email public.citext,
    event_id integer,
    CONSTRAINT outbox_recipient_valid CHECK (((user_id IS NULL) <> (to_email IS NULL)))
);

--
-- Name: outbox_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.outbox ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: password_resets; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.password_resets (
    token_hash bytea NOT NULL,
    user_id integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);

--
-- Name: payments; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.payments (
    intent_id text NOT NULL,
    ticket_id integer NOT NULL,
    amount_cents integer NOT NULL,
    status text DEFAULT 'created'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    provider text DEFAULT 'mock'::text NOT NULL,
    CONSTRAINT payments_intent_id_valid CHECK (((length(intent_id) >= 1) AND (length(intent_id) <= 255))),
    CONSTRAINT payments_provider_valid CHECK (((length(provider) >= 1) AND (length(provider) <= 40))),
    CONSTRAINT payments_status_valid CHECK ((status = ANY (ARRAY['created'::text, 'succeeded'::text, 'refunded'::text])))
);

--
-- Name: queue_arrivals; Type: SEQUENCE; Schema: app_private; Owner: -
--

CREATE SEQUENCE app_private.queue_arrivals
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: refunds; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.refunds (
    id bigint NOT NULL,
    intent_id text NOT NULL,
    amount_cents integer NOT NULL,
    reason text NOT NULL,
    status text DEFAULT 'requested'::text NOT NULL,
    idempotency_key text NOT NULL,
    provider_refund_id text,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    CONSTRAINT refunds_finished_valid CHECK (((status = 'requested'::text) = (finished_at IS NULL))),
    CONSTRAINT refunds_reason_valid CHECK ((reason = ANY (ARRAY['cancelled'::text, 'late_payment'::text, 'duplicate_payment'::text]))),
    CONSTRAINT refunds_status_valid CHECK ((status = ANY (ARRAY['requested'::text, 'succeeded'::text, 'failed'::text])))
);

--
-- Name: refunds_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.refunds ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.refunds_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: release_draws; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.release_draws (
    event_id integer NOT NULL,
    kind app_public.release_mode NOT NULL,
    seed bytea NOT NULL,
    algorithm text NOT NULL,
    entries integer[] NOT NULL,
    ordered integer[] NOT NULL,
    order_hash text NOT NULL,
    winners integer,
    drawn_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT release_draws_kind_valid CHECK ((kind = ANY (ARRAY['queue'::app_public.release_mode, 'lottery'::app_public.release_mode])))
);

--
-- Name: sessions; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.sessions (
    id integer NOT NULL,
    user_id integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    user_agent text,
    CONSTRAINT sessions_expires_at_valid CHECK ((expires_at > created_at)),
    CONSTRAINT sessions_user_agent_valid CHECK ((length(user_agent) <= 300))
);

--
-- Name: TABLE sessions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.sessions IS 'Sign-ins: each token names one. Ended ones are refused by every instance until they expire.';

--
-- Name: sessions_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.sessions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: throttle_rules; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.throttle_rules (
    rule text NOT NULL,
    max_hits integer NOT NULL,
    per interval NOT NULL,
    what text NOT NULL,
    shards integer DEFAULT 1 NOT NULL,
    CONSTRAINT throttle_rules_max_hits_check CHECK ((max_hits > 0)),
    CONSTRAINT throttle_rules_per_check CHECK ((per > '00:00:00'::interval)),
    CONSTRAINT throttle_rules_shards_check CHECK (((shards >= 1) AND (shards <= 64)))
);

--
-- Name: user_identities; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.user_identities (
    issuer text NOT NULL,
    subject text NOT NULL,
    user_id integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_identities_issuer_valid CHECK (((length(issuer) >= 1) AND (length(issuer) <= 2000))),
    CONSTRAINT user_identities_subject_valid CHECK (((length(subject) >= 1) AND (length(subject) <= 255)))
);

--
-- Name: TABLE user_identities; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.user_identities IS 'Accounts linked to a person at the college''s identity provider (single sign-on).';

--
-- Name: user_secrets; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.user_secrets (
    user_id integer NOT NULL,
    password_hash text NOT NULL
);

--
-- Name: categories; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.categories (
    id integer NOT NULL,
    name public.citext NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT categories_name_valid CHECK ((((name)::text = btrim((name)::text)) AND ((length((name)::text) >= 1) AND (length((name)::text) <= 60))))
);

--
-- Name: TABLE categories; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.categories IS 'Kinds of events (Concert, Sports, Tech Fest, Workshop, …), managed by admins.';

--
-- Name: categories_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.categories ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.categories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: club_invitations; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.club_invitations (
    club_id integer NOT NULL,
    email public.citext NOT NULL,
    role app_public.club_role NOT NULL,
    invited_at timestamp with time zone DEFAULT now() NOT NULL,
    invited_by integer,
    CONSTRAINT club_invitations_email_valid CHECK ((length((email)::text) <= 254))
);

--
-- Name: TABLE club_invitations; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.club_invitations IS '@behavior -*
Addresses invited to a club before they have an account.';

--
-- Name: club_memberships; Type: TABLE; Schema: app_public; Owner: -
--

CREATE TABLE app_public.club_memberships (
    club_id integer NOT NULL,
    user_id integer NOT NULL,
    role app_public.club_role NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    added_by integer
);

--
-- Name: TABLE club_memberships; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON TABLE app_public.club_memberships IS '@behavior -*
Who has which role in which club (Club.members and myClubs answer from it).';

--
-- Name: clubs_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.clubs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.clubs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: events_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: lottery_entries_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.lottery_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.lottery_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: queue_entries_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.queue_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.queue_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: tickets_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.tickets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.tickets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: users_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: waitlist_entries_id_seq; Type: SEQUENCE; Schema: app_public; Owner: -
--

ALTER TABLE app_public.waitlist_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_public.waitlist_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: account_closures account_closures_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.account_closures
    ADD CONSTRAINT account_closures_pkey PRIMARY KEY (token_hash);

--
-- Name: auth_settings auth_settings_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.auth_settings
    ADD CONSTRAINT auth_settings_pkey PRIMARY KEY (singleton);

--
-- Name: email_verifications email_verifications_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.email_verifications
    ADD CONSTRAINT email_verifications_pkey PRIMARY KEY (token_hash);

--
-- Name: event_fences event_fences_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.event_fences
    ADD CONSTRAINT event_fences_pkey PRIMARY KEY (event_id);

--
-- Name: event_images event_images_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.event_images
    ADD CONSTRAINT event_images_pkey PRIMARY KEY (event_id);

--
-- Name: mock_provider_refunds mock_provider_refunds_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.mock_provider_refunds
    ADD CONSTRAINT mock_provider_refunds_pkey PRIMARY KEY (idempotency_key);

--
-- Name: mock_provider_refunds mock_provider_refunds_refund_id_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.mock_provider_refunds
    ADD CONSTRAINT mock_provider_refunds_refund_id_key UNIQUE (refund_id);

--
-- Name: outbox outbox_dedupe_key_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.outbox
    ADD CONSTRAINT outbox_dedupe_key_key UNIQUE (dedupe_key);

--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

--
-- Name: password_resets password_resets_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.password_resets
    ADD CONSTRAINT password_resets_pkey PRIMARY KEY (token_hash);

--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (intent_id);

--
-- Name: refunds refunds_idempotency_key_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.refunds
    ADD CONSTRAINT refunds_idempotency_key_key UNIQUE (idempotency_key);

--
-- Name: refunds refunds_intent_id_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.refunds
    ADD CONSTRAINT refunds_intent_id_key UNIQUE (intent_id);

--
-- Name: refunds refunds_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.refunds
    ADD CONSTRAINT refunds_pkey PRIMARY KEY (id);

--
-- Name: release_draws release_draws_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.release_draws
    ADD CONSTRAINT release_draws_pkey PRIMARY KEY (event_id);

--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

--
-- Name: throttle_counters throttle_counters_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.throttle_counters
    ADD CONSTRAINT throttle_counters_pkey PRIMARY KEY (rule, subject, shard);

--
-- Name: throttle_rules throttle_rules_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.throttle_rules
    ADD CONSTRAINT throttle_rules_pkey PRIMARY KEY (rule);

--
-- Name: user_identities user_identities_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_identities
    ADD CONSTRAINT user_identities_pkey PRIMARY KEY (issuer, subject);

--
-- Name: user_secrets user_secrets_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_secrets
    ADD CONSTRAINT user_secrets_pkey PRIMARY KEY (user_id);

--
-- Name: categories categories_name_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.categories
    ADD CONSTRAINT categories_name_key UNIQUE (name);

--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);

--
-- Name: club_invitations club_invitations_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_invitations
    ADD CONSTRAINT club_invitations_pkey PRIMARY KEY (club_id, email);

--
-- Name: club_memberships club_memberships_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_memberships
    ADD CONSTRAINT club_memberships_pkey PRIMARY KEY (club_id, user_id);

--
-- Name: clubs clubs_name_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.clubs
    ADD CONSTRAINT clubs_name_key UNIQUE (name);

--
-- Name: clubs clubs_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.clubs
    ADD CONSTRAINT clubs_pkey PRIMARY KEY (id);

--
-- Name: CONSTRAINT clubs_pkey ON clubs; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT clubs_pkey ON app_public.clubs IS '@fieldName club';

--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

--
-- Name: lottery_entries lottery_entries_event_user_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.lottery_entries
    ADD CONSTRAINT lottery_entries_event_user_key UNIQUE (event_id, user_id);

--
-- Name: lottery_entries lottery_entries_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.lottery_entries
    ADD CONSTRAINT lottery_entries_pkey PRIMARY KEY (id);

--
-- Name: queue_entries queue_entries_event_user_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.queue_entries
    ADD CONSTRAINT queue_entries_event_user_key UNIQUE (event_id, user_id);

--
-- Name: queue_entries queue_entries_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.queue_entries
    ADD CONSTRAINT queue_entries_pkey PRIMARY KEY (id);

--
-- Name: tickets tickets_check_in_code_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.tickets
    ADD CONSTRAINT tickets_check_in_code_key UNIQUE (check_in_code);

--
-- Name: tickets tickets_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.tickets
    ADD CONSTRAINT tickets_pkey PRIMARY KEY (id);

--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

--
-- Name: users users_email_unambiguous; Type: CHECK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE app_public.users
    ADD CONSTRAINT users_email_unambiguous CHECK (app_private.email_is_valid((email)::text)) NOT VALID;

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: waitlist_entries waitlist_entries_pkey; Type: CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.waitlist_entries
    ADD CONSTRAINT waitlist_entries_pkey PRIMARY KEY (id);

--
-- Name: account_closures_by_user; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX account_closures_by_user ON app_private.account_closures USING btree (user_id);

--
-- Name: email_verifications_by_user; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX email_verifications_by_user ON app_private.email_verifications USING btree (user_id);

--
-- Name: outbox_unsent_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX outbox_unsent_idx ON app_private.outbox USING btree (created_at) WHERE (sent_at IS NULL);

--
-- Name: password_resets_by_user; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX password_resets_by_user ON app_private.password_resets USING btree (user_id);

--
-- Name: payments_open_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX payments_open_idx ON app_private.payments USING btree (created_at) WHERE (status = 'created'::text);

--
-- Name: payments_ticket_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX payments_ticket_id_idx ON app_private.payments USING btree (ticket_id);

--
-- Name: sessions_ended_by_expiry; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX sessions_ended_by_expiry ON app_private.sessions USING btree (expires_at) WHERE (ended_at IS NOT NULL);

--
-- Name: sessions_live_by_user; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX sessions_live_by_user ON app_private.sessions USING btree (user_id, created_at) WHERE (ended_at IS NULL);

--
-- Name: user_identities_user_id_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX user_identities_user_id_idx ON app_private.user_identities USING btree (user_id);

--
-- Name: club_invitations_email_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX club_invitations_email_idx ON app_public.club_invitations USING btree (email);

--
-- Name: club_memberships_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX club_memberships_user_id_idx ON app_public.club_memberships USING btree (user_id);

--
-- Name: event_leaderboard_event_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX event_leaderboard_event_id_idx ON app_public.event_leaderboard USING btree (event_id);

--
-- Name: events_category_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX events_category_id_idx ON app_public.events USING btree (category_id);

--
-- Name: events_club_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX events_club_id_idx ON app_public.events USING btree (club_id);

--
-- Name: events_created_by_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX events_created_by_idx ON app_public.events USING btree (created_by);

--
-- Name: events_starts_at_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX events_starts_at_idx ON app_public.events USING btree (starts_at);

--
-- Name: lottery_entries_order_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX lottery_entries_order_idx ON app_public.lottery_entries USING btree (event_id, draw_rank) WHERE (state = 'lost'::app_public.lottery_entry_state);

--
-- Name: lottery_entries_user_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX lottery_entries_user_idx ON app_public.lottery_entries USING btree (user_id);

--
-- Name: queue_entries_admitted_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX queue_entries_admitted_idx ON app_public.queue_entries USING btree (event_id, admitted_until) WHERE (state = 'admitted'::app_public.queue_entry_state);

--
-- Name: queue_entries_line_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX queue_entries_line_idx ON app_public.queue_entries USING btree (event_id, place) WHERE (state = 'waiting'::app_public.queue_entry_state);

--
-- Name: queue_entries_user_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX queue_entries_user_idx ON app_public.queue_entries USING btree (user_id);

--
-- Name: tickets_event_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX tickets_event_id_idx ON app_public.tickets USING btree (event_id);

--
-- Name: tickets_event_user_idempotency_key_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX tickets_event_user_idempotency_key_idx ON app_public.tickets USING btree (event_id, user_id, idempotency_key) WHERE (idempotency_key IS NOT NULL);

--
-- Name: tickets_holds_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX tickets_holds_idx ON app_public.tickets USING btree (hold_expires_at) WHERE (status = ANY (ARRAY['pending'::app_public.ticket_status, 'offered'::app_public.ticket_status]));

--
-- Name: tickets_live_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX tickets_live_idx ON app_public.tickets USING btree (event_id, user_id) WHERE (status = ANY (ARRAY['pending'::app_public.ticket_status, 'offered'::app_public.ticket_status, 'confirmed'::app_public.ticket_status]));

--
-- Name: tickets_user_id_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX tickets_user_id_idx ON app_public.tickets USING btree (user_id, event_id);

--
-- Name: waitlist_entries_active_key; Type: INDEX; Schema: app_public; Owner: -
--

CREATE UNIQUE INDEX waitlist_entries_active_key ON app_public.waitlist_entries USING btree (event_id, user_id) WHERE (status = ANY (ARRAY['waiting'::app_public.waitlist_entry_status, 'offered'::app_public.waitlist_entry_status]));

--
-- Name: waitlist_entries_queue_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX waitlist_entries_queue_idx ON app_public.waitlist_entries USING btree (event_id, id) WHERE (status = 'waiting'::app_public.waitlist_entry_status);

--
-- Name: waitlist_entries_user_idx; Type: INDEX; Schema: app_public; Owner: -
--

CREATE INDEX waitlist_entries_user_idx ON app_public.waitlist_entries USING btree (user_id);

--
-- Name: outbox _100_forget_links; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _100_forget_links BEFORE UPDATE OF sent_at ON app_private.outbox FOR EACH ROW WHEN (((old.sent_at IS NULL) AND (new.sent_at IS NOT NULL) AND (new.kind = ANY (ARRAY['verify_email'::text, 'password_reset'::text, 'close_account'::text])))) EXECUTE FUNCTION app_private.outbox_forget_links();

--
-- Name: sessions _900_notify_ended; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER _900_notify_ended AFTER UPDATE OF ended_at ON app_private.sessions FOR EACH ROW WHEN (((old.ended_at IS NULL) AND (new.ended_at IS NOT NULL))) EXECUTE FUNCTION app_private.sessions_notify_ended();

--
-- Name: users _100_admin_verified; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_admin_verified BEFORE INSERT ON app_public.users FOR EACH ROW WHEN ((new.role = 'admin'::text)) EXECUTE FUNCTION app_private.create_admin_verified();

--
-- Name: events _100_cancelled_is_final; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_cancelled_is_final BEFORE UPDATE OF name, description, venue, starts_at, total_tickets, max_tickets_per_student, category_id, price_cents, hold_minutes, sales_start, sales_end, club_id, status, cancelled_at, cancel_reason ON app_public.events FOR EACH ROW WHEN ((old.status = 'cancelled'::app_public.event_status)) EXECUTE FUNCTION app_private.events_cancelled_is_final();

--
-- Name: tickets _100_confirmed_at; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_confirmed_at BEFORE INSERT OR UPDATE OF status ON app_public.tickets FOR EACH ROW WHEN (((new.status = 'confirmed'::app_public.ticket_status) AND (new.confirmed_at IS NULL))) EXECUTE FUNCTION app_private.tickets_confirmed_at();

--
-- Name: events _100_inventory; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _100_inventory BEFORE INSERT OR UPDATE OF name, venue, starts_at, total_tickets ON app_public.events FOR EACH ROW EXECUTE FUNCTION app_private.events_inventory();

--
-- Name: users _110_email_domain; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _110_email_domain BEFORE INSERT ON app_public.users FOR EACH ROW WHEN ((new.role = 'student'::text)) EXECUTE FUNCTION app_private.users_email_domain();

--
-- Name: events _200_availability_version; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _200_availability_version BEFORE UPDATE OF tickets_remaining, total_tickets ON app_public.events FOR EACH ROW WHEN (((old.tickets_remaining IS DISTINCT FROM new.tickets_remaining) OR (old.total_tickets IS DISTINCT FROM new.total_tickets))) EXECUTE FUNCTION app_private.events_bump_availability_version();

--
-- Name: events _210_availability_version_window; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _210_availability_version_window BEFORE UPDATE OF sales_start, sales_end, starts_at ON app_public.events FOR EACH ROW WHEN (((old.sales_start IS DISTINCT FROM new.sales_start) OR (old.sales_end IS DISTINCT FROM new.sales_end) OR (old.starts_at IS DISTINCT FROM new.starts_at))) EXECUTE FUNCTION app_private.events_bump_availability_version();

--
-- Name: events _300_sold_out_at; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _300_sold_out_at BEFORE UPDATE OF tickets_remaining ON app_public.events FOR EACH ROW EXECUTE FUNCTION app_private.events_sold_out_at();

--
-- Name: users _800_end_sessions_on_delete; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _800_end_sessions_on_delete BEFORE DELETE ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_private.users_end_sessions();

--
-- Name: users _800_end_sessions_on_role_change; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _800_end_sessions_on_role_change AFTER UPDATE OF role ON app_public.users FOR EACH ROW WHEN ((old.role IS DISTINCT FROM new.role)) EXECUTE FUNCTION app_private.users_end_sessions();

--
-- Name: users _900_accept_club_invitations; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _900_accept_club_invitations AFTER INSERT OR UPDATE OF email, email_verified_at ON app_public.users FOR EACH ROW WHEN (((new.email_verified_at IS NOT NULL) AND (new.deleted_at IS NULL))) EXECUTE FUNCTION app_private.users_accept_club_invitations();

--
-- Name: queue_entries _900_notify; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _900_notify AFTER UPDATE ON app_public.queue_entries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app_private.queue_entries_notify();

--
-- Name: events _900_notify_availability_insert; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _900_notify_availability_insert AFTER INSERT ON app_public.events FOR EACH ROW EXECUTE FUNCTION app_private.events_notify_availability();

--
-- Name: events _900_notify_availability_update; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _900_notify_availability_update AFTER UPDATE ON app_public.events FOR EACH ROW WHEN ((old.availability_version IS DISTINCT FROM new.availability_version)) EXECUTE FUNCTION app_private.events_notify_availability();

--
-- Name: events _910_leaderboard; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _910_leaderboard AFTER UPDATE ON app_public.events FOR EACH ROW WHEN ((((old.sold_out_at IS NULL) AND (new.sold_out_at IS NOT NULL)) OR (old.status <> new.status))) EXECUTE FUNCTION app_private.events_queue_leaderboard();

--
-- Name: events _920_notify_holders; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _920_notify_holders AFTER UPDATE OF starts_at, venue ON app_public.events FOR EACH ROW WHEN (((old.starts_at IS DISTINCT FROM new.starts_at) OR (old.venue IS DISTINCT FROM new.venue))) EXECUTE FUNCTION app_private.events_notify_holders();

--
-- Name: events _930_offer_new_seats; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _930_offer_new_seats AFTER UPDATE OF total_tickets ON app_public.events FOR EACH ROW WHEN ((new.total_tickets > old.total_tickets)) EXECUTE FUNCTION app_private.events_offer_new_seats();

--
-- Name: events _940_schedule_announcements_insert; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _940_schedule_announcements_insert AFTER INSERT ON app_public.events FOR EACH ROW EXECUTE FUNCTION app_private.events_schedule_announcements();

--
-- Name: events _940_schedule_announcements_update; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _940_schedule_announcements_update AFTER UPDATE OF sales_start, sales_end, starts_at ON app_public.events FOR EACH ROW WHEN (((old.sales_start IS DISTINCT FROM new.sales_start) OR (old.sales_end IS DISTINCT FROM new.sales_end) OR (old.starts_at IS DISTINCT FROM new.starts_at))) EXECUTE FUNCTION app_private.events_schedule_announcements();

--
-- Name: events _950_schedule_release_insert; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _950_schedule_release_insert AFTER INSERT ON app_public.events FOR EACH ROW WHEN ((new.release_mode <> 'first_come'::app_public.release_mode)) EXECUTE FUNCTION app_private.events_schedule_release();

--
-- Name: events _950_schedule_release_update; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _950_schedule_release_update AFTER UPDATE OF release_mode, sales_start, lottery_closes_at ON app_public.events FOR EACH ROW WHEN (((old.release_mode IS DISTINCT FROM new.release_mode) OR (old.sales_start IS DISTINCT FROM new.sales_start) OR (old.lottery_closes_at IS DISTINCT FROM new.lottery_closes_at))) EXECUTE FUNCTION app_private.events_schedule_release();

--
-- Name: events _960_follow_release; Type: TRIGGER; Schema: app_public; Owner: -
--

CREATE TRIGGER _960_follow_release AFTER UPDATE OF tickets_remaining, total_tickets, availability_version ON app_public.events FOR EACH ROW WHEN ((new.release_mode <> 'first_come'::app_public.release_mode)) EXECUTE FUNCTION app_private.events_follow_release();

--
-- Name: account_closures account_closures_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.account_closures
    ADD CONSTRAINT account_closures_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: email_verifications email_verifications_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.email_verifications
    ADD CONSTRAINT email_verifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: event_fences event_fences_event_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.event_fences
    ADD CONSTRAINT event_fences_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE;

--
-- Name: event_images event_images_event_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.event_images
    ADD CONSTRAINT event_images_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE;

--
-- Name: event_images event_images_updated_by_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.event_images
    ADD CONSTRAINT event_images_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_public.users(id) ON DELETE SET NULL;

--
-- Name: outbox outbox_event_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.outbox
    ADD CONSTRAINT outbox_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE SET NULL;

--
-- Name: outbox outbox_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.outbox
    ADD CONSTRAINT outbox_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: password_resets password_resets_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.password_resets
    ADD CONSTRAINT password_resets_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: payments payments_ticket_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.payments
    ADD CONSTRAINT payments_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES app_public.tickets(id);

--
-- Name: refunds refunds_intent_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.refunds
    ADD CONSTRAINT refunds_intent_id_fkey FOREIGN KEY (intent_id) REFERENCES app_private.payments(intent_id);

--
-- Name: release_draws release_draws_event_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.release_draws
    ADD CONSTRAINT release_draws_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE;

--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE SET NULL;

--
-- Name: throttle_counters throttle_counters_rule_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.throttle_counters
    ADD CONSTRAINT throttle_counters_rule_fkey FOREIGN KEY (rule) REFERENCES app_private.throttle_rules(rule) ON DELETE CASCADE;

--
-- Name: user_identities user_identities_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_identities
    ADD CONSTRAINT user_identities_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: user_secrets user_secrets_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.user_secrets
    ADD CONSTRAINT user_secrets_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: club_invitations club_invitations_club_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_invitations
    ADD CONSTRAINT club_invitations_club_id_fkey FOREIGN KEY (club_id) REFERENCES app_public.clubs(id) ON DELETE CASCADE;

--
-- Name: club_invitations club_invitations_invited_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_invitations
    ADD CONSTRAINT club_invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES app_public.users(id) ON DELETE SET NULL;

--
-- Name: club_memberships club_memberships_added_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_memberships
    ADD CONSTRAINT club_memberships_added_by_fkey FOREIGN KEY (added_by) REFERENCES app_public.users(id) ON DELETE SET NULL;

--
-- Name: club_memberships club_memberships_club_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_memberships
    ADD CONSTRAINT club_memberships_club_id_fkey FOREIGN KEY (club_id) REFERENCES app_public.clubs(id) ON DELETE CASCADE;

--
-- Name: club_memberships club_memberships_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.club_memberships
    ADD CONSTRAINT club_memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: events events_category_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.events
    ADD CONSTRAINT events_category_id_fkey FOREIGN KEY (category_id) REFERENCES app_public.categories(id) ON DELETE SET NULL;

--
-- Name: events events_club_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.events
    ADD CONSTRAINT events_club_id_fkey FOREIGN KEY (club_id) REFERENCES app_public.clubs(id) ON DELETE RESTRICT;

--
-- Name: CONSTRAINT events_club_id_fkey ON events; Type: COMMENT; Schema: app_public; Owner: -
--

COMMENT ON CONSTRAINT events_club_id_fkey ON app_public.events IS '@fieldName club
@foreignFieldName events';

--
-- Name: events events_created_by_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.events
    ADD CONSTRAINT events_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_public.users(id) ON DELETE SET NULL;

--
-- Name: lottery_entries lottery_entries_event_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.lottery_entries
    ADD CONSTRAINT lottery_entries_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE;

--
-- Name: lottery_entries lottery_entries_ticket_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.lottery_entries
    ADD CONSTRAINT lottery_entries_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES app_public.tickets(id) ON DELETE SET NULL;

--
-- Name: lottery_entries lottery_entries_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.lottery_entries
    ADD CONSTRAINT lottery_entries_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: queue_entries queue_entries_event_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.queue_entries
    ADD CONSTRAINT queue_entries_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE;

--
-- Name: queue_entries queue_entries_ticket_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.queue_entries
    ADD CONSTRAINT queue_entries_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES app_public.tickets(id) ON DELETE SET NULL;

--
-- Name: queue_entries queue_entries_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.queue_entries
    ADD CONSTRAINT queue_entries_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: tickets tickets_event_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.tickets
    ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE RESTRICT;

--
-- Name: tickets tickets_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.tickets
    ADD CONSTRAINT tickets_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE RESTRICT;

--
-- Name: waitlist_entries waitlist_entries_event_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.waitlist_entries
    ADD CONSTRAINT waitlist_entries_event_id_fkey FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE;

--
-- Name: waitlist_entries waitlist_entries_ticket_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.waitlist_entries
    ADD CONSTRAINT waitlist_entries_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES app_public.tickets(id);

--
-- Name: waitlist_entries waitlist_entries_user_id_fkey; Type: FK CONSTRAINT; Schema: app_public; Owner: -
--

ALTER TABLE ONLY app_public.waitlist_entries
    ADD CONSTRAINT waitlist_entries_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE;

--
-- Name: account_closures; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.account_closures ENABLE ROW LEVEL SECURITY;

--
-- Name: auth_settings; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.auth_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: email_verifications; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.email_verifications ENABLE ROW LEVEL SECURITY;

--
-- Name: event_fences; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.event_fences ENABLE ROW LEVEL SECURITY;

--
-- Name: event_images; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.event_images ENABLE ROW LEVEL SECURITY;

--
-- Name: mock_provider_refunds; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.mock_provider_refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: outbox; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.outbox ENABLE ROW LEVEL SECURITY;

--
-- Name: password_resets; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.password_resets ENABLE ROW LEVEL SECURITY;

--
-- Name: payments; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.payments ENABLE ROW LEVEL SECURITY;

--
-- Name: refunds; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: release_draws; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.release_draws ENABLE ROW LEVEL SECURITY;

--
-- Name: sessions; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: throttle_counters; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.throttle_counters ENABLE ROW LEVEL SECURITY;

--
-- Name: throttle_rules; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.throttle_rules ENABLE ROW LEVEL SECURITY;

--
-- Name: user_identities; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.user_identities ENABLE ROW LEVEL SECURITY;

--
-- Name: user_secrets; Type: ROW SECURITY; Schema: app_private; Owner: -
--

ALTER TABLE app_private.user_secrets ENABLE ROW LEVEL SECURITY;

--
-- Name: categories; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.categories ENABLE ROW LEVEL SECURITY;

--
-- Name: categories categories_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY categories_admin ON app_public.categories TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text)) WITH CHECK ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: categories categories_read; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY categories_read ON app_public.categories FOR SELECT TO ticketing_anonymous USING (true);

--
-- Name: club_invitations; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.club_invitations ENABLE ROW LEVEL SECURITY;

--
-- Name: club_invitations club_invitations_read; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY club_invitations_read ON app_public.club_invitations FOR SELECT TO ticketing_student USING (app_hidden.club_permits('see_members'::app_hidden.club_action, club_id));

--
-- Name: club_memberships; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.club_memberships ENABLE ROW LEVEL SECURITY;

--
-- Name: club_memberships club_memberships_read; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY club_memberships_read ON app_public.club_memberships FOR SELECT TO ticketing_student USING (((user_id = app_public.current_user_id()) OR app_hidden.club_permits('see_members'::app_hidden.club_action, club_id)));

--
-- Name: clubs; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.clubs ENABLE ROW LEVEL SECURITY;

--
-- Name: clubs clubs_read; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY clubs_read ON app_public.clubs FOR SELECT TO ticketing_anonymous USING (true);

--
-- Name: events; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.events ENABLE ROW LEVEL SECURITY;

--
-- Name: events events_admin_insert; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY events_admin_insert ON app_public.events FOR INSERT TO ticketing_admin WITH CHECK ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: events events_admin_update; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY events_admin_update ON app_public.events FOR UPDATE TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text)) WITH CHECK ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: events events_read; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY events_read ON app_public.events FOR SELECT TO ticketing_anonymous USING (true);

--
-- Name: lottery_entries; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.lottery_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: lottery_entries lottery_entries_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY lottery_entries_admin ON app_public.lottery_entries FOR SELECT TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: lottery_entries lottery_entries_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY lottery_entries_own ON app_public.lottery_entries FOR SELECT TO ticketing_student USING ((user_id = app_public.current_user_id()));

--
-- Name: queue_entries; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.queue_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: queue_entries queue_entries_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY queue_entries_admin ON app_public.queue_entries FOR SELECT TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: queue_entries queue_entries_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY queue_entries_own ON app_public.queue_entries FOR SELECT TO ticketing_student USING ((user_id = app_public.current_user_id()));

--
-- Name: tickets; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.tickets ENABLE ROW LEVEL SECURITY;

--
-- Name: tickets tickets_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY tickets_admin ON app_public.tickets FOR SELECT TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: tickets tickets_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY tickets_own ON app_public.tickets FOR SELECT TO ticketing_student USING ((user_id = app_public.current_user_id()));

--
-- Name: users; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: users users_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY users_admin ON app_public.users FOR SELECT TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: users users_self; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY users_self ON app_public.users FOR SELECT TO ticketing_student USING ((id = app_public.current_user_id()));

--
-- Name: waitlist_entries waitlist_admin; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY waitlist_admin ON app_public.waitlist_entries FOR SELECT TO ticketing_admin USING ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));

--
-- Name: waitlist_entries; Type: ROW SECURITY; Schema: app_public; Owner: -
--

ALTER TABLE app_public.waitlist_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: waitlist_entries waitlist_own; Type: POLICY; Schema: app_public; Owner: -
--

CREATE POLICY waitlist_own ON app_public.waitlist_entries FOR SELECT TO ticketing_student USING ((user_id = app_public.current_user_id()));

--
-- Name: SCHEMA app_hidden; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app_hidden TO ticketing_anonymous;
GRANT USAGE ON SCHEMA app_hidden TO ticketing_payments;
GRANT USAGE ON SCHEMA app_hidden TO ticketing_webhook;
GRANT USAGE ON SCHEMA app_hidden TO ticketing_student;
GRANT USAGE ON SCHEMA app_hidden TO ticketing_booker;
GRANT USAGE ON SCHEMA app_hidden TO ticketing_authenticator;

--
-- Name: SCHEMA app_public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app_public TO ticketing_anonymous;
GRANT USAGE ON SCHEMA app_public TO ticketing_webhook;
GRANT USAGE ON SCHEMA app_public TO ticketing_booker;
GRANT USAGE ON SCHEMA app_public TO ticketing_payments;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ticketing_anonymous;

--
-- Name: FUNCTION authenticate(email text, password text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.authenticate(email text, password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.authenticate(email text, password text) TO ticketing_anonymous;

--
-- Name: TABLE tickets; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.tickets TO ticketing_student;

--
-- Name: FUNCTION book_ticket(event_id integer, idempotency_key text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.book_ticket(event_id integer, idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.book_ticket(event_id integer, idempotency_key text) TO ticketing_student;

--
-- Name: FUNCTION book_tickets(event_id integer, requests json, keys json); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.book_tickets(event_id integer, requests json, keys json) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.book_tickets(event_id integer, requests json, keys json) TO ticketing_booker;

--
-- Name: FUNCTION change_password(current_password text, new_password text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.change_password(current_password text, new_password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.change_password(current_password text, new_password text) TO ticketing_student;

--
-- Name: FUNCTION close_account_with_link(token text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.close_account_with_link(token text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.close_account_with_link(token text) TO ticketing_student;

--
-- Name: FUNCTION club_permits(action app_hidden.club_action, club_id integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.club_permits(action app_hidden.club_action, club_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.club_permits(action app_hidden.club_action, club_id integer) TO ticketing_anonymous;

--
-- Name: FUNCTION count_password_reset_request(email text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.count_password_reset_request(email text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.count_password_reset_request(email text) TO ticketing_anonymous;

--
-- Name: FUNCTION count_signup_attempt(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.count_signup_attempt() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.count_signup_attempt() TO ticketing_anonymous;

--
-- Name: FUNCTION delete_account(password text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.delete_account(password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.delete_account(password text) TO ticketing_student;

--
-- Name: FUNCTION ended_sessions(); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.ended_sessions() FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.ended_sessions() TO ticketing_authenticator;

--
-- Name: TABLE events; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.events TO ticketing_anonymous;

--
-- Name: COLUMN events.name; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.description; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(description),UPDATE(description) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.venue; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(venue),UPDATE(venue) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.starts_at; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(starts_at),UPDATE(starts_at) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.total_tickets; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(total_tickets),UPDATE(total_tickets) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.max_tickets_per_student; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(max_tickets_per_student),UPDATE(max_tickets_per_student) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.category_id; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(category_id),UPDATE(category_id) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.price_cents; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(price_cents),UPDATE(price_cents) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.hold_minutes; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(hold_minutes),UPDATE(hold_minutes) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.sales_start; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(sales_start),UPDATE(sales_start) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.sales_end; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(sales_end),UPDATE(sales_end) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.release_mode; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(release_mode),UPDATE(release_mode) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.queue_opens_at; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(queue_opens_at),UPDATE(queue_opens_at) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.admission_minutes; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(admission_minutes),UPDATE(admission_minutes) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.lottery_closes_at; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(lottery_closes_at),UPDATE(lottery_closes_at) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: COLUMN events.offer_minutes; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(offer_minutes),UPDATE(offer_minutes) ON TABLE app_public.events TO ticketing_admin;

--
-- Name: FUNCTION event_availability_json(e app_public.events); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.event_availability_json(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.event_availability_json(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION event_image(event_id integer, size text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.event_image(event_id integer, size text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.event_image(event_id integer, size text) TO ticketing_anonymous;

--
-- Name: FUNCTION event_image_url(event_id integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.event_image_url(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.event_image_url(event_id integer) TO ticketing_anonymous;

--
-- Name: FUNCTION may_manage_release(event_id integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.may_manage_release(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.may_manage_release(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION may_on_event(action app_hidden.club_action, event_id integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.may_on_event(action app_hidden.club_action, event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.may_on_event(action app_hidden.club_action, event_id integer) TO ticketing_anonymous;

--
-- Name: FUNCTION open_payment_intent(intent_id text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.open_payment_intent(intent_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.open_payment_intent(intent_id text) TO ticketing_payments;

--
-- Name: FUNCTION queue_entries_of(event_id integer, user_ids integer[]); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.queue_entries_of(event_id integer, user_ids integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.queue_entries_of(event_id integer, user_ids integer[]) TO ticketing_booker;

--
-- Name: FUNCTION record_payment_intent(ticket_id integer, intent_id text, provider text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.record_payment_intent(ticket_id integer, intent_id text, provider text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.record_payment_intent(ticket_id integer, intent_id text, provider text) TO ticketing_payments;

--
-- Name: FUNCTION send_password_reset(email text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.send_password_reset(email text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.send_password_reset(email text) TO ticketing_authenticator;

--
-- Name: FUNCTION set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea) TO ticketing_student;

--
-- Name: FUNCTION settle_payment(intent_id text, amount_cents integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.settle_payment(intent_id text, amount_cents integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.settle_payment(intent_id text, amount_cents integer) TO ticketing_webhook;

--
-- Name: FUNCTION sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text) TO ticketing_authenticator;

--
-- Name: FUNCTION start_session(user_agent text, ttl_seconds integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.start_session(user_agent text, ttl_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.start_session(user_agent text, ttl_seconds integer) TO ticketing_student;

--
-- Name: FUNCTION ticket_payment_amount(ticket_id integer); Type: ACL; Schema: app_hidden; Owner: -
--

REVOKE ALL ON FUNCTION app_hidden.ticket_payment_amount(ticket_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_hidden.ticket_payment_amount(ticket_id integer) TO ticketing_payments;

--
-- Name: FUNCTION add_to_outbox(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.add_to_outbox(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION admitted_students(event_id integer, user_ids integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.admitted_students(event_id integer, user_ids integer[]) FROM PUBLIC;

--
-- Name: FUNCTION allocate_seats(event_id integer, requests json, keys json); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.allocate_seats(event_id integer, requests json, keys json) FROM PUBLIC;

--
-- Name: FUNCTION announce_availability(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.announce_availability(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION begin_refund_attempt(refund_id bigint); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.begin_refund_attempt(refund_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION booking_emails_left(event_id integer, user_ids integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.booking_emails_left(event_id integer, user_ids integer[]) FROM PUBLIC;

--
-- Name: FUNCTION cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean) FROM PUBLIC;

--
-- Name: FUNCTION check_bounds(table_name text, field text, value bigint); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_bounds(table_name text, field text, value bigint) FROM PUBLIC;

--
-- Name: FUNCTION check_club_fields(name text, description text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_club_fields(name text, description text) FROM PUBLIC;

--
-- Name: FUNCTION check_event_fields(name text, description text, venue text, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_event_fields(name text, description text, venue text, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer) FROM PUBLIC;

--
-- Name: FUNCTION check_new_password(password text, field text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_new_password(password text, field text) FROM PUBLIC;

--
-- Name: FUNCTION check_release_fields(event app_public.events, starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_release_fields(event app_public.events, starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) FROM PUBLIC;

--
-- Name: FUNCTION check_sales_window(starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_sales_window(starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION client_address(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.client_address() FROM PUBLIC;

--
-- Name: FUNCTION close_account(user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.close_account(user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION club_invitations_left(club_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.club_invitations_left(club_id integer) FROM PUBLIC;

--
-- Name: FUNCTION club_member_of(club_id integer, user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.club_member_of(club_id integer, user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION club_role_words(role app_public.club_role); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.club_role_words(role app_public.club_role) FROM PUBLIC;

--
-- Name: FUNCTION confirm_ticket(ticket_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.confirm_ticket(ticket_id integer) FROM PUBLIC;

--
-- Name: FUNCTION count_hit(rule text, subject text, message text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.count_hit(rule text, subject text, message text) FROM PUBLIC;

--
-- Name: FUNCTION count_spread_hit(rule text, subject text, message text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.count_spread_hit(rule text, subject text, message text) FROM PUBLIC;

--
-- Name: COLUMN users.id; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(id) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.name; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(name) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.email; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(email) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.role; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(role) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.created_at; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(created_at) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.email_verified_at; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(email_verified_at) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.email_verified; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(email_verified) ON TABLE app_public.users TO ticketing_student;

--
-- Name: COLUMN users.deleted_at; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT(deleted_at) ON TABLE app_public.users TO ticketing_student;

--
-- Name: FUNCTION create_admin(name text, email text, password text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_admin(name text, email text, password text) FROM PUBLIC;

--
-- Name: FUNCTION create_admin_verified(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_admin_verified() FROM PUBLIC;

--
-- Name: FUNCTION create_user(name text, email text, password text, role text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_user(name text, email text, password text, role text) FROM PUBLIC;

--
-- Name: FUNCTION current_session_id(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.current_session_id() FROM PUBLIC;

--
-- Name: FUNCTION delete_payment_intent(intent_id text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.delete_payment_intent(intent_id text) FROM PUBLIC;

--
-- Name: FUNCTION email_domain_allowed(email text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.email_domain_allowed(email text) FROM PUBLIC;

--
-- Name: FUNCTION email_is_valid(email text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.email_is_valid(email text) FROM PUBLIC;

--
-- Name: FUNCTION email_moment(at timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.email_moment(at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION end_session_of_caller(session_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.end_session_of_caller(session_id integer) FROM PUBLIC;

--
-- Name: FUNCTION end_sessions(user_id integer, except_session integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.end_sessions(user_id integer, except_session integer) FROM PUBLIC;

--
-- Name: FUNCTION enqueue_email(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.enqueue_email(kind text, user_id integer, dedupe_key text, subject text, body text, event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION enqueue_email_to(kind text, email text, dedupe_key text, subject text, body text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.enqueue_email_to(kind text, email text, dedupe_key text, subject text, body text) FROM PUBLIC;

--
-- Name: FUNCTION events_bump_availability_version(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_bump_availability_version() FROM PUBLIC;

--
-- Name: FUNCTION events_cancelled_is_final(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_cancelled_is_final() FROM PUBLIC;

--
-- Name: FUNCTION events_follow_release(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_follow_release() FROM PUBLIC;

--
-- Name: FUNCTION events_inventory(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_inventory() FROM PUBLIC;

--
-- Name: FUNCTION events_notify_availability(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_notify_availability() FROM PUBLIC;

--
-- Name: FUNCTION events_notify_holders(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_notify_holders() FROM PUBLIC;

--
-- Name: FUNCTION events_offer_new_seats(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_offer_new_seats() FROM PUBLIC;

--
-- Name: FUNCTION events_queue_leaderboard(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_queue_leaderboard() FROM PUBLIC;

--
-- Name: FUNCTION events_schedule_announcements(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_schedule_announcements() FROM PUBLIC;

--
-- Name: FUNCTION events_schedule_release(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_schedule_release() FROM PUBLIC;

--
-- Name: FUNCTION events_sold_out_at(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.events_sold_out_at() FROM PUBLIC;

--
-- Name: FUNCTION expire_holds(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.expire_holds() FROM PUBLIC;

--
-- Name: FUNCTION fail(reason text, field text, VARIADIC args text[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.fail(reason text, field text, VARIADIC args text[]) FROM PUBLIC;

--
-- Name: FUNCTION fail_throttled(message text, retry_at timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.fail_throttled(message text, retry_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION finish_refund_attempt(refund_id bigint, status text, provider_refund_id text, error text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.finish_refund_attempt(refund_id bigint, status text, provider_refund_id text, error text) FROM PUBLIC;

--
-- Name: FUNCTION idempotency_key_is_valid(raw json); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.idempotency_key_is_valid(raw json) FROM PUBLIC;

--
-- Name: FUNCTION live_tickets_per_student(event_id integer, user_ids integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.live_tickets_per_student(event_id integer, user_ids integer[]) FROM PUBLIC;

--
-- Name: FUNCTION lock_club_for_members(club_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lock_club_for_members(club_id integer) FROM PUBLIC;

--
-- Name: FUNCTION lock_event(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lock_event(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION lock_event_for_booking(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lock_event_for_booking(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION lock_release(event_id integer, exclusive boolean); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lock_release(event_id integer, exclusive boolean) FROM PUBLIC;

--
-- Name: FUNCTION lottery_advance(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lottery_advance(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION lottery_offer(event app_public.events, ids integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lottery_offer(event app_public.events, ids integer[]) FROM PUBLIC;

--
-- Name: FUNCTION lottery_settle(event app_public.events); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lottery_settle(event app_public.events) FROM PUBLIC;

--
-- Name: FUNCTION mail_password_changed(user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.mail_password_changed(user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION max_open_intents_per_ticket(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.max_open_intents_per_ticket() FROM PUBLIC;

--
-- Name: FUNCTION may_manage_release(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.may_manage_release(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION mock_provider_refund(idempotency_key text, intent_id text, amount_cents integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.mock_provider_refund(idempotency_key text, intent_id text, amount_cents integer) FROM PUBLIC;

--
-- Name: FUNCTION moment_is_valid(value timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.moment_is_valid(value timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION new_check_in_code(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.new_check_in_code() FROM PUBLIC;

--
-- Name: FUNCTION new_link_token(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.new_link_token() FROM PUBLIC;

--
-- Name: FUNCTION offer_seat_to_waitlist(event app_public.events); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.offer_seat_to_waitlist(event app_public.events) FROM PUBLIC;

--
-- Name: FUNCTION outbox_forget_links(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.outbox_forget_links() FROM PUBLIC;

--
-- Name: FUNCTION prune_auth(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prune_auth() FROM PUBLIC;

--
-- Name: FUNCTION prune_throttle_counters(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.prune_throttle_counters() FROM PUBLIC;

--
-- Name: FUNCTION queue_advance(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.queue_advance(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION queue_booked(event_id integer, tickets jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.queue_booked(event_id integer, tickets jsonb) FROM PUBLIC;

--
-- Name: FUNCTION queue_entries_notify(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.queue_entries_notify() FROM PUBLIC;

--
-- Name: FUNCTION refuse_if_throttled(rule text, subject text, message text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.refuse_if_throttled(rule text, subject text, message text) FROM PUBLIC;

--
-- Name: FUNCTION refuse_last_owner(club_id integer, user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.refuse_last_owner(club_id integer, user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION release_algorithm(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_algorithm() FROM PUBLIC;

--
-- Name: FUNCTION release_draw(event_id integer, seed bytea); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_draw(event_id integer, seed bytea) FROM PUBLIC;

--
-- Name: FUNCTION release_draw_of(e app_public.events, kind app_public.release_mode); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_draw_of(e app_public.events, kind app_public.release_mode) FROM PUBLIC;

--
-- Name: FUNCTION release_order_hash(ordered integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_order_hash(ordered integer[]) FROM PUBLIC;

--
-- Name: FUNCTION release_refusal(event app_public.events, user_id integer, mode app_public.release_mode); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_refusal(event app_public.events, user_id integer, mode app_public.release_mode) FROM PUBLIC;

--
-- Name: FUNCTION release_shuffle(seed bytea, ids integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_shuffle(seed bytea, ids integer[]) FROM PUBLIC;

--
-- Name: FUNCTION release_tick(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.release_tick(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION request_payment_refund(intent_id text, reason text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.request_payment_refund(intent_id text, reason text) FROM PUBLIC;

--
-- Name: FUNCTION request_refund(ticket_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.request_refund(ticket_id integer) FROM PUBLIC;

--
-- Name: FUNCTION request_refunds(ticket_ids integer[], reason text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.request_refunds(ticket_ids integer[], reason text) FROM PUBLIC;

--
-- Name: FUNCTION require_admin(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.require_admin() FROM PUBLIC;

--
-- Name: FUNCTION require_club_right(action app_hidden.club_action, club_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.require_club_right(action app_hidden.club_action, club_id integer) FROM PUBLIC;

--
-- Name: FUNCTION require_event_analytics(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.require_event_analytics(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION require_event_right(club_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.require_event_right(club_id integer) FROM PUBLIC;

--
-- Name: FUNCTION require_verified_email(user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.require_verified_email(user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION return_seat(event_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.return_seat(event_id integer) FROM PUBLIC;

--
-- Name: FUNCTION sales_state_error(state app_public.sales_state); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.sales_state_error(state app_public.sales_state) FROM PUBLIC;

--
-- Name: FUNCTION sales_window_state(e app_public.events); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.sales_window_state(e app_public.events) FROM PUBLIC;

--
-- Name: FUNCTION send_outbox(ids bigint[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.send_outbox(ids bigint[]) FROM PUBLIC;

--
-- Name: FUNCTION send_verification_email(user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.send_verification_email(user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION sessions_notify_ended(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.sessions_notify_ended() FROM PUBLIC;

--
-- Name: FUNCTION set_password(user_id integer, password text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.set_password(user_id integer, password text) FROM PUBLIC;

--
-- Name: FUNCTION sole_owned_club(user_id integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.sole_owned_club(user_id integer) FROM PUBLIC;

--
-- Name: FUNCTION stale_payment_intents(max_rows integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.stale_payment_intents(max_rows integer) FROM PUBLIC;

--
-- Name: FUNCTION student_at_limit(event app_public.events, user_id integer, except_ticket integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.student_at_limit(event app_public.events, user_id integer, except_ticket integer) FROM PUBLIC;

--
-- Name: FUNCTION take_hit(rule text, subject text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.take_hit(rule text, subject text) FROM PUBLIC;

--
-- Name: FUNCTION throttled_until(rule text, subject text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.throttled_until(rule text, subject text) FROM PUBLIC;

--
-- Name: FUNCTION ticket_is_live(status app_public.ticket_status); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.ticket_is_live(status app_public.ticket_status) FROM PUBLIC;

--
-- Name: FUNCTION ticket_is_sold(status app_public.ticket_status); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.ticket_is_sold(status app_public.ticket_status) FROM PUBLIC;

--
-- Name: FUNCTION tickets_confirmed_at(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tickets_confirmed_at() FROM PUBLIC;

--
-- Name: FUNCTION token_hash(token text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.token_hash(token text) FROM PUBLIC;

--
-- Name: FUNCTION unverified_students(user_ids integer[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.unverified_students(user_ids integer[]) FROM PUBLIC;

--
-- Name: FUNCTION users_accept_club_invitations(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.users_accept_club_invitations() FROM PUBLIC;

--
-- Name: FUNCTION users_email_domain(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.users_email_domain() FROM PUBLIC;

--
-- Name: FUNCTION users_end_sessions(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.users_end_sessions() FROM PUBLIC;

--
-- Name: FUNCTION accept_waitlist_offer(entry_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.accept_waitlist_offer(entry_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.accept_waitlist_offer(entry_id integer) TO ticketing_student;

--
-- Name: FUNCTION add_club_member(club_id integer, email text, role app_public.club_role); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.add_club_member(club_id integer, email text, role app_public.club_role) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.add_club_member(club_id integer, email text, role app_public.club_role) TO ticketing_student;

--
-- Name: FUNCTION cancel_club_invitation(club_id integer, email text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.cancel_club_invitation(club_id integer, email text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.cancel_club_invitation(club_id integer, email text) TO ticketing_student;

--
-- Name: FUNCTION cancel_event(event_id integer, reason text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.cancel_event(event_id integer, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.cancel_event(event_id integer, reason text) TO ticketing_student;

--
-- Name: FUNCTION cancel_ticket(ticket_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.cancel_ticket(ticket_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.cancel_ticket(ticket_id integer) TO ticketing_student;

--
-- Name: FUNCTION category_totals(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.category_totals() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.category_totals() TO ticketing_admin;

--
-- Name: FUNCTION check_in(code text, event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.check_in(code text, event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.check_in(code text, event_id integer) TO ticketing_student;

--
-- Name: FUNCTION claim_lottery_win(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.claim_lottery_win(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.claim_lottery_win(event_id integer) TO ticketing_student;

--
-- Name: TABLE clubs; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.clubs TO ticketing_anonymous;

--
-- Name: FUNCTION clubs_members(c app_public.clubs); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.clubs_members(c app_public.clubs) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.clubs_members(c app_public.clubs) TO ticketing_student;

--
-- Name: FUNCTION clubs_my_role(c app_public.clubs); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.clubs_my_role(c app_public.clubs) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.clubs_my_role(c app_public.clubs) TO ticketing_anonymous;

--
-- Name: FUNCTION clubs_upcoming_events(c app_public.clubs); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.clubs_upcoming_events(c app_public.clubs) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.clubs_upcoming_events(c app_public.clubs) TO ticketing_anonymous;

--
-- Name: FUNCTION create_club(name text, description text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.create_club(name text, description text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.create_club(name text, description text) TO ticketing_admin;

--
-- Name: FUNCTION create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) TO ticketing_student;

--
-- Name: FUNCTION current_app_role(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.current_app_role() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.current_app_role() TO ticketing_anonymous;

--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.current_user_id() TO ticketing_anonymous;

--
-- Name: FUNCTION end_all_sessions(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.end_all_sessions() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.end_all_sessions() TO ticketing_student;

--
-- Name: FUNCTION end_session(id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.end_session(id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.end_session(id integer) TO ticketing_student;

--
-- Name: TABLE lottery_entries; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.lottery_entries TO ticketing_student;

--
-- Name: FUNCTION enter_lottery(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.enter_lottery(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.enter_lottery(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION event_analytics(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.event_analytics(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.event_analytics(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION event_sales_over_time(event_id integer, bucket text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.event_sales_over_time(event_id integer, bucket text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.event_sales_over_time(event_id integer, bucket text) TO ticketing_student;

--
-- Name: FUNCTION events_attendees(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_attendees(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_attendees(e app_public.events) TO ticketing_student;

--
-- Name: FUNCTION events_image_url(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_image_url(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_image_url(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION events_lottery_draw(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_lottery_draw(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_lottery_draw(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION events_phase(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_phase(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_phase(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION events_queue_draw(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_queue_draw(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_queue_draw(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION events_queue_stats(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_queue_stats(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_queue_stats(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION events_sales_state(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_sales_state(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_sales_state(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION events_sold_out(e app_public.events); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.events_sold_out(e app_public.events) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.events_sold_out(e app_public.events) TO ticketing_anonymous;

--
-- Name: FUNCTION export_my_data(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.export_my_data() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.export_my_data() TO ticketing_student;

--
-- Name: TABLE event_leaderboard; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.event_leaderboard TO ticketing_anonymous;

--
-- Name: FUNCTION fastest_sellouts(n integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.fastest_sellouts(n integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.fastest_sellouts(n integer) TO ticketing_anonymous;

--
-- Name: TABLE queue_entries; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.queue_entries TO ticketing_student;

--
-- Name: FUNCTION join_queue(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.join_queue(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.join_queue(event_id integer) TO ticketing_student;

--
-- Name: TABLE waitlist_entries; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.waitlist_entries TO ticketing_student;

--
-- Name: FUNCTION join_waitlist(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.join_waitlist(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.join_waitlist(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION leave_queue(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.leave_queue(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.leave_queue(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION leave_waitlist(entry_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.leave_waitlist(entry_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.leave_waitlist(entry_id integer) TO ticketing_student;

--
-- Name: FUNCTION logout(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.logout() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.logout() TO ticketing_student;

--
-- Name: FUNCTION managed_events(club_id integer, phase app_public.event_phase); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.managed_events(club_id integer, phase app_public.event_phase) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.managed_events(club_id integer, phase app_public.event_phase) TO ticketing_student;

--
-- Name: FUNCTION me(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.me() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.me() TO ticketing_anonymous;

--
-- Name: FUNCTION my_clubs(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.my_clubs() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.my_clubs() TO ticketing_student;

--
-- Name: FUNCTION my_lottery_entry(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.my_lottery_entry(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.my_lottery_entry(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION my_queue_entry(event_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.my_queue_entry(event_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.my_queue_entry(event_id integer) TO ticketing_student;

--
-- Name: FUNCTION my_sessions(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.my_sessions() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.my_sessions() TO ticketing_student;

--
-- Name: FUNCTION my_tickets(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.my_tickets() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.my_tickets() TO ticketing_student;

--
-- Name: FUNCTION popular_events(n integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.popular_events(n integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.popular_events(n integer) TO ticketing_anonymous;

--
-- Name: FUNCTION queue_entries_position(q app_public.queue_entries); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.queue_entries_position(q app_public.queue_entries) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.queue_entries_position(q app_public.queue_entries) TO ticketing_student;

--
-- Name: FUNCTION remove_club_member(club_id integer, user_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.remove_club_member(club_id integer, user_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.remove_club_member(club_id integer, user_id integer) TO ticketing_student;

--
-- Name: FUNCTION request_account_closure(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.request_account_closure() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.request_account_closure() TO ticketing_student;

--
-- Name: FUNCTION resend_verification_email(); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.resend_verification_email() FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.resend_verification_email() TO ticketing_student;

--
-- Name: FUNCTION reset_password(token text, new_password text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.reset_password(token text, new_password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.reset_password(token text, new_password text) TO ticketing_anonymous;

--
-- Name: FUNCTION signup(name text, email text, password text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.signup(name text, email text, password text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.signup(name text, email text, password text) TO ticketing_anonymous;

--
-- Name: FUNCTION tickets_holder_name(t app_public.tickets); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.tickets_holder_name(t app_public.tickets) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.tickets_holder_name(t app_public.tickets) TO ticketing_student;

--
-- Name: FUNCTION upcoming_events(category_id integer, club_id integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.upcoming_events(category_id integer, club_id integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.upcoming_events(category_id integer, club_id integer) TO ticketing_anonymous;

--
-- Name: FUNCTION update_club(id integer, name text, description text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_club(id integer, name text, description text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_club(id integer, name text, description text) TO ticketing_student;

--
-- Name: FUNCTION update_club_member(club_id integer, user_id integer, role app_public.club_role); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_club_member(club_id integer, user_id integer, role app_public.club_role) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_club_member(club_id integer, user_id integer, role app_public.club_role) TO ticketing_student;

--
-- Name: FUNCTION update_event(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[], club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.update_event(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[], club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.update_event(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[], club_id integer, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer) TO ticketing_student;

--
-- Name: FUNCTION users_email_verification_needed(u app_public.users); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.users_email_verification_needed(u app_public.users) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.users_email_verification_needed(u app_public.users) TO ticketing_student;

--
-- Name: FUNCTION users_has_password(u app_public.users); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.users_has_password(u app_public.users) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.users_has_password(u app_public.users) TO ticketing_student;

--
-- Name: FUNCTION verify_email(token text); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.verify_email(token text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.verify_email(token text) TO ticketing_anonymous;

--
-- Name: FUNCTION waitlist_entries_position(w app_public.waitlist_entries); Type: ACL; Schema: app_public; Owner: -
--

REVOKE ALL ON FUNCTION app_public.waitlist_entries_position(w app_public.waitlist_entries) FROM PUBLIC;
GRANT ALL ON FUNCTION app_public.waitlist_entries_position(w app_public.waitlist_entries) TO ticketing_student;

--
-- Name: TABLE categories; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.categories TO ticketing_anonymous;
GRANT DELETE ON TABLE app_public.categories TO ticketing_admin;

--
-- Name: COLUMN categories.name; Type: ACL; Schema: app_public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE app_public.categories TO ticketing_admin;

--
-- Name: TABLE club_invitations; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.club_invitations TO ticketing_student;

--
-- Name: TABLE club_memberships; Type: ACL; Schema: app_public; Owner: -
--

GRANT SELECT ON TABLE app_public.club_memberships TO ticketing_student;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE ALL ON FUNCTIONS  FROM PUBLIC;

--
-- PostgreSQL database dump complete
--


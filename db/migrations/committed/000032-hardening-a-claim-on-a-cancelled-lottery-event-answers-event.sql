--! Previous: sha1:3e4e916a6bbd7fb25a22d2b9a6e320ca92881307
--! Hash: sha1:dc54fd9726f2f747b9bc96de76676252210c20c3
--! Message: Hardening: a claim on a cancelled lottery event answers EVENT_CANCELLED first

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

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
end $function$
;

--! Previous: sha1:84dd7a3a7043f9ed48b10631d704977a9428ddff
--! Hash: sha1:3e4e916a6bbd7fb25a22d2b9a6e320ca92881307
--! Message: Cancelling an event queues its refunds in one statement

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_private.request_refunds(ticket_ids integer[], reason text)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

--! Previous: sha1:89ad9a1edf860959db6e3c3721f2d5d9e43e9800
--! Hash: sha1:9becd82a98f533d803c8b7cec4f437e755d40a04
--! Message: Event changes: postponement emails say the new and the old time, once per holder and change; cancel_event moves updated_at

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_private.email_moment(at timestamp with time zone)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  select to_char(at at time zone 'UTC', 'Dy DD Mon YYYY, HH24:MI "UTC"')
$function$
;

CREATE OR REPLACE FUNCTION app_private.cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  select format(E'%s (%s, %s) has been cancelled by its organisers.\n\nTheir reason: %s\n\n%s',
    event.name, event.venue, app_private.email_moment(event.starts_at),
    event.cancel_reason,
    case
      when paid then 'Your ticket is cancelled, and the money you paid is on its way back to you through the same payment provider.'
      when holds_ticket then 'Your ticket is cancelled; there is nothing for you to do.'
      else 'You were on the waitlist; it is closed now.'
    end)
$function$
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
      format('event_changed:%s:%s:%s', new.id, extract(epoch from new.updated_at), v_user), v_subject, v_body);
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
  perform app_private.send_outbox(v_outbox);
  return v_event;
end $function$
;

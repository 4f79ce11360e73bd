--! Previous: sha1:dc54fd9726f2f747b9bc96de76676252210c20c3
--! Hash: sha1:87e3675513a55f146bc32ecd83ac63b5df877cec
--! Message: Hardening: the data export holds queue and lottery entries and club roles

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

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
end $function$
;

comment on function app_public.export_my_data() is 'Everything stored about you, as one JSON document: account, tickets, waitlist entries, payments, refunds, sessions, queue and lottery entries, club roles.';

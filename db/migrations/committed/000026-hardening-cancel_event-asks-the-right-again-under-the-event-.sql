--! Previous: sha1:598099f7564952923ecced0a91ab62927db41c41
--! Hash: sha1:62558af4fc9c5d6fed59f41ee456891999ac7046
--! Message: Hardening: cancel_event asks the right again under the event's lock; members added by email count against the club's hourly allowance

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_public.add_club_member(club_id integer, email text, role app_public.club_role)
 RETURNS app_public.club_member
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
  -- Every succeeded payment of them goes back, once (request_refund is idempotent per payment).
  perform app_private.request_refund(c.id) from unnest(v_cancelled) as c(id);
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

--! split: 200-club-allowance-counts-members.sql
-- The club's hourly allowance now counts members added by email too (clubs.sql): its description says so.
update app_private.throttle_rules
set what = 'Members added and addresses invited by email (each an email) by one club'
where rule = 'club_invitations_per_club';

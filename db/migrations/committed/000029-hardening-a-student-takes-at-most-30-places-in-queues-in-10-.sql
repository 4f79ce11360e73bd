--! Previous: sha1:9e90aa668dfbc87c579582f6cd2f84d5d991118a
--! Hash: sha1:94069dcd9f62f582c7ceaa567f80ecae5fd06e99
--! Message: Hardening: a student takes at most 30 places in queues in 10 minutes

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_public.join_queue(event_id integer)
 RETURNS app_public.queue_entries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
    perform app_private.count_hit('release_joins_per_address', app_private.client_address(),
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
end $function$
;

--! split: 200-queue-joins-per-student.sql
-- The per-student bound of queue joins (release.sql, queue.sql), a row the generator does not write.
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('queue_joins_per_student', 30, '10 minutes', 'Places taken in queues (joins and rejoins) by one student')
on conflict (rule) do nothing;

--! Previous: sha1:c19ec359ae6e8d367048d7ec2ddbc5d132058d52
--! Hash: sha1:9e90aa668dfbc87c579582f6cd2f84d5d991118a
--! Message: Queue pushes read each line in one pass

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.queue_entries_of(event_id integer, user_ids integer[])
 RETURNS TABLE(user_id integer, event_id integer, state app_public.queue_entry_state, "position" integer, admitted_until timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
$function$
;

--! Previous: sha1:2e266863a0066dea252fa0a76c9db7564e7ec77b
--! Hash: sha1:42d6b77929f1b8ed707b004ae1449a362eac3337
--! Message: Organisers list every event they run (managed_events, Event.phase); cancelled events leave the leaderboard

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 050-leaderboard.sql
-- A schema diff cannot drop a materialized view that functions return: drop those
-- first; the generated migration creates all three again from db/schema/analytics.sql
-- (the view filled from the tickets, cancelled events left out, so nothing is lost).
drop function app_public.popular_events(integer);
drop function app_public.fastest_sellouts(integer);
drop materialized view app_public.event_leaderboard;

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create type "app_public"."event_phase" as enum ('upcoming', 'past', 'cancelled');

drop trigger if exists "_910_leaderboard_on_sell_out" on "app_public"."events";

set local check_function_bodies = off;

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
          WHERE ((t.event_id = e.id) AND app_private.ticket_is_sold(t.status))) s ON (true))
  WHERE (e.status = 'scheduled'::app_public.event_status);


CREATE OR REPLACE FUNCTION app_public.events_phase(e app_public.events)
 RETURNS app_public.event_phase
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  select (case when e.status = 'cancelled' then 'cancelled'
               when e.starts_at <= now() then 'past'
               else 'upcoming' end)::app_public.event_phase
$function$
;

CREATE OR REPLACE FUNCTION app_public.fastest_sellouts(n integer DEFAULT 10)
 RETURNS SETOF app_public.event_leaderboard
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.event_leaderboard l
  where l.seconds_to_sell_out is not null
    and exists (select from app_public.events e where e.id = l.event_id and e.status = 'scheduled')
  order by l.seconds_to_sell_out, l.event_id limit least(greatest(n, 1), 100)
$function$
;

CREATE OR REPLACE FUNCTION app_public.managed_events(club_id integer DEFAULT NULL::integer, phase app_public.event_phase DEFAULT NULL::app_public.event_phase)
 RETURNS SETOF app_public.events
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.popular_events(n integer DEFAULT 10)
 RETURNS SETOF app_public.event_leaderboard
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.event_leaderboard l
  where exists (select from app_public.events e where e.id = l.event_id and e.status = 'scheduled')
  order by l.tickets_sold desc, l.event_id limit least(greatest(n, 1), 100)
$function$
;

CREATE UNIQUE INDEX event_leaderboard_event_id_idx ON app_public.event_leaderboard USING btree (event_id);

CREATE TRIGGER _910_leaderboard AFTER UPDATE ON app_public.events FOR EACH ROW WHEN ((((old.sold_out_at IS NULL) AND (new.sold_out_at IS NOT NULL)) OR (old.status <> new.status))) EXECUTE FUNCTION app_private.events_queue_leaderboard();

comment on function app_public.events_phase(app_public.events) is 'upcoming (not started), past (started) or cancelled, as the organisers'' list sorts it.';
grant execute on function app_public.events_phase(app_public.events) to ticketing_anonymous;
comment on function app_public.fastest_sellouts(integer) is 'Events whose every seat was sold, fastest first; cancelled events are not listed.';
grant execute on function app_public.fastest_sellouts(integer) to ticketing_anonymous;
comment on function app_public.managed_events(integer,app_public.event_phase) is 'The events you run, cancelled and past ones too (admins: every event; a club''s owners and managers: its events; its door staff: its events that are not cancelled), optionally one club, one phase: upcoming soonest first, then past and cancelled most recent first. A club you have no role in: FORBIDDEN.';
grant execute on function app_public.managed_events(integer,app_public.event_phase) to ticketing_student;
comment on function app_public.popular_events(integer) is 'Most tickets sold (refreshed every minute and on each sell-out); cancelled events are not listed.';
grant execute on function app_public.popular_events(integer) to ticketing_anonymous;
comment on materialized view app_public.event_leaderboard is 'Popularity per event (sold tickets only; cancelled events left out), refreshed by a background job (every minute, and when an event sells out or is cancelled).';
grant select on table app_public.event_leaderboard to ticketing_anonymous;
comment on type app_public.event_phase is 'Where an event stands, for the people who run it: upcoming (not started; salesState says on sale, sold out, not open or closed) · past (started) · cancelled (called off: cancelledAt, cancelReason).';

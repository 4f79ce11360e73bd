--! Previous: sha1:68c0413660e8fc86382fa6aff08f679eab81ba37
--! Hash: sha1:72186006dd29e01b9dd246add9bdd41ccdfc114d
--! Message: Live availability: versioned pg_notify on every inventory change

--------------------------------------------------------------------------------
-- Live availability: every committed change of an event's inventory is
-- announced with pg_notify (delivered at commit, in commit order) on
--   ticketing:event:<id>   one event's watchers
--   ticketing:events       the feed for list pages
-- The payload carries availability_version, which rises with every change of
-- one event, so a subscriber can drop anything older than what it has shown.
--------------------------------------------------------------------------------

alter table app_public.events add column availability_version bigint not null default 0;
comment on column app_public.events.availability_version is
  E'@behavior -insert -update\nRises by one with every change of tickets_remaining or total_tickets.';

create function app_private.events_bump_availability_version() returns trigger
language plpgsql as $$
begin
  new.availability_version := old.availability_version + 1;
  return new;
end $$;
create trigger _200_availability_version before update of tickets_remaining, total_tickets on app_public.events
  for each row when (old.tickets_remaining is distinct from new.tickets_remaining
                     or old.total_tickets is distinct from new.total_tickets)
  execute function app_private.events_bump_availability_version();

create function app_public.event_availability_json(e app_public.events) returns text
language sql stable parallel safe as $$
  select json_build_object(
    'event_id', e.id,
    'tickets_remaining', e.tickets_remaining,
    'total_tickets', e.total_tickets,
    'sold_out', e.tickets_remaining = 0,
    'version', e.availability_version
  )::text
$$;
comment on function app_public.event_availability_json(app_public.events) is E'@behavior -*\nThe availability message, as sent by pg_notify.';
grant execute on function app_public.event_availability_json(app_public.events) to ticketing_anonymous;

create function app_private.events_notify_availability() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_payload text := app_public.event_availability_json(new);
begin
  perform pg_notify('ticketing:event:' || new.id, v_payload);
  perform pg_notify('ticketing:events', v_payload);
  return null;
end $$;
create trigger _900_notify_availability_insert after insert on app_public.events
  for each row execute function app_private.events_notify_availability();
create trigger _900_notify_availability_update after update on app_public.events
  for each row when (old.availability_version is distinct from new.availability_version)
  execute function app_private.events_notify_availability();

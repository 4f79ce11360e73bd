--------------------------------------------------------------------------------
-- Leaderboard and admin analytics. Both count sold tickets (ticket_is_sold,
-- tickets.sql). Sell-out speed (event_leaderboard.seconds_to_sell_out): until
-- every seat was sold; holds that later expire do not count. A cancelled event
-- (cancellation.sql) is on no leaderboard: the view leaves it out, and its
-- readers ask the event's status again, so it is gone before the next refresh.
--------------------------------------------------------------------------------

-- Leaderboard (refreshed by the refresh_leaderboard job, not per request) ----------

-- Sold out here means every seat sold: holds that later expire do not make an
-- event "sell out", and sold_out_at is when the last seat sold now was sold.
create materialized view app_public.event_leaderboard as
  select e.id as event_id,
         e.name,
         e.category_id,
         e.total_tickets,
         coalesce(s.sold, 0)::int as tickets_sold,
         case when s.sold >= e.total_tickets then s.last_sold_at end as sold_out_at,
         case when s.sold >= e.total_tickets then extract(epoch from s.last_sold_at - e.created_at)::int end
           as seconds_to_sell_out
  from app_public.events e
  left join lateral (
    select count(*) as sold, max(t.confirmed_at) as last_sold_at from app_public.tickets t
    where t.event_id = e.id and app_private.ticket_is_sold(t.status)
  ) s on true
  where e.status = 'scheduled';
create unique index event_leaderboard_event_id_idx on app_public.event_leaderboard (event_id);
comment on materialized view app_public.event_leaderboard is
  'Popularity per event (sold tickets only; cancelled events left out), refreshed by a background job (every minute, and when an event sells out or is cancelled).';
grant select on app_public.event_leaderboard to ticketing_anonymous;

-- The view is refreshed soon after a cancellation (below); until then its readers
-- leave out what is cancelled now (events are public: everyone may ask).
create function app_public.popular_events(n int default 10) returns setof app_public.event_leaderboard
language sql stable as $$
  select * from app_public.event_leaderboard l
  where exists (select from app_public.events e where e.id = l.event_id and e.status = 'scheduled')
  order by l.tickets_sold desc, l.event_id limit least(greatest(n, 1), 100)
$$;
comment on function app_public.popular_events(integer) is
  'Most tickets sold (refreshed every minute and on each sell-out); cancelled events are not listed.';
grant execute on function app_public.popular_events(integer) to ticketing_anonymous;

create function app_public.fastest_sellouts(n int default 10) returns setof app_public.event_leaderboard
language sql stable as $$
  select * from app_public.event_leaderboard l
  where l.seconds_to_sell_out is not null
    and exists (select from app_public.events e where e.id = l.event_id and e.status = 'scheduled')
  order by l.seconds_to_sell_out, l.event_id limit least(greatest(n, 1), 100)
$$;
comment on function app_public.fastest_sellouts(integer) is 'Events whose every seat was sold, fastest first; cancelled events are not listed.';
grant execute on function app_public.fastest_sellouts(integer) to ticketing_anonymous;

create function app_private.events_queue_leaderboard() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  perform graphile_worker.add_job('refresh_leaderboard', job_key := 'refresh_leaderboard');
  return null;
end $$;
-- When an event sells out, or is cancelled (it leaves the view). No column list:
-- sold_out_at is set by a BEFORE trigger, never by the UPDATE itself.
create trigger _910_leaderboard after update on app_public.events
  for each row when ((old.sold_out_at is null and new.sold_out_at is not null) or old.status <> new.status)
  execute function app_private.events_queue_leaderboard();

-- Analytics -------------------------------------------------------------------------
-- An event's figures: admins, and the owners and managers of the club running it
-- (may_on_event, the one rule of clubs.sql); anyone else FORBIDDEN, anonymous
-- callers 401 (no grant). Figures across events (category_totals) are the admins'
-- alone: require_admin() also refuses a token whose account is no longer an admin.

create type app_public.event_stats as (
  event_id int,
  total_tickets int,
  tickets_sold int,
  tickets_held int,
  tickets_remaining int,
  sell_through_percent numeric,
  cancellations int,
  expired_holds int,
  waitlist_size int,
  checked_in int,
  check_in_rate_percent numeric
);

create function app_private.require_event_analytics(event_id int) returns void
language plpgsql stable as $$
begin
  if not app_hidden.may_on_event('run_events', event_id) then
    perform app_private.fail('FORBIDDEN:analytics');
  end if;
end $$;

create function app_public.event_analytics(event_id int) returns app_public.event_stats
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
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
comment on function app_public.event_analytics(integer) is
  'Sales, holds, cancellations, waitlist and check-ins of one event (admins; the owners and managers of its club).';
grant execute on function app_public.event_analytics(integer) to ticketing_student;

create function app_public.event_sales_over_time(event_id int, bucket text default 'hour')
returns table (bucket_start timestamptz, tickets_sold int)
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
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
comment on function app_public.event_sales_over_time(integer, text) is
  'Tickets sold (confirmed, and not cancelled since) per minute/hour/day/week of their sale (admins; the owners and managers of its club).';
grant execute on function app_public.event_sales_over_time(integer, text) to ticketing_student;

create function app_public.category_totals()
returns table (category_id int, category_name text, events int, total_tickets int, tickets_sold int)
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
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
comment on function app_public.category_totals() is 'Events, seats and sales per category (admins).';
grant execute on function app_public.category_totals() to ticketing_admin;

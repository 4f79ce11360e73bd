--------------------------------------------------------------------------------
-- Fair release: how an event's seats reach students (events.release_mode).
--
--   first_come  the first bookings win (booking.sql, unchanged).
--   queue       a waiting room. Students join before or after sales_start; at
--               sales_start everyone who joined before it is put in one
--               uniformly random order (release_shuffle, seed recorded), later
--               joiners follow in arrival order. From the front, as many are
--               admitted as there are seats neither taken nor promised to an
--               admitted student; an admitted student may book one ticket until
--               admitted_until (booking answers NOT_YOUR_TURN to anyone else).
--               A lapsed or leaving admission passes its seat to the next in line.
--   lottery     entries until lottery_closes_at, then one random order of all
--               entries; the first seats' worth win, the rest wait in that order
--               and inherit unclaimed wins (lottery.sql).
--
-- Decided here, under the event's lock (lock_event, then the event row): two
-- instances can never admit the same seat twice. The draw also takes the
-- event's release lock exclusively, joins and entries take it shared, so an
-- entry is either in the draw or after it, never lost between.
--
-- Live positions: every statement that changes queue entries sends one
-- pg_notify on 'ticketing:queue' ({"event_id"}); each server instance then reads
-- the positions of its own subscribers in one query (src/release/).
--------------------------------------------------------------------------------

create type app_public.queue_entry_state as enum ('waiting', 'admitted', 'booked', 'lapsed', 'closed', 'left');
comment on type app_public.queue_entry_state is
  'waiting (in line) · admitted (may book until admitted_until) · booked · lapsed (admission unused) · closed (sold out or sales over) · left';

-- Event fields -----------------------------------------------------------------

-- The release fields of create_event and update_event (`event`: the event being
-- changed, null on create). The rules are the events_*_valid constraints, checked
-- here first so the answer names the field at fault; once a queue or lottery has
-- entries, its mode and its moment of shuffle or draw can no longer move.
create function app_private.check_release_fields(
  event app_public.events, starts_at timestamptz, sales_start timestamptz, sales_end timestamptz,
  release_mode app_public.release_mode, queue_opens_at timestamptz, admission_minutes int,
  lottery_closes_at timestamptz, offer_minutes int
) returns void language plpgsql stable as $$
begin
  if not app_private.moment_is_valid(queue_opens_at) then
    perform app_private.fail('INVALID_INPUT:moment', 'queue_opens_at', 'queue_opens_at');
  end if;
  if not app_private.moment_is_valid(lottery_closes_at) then
    perform app_private.fail('INVALID_INPUT:moment', 'lottery_closes_at', 'lottery_closes_at');
  end if;
  perform app_private.check_bounds('events', 'admission_minutes', admission_minutes);
  perform app_private.check_bounds('events', 'offer_minutes', offer_minutes);
  if release_mode = 'queue' and sales_start is null then
    perform app_private.fail('INVALID_INPUT:queue_sales_start', 'sales_start');
  end if;
  if queue_opens_at is not null and sales_start is not null and queue_opens_at >= sales_start then
    perform app_private.fail('INVALID_INPUT:queue_opens_at', 'queue_opens_at');
  end if;
  if release_mode = 'lottery' and lottery_closes_at is null then
    perform app_private.fail('INVALID_INPUT:lottery_closes_at_required', 'lottery_closes_at');
  end if;
  if lottery_closes_at is not null and lottery_closes_at >= coalesce(sales_end, starts_at) then
    perform app_private.fail('INVALID_INPUT:lottery_closes_at', 'lottery_closes_at');
  end if;
  if event.id is not null and (release_mode is distinct from event.release_mode
      or (event.release_mode = 'queue' and sales_start is distinct from event.sales_start)
      or (event.release_mode = 'lottery' and lottery_closes_at is distinct from event.lottery_closes_at))
     and (exists (select from app_private.release_draws d where d.event_id = event.id)
          or exists (select from app_public.queue_entries q where q.event_id = event.id)
          or exists (select from app_public.lottery_entries l where l.event_id = event.id)) then
    perform app_private.fail('RELEASE_STARTED',
      case when release_mode is distinct from event.release_mode then 'release_mode'
           when event.release_mode = 'queue' then 'sales_start' else 'lottery_closes_at' end);
  end if;
end $$;

-- Who may see an event's queue figures and draws: whoever runs the event, by the one
-- rule of clubs.sql (club_permits through may_on_event: admins, and the owners and
-- managers of the event's club; a club-less event is the admins' alone).
create function app_private.may_manage_release(event_id int) returns boolean
language sql stable as $$
  select app_hidden.may_on_event('run_events', may_manage_release.event_id)
$$;

-- The shuffle ---------------------------------------------------------------------

-- A uniformly random permutation of `ids`, fully determined by `seed` (Fisher–Yates,
-- Durstenfeld's form). For i = n down to 2, j is drawn uniformly from 1..i: r is the
-- first 6 bytes (big-endian) of sha256(seed || ':' || i || ':' || k) for k = 0, 1, …,
-- the first r below floor(2^48 / i) * i (so every j is exactly equally likely), and
-- j = 1 + r mod i; then a[i] and a[j] swap. An auditor recomputes it from the
-- recorded seed and entries (release_draws) in any language.
create function app_private.release_shuffle(seed bytea, ids int[]) returns int[]
language plpgsql immutable strict set search_path = pg_catalog, public, pg_temp as $$
declare
  v_order int[] := ids;
  v_i int;
  v_j int;
  v_k int;
  v_r bigint;
  v_limit bigint;
  v_swap int;
begin
  for v_i in reverse coalesce(cardinality(ids), 0)..2 loop
    v_limit := (281474976710656 / v_i) * v_i; -- 2^48, down to a multiple of i
    v_k := 0;
    loop
      v_r := ('x' || encode(substring(digest(seed || convert_to(format(':%s:%s', v_i, v_k), 'UTF8'), 'sha256') from 1 for 6),
                            'hex'))::bit(48)::bigint;
      exit when v_r < v_limit;
      v_k := v_k + 1;
    end loop;
    v_j := 1 + (v_r % v_i)::int;
    v_swap := v_order[v_i];
    v_order[v_i] := v_order[v_j];
    v_order[v_j] := v_swap;
  end loop;
  return v_order;
end $$;

create function app_private.release_order_hash(ordered int[]) returns text
language sql immutable strict set search_path = pg_catalog, public, pg_temp as $$
  select encode(digest(array_to_string(ordered, ','), 'sha256'), 'hex')
$$;

-- One draw per queue or lottery event: what an auditor needs to recompute it.
create table app_private.release_draws (
  event_id   int primary key references app_public.events on delete cascade,
  kind       app_public.release_mode not null,
  seed       bytea not null,
  algorithm  text not null,
  entries    int[] not null,   -- the entry ids shuffled, in arrival (id) order
  ordered    int[] not null,   -- release_shuffle(seed, entries)
  order_hash text not null,    -- release_order_hash(ordered)
  winners    int,              -- lottery: how many of the order won at the draw
  drawn_at   timestamptz not null default now(),
  constraint release_draws_kind_valid check (kind in ('queue', 'lottery'))
);
alter table app_private.release_draws enable row level security;

create function app_private.release_algorithm() returns text
language sql immutable as $$
  select 'fisher-yates-sha256-v1: input the entry ids in arrival order; for i = n down to 2, r = the first 6 bytes '
      || '(big-endian) of sha256(seed || '':i:k'') for k = 0, 1, ... until r < floor(2^48 / i) * i, then swap a[i] and '
      || 'a[1 + r mod i]; order_hash = sha256 of the order joined by '','' (hex)'
$$;

-- Take the release lock (before the event's lock, as every caller does): shared
-- for joining and entering, exclusive for the draw.
create function app_private.lock_release(event_id int, exclusive boolean) returns void
language plpgsql volatile as $$
begin
  perform set_config('lock_timeout', '3s', true);
  if exclusive then
    perform pg_advisory_xact_lock(hashtext('ticketing.release'), lock_release.event_id);
  else
    perform pg_advisory_xact_lock_shared(hashtext('ticketing.release'), lock_release.event_id);
  end if;
end $$;

-- The draw of a queue (at sales_start) or a lottery (at lottery_closes_at): run
-- by the release_draw job, once; false if it is not due, already done, or the event was cancelled.
create function app_private.release_draw(event_id int, seed bytea default null) returns boolean
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_entries int[];
  v_ordered int[];
  v_seed bytea := coalesce(seed, gen_random_bytes(32));
  v_due timestamptz;
begin
  perform app_private.lock_release(release_draw.event_id, true);
  perform app_private.lock_event(release_draw.event_id);
  select * into v_event from app_public.events e where e.id = release_draw.event_id for update;
  v_due := case v_event.release_mode when 'queue' then v_event.sales_start when 'lottery' then v_event.lottery_closes_at end;
  -- A cancelled event (cancellation.sql) is never drawn: nobody may be told they won a seat of it.
  if v_due is null or now() < v_due or v_event.status = 'cancelled'
     or exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    return false;
  end if;
  if v_event.release_mode = 'queue' then
    v_entries := array(select q.id from app_public.queue_entries q
                       where q.event_id = v_event.id and q.state = 'waiting' and q.place is null order by q.id);
  else
    v_entries := array(select l.id from app_public.lottery_entries l
                       where l.event_id = v_event.id and l.state = 'entered' order by l.id);
  end if;
  v_ordered := app_private.release_shuffle(v_seed, v_entries);
  insert into app_private.release_draws (event_id, kind, seed, algorithm, entries, ordered, order_hash)
  values (v_event.id, v_event.release_mode, v_seed, app_private.release_algorithm(), v_entries, v_ordered,
          app_private.release_order_hash(v_ordered));
  if v_event.release_mode = 'queue' then
    update app_public.queue_entries q set place = o.n, updated_at = now()
    from unnest(v_ordered) with ordinality as o(id, n) where q.id = o.id;
    perform app_private.queue_advance(v_event.id);
  else
    perform app_private.lottery_settle(v_event);
  end if;
  return true;
end $$;

-- The job at the moment of the draw, queued when the event is created or that
-- moment moves (a late job still draws: it checks the moment has passed).
create function app_private.events_schedule_release() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_at timestamptz := case new.release_mode when 'queue' then new.sales_start when 'lottery' then new.lottery_closes_at end;
begin
  if v_at is null then
    perform graphile_worker.remove_job('release_draw:' || new.id);
  else
    perform graphile_worker.add_job('release_draw', json_build_object('event_id', new.id),
                                    run_at := greatest(v_at, now()), job_key := 'release_draw:' || new.id);
  end if;
  return null;
end $$;
create trigger _950_schedule_release_insert after insert on app_public.events
  for each row when (new.release_mode <> 'first_come')
  execute function app_private.events_schedule_release();
create trigger _950_schedule_release_update after update of release_mode, sales_start, lottery_closes_at on app_public.events
  for each row when (old.release_mode is distinct from new.release_mode or old.sales_start is distinct from new.sales_start
                     or old.lottery_closes_at is distinct from new.lottery_closes_at)
  execute function app_private.events_schedule_release();

-- After seats change hands (booking, a returned seat, more seats) or a moment of
-- the window passes (announce_availability): admit or offer, or close. First-come
-- events never run it (the WHEN below), so their booking path is untouched.
create function app_private.events_follow_release() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if new.release_mode = 'queue' then
    perform app_private.queue_advance(new.id);
  else
    perform app_private.lottery_advance(new.id);
  end if;
  return null;
end $$;
create trigger _960_follow_release after update of tickets_remaining, total_tickets, availability_version on app_public.events
  for each row when (new.release_mode <> 'first_come')
  execute function app_private.events_follow_release();

-- Admissions and offers whose time is up, for one event (the release_tick job,
-- queued at each admitted_until and offer_expires_at).
create function app_private.release_tick(event_id int) returns void
language plpgsql volatile as $$
begin
  perform app_private.lock_event(release_tick.event_id);
  if (select e.release_mode from app_public.events e where e.id = release_tick.event_id) = 'queue' then
    perform app_private.queue_advance(release_tick.event_id);
  else
    perform app_private.lottery_advance(release_tick.event_id);
  end if;
end $$;

-- Joins per client address: generous, since a campus shares one address (every
-- hall of residence behind one NAT), and only a new place counts (joining again
-- answers the same entry for free). 10,000 per 10 minutes: one popular release is
-- thousands of a campus's students joining in its first minutes (2,000 refused
-- the 2,001st student of a 3,000-seat event's rush), while what one address can
-- do with accounts of its own stays bounded by signups per address and the
-- per-student rule below. Counted over 32 counters (count_spread_hit,
-- throttling.sql), so the students of one address do not join one at a time.
insert into app_private.throttle_rules (rule, max_hits, per, what, shards) values
  ('release_joins_per_address', 10000, '10 minutes', 'Queue joins and lottery entries from one client address', 32);
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  -- A student may join (or leave and join again) 30 queues' places in 10 minutes: each change is a
  -- message every instance answers by reading the line again (queue.sql).
  ('queue_joins_per_student', 30, '10 minutes', 'Places taken in queues (joins and rejoins) by one student');

-- For the REST routes: may the caller see this event's figures and draws?
create function app_hidden.may_manage_release(event_id int) returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_private.may_manage_release(event_id)
$$;
grant execute on function app_hidden.may_manage_release(integer) to ticketing_student;

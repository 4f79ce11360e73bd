--------------------------------------------------------------------------------
-- The waiting room of a queue event (release.sql says how it fits together).
--
-- Order in line is `place`: null until the shuffle for those who joined before
-- sales_start, then 1..n in the shuffled order; a later joiner (or one who
-- rejoins after a lapse) gets 10^12 + an arrival number, so they follow in
-- arrival order. `position` is 1 + the number of waiting entries ahead.
--------------------------------------------------------------------------------

create table app_public.queue_entries (
  id             int generated always as identity primary key,
  event_id       int not null references app_public.events on delete cascade,
  user_id        int not null references app_public.users on delete cascade,
  state          app_public.queue_entry_state not null default 'waiting',
  place          bigint,
  joined_at      timestamptz not null default now(),
  admitted_at    timestamptz,
  admitted_until timestamptz,
  ticket_id      int references app_public.tickets on delete set null,
  updated_at     timestamptz not null default now(),
  constraint queue_entries_event_user_key unique (event_id, user_id),
  constraint queue_entries_admitted_until_valid check ((state = 'admitted') <= (admitted_until is not null))
);
comment on table app_public.queue_entries is E'@behavior -insert -update -delete\nA student''s place in an event''s waiting room.';
comment on column app_public.queue_entries.place is E'@behavior -*';
comment on column app_public.queue_entries.admitted_until is 'Admitted: book before this moment, or the seat passes to the next in line.';
create index queue_entries_line_idx on app_public.queue_entries (event_id, place) where state = 'waiting';
create index queue_entries_admitted_idx on app_public.queue_entries (event_id, admitted_until) where state = 'admitted';
create index queue_entries_user_idx on app_public.queue_entries (user_id);
create sequence app_private.queue_arrivals;

alter table app_public.queue_entries enable row level security;
grant select on app_public.queue_entries to ticketing_student;
create policy queue_entries_own on app_public.queue_entries for select to ticketing_student
  using (user_id = app_public.current_user_id());
create policy queue_entries_admin on app_public.queue_entries for select to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin');

create function app_public.queue_entries_position(q app_public.queue_entries) returns int
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select case when q.state = 'waiting' and q.place is not null then 1 + (
    select count(*)::int from app_public.queue_entries o
    where o.event_id = q.event_id and o.state = 'waiting' and o.place < q.place
  ) end
$$;
comment on function app_public.queue_entries_position(app_public.queue_entries) is
  'Your place in line (1 = next to be admitted) once the queue is shuffled at sales_start; null before, and once no longer waiting.';
grant execute on function app_public.queue_entries_position(app_public.queue_entries) to ticketing_student;

-- Every statement that changes entries: one message per event, which each instance
-- answers with one read of its subscribers' entries (app_hidden.queue_entries_of).
create function app_private.queue_entries_notify() returns trigger
language plpgsql as $$
declare
  v_event int;
begin
  for v_event in select distinct c.event_id from changed c loop
    perform pg_notify('ticketing:queue', json_build_object('event_id', v_event)::text);
  end loop;
  return null;
end $$;
create trigger _900_notify after update on app_public.queue_entries
  referencing new table as changed for each statement execute function app_private.queue_entries_notify();

-- The entries of these students for one event, as their owners see them: what the
-- server pushes after a notification. One query however many are watching, and one
-- pass over the event's entries: every place in line numbered by one window over them
-- (position: 1 + the waiting entries ahead, as queue_entries_position), then the asked
-- students' entries picked by a hash join (a join of each entry to a numbered line
-- could be planned as a nested loop that numbers the line again per entry: seconds
-- for 2,000 students).
create function app_hidden.queue_entries_of(event_id int, user_ids int[])
returns table (user_id int, event_id int, state app_public.queue_entry_state, "position" int, admitted_until timestamptz)
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
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
$$;
grant execute on function app_hidden.queue_entries_of(integer, integer[]) to ticketing_booker;

-- Admit, lapse or close, under the event's row lock (every admission holds it, so
-- two instances never admit the same seat): admissions past their time lapse; after
-- the window or when sold out, whoever is left is closed (the app offers the
-- waitlist); otherwise the front of the line is admitted while seats are neither
-- taken nor promised. Nothing happens before the shuffle.
create function app_private.queue_advance(event_id int) returns void
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_free int;
  v_entry app_public.queue_entries;
  v_outbox bigint[] := '{}';
  v_until timestamptz;
begin
  select * into v_event from app_public.events e where e.id = queue_advance.event_id for update;
  if v_event.release_mode is distinct from 'queue'
     or not exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    return;
  end if;
  for v_entry in
    update app_public.queue_entries q set state = 'lapsed', updated_at = now()
    where q.event_id = v_event.id and q.state = 'admitted' and q.admitted_until <= now() returning q.*
  loop
    v_outbox := v_outbox || app_private.add_to_outbox('queue_lapsed', v_entry.user_id,
      format('queue_lapsed:%s:%s', v_entry.id, extract(epoch from v_entry.admitted_at)),
      format('Your turn for %s has passed', v_event.name),
      format('You were admitted to book %s but did not book in time, so your seat went to the next in line. '
             'You may join the queue again at the back.', v_event.name));
  end loop;

  if app_private.sales_window_state(v_event) is not null or v_event.tickets_remaining = 0 then
    update app_public.queue_entries q set state = 'closed', updated_at = now()
    where q.event_id = v_event.id and q.state in ('waiting', 'admitted');
  else
    v_free := v_event.tickets_remaining
      - (select count(*)::int from app_public.queue_entries q where q.event_id = v_event.id and q.state = 'admitted');
    v_until := now() + make_interval(mins => v_event.admission_minutes);
    if v_free > 0 then
      for v_entry in
        update app_public.queue_entries q set state = 'admitted', admitted_at = now(), admitted_until = v_until,
                                              updated_at = now()
        where q.id in (select w.id from app_public.queue_entries w
                       where w.event_id = v_event.id and w.state = 'waiting' and w.place is not null
                       order by w.place limit v_free)
        returning q.*
      loop
        v_outbox := v_outbox || app_private.add_to_outbox('queue_admitted', v_entry.user_id,
          format('queue_admitted:%s:%s', v_entry.id, extract(epoch from v_entry.admitted_at)),
          format('It''s your turn: book %s now', v_event.name),
          format('You are admitted to book a ticket for %s until %s. After that your seat goes to the next in line.',
                 v_event.name, to_char(v_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
      end loop;
      if found then
        perform graphile_worker.add_job('release_tick', json_build_object('event_id', v_event.id), run_at := v_until,
          job_key := format('release_tick:%s:%s', v_event.id, extract(epoch from v_until)));
      end if;
    end if;
  end if;
  if cardinality(v_outbox) > 0 then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', v_outbox));
  end if;
end $$;

-- Booking (booking.sql): the students of a batch who may book a queue event now.
create function app_private.admitted_students(event_id int, user_ids int[]) returns int[]
language sql stable as $$
  select coalesce(array_agg(q.user_id), '{}') from app_public.queue_entries q
  where q.event_id = admitted_students.event_id and q.user_id = any(user_ids)
    and q.state = 'admitted' and q.admitted_until > now()
$$;

-- Booking turned these students' promises into tickets (user id → ticket id).
create function app_private.queue_booked(event_id int, tickets jsonb) returns void
language sql volatile as $$
  update app_public.queue_entries q set state = 'booked', ticket_id = (tickets->>q.user_id::text)::int, updated_at = now()
  where q.event_id = queue_booked.event_id and q.user_id in (select k::int from jsonb_object_keys(tickets) k)
    and q.state = 'admitted'
$$;

-- The refusals a student meets before a queue or lottery takes them in.
create function app_private.release_refusal(event app_public.events, user_id int, mode app_public.release_mode)
returns void language plpgsql stable as $$
declare
  v_refusal text;
begin
  if event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if event.release_mode <> mode then
    perform app_private.fail(case event.release_mode when 'first_come' then 'WRONG_RELEASE_MODE:first_come'
                                                     when 'queue' then 'WRONG_RELEASE_MODE:queue'
                                                     else 'WRONG_RELEASE_MODE:lottery' end, null, mode::text);
  end if;
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(event));
  if v_refusal in ('EVENT_CANCELLED', 'EVENT_STARTED', 'SALES_CLOSED') then
    perform app_private.fail(v_refusal);
  end if;
  if app_private.student_at_limit(event, user_id) then
    perform app_private.fail('LIMIT_REACHED');
  end if;
end $$;

create function app_public.join_queue(event_id int) returns app_public.queue_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
    perform app_private.count_spread_hit('release_joins_per_address', app_private.client_address(),
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
end $$;
comment on function app_public.join_queue(integer) is
  'Join an event''s waiting room (verified students). Joining again answers the same entry: a refresh never loses a place.';
grant execute on function app_public.join_queue(integer) to ticketing_student;

create function app_public.leave_queue(event_id int) returns app_public.queue_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_entry app_public.queue_entries;
begin
  perform app_private.lock_event(leave_queue.event_id);
  update app_public.queue_entries q set state = 'left', admitted_until = null, updated_at = now()
  where q.event_id = leave_queue.event_id and q.user_id = app_public.current_user_id() and q.state in ('waiting', 'admitted')
  returning * into v_entry;
  if v_entry.id is null then
    perform app_private.fail('NOT_FOUND:queue_entry');
  end if;
  perform app_private.queue_advance(leave_queue.event_id); -- an admission given up passes on
  return v_entry;
end $$;
grant execute on function app_public.leave_queue(integer) to ticketing_student;

create function app_public.my_queue_entry(event_id int) returns app_public.queue_entries
language sql stable as $$
  select * from app_public.queue_entries q
  where q.event_id = my_queue_entry.event_id and q.user_id = app_public.current_user_id()
$$;
comment on function app_public.my_queue_entry(integer) is 'Your entry in this event''s queue, if you joined.';
grant execute on function app_public.my_queue_entry(integer) to ticketing_student;

-- Figures and the draw, for those who run the event ------------------------------

create type app_public.queue_stats as (
  joined int, waiting int, admitted int, booked int, lapsed int, closed int
);

create function app_public.events_queue_stats(e app_public.events) returns app_public.queue_stats
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select count(*)::int, (count(*) filter (where q.state = 'waiting'))::int, (count(*) filter (where q.state = 'admitted'))::int,
         (count(*) filter (where q.state = 'booked'))::int, (count(*) filter (where q.state = 'lapsed'))::int,
         (count(*) filter (where q.state = 'closed'))::int
  from app_public.queue_entries q
  where q.event_id = e.id
  having e.release_mode = 'queue' and app_private.may_manage_release(e.id)
$$;
comment on function app_public.events_queue_stats(app_public.events) is
  'The waiting room in figures (admins and the event''s organisers; null for anyone else and for other release modes).';
grant execute on function app_public.events_queue_stats(app_public.events) to ticketing_anonymous;

create type app_public.release_draw as (
  seed text, algorithm text, entries int[], "order" int[], winners int[], order_hash text, drawn_at timestamptz
);

create function app_private.release_draw_of(e app_public.events, kind app_public.release_mode) returns app_public.release_draw
language sql stable as $$
  select encode(d.seed, 'hex'), d.algorithm, d.entries, d.ordered, d.ordered[1:d.winners], d.order_hash, d.drawn_at
  from app_private.release_draws d
  where d.event_id = e.id and d.kind = release_draw_of.kind and app_private.may_manage_release(e.id)
$$;

create function app_public.events_queue_draw(e app_public.events) returns app_public.release_draw
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select * from app_private.release_draw_of(e, 'queue')
$$;
comment on function app_public.events_queue_draw(app_public.events) is
  'The queue''s shuffle at sales_start: seed (hex), algorithm, the entry ids in arrival order, the order, its sha256 (admins and organisers).';
grant execute on function app_public.events_queue_draw(app_public.events) to ticketing_anonymous;

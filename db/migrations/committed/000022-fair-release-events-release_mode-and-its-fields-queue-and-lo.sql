--! Previous: sha1:818d1ebd8ca11faa71a3b7d768166c8243b45d5d
--! Hash: sha1:89ad9a1edf860959db6e3c3721f2d5d9e43e9800
--! Message: Fair release: events' release_mode and its fields, queue and lottery entries, the recorded draws, the error catalogue's new reasons

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 050-fair-release.sql
-- Fair release, what the generated diff cannot order: the release fields go at the end of
-- app_public.events in the order db/schema/events.sql lists them (the diff would add them
-- alphabetically), so their enum first; and the composite types the figures and draws
-- return, before the functions that return them (the diff creates types after functions).
create type app_public.release_mode as enum ('first_come', 'queue', 'lottery');
alter table app_public.events
  add column release_mode app_public.release_mode not null default 'first_come',
  add column queue_opens_at timestamptz,
  add column admission_minutes int not null default 10,
  add column lottery_closes_at timestamptz,
  add column offer_minutes int not null default 1440;
create type app_public.queue_stats as (
  joined int, waiting int, admitted int, booked int, lapsed int, closed int
);
create type app_public.release_draw as (
  seed text, algorithm text, entries int[], "order" int[], winners int[], order_hash text, drawn_at timestamptz
);

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create type "app_public"."lottery_entry_state" as enum ('entered', 'won', 'lost', 'claimed', 'expired');

create type "app_public"."queue_entry_state" as enum ('waiting', 'admitted', 'booked', 'lapsed', 'closed', 'left');

create sequence "app_private"."queue_arrivals";

drop function if exists "app_public"."create_event"(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, club_id integer);

drop function if exists "app_public"."update_event"(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[], club_id integer);


  create table "app_private"."release_draws" (
    "event_id" integer not null,
    "kind" app_public.release_mode not null,
    "seed" bytea not null,
    "algorithm" text not null,
    "entries" integer[] not null,
    "ordered" integer[] not null,
    "order_hash" text not null,
    "winners" integer,
    "drawn_at" timestamp with time zone not null default now()
      );


alter table "app_private"."release_draws" enable row level security;


  create table "app_public"."lottery_entries" (
    "id" integer generated always as identity not null,
    "event_id" integer not null,
    "user_id" integer not null,
    "state" app_public.lottery_entry_state not null default 'entered'::app_public.lottery_entry_state,
    "draw_rank" integer,
    "entered_at" timestamp with time zone not null default now(),
    "offer_expires_at" timestamp with time zone,
    "ticket_id" integer,
    "updated_at" timestamp with time zone not null default now()
      );


alter table "app_public"."lottery_entries" enable row level security;


  create table "app_public"."queue_entries" (
    "id" integer generated always as identity not null,
    "event_id" integer not null,
    "user_id" integer not null,
    "state" app_public.queue_entry_state not null default 'waiting'::app_public.queue_entry_state,
    "place" bigint,
    "joined_at" timestamp with time zone not null default now(),
    "admitted_at" timestamp with time zone,
    "admitted_until" timestamp with time zone,
    "ticket_id" integer,
    "updated_at" timestamp with time zone not null default now()
      );


alter table "app_public"."queue_entries" enable row level security;

CREATE UNIQUE INDEX release_draws_pkey ON app_private.release_draws USING btree (event_id);

CREATE UNIQUE INDEX lottery_entries_event_user_key ON app_public.lottery_entries USING btree (event_id, user_id);

CREATE INDEX lottery_entries_order_idx ON app_public.lottery_entries USING btree (event_id, draw_rank) WHERE (state = 'lost'::app_public.lottery_entry_state);

CREATE UNIQUE INDEX lottery_entries_pkey ON app_public.lottery_entries USING btree (id);

CREATE INDEX lottery_entries_user_idx ON app_public.lottery_entries USING btree (user_id);

CREATE INDEX queue_entries_admitted_idx ON app_public.queue_entries USING btree (event_id, admitted_until) WHERE (state = 'admitted'::app_public.queue_entry_state);

CREATE UNIQUE INDEX queue_entries_event_user_key ON app_public.queue_entries USING btree (event_id, user_id);

CREATE INDEX queue_entries_line_idx ON app_public.queue_entries USING btree (event_id, place) WHERE (state = 'waiting'::app_public.queue_entry_state);

CREATE UNIQUE INDEX queue_entries_pkey ON app_public.queue_entries USING btree (id);

CREATE INDEX queue_entries_user_idx ON app_public.queue_entries USING btree (user_id);

alter table "app_private"."release_draws" add constraint "release_draws_pkey" PRIMARY KEY using index "release_draws_pkey";

alter table "app_public"."lottery_entries" add constraint "lottery_entries_pkey" PRIMARY KEY using index "lottery_entries_pkey";

alter table "app_public"."queue_entries" add constraint "queue_entries_pkey" PRIMARY KEY using index "queue_entries_pkey";

alter table "app_private"."release_draws" add constraint "release_draws_event_id_fkey" FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE not valid;

alter table "app_private"."release_draws" validate constraint "release_draws_event_id_fkey";

alter table "app_private"."release_draws" add constraint "release_draws_kind_valid" CHECK ((kind = ANY (ARRAY['queue'::app_public.release_mode, 'lottery'::app_public.release_mode]))) not valid;

alter table "app_private"."release_draws" validate constraint "release_draws_kind_valid";

alter table "app_public"."events" add constraint "events_admission_minutes_valid" CHECK (((admission_minutes >= 1) AND (admission_minutes <= 1440))) not valid;

alter table "app_public"."events" validate constraint "events_admission_minutes_valid";

alter table "app_public"."events" add constraint "events_lottery_closes_at_valid" CHECK (((lottery_closes_at >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (lottery_closes_at < '10000-01-01 00:00:00+00'::timestamp with time zone))) not valid;

alter table "app_public"."events" validate constraint "events_lottery_closes_at_valid";

alter table "app_public"."events" add constraint "events_offer_minutes_valid" CHECK (((offer_minutes >= 1) AND (offer_minutes <= 10080))) not valid;

alter table "app_public"."events" validate constraint "events_offer_minutes_valid";

alter table "app_public"."events" add constraint "events_queue_opens_at_valid" CHECK (((queue_opens_at >= '1000-01-01 00:00:00+00'::timestamp with time zone) AND (queue_opens_at < '10000-01-01 00:00:00+00'::timestamp with time zone))) not valid;

alter table "app_public"."events" validate constraint "events_queue_opens_at_valid";

alter table "app_public"."events" add constraint "events_release_valid" CHECK ((((release_mode <> 'queue'::app_public.release_mode) OR (sales_start IS NOT NULL)) AND ((release_mode <> 'lottery'::app_public.release_mode) OR (lottery_closes_at IS NOT NULL)) AND ((queue_opens_at IS NULL) OR (sales_start IS NULL) OR (queue_opens_at < sales_start)) AND ((lottery_closes_at IS NULL) OR (lottery_closes_at < COALESCE(sales_end, starts_at))))) not valid;

alter table "app_public"."events" validate constraint "events_release_valid";

alter table "app_public"."lottery_entries" add constraint "lottery_entries_event_id_fkey" FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE not valid;

alter table "app_public"."lottery_entries" validate constraint "lottery_entries_event_id_fkey";

alter table "app_public"."lottery_entries" add constraint "lottery_entries_event_user_key" UNIQUE using index "lottery_entries_event_user_key";

alter table "app_public"."lottery_entries" add constraint "lottery_entries_offer_expires_at_valid" CHECK (((state = 'won'::app_public.lottery_entry_state) <= (offer_expires_at IS NOT NULL))) not valid;

alter table "app_public"."lottery_entries" validate constraint "lottery_entries_offer_expires_at_valid";

alter table "app_public"."lottery_entries" add constraint "lottery_entries_ticket_id_fkey" FOREIGN KEY (ticket_id) REFERENCES app_public.tickets(id) ON DELETE SET NULL not valid;

alter table "app_public"."lottery_entries" validate constraint "lottery_entries_ticket_id_fkey";

alter table "app_public"."lottery_entries" add constraint "lottery_entries_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_public"."lottery_entries" validate constraint "lottery_entries_user_id_fkey";

alter table "app_public"."queue_entries" add constraint "queue_entries_admitted_until_valid" CHECK (((state = 'admitted'::app_public.queue_entry_state) <= (admitted_until IS NOT NULL))) not valid;

alter table "app_public"."queue_entries" validate constraint "queue_entries_admitted_until_valid";

alter table "app_public"."queue_entries" add constraint "queue_entries_event_id_fkey" FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE not valid;

alter table "app_public"."queue_entries" validate constraint "queue_entries_event_id_fkey";

alter table "app_public"."queue_entries" add constraint "queue_entries_event_user_key" UNIQUE using index "queue_entries_event_user_key";

alter table "app_public"."queue_entries" add constraint "queue_entries_ticket_id_fkey" FOREIGN KEY (ticket_id) REFERENCES app_public.tickets(id) ON DELETE SET NULL not valid;

alter table "app_public"."queue_entries" validate constraint "queue_entries_ticket_id_fkey";

alter table "app_public"."queue_entries" add constraint "queue_entries_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_public"."queue_entries" validate constraint "queue_entries_user_id_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.may_manage_release(event_id integer)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select app_private.may_manage_release(event_id)
$function$
;

CREATE OR REPLACE FUNCTION app_hidden.queue_entries_of(event_id integer, user_ids integer[])
 RETURNS TABLE(user_id integer, event_id integer, state app_public.queue_entry_state, "position" integer, admitted_until timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  with line as (
    select q.id, row_number() over (order by q.place)::int as n
    from app_public.queue_entries q
    where q.event_id = queue_entries_of.event_id and q.state = 'waiting' and q.place is not null
  )
  select q.user_id, q.event_id, q.state, line.n, q.admitted_until
  from app_public.queue_entries q left join line on line.id = q.id
  where q.event_id = queue_entries_of.event_id and q.user_id = any(queue_entries_of.user_ids)
$function$
;

CREATE OR REPLACE FUNCTION app_private.admitted_students(event_id integer, user_ids integer[])
 RETURNS integer[]
 LANGUAGE sql
 STABLE
AS $function$
  select coalesce(array_agg(q.user_id), '{}') from app_public.queue_entries q
  where q.event_id = admitted_students.event_id and q.user_id = any(user_ids)
    and q.state = 'admitted' and q.admitted_until > now()
$function$
;

CREATE OR REPLACE FUNCTION app_private.check_release_fields(event app_public.events, starts_at timestamp with time zone, sales_start timestamp with time zone, sales_end timestamp with time zone, release_mode app_public.release_mode, queue_opens_at timestamp with time zone, admission_minutes integer, lottery_closes_at timestamp with time zone, offer_minutes integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.events_follow_release()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  if new.release_mode = 'queue' then
    perform app_private.queue_advance(new.id);
  else
    perform app_private.lottery_advance(new.id);
  end if;
  return null;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.events_schedule_release()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.lock_release(event_id integer, exclusive boolean)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
  perform set_config('lock_timeout', '3s', true);
  if exclusive then
    perform pg_advisory_xact_lock(hashtext('ticketing.release'), lock_release.event_id);
  else
    perform pg_advisory_xact_lock_shared(hashtext('ticketing.release'), lock_release.event_id);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.lottery_advance(event_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  v_event app_public.events;
  v_free int;
  v_outbox bigint[];
begin
  select * into v_event from app_public.events e where e.id = lottery_advance.event_id for update;
  if v_event.release_mode is distinct from 'lottery'
     or not exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    return;
  end if;
  with expired as (
    update app_public.lottery_entries l set state = 'expired', updated_at = now()
    where l.event_id = v_event.id and l.state = 'won' and l.offer_expires_at <= now() returning l.*
  )
  select coalesce(array_agg(app_private.add_to_outbox('lottery_expired', x.user_id, 'lottery_expired:' || x.id,
           format('Your seat for %s has passed on', v_event.name),
           format('You did not claim your seat for %s in time, so it went to the next in the draw.', v_event.name))), '{}')
  into v_outbox from expired x;
  -- Before sales_start too: a win is an offer, claimable whenever booking would be.
  if app_private.sales_window_state(v_event) is null or app_private.sales_window_state(v_event) = 'not_open' then
    v_free := v_event.tickets_remaining
      - (select count(*)::int from app_public.lottery_entries l where l.event_id = v_event.id and l.state = 'won');
    if v_free > 0 then
      v_outbox := v_outbox || app_private.lottery_offer(v_event, array(
        select l.id from app_public.lottery_entries l
        where l.event_id = v_event.id and l.state = 'lost' order by l.draw_rank limit v_free));
    end if;
  end if;
  perform app_private.send_outbox(v_outbox);
end $function$
;

CREATE OR REPLACE FUNCTION app_private.lottery_offer(event app_public.events, ids integer[])
 RETURNS bigint[]
 LANGUAGE plpgsql
AS $function$
declare
  v_until timestamptz := now() + make_interval(mins => event.offer_minutes);
  v_entry app_public.lottery_entries;
  v_outbox bigint[] := '{}';
begin
  for v_entry in
    update app_public.lottery_entries l set state = 'won', offer_expires_at = v_until, updated_at = now()
    where l.id = any(ids) returning l.*
  loop
    v_outbox := v_outbox || app_private.add_to_outbox('lottery_won', v_entry.user_id, 'lottery_won:' || v_entry.id,
      format('You won a seat for %s', event.name),
      format('The lottery for %s gave you a seat. Claim it before %s, or it passes to the next in the draw.',
             event.name, to_char(v_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end loop;
  if found then
    perform graphile_worker.add_job('release_tick', json_build_object('event_id', event.id), run_at := v_until,
      job_key := format('release_tick:%s:%s', event.id, extract(epoch from v_until)));
  end if;
  return v_outbox;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.lottery_settle(event app_public.events)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  v_draw app_private.release_draws;
  v_winners int;
  v_outbox bigint[];
begin
  select * into v_draw from app_private.release_draws d where d.event_id = event.id;
  v_winners := least(cardinality(v_draw.ordered), greatest(event.tickets_remaining, 0));
  update app_private.release_draws d set winners = v_winners where d.event_id = event.id;
  update app_public.lottery_entries l set draw_rank = o.n, state = 'lost', updated_at = now()
  from unnest(v_draw.ordered) with ordinality as o(id, n) where l.id = o.id;
  v_outbox := app_private.lottery_offer(event, v_draw.ordered[1:v_winners]);
  -- One statement for every loser's message (a draw of 10,000 entries stays well under a second).
  with sent as (
    insert into app_private.outbox (kind, user_id, dedupe_key, subject, body)
    select 'lottery_lost', l.user_id, 'lottery_lost:' || l.id, format('The lottery for %s', event.name),
           format('The draw for %s did not give you a seat this time. You are number %s in its order: if a winner '
                  'does not claim their seat, it passes down the order and we will email you.', event.name, l.draw_rank)
    from app_public.lottery_entries l where l.event_id = event.id and l.state = 'lost'
    on conflict on constraint outbox_dedupe_key_key do nothing
    returning id
  )
  select v_outbox || coalesce(array_agg(sent.id order by sent.id), '{}') into v_outbox from sent;
  perform app_private.send_outbox(v_outbox);
end $function$
;

CREATE OR REPLACE FUNCTION app_private.may_manage_release(event_id integer)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
  select app_hidden.may_on_event('run_events', may_manage_release.event_id)
$function$
;

CREATE OR REPLACE FUNCTION app_private.queue_advance(event_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.queue_booked(event_id integer, tickets jsonb)
 RETURNS void
 LANGUAGE sql
AS $function$
  update app_public.queue_entries q set state = 'booked', ticket_id = (tickets->>q.user_id::text)::int, updated_at = now()
  where q.event_id = queue_booked.event_id and q.user_id in (select k::int from jsonb_object_keys(tickets) k)
    and q.state = 'admitted'
$function$
;

CREATE OR REPLACE FUNCTION app_private.queue_entries_notify()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
declare
  v_event int;
begin
  for v_event in select distinct c.event_id from changed c loop
    perform pg_notify('ticketing:queue', json_build_object('event_id', v_event)::text);
  end loop;
  return null;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.release_algorithm()
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
  select 'fisher-yates-sha256-v1: input the entry ids in arrival order; for i = n down to 2, r = the first 6 bytes '
      || '(big-endian) of sha256(seed || '':i:k'') for k = 0, 1, ... until r < floor(2^48 / i) * i, then swap a[i] and '
      || 'a[1 + r mod i]; order_hash = sha256 of the order joined by '','' (hex)'
$function$
;

CREATE OR REPLACE FUNCTION app_private.release_draw(event_id integer, seed bytea DEFAULT NULL::bytea)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.release_draw_of(e app_public.events, kind app_public.release_mode)
 RETURNS app_public.release_draw
 LANGUAGE sql
 STABLE
AS $function$
  select encode(d.seed, 'hex'), d.algorithm, d.entries, d.ordered, d.ordered[1:d.winners], d.order_hash, d.drawn_at
  from app_private.release_draws d
  where d.event_id = e.id and d.kind = release_draw_of.kind and app_private.may_manage_release(e.id)
$function$
;

CREATE OR REPLACE FUNCTION app_private.release_order_hash(ordered integer[])
 RETURNS text
 LANGUAGE sql
 IMMUTABLE STRICT
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select encode(digest(array_to_string(ordered, ','), 'sha256'), 'hex')
$function$
;

CREATE OR REPLACE FUNCTION app_private.release_refusal(event app_public.events, user_id integer, mode app_public.release_mode)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.release_shuffle(seed bytea, ids integer[])
 RETURNS integer[]
 LANGUAGE plpgsql
 IMMUTABLE STRICT
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.release_tick(event_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
  perform app_private.lock_event(release_tick.event_id);
  if (select e.release_mode from app_public.events e where e.id = release_tick.event_id) = 'queue' then
    perform app_private.queue_advance(release_tick.event_id);
  else
    perform app_private.lottery_advance(release_tick.event_id);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.send_outbox(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  v_from int := 1;
begin
  while v_from <= coalesce(cardinality(ids), 0) loop
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', ids[v_from:v_from + 499]));
    v_from := v_from + 500;
  end loop;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.claim_lottery_win(event_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.lottery_entries;
  v_ticket app_public.tickets;
  v_refusal text;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('FORBIDDEN:claim');
  end if;
  perform app_private.lock_event(claim_lottery_win.event_id);
  select * into v_event from app_public.events e where e.id = claim_lottery_win.event_id for update;
  select * into v_entry from app_public.lottery_entries l
  where l.event_id = claim_lottery_win.event_id and l.user_id = v_user for update;
  if v_entry.id is null then
    perform app_private.fail('NOT_FOUND:lottery_entry');
  end if;
  if v_entry.state = 'claimed' then
    select * into v_ticket from app_public.tickets t where t.id = v_entry.ticket_id;
    return v_ticket;
  end if;
  if v_entry.state = 'expired' or (v_entry.state = 'won' and v_entry.offer_expires_at <= now()) then
    perform app_private.fail('OFFER_EXPIRED', null,
      to_char(v_entry.offer_expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_entry.state <> 'won' then
    perform app_private.fail(case v_entry.state when 'entered' then 'NO_WIN:not_drawn' else 'NO_WIN' end);
  end if;
  perform app_private.require_verified_email(v_user);
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(v_event));
  if v_refusal in ('EVENT_CANCELLED', 'EVENT_STARTED', 'SALES_CLOSED') then
    perform app_private.fail(v_refusal);
  end if;
  if app_private.student_at_limit(v_event, v_user) then
    perform app_private.fail('LIMIT_REACHED');
  end if;
  if v_event.price_cents > 0 and current_setting('ticketing.payments', true) = 'off' then
    perform app_private.fail('PAYMENTS_UNAVAILABLE');
  end if;
  if v_event.tickets_remaining = 0 then -- only if an admin took seats away since the win
    perform app_private.fail('SOLD_OUT');
  end if;

  if v_event.price_cents > 0 then
    insert into app_public.tickets (event_id, user_id, status, price_cents, hold_expires_at)
    values (v_event.id, v_user, 'pending', v_event.price_cents, now() + make_interval(mins => v_event.hold_minutes))
    returning * into v_ticket;
    perform graphile_worker.add_job('expire_holds', run_at := v_ticket.hold_expires_at, job_key := 'expire_holds:' || v_ticket.id);
  else
    insert into app_public.tickets (event_id, user_id, status, check_in_code, confirmed_at)
    values (v_event.id, v_user, 'confirmed', app_private.new_check_in_code(), now())
    returning * into v_ticket;
    perform app_private.enqueue_email('booking_confirmed', v_user, 'booking_confirmed:' || v_ticket.id,
      format('Your ticket for %s', v_event.name),
      format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
             to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_ticket.check_in_code));
  end if;
  -- The promise becomes a taken seat: the entry first, so the seat count that follows adds up.
  update app_public.lottery_entries l set state = 'claimed', ticket_id = v_ticket.id, updated_at = now() where l.id = v_entry.id;
  update app_public.events e set tickets_remaining = e.tickets_remaining - 1 where e.id = v_event.id;
  return v_ticket;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text DEFAULT ''::text, max_tickets_per_student integer DEFAULT 1, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT 0, hold_minutes integer DEFAULT 10, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, club_id integer DEFAULT NULL::integer, release_mode app_public.release_mode DEFAULT 'first_come'::app_public.release_mode, queue_opens_at timestamp with time zone DEFAULT NULL::timestamp with time zone, admission_minutes integer DEFAULT 10, lottery_closes_at timestamp with time zone DEFAULT NULL::timestamp with time zone, offer_minutes integer DEFAULT 1440)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
begin
  perform app_private.require_event_right(club_id);
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  if venue is null then perform app_private.fail('INVALID_INPUT:required', 'venue', 'venue'); end if;
  if starts_at is null then perform app_private.fail('INVALID_INPUT:required', 'starts_at', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('INVALID_INPUT:required', 'total_tickets', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  perform app_private.check_release_fields(null, starts_at, sales_start, sales_end, coalesce(release_mode, 'first_come'),
    queue_opens_at, admission_minutes, lottery_closes_at, offer_minutes);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end, club_id, release_mode,
                                 queue_opens_at, admission_minutes, lottery_closes_at, offer_minutes)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end, create_event.club_id,
          coalesce(create_event.release_mode, 'first_come'), create_event.queue_opens_at,
          coalesce(create_event.admission_minutes, 10), create_event.lottery_closes_at,
          coalesce(create_event.offer_minutes, 1440))
  returning * into v_event;
  return v_event;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.enter_lottery(event_id integer)
 RETURNS app_public.lottery_entries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.lottery_entries;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('FORBIDDEN:lottery');
  end if;
  select * into v_entry from app_public.lottery_entries l where l.event_id = enter_lottery.event_id and l.user_id = v_user;
  if v_entry.id is not null then
    return v_entry;
  end if;
  perform app_private.require_verified_email(v_user);
  perform app_private.lock_release(enter_lottery.event_id, false);
  select * into v_event from app_public.events e where e.id = enter_lottery.event_id;
  perform app_private.release_refusal(v_event, v_user, 'lottery');
  if now() >= v_event.lottery_closes_at or exists (select from app_private.release_draws d where d.event_id = v_event.id) then
    perform app_private.fail('LOTTERY_CLOSED', null,
      to_char(v_event.lottery_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if app_private.client_address() is not null then
    perform app_private.count_hit('release_joins_per_address', app_private.client_address(),
      'Too many students entered lotteries from your network address');
  end if;
  insert into app_public.lottery_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.events_lottery_draw(e app_public.events)
 RETURNS app_public.release_draw
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select * from app_private.release_draw_of(e, 'lottery')
$function$
;

CREATE OR REPLACE FUNCTION app_public.events_queue_draw(e app_public.events)
 RETURNS app_public.release_draw
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select * from app_private.release_draw_of(e, 'queue')
$function$
;

CREATE OR REPLACE FUNCTION app_public.events_queue_stats(e app_public.events)
 RETURNS app_public.queue_stats
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select count(*)::int, (count(*) filter (where q.state = 'waiting'))::int, (count(*) filter (where q.state = 'admitted'))::int,
         (count(*) filter (where q.state = 'booked'))::int, (count(*) filter (where q.state = 'lapsed'))::int,
         (count(*) filter (where q.state = 'closed'))::int
  from app_public.queue_entries q
  where q.event_id = e.id
  having e.release_mode = 'queue' and app_private.may_manage_release(e.id)
$function$
;

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

CREATE OR REPLACE FUNCTION app_public.leave_queue(event_id integer)
 RETURNS app_public.queue_entries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.my_lottery_entry(event_id integer)
 RETURNS app_public.lottery_entries
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.lottery_entries l
  where l.event_id = my_lottery_entry.event_id and l.user_id = app_public.current_user_id()
$function$
;

CREATE OR REPLACE FUNCTION app_public.my_queue_entry(event_id integer)
 RETURNS app_public.queue_entries
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.queue_entries q
  where q.event_id = my_queue_entry.event_id and q.user_id = app_public.current_user_id()
$function$
;

CREATE OR REPLACE FUNCTION app_public.queue_entries_position(q app_public.queue_entries)
 RETURNS integer
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select case when q.state = 'waiting' and q.place is not null then 1 + (
    select count(*)::int from app_public.queue_entries o
    where o.event_id = q.event_id and o.state = 'waiting' and o.place < q.place
  ) end
$function$
;

CREATE OR REPLACE FUNCTION app_public.update_event(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text, venue text DEFAULT NULL::text, starts_at timestamp with time zone DEFAULT NULL::timestamp with time zone, total_tickets integer DEFAULT NULL::integer, max_tickets_per_student integer DEFAULT NULL::integer, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT NULL::integer, hold_minutes integer DEFAULT NULL::integer, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, clear text[] DEFAULT NULL::text[], club_id integer DEFAULT NULL::integer, release_mode app_public.release_mode DEFAULT NULL::app_public.release_mode, queue_opens_at timestamp with time zone DEFAULT NULL::timestamp with time zone, admission_minutes integer DEFAULT NULL::integer, lottery_closes_at timestamp with time zone DEFAULT NULL::timestamp with time zone, offer_minutes integer DEFAULT NULL::integer)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
  v_field text;
begin
  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  -- Rights in the event's club, and to move it, in the club it moves to (none: admins only).
  perform app_private.require_event_right(v_event.club_id);
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED:edit');
  end if;
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end', 'club_id', 'queue_opens_at',
                                          'lottery_closes_at') then
      perform app_private.fail('INVALID_INPUT:clear', 'clear', coalesce(v_field, 'null'));
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) or (v_field = 'club_id' and club_id is not null)
       or (v_field = 'queue_opens_at' and queue_opens_at is not null)
       or (v_field = 'lottery_closes_at' and lottery_closes_at is not null) then
      perform app_private.fail('INVALID_INPUT:set_and_cleared', v_field, v_field);
    end if;
  end loop;
  if 'club_id' = any (clear) or (club_id is not null and club_id is distinct from v_event.club_id) then
    perform app_private.require_event_right(case when 'club_id' = any (clear) then null else club_id end);
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(
    coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end);
  perform app_private.check_release_fields(v_event, coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end,
    coalesce(release_mode, v_event.release_mode),
    case when 'queue_opens_at' = any (clear) then null else coalesce(queue_opens_at, v_event.queue_opens_at) end,
    coalesce(admission_minutes, v_event.admission_minutes),
    case when 'lottery_closes_at' = any (clear) then null else coalesce(lottery_closes_at, v_event.lottery_closes_at) end,
    coalesce(offer_minutes, v_event.offer_minutes));

  update app_public.events e set
    name = coalesce(update_event.name, e.name),
    description = coalesce(update_event.description, e.description),
    venue = coalesce(update_event.venue, e.venue),
    starts_at = coalesce(update_event.starts_at, e.starts_at),
    total_tickets = coalesce(update_event.total_tickets, e.total_tickets),
    max_tickets_per_student = coalesce(update_event.max_tickets_per_student, e.max_tickets_per_student),
    category_id = case when 'category_id' = any (clear) then null else coalesce(update_event.category_id, e.category_id) end,
    price_cents = coalesce(update_event.price_cents, e.price_cents),
    hold_minutes = coalesce(update_event.hold_minutes, e.hold_minutes),
    sales_start = case when 'sales_start' = any (clear) then null else coalesce(update_event.sales_start, e.sales_start) end,
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end,
    club_id = case when 'club_id' = any (clear) then null else coalesce(update_event.club_id, e.club_id) end,
    release_mode = coalesce(update_event.release_mode, e.release_mode),
    queue_opens_at = case when 'queue_opens_at' = any (clear) then null
                          else coalesce(update_event.queue_opens_at, e.queue_opens_at) end,
    admission_minutes = coalesce(update_event.admission_minutes, e.admission_minutes),
    lottery_closes_at = case when 'lottery_closes_at' = any (clear) then null
                             else coalesce(update_event.lottery_closes_at, e.lottery_closes_at) end,
    offer_minutes = coalesce(update_event.offer_minutes, e.offer_minutes)
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.allocate_seats(event_id integer, requests json, keys json)
 RETURNS TABLE(ticket app_public.tickets, error text, replayed boolean)
 LANGUAGE plpgsql
AS $function$
declare
  v_event app_public.events;
  v_window_error text;          -- cancelled / started / closed / not open, for the whole batch
  v_remaining int;
  v_held jsonb;                 -- user id → live tickets for this event
  v_request record;
  v_user int;
  v_key text;
  v_code text;
  v_outbox bigint[] := '{}';
  v_first_hold app_public.tickets;
  v_held_at_start jsonb;        -- v_held before this batch
  v_emails jsonb;               -- user id → confirmation emails allowed before this batch (null: no limit)
  v_unverified int[];           -- students who must verify their email first
  v_admitted int[];             -- queue events: students of the batch admitted to book now
  v_queue_booked jsonb := '{}'; -- queue events: user id → the ticket their admission became
begin
  -- The row lock keeps an admin's edit of total_tickets out until we commit.
  select * into v_event from app_public.events e where e.id = allocate_seats.event_id for update;
  v_remaining := v_event.tickets_remaining;
  v_window_error := app_private.sales_state_error(app_private.sales_window_state(v_event));
  select coalesce(jsonb_object_agg(l.user_id::text, l.live), '{}') into v_held
  from app_private.live_tickets_per_student(allocate_seats.event_id,
    array(select (r->>'user_id')::int from json_array_elements(requests) r)) l;
  v_held_at_start := v_held;
  select coalesce(jsonb_object_agg(l.user_id::text, l.emails_left), '{}') into v_emails
  from app_private.booking_emails_left(allocate_seats.event_id,
    array(select distinct (r->>'user_id')::int from json_array_elements(requests) r where r->>'user_id' is not null)) l;

  v_unverified := app_private.unverified_students(array(select (r->>'user_id')::int from json_array_elements(requests) r));
  if v_event.release_mode <> 'first_come' then
    v_admitted := app_private.admitted_students(allocate_seats.event_id,
      array(select (r->>'user_id')::int from json_array_elements(requests) r));
  end if;

  for v_request in
    select r->>'role' as role, (r->>'user_id')::int as user_id, k as raw_key
    from json_array_elements(requests) with ordinality as x(r, n)
    left join json_array_elements(keys) with ordinality as y(k, m) on m = n
    order by n
  loop
    v_user := v_request.user_id;
    ticket := null; error := null; replayed := false; v_key := null;

    if v_request.role is distinct from 'student' or v_user is null then
      error := 'FORBIDDEN:booking';
    elsif not app_private.idempotency_key_is_valid(v_request.raw_key) then
      error := 'INVALID_INPUT:idempotency_key';
    else
      v_key := v_request.raw_key #>> '{}';
      if v_key is not null then
        select * into ticket from app_public.tickets t
        where t.event_id = allocate_seats.event_id and t.user_id = v_user and t.idempotency_key = v_key;
        replayed := ticket.id is not null;
      end if;
      if not replayed then
        if v_event.id is null then
          error := 'NOT_FOUND:event';
        elsif v_window_error is not null then
          error := v_window_error;
        elsif v_remaining = 0 then
          error := 'SOLD_OUT';
        elsif v_user = any(v_unverified) then
          -- After the event-wide refusals, which the fast path answers without knowing the student.
          error := 'EMAIL_NOT_VERIFIED';
        elsif coalesce((v_held->>v_user::text)::int, 0) >= v_event.max_tickets_per_student then
          error := 'LIMIT_REACHED';
        elsif v_event.release_mode <> 'first_come' and not (v_user = any(v_admitted)) then
          -- One booking per admission; a lottery's seats go through claim_lottery_win only.
          error := 'NOT_YOUR_TURN';
        elsif v_event.price_cents > 0 and current_setting('ticketing.payments', true) = 'off' then
          -- The server has no payment provider: a hold could never be paid.
          error := 'PAYMENTS_UNAVAILABLE';
        elsif v_event.price_cents > 0 then
          -- Paid: the seat is held until payment arrives or the hold expires.
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, price_cents, hold_expires_at)
          values (v_event.id, v_user, v_key, 'pending', v_event.price_cents,
                  now() + make_interval(mins => v_event.hold_minutes))
          returning * into ticket;
          v_first_hold := coalesce(v_first_hold, ticket);
        else
          v_code := app_private.new_check_in_code();
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code, confirmed_at)
          values (v_event.id, v_user, v_key, 'confirmed', v_code, now())
          returning * into ticket;
          -- Less the confirmations this batch gave the student already (tickets it booked them).
          if coalesce((v_emails->>v_user::text)::int
                      - (coalesce((v_held->>v_user::text)::int, 0) - coalesce((v_held_at_start->>v_user::text)::int, 0)) > 0,
                      true) then
            v_outbox := v_outbox || app_private.add_to_outbox('booking_confirmed', v_user, 'booking_confirmed:' || ticket.id,
              format('Your ticket for %s', v_event.name),
              format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
                     to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_code));
          end if;
        end if;
        if error is null then
          if v_event.release_mode <> 'first_come' then
            v_admitted := array_remove(v_admitted, v_user);
            v_queue_booked := v_queue_booked || jsonb_build_object(v_user::text, ticket.id);
          end if;
          v_remaining := v_remaining - 1;
          v_held := jsonb_set(v_held, array[v_user::text], to_jsonb(coalesce((v_held->>v_user::text)::int, 0) + 1));
        end if;
      end if;
    end if;
    return next;
  end loop;

  if v_queue_booked <> '{}' then
    -- Before the seat count moves: the admissions are bookings now (release.sql follows the count).
    perform app_private.queue_booked(allocate_seats.event_id, v_queue_booked);
  end if;
  if v_remaining is distinct from v_event.tickets_remaining then
    -- The CHECK constraint (0 <= tickets_remaining) is still the last line of defence.
    update app_public.events e set tickets_remaining = v_remaining where e.id = v_event.id;
  end if;
  if cardinality(v_outbox) > 0 then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', v_outbox));
  end if;
  if v_first_hold.id is not null then
    -- Every hold of this batch expires at the same moment: one job releases them.
    perform graphile_worker.add_job('expire_holds', run_at := v_first_hold.hold_expires_at,
                                    job_key := 'expire_holds:' || v_first_hold.id);
  end if;
end $function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('EVENT_CANCELLED:edit'::text,409,'This event was cancelled; it can no longer be changed.'::text), ('FORBIDDEN:cancel_event'::text,403,'Only the owners and managers of the club running this event (and admins) can cancel it.'::text), ('ALREADY_CANCELLED:event'::text,409,'This event was already cancelled at %s.'::text), ('EVENT_STARTED:cancel_event'::text,409,'This event has already started; it can no longer be cancelled.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_CANCELLED'::text,409,'This event was cancelled; it takes no bookings.'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_YOUR_TURN'::text,409,'This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted.'::text), ('INVALID_INPUT:queue_sales_start'::text,400,'A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin.'::text), ('INVALID_INPUT:queue_opens_at'::text,400,'queue_opens_at must be before sales_start.'::text), ('INVALID_INPUT:lottery_closes_at_required'::text,400,'A lottery event needs lottery_closes_at: when entries close and the draw runs.'::text), ('INVALID_INPUT:lottery_closes_at'::text,400,'lottery_closes_at must be before sales_end (or, without sales_end, before the event starts).'::text), ('RELEASE_STARTED'::text,409,'Students have already joined this event''s queue or lottery: its release mode and its moment of shuffle or draw are fixed.'::text), ('WRONG_RELEASE_MODE:first_come'::text,409,'This event is first come, first served: book it directly (it has no %s).'::text), ('WRONG_RELEASE_MODE:queue'::text,409,'This event releases its seats through a waiting room: join its queue (it has no %s).'::text), ('WRONG_RELEASE_MODE:lottery'::text,409,'This event releases its seats by lottery: enter it (it has no %s).'::text), ('FORBIDDEN:queue'::text,403,'Only students can join a queue.'::text), ('FORBIDDEN:lottery'::text,403,'Only students can enter a lottery.'::text), ('FORBIDDEN:claim'::text,403,'Only students can claim a lottery win.'::text), ('FORBIDDEN:release'::text,403,'Only admins and the event''s organisers can see its queue and draws.'::text), ('QUEUE_NOT_OPEN'::text,409,'The queue opens at %s.'::text), ('NOT_FOUND:queue_entry'::text,404,'You are not in this event''s queue.'::text), ('NOT_FOUND:lottery_entry'::text,404,'You have not entered this event''s lottery.'::text), ('NOT_DRAWN:queue'::text,404,'The queue is shuffled at sales_start.'::text), ('NOT_DRAWN:lottery'::text,404,'The lottery is drawn when entries close.'::text), ('LOTTERY_CLOSED'::text,409,'Entries for this lottery closed at %s.'::text), ('OFFER_EXPIRED'::text,409,'Your win had to be claimed by %s; the seat has passed on.'::text), ('NO_WIN'::text,409,'The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order.'::text), ('NO_WIN:not_drawn'::text,409,'The draw has not run yet: it runs when entries close.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);



  create policy "lottery_entries_admin"
  on "app_public"."lottery_entries"
  as permissive
  for select
  to ticketing_admin
using ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));



  create policy "lottery_entries_own"
  on "app_public"."lottery_entries"
  as permissive
  for select
  to ticketing_student
using ((user_id = app_public.current_user_id()));



  create policy "queue_entries_admin"
  on "app_public"."queue_entries"
  as permissive
  for select
  to ticketing_admin
using ((( SELECT app_public.current_app_role() AS current_app_role) = 'admin'::text));



  create policy "queue_entries_own"
  on "app_public"."queue_entries"
  as permissive
  for select
  to ticketing_student
using ((user_id = app_public.current_user_id()));


CREATE TRIGGER _950_schedule_release_insert AFTER INSERT ON app_public.events FOR EACH ROW WHEN ((new.release_mode <> 'first_come'::app_public.release_mode)) EXECUTE FUNCTION app_private.events_schedule_release();

CREATE TRIGGER _950_schedule_release_update AFTER UPDATE OF release_mode, sales_start, lottery_closes_at ON app_public.events FOR EACH ROW WHEN (((old.release_mode IS DISTINCT FROM new.release_mode) OR (old.sales_start IS DISTINCT FROM new.sales_start) OR (old.lottery_closes_at IS DISTINCT FROM new.lottery_closes_at))) EXECUTE FUNCTION app_private.events_schedule_release();

CREATE TRIGGER _960_follow_release AFTER UPDATE OF tickets_remaining, total_tickets, availability_version ON app_public.events FOR EACH ROW WHEN ((new.release_mode <> 'first_come'::app_public.release_mode)) EXECUTE FUNCTION app_private.events_follow_release();

CREATE TRIGGER _900_notify AFTER UPDATE ON app_public.queue_entries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app_private.queue_entries_notify();

comment on column app_public.events.admission_minutes is 'Queue: how long an admitted student may book (minutes).';
grant insert (admission_minutes) on table app_public.events to ticketing_admin;
grant update (admission_minutes) on table app_public.events to ticketing_admin;
comment on column app_public.events.lottery_closes_at is 'Lottery: entries close and the draw runs.';
grant insert (lottery_closes_at) on table app_public.events to ticketing_admin;
grant update (lottery_closes_at) on table app_public.events to ticketing_admin;
comment on column app_public.events.offer_minutes is 'Lottery: how long a winner has to claim (minutes).';
grant insert (offer_minutes) on table app_public.events to ticketing_admin;
grant update (offer_minutes) on table app_public.events to ticketing_admin;
comment on column app_public.events.queue_opens_at is 'Queue: when students may start joining (null: as soon as the event exists).';
grant insert (queue_opens_at) on table app_public.events to ticketing_admin;
grant update (queue_opens_at) on table app_public.events to ticketing_admin;
comment on column app_public.events.release_mode is 'first_come (default) · queue (a waiting room) · lottery (a draw).';
grant insert (release_mode) on table app_public.events to ticketing_admin;
grant update (release_mode) on table app_public.events to ticketing_admin;
comment on column app_public.lottery_entries.draw_rank is 'Your place in the draw''s order (1 = first); null before the draw.';
comment on column app_public.queue_entries.admitted_until is 'Admitted: book before this moment, or the seat passes to the next in line.';
comment on column app_public.queue_entries.place is '@behavior -*';
grant execute on function app_hidden.may_manage_release(integer) to ticketing_student;
grant execute on function app_hidden.queue_entries_of(integer,integer[]) to ticketing_booker;
comment on function app_public.claim_lottery_win(integer) is 'Take the seat the lottery gave you, before offer_expires_at (free: confirmed; paid: a hold to pay).';
grant execute on function app_public.claim_lottery_win(integer) to ticketing_student;
comment on function app_public.create_event(text,text,timestamp with time zone,integer,text,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,integer,app_public.release_mode,timestamp with time zone,integer,timestamp with time zone,integer) is '@resultFieldName event
Create an event (admins; for a club: its owners and managers). Defaults: description empty, 1 ticket per student, no category, free, 10-minute holds, on sale from now until it starts, first come first served.';
grant execute on function app_public.create_event(text,text,timestamp with time zone,integer,text,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,integer,app_public.release_mode,timestamp with time zone,integer,timestamp with time zone,integer) to ticketing_student;
comment on function app_public.enter_lottery(integer) is 'Enter an event''s lottery (verified students, before lottery_closes_at). Entering again answers the same entry.';
grant execute on function app_public.enter_lottery(integer) to ticketing_student;
comment on function app_public.events_lottery_draw(app_public.events) is 'The lottery''s draw: seed (hex), algorithm, the entry ids in arrival order, the order, the winners at the draw, its sha256 (admins and organisers).';
grant execute on function app_public.events_lottery_draw(app_public.events) to ticketing_anonymous;
comment on function app_public.events_queue_draw(app_public.events) is 'The queue''s shuffle at sales_start: seed (hex), algorithm, the entry ids in arrival order, the order, its sha256 (admins and organisers).';
grant execute on function app_public.events_queue_draw(app_public.events) to ticketing_anonymous;
comment on function app_public.events_queue_stats(app_public.events) is 'The waiting room in figures (admins and the event''s organisers; null for anyone else and for other release modes).';
grant execute on function app_public.events_queue_stats(app_public.events) to ticketing_anonymous;
comment on function app_public.join_queue(integer) is 'Join an event''s waiting room (verified students). Joining again answers the same entry: a refresh never loses a place.';
grant execute on function app_public.join_queue(integer) to ticketing_student;
grant execute on function app_public.leave_queue(integer) to ticketing_student;
comment on function app_public.my_lottery_entry(integer) is 'Your entry in this event''s lottery, if you entered.';
grant execute on function app_public.my_lottery_entry(integer) to ticketing_student;
comment on function app_public.my_queue_entry(integer) is 'Your entry in this event''s queue, if you joined.';
grant execute on function app_public.my_queue_entry(integer) to ticketing_student;
comment on function app_public.queue_entries_position(app_public.queue_entries) is 'Your place in line (1 = next to be admitted) once the queue is shuffled at sales_start; null before, and once no longer waiting.';
grant execute on function app_public.queue_entries_position(app_public.queue_entries) to ticketing_student;
comment on function app_public.update_event(integer,text,text,text,timestamp with time zone,integer,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,text[],integer,app_public.release_mode,timestamp with time zone,integer,timestamp with time zone,integer) is '@resultFieldName event
Change an event (admins; a club''s event: its owners and managers; moving it to another club needs rights in both); a cancelled event cannot be changed (EVENT_CANCELLED). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end, club_id, queue_opens_at, lottery_closes_at).';
grant execute on function app_public.update_event(integer,text,text,text,timestamp with time zone,integer,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,text[],integer,app_public.release_mode,timestamp with time zone,integer,timestamp with time zone,integer) to ticketing_student;
comment on table app_public.lottery_entries is '@behavior -insert -update -delete
A student''s entry in an event''s lottery.';
grant select on table app_public.lottery_entries to ticketing_student;
comment on table app_public.queue_entries is '@behavior -insert -update -delete
A student''s place in an event''s waiting room.';
grant select on table app_public.queue_entries to ticketing_student;
comment on type app_public.lottery_entry_state is 'entered (before the draw) · won (claim before offer_expires_at) · lost (waiting in draw order for a win passed on) · claimed · expired';
comment on type app_public.queue_entry_state is 'waiting (in line) · admitted (may book until admitted_until) · booked · lapsed (admission unused) · closed (sold out or sales over) · left';
comment on type app_public.release_mode is 'first_come: the first bookings win · queue: a waiting room shuffled at sales_start, admitted in turn · lottery: a draw at lottery_closes_at.';

--! split: 200-data.sql
-- Fair release: the per-address limit on queue joins and lottery entries (a seed row of throttling's rules).
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('release_joins_per_address', 2000, '10 minutes', 'Queue joins and lottery entries from one client address');

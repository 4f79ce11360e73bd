--! Previous: sha1:87e3675513a55f146bc32ecd83ac63b5df877cec
--! Hash: sha1:302a07b7b57a3f222408b298665db2443173ae4d
--! Message: Queue and lottery joins per address counted over 32 counters, 10,000 per 10 minutes; check-in asks the door's right again under the ticket's lock

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

alter table "app_private"."throttle_counters" drop constraint "throttle_counters_pkey";

drop index if exists "app_private"."throttle_counters_pkey";

alter table "app_private"."throttle_counters" add column "shard" integer not null default 0;

alter table "app_private"."throttle_rules" add column "shards" integer not null default 1;

CREATE UNIQUE INDEX throttle_counters_pkey ON app_private.throttle_counters USING btree (rule, subject, shard);

alter table "app_private"."throttle_counters" add constraint "throttle_counters_pkey" PRIMARY KEY using index "throttle_counters_pkey";

alter table "app_private"."throttle_rules" add constraint "throttle_rules_shards_check" CHECK (((shards >= 1) AND (shards <= 64))) not valid;

alter table "app_private"."throttle_rules" validate constraint "throttle_rules_shards_check";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_private.count_spread_hit(rule text, subject text, message text)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
declare
  v_rule app_private.throttle_rules;
  v_counter app_private.throttle_counters;
  v_shard int;
begin
  select * into v_rule from app_private.throttle_rules r where r.rule = count_spread_hit.rule;
  if (select count(*) from app_private.throttle_counters c
      where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards) < v_rule.shards then
    insert into app_private.throttle_counters (rule, subject, shard, window_started_at, hits)
    select v_rule.rule, count_spread_hit.subject, s, now(), 0 from generate_series(0, v_rule.shards - 1) s
    on conflict (rule, subject, shard) do nothing;
  end if;
  loop
    -- A counter with room (or whose window is over) that nobody holds.
    select * into v_counter from app_private.throttle_counters c
    where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards
      and (c.window_started_at <= now() - v_rule.per
           or c.hits < v_rule.max_hits / v_rule.shards + (c.shard < v_rule.max_hits % v_rule.shards)::int)
    order by random() limit 1
    for update skip locked;
    exit when found;
    -- Else one with room that a transaction in flight holds, if any: every counter full refuses.
    select c.shard into v_shard from app_private.throttle_counters c
    where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards
      and (c.window_started_at <= now() - v_rule.per
           or c.hits < v_rule.max_hits / v_rule.shards + (c.shard < v_rule.max_hits % v_rule.shards)::int)
    order by random() limit 1;
    if not found then
      -- The first counter to open a new window says when to try again.
      perform app_private.fail_throttled(message, (
        select min(c.window_started_at) + v_rule.per from app_private.throttle_counters c
        where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard < v_rule.shards));
    end if;
    -- Wait for it, in a subtransaction: if its holder filled it, our lock on it goes
    -- with the subtransaction, so a waiting hit never holds a counter another waits for.
    begin
      select * into strict v_counter from app_private.throttle_counters c
      where c.rule = v_rule.rule and c.subject = count_spread_hit.subject and c.shard = v_shard
        and (c.window_started_at <= now() - v_rule.per
             or c.hits < v_rule.max_hits / v_rule.shards + (c.shard < v_rule.max_hits % v_rule.shards)::int)
      for update;
      exit;
    exception when no_data_found then
      null; -- filled meanwhile: look again
    end;
  end loop;
  update app_private.throttle_counters c set
    window_started_at = case when c.window_started_at <= now() - v_rule.per then now() else c.window_started_at end,
    hits = case when c.window_started_at <= now() - v_rule.per then 1 else c.hits + 1 end
  where c.rule = v_counter.rule and c.subject = v_counter.subject and c.shard = v_counter.shard;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.take_hit(rule text, subject text)
 RETURNS app_private.throttle_counters
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
declare
  v_per interval := (select r.per from app_private.throttle_rules r where r.rule = take_hit.rule);
  v_counter app_private.throttle_counters;
begin
  insert into app_private.throttle_counters as c (rule, subject, window_started_at, hits)
  values (take_hit.rule, take_hit.subject, now(), 1)
  on conflict (rule, subject, shard) do update set
    window_started_at = case when c.window_started_at <= now() - v_per then now() else c.window_started_at end,
    hits = case when c.window_started_at <= now() - v_per then 1 else c.hits + 1 end
  returning * into v_counter;
  return v_counter;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.throttled_until(rule text, subject text)
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE
AS $function$
  select c.window_started_at + r.per
  from app_private.throttle_counters c join app_private.throttle_rules r on r.rule = c.rule
  where c.rule = throttled_until.rule and c.subject = throttled_until.subject and c.shard = 0
    and c.window_started_at > now() - r.per and c.hits >= r.max_hits
$function$
;

CREATE OR REPLACE FUNCTION app_public.check_in(code text, event_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_ticket app_public.tickets;
  v_event_name text;
begin
  if check_in.event_id is null then
    perform app_private.fail('INVALID_INPUT:event_id', 'event_id');
  end if;
  -- Before the code is looked at: someone who may not admit to this event learns nothing about it.
  if not app_hidden.may_on_event('check_in', check_in.event_id) then
    perform app_private.fail('FORBIDDEN:check_in');
  end if;
  select * into v_ticket from app_public.tickets t where t.check_in_code = upper(btrim(check_in.code)) for update;
  -- Rights re-checked under lock: the wait for the ticket (another desk scanning
  -- it) may outlast the caller's membership; a volunteer removed meanwhile admits nobody.
  if not app_hidden.may_on_event('check_in', check_in.event_id) then
    perform app_private.fail('FORBIDDEN:check_in');
  end if;
  if v_ticket.id is null then
    perform app_private.fail('NOT_FOUND:check_in_code');
  end if;
  -- Before any other answer: a ticket for another event is never used up here.
  if v_ticket.event_id <> check_in.event_id then
    select e.name into v_event_name from app_public.events e where e.id = v_ticket.event_id;
    perform app_private.fail('WRONG_EVENT', null, v_event_name);
  end if;
  if v_ticket.status <> 'confirmed' then
    perform app_private.fail('TICKET_NOT_VALID', null, v_ticket.status::text);
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('ALREADY_CHECKED_IN', null,
      to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  update app_public.tickets t set checked_in_at = now() where t.id = v_ticket.id returning * into v_ticket;
  -- For tickets_holder_name, read from this answer in the same statement (see there).
  perform set_config('ticketing.admitted_ticket', v_ticket.id::text, true);
  return v_ticket;
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
    perform app_private.count_spread_hit('release_joins_per_address', app_private.client_address(),
      'Too many students entered lotteries from your network address');
  end if;
  insert into app_public.lottery_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $function$
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
end $function$
;

--! split: 200-data.sql
-- The per-address joins rule (release.sql): 32 counters, and 10,000 per 10 minutes where it is still the old 2,000.
update app_private.throttle_rules set shards = 32 where rule = 'release_joins_per_address';
update app_private.throttle_rules set max_hits = 10000 where rule = 'release_joins_per_address' and max_hits = 2000;

--------------------------------------------------------------------------------
-- Throttling: sign-in and signup attempts per email and per client address.
--
-- Fixed windows per (rule, subject), counted with one atomic upsert each, so
-- concurrent attempts can never count past the limit, and every instance shares
-- the count; a rule many requests of one subject hit at once is counted over
-- several counters instead (count_spread_hit), as exactly. The limits are rows a
-- DBA can change (the server also sets them from its environment at start:
-- src/db/throttle-rules.ts). Used by auth.sql, identity.sql, queue.sql, lottery.sql.
--------------------------------------------------------------------------------

create table app_private.throttle_rules (
  rule      text primary key,
  max_hits  int not null check (max_hits > 0),
  per       interval not null check (per > interval '0'),
  what      text not null,
  -- How many counters share the rule's limit per subject (count_spread_hit): more
  -- than one for a subject that many requests hit at once (a campus's one address).
  shards    int not null default 1 check (shards between 1 and 64)
);
alter table app_private.throttle_rules enable row level security;
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  -- Per email *and* address: a stranger elsewhere cannot lock a student out by
  -- guessing wrong on purpose; the per-email total below still bounds guessing
  -- spread over many addresses.
  ('sign_in_failures_per_email', 10, '15 minutes', 'Failed sign-ins for one email from one client address'),
  ('sign_in_failures_per_email_any_address', 100, '15 minutes', 'Failed sign-ins for one email from all addresses together'),
  -- Generous per address: a campus behind one NAT address shares these.
  ('sign_in_failures_per_address', 300, '15 minutes', 'Failed sign-ins from one client address'),
  -- Every attempt counts, refused ones too (auth.sql: count_signup_attempt).
  ('signups_per_address', 300, '1 hour', 'Signup attempts from one client address (refused ones too)'),
  -- Not an attempt limit: confirmation emails per student and event, counted from
  -- the tickets confirmed within `per` (tickets.sql: booking_emails_left).
  ('booking_confirmation_emails', 1, '1 hour',
   'Booking confirmation emails per student and event (counted from tickets confirmed within the window)'),
  -- Emailed links (identity.sql).
  ('verification_emails_per_user', 5, '1 hour', 'Verification emails one account may ask for'),
  ('account_closure_emails_per_user', 5, '1 hour', 'Links to close an account without a password that one account may ask for'),
  ('password_resets_per_email', 5, '1 hour', 'Password reset emails asked for one address'),
  ('password_resets_per_address', 100, '1 hour', 'Password reset emails asked for from one client address');

create table app_private.throttle_counters (
  rule              text not null references app_private.throttle_rules on delete cascade,
  subject           text not null,
  window_started_at timestamptz not null,
  hits              int not null,
  -- 0, or which of the rule's counters for this subject (count_spread_hit).
  shard             int not null default 0,
  primary key (rule, subject, shard)
);
alter table app_private.throttle_counters enable row level security;

-- TOO_MANY_ATTEMPTS: the message says until when; the wait in seconds (HINT 'retry_after=N', read by src/errors.ts for Retry-After).
create function app_private.fail_throttled(message text, retry_at timestamptz) returns void
language plpgsql volatile as $$
begin
  raise exception using errcode = 'TK429', detail = 'TOO_MANY_ATTEMPTS',
    message = format('%s; try again after %s.', message, to_char(retry_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    -- clock_timestamp, not now(): a window opened by a transaction that started after ours must not look longer than it is.
    hint = 'retry_after=' || greatest(1, ceil(extract(epoch from retry_at - clock_timestamp())))::int;
end $$;

-- When the window of (rule, subject) is full: the moment it ends. Null otherwise.
create function app_private.throttled_until(rule text, subject text) returns timestamptz
language sql stable as $$
  select c.window_started_at + r.per
  from app_private.throttle_counters c join app_private.throttle_rules r on r.rule = c.rule
  where c.rule = throttled_until.rule and c.subject = throttled_until.subject and c.shard = 0
    and c.window_started_at > now() - r.per and c.hits >= r.max_hits
$$;

-- Count one hit and return the counter (a new window when the last one is over).
create function app_private.take_hit(rule text, subject text) returns app_private.throttle_counters
language plpgsql volatile as $$
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
end $$;

-- Count one hit. Over the limit: TOO_MANY_ATTEMPTS, which rolls this hit back
-- along with the caller's work. The row lock serialises concurrent hits.
create function app_private.count_hit(rule text, subject text, message text) returns void
language plpgsql volatile as $$
declare
  v_counter app_private.throttle_counters := app_private.take_hit(rule, subject);
  v_rule app_private.throttle_rules;
begin
  select * into v_rule from app_private.throttle_rules r where r.rule = count_hit.rule;
  if v_counter.hits > v_rule.max_hits then
    perform app_private.fail_throttled(message, v_counter.window_started_at + v_rule.per);
  end if;
end $$;

-- Count one hit against a limit that many requests of one subject reach at once
-- (joins from a campus behind one NAT address). count_hit's one row per subject
-- would be locked by each request until it commits, so they would take turns.
-- Here the limit is split over the rule's `shards` counters (shard s may count
-- max_hits / shards, one more for the first max_hits % shards), and a hit takes
-- any counter with room that no other transaction holds (skip locked); only when
-- every counter with room is held does it wait for one. The counters' quotas add
-- up to max_hits, so no more hits than that ever count (each counter is counted
-- under its row lock), and a hit is refused only when every counter is full: the
-- bound is as exact and as shared by instances as count_hit's. Each counter opens
-- a new window when its own is over, as count_hit's one counter does. The first
-- hit of a subject (or after pruning) makes its counters, which the hits racing
-- it wait for once.
create function app_private.count_spread_hit(rule text, subject text, message text) returns void
language plpgsql volatile as $$
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
end $$;

create function app_private.refuse_if_throttled(rule text, subject text, message text) returns void
language plpgsql volatile as $$
declare
  v_until timestamptz := app_private.throttled_until(rule, subject);
begin
  if v_until is not null then
    perform app_private.fail_throttled(message, v_until);
  end if;
end $$;

-- Every email anyone guessed (and every address) leaves a counter row: the
-- worker deletes the ones whose window is over (prune_throttle_counters, every
-- 10 minutes); a counter in its window is never touched.
create function app_private.prune_throttle_counters() returns int
language sql volatile as $$
  with gone as (
    delete from app_private.throttle_counters c using app_private.throttle_rules r
    where r.rule = c.rule and c.window_started_at <= now() - r.per
    returning 1
  )
  select count(*)::int from gone
$$;

--------------------------------------------------------------------------------
-- The lottery of a lottery event (release.sql says how it fits together).
--
-- Verified students enter until lottery_closes_at; then the release_draw job
-- puts every entry in one random order (release_shuffle, seed recorded). The
-- first seats' worth win an offer they may claim until offer_expires_at (free:
-- a confirmed ticket; paid: the usual hold); the rest are told they lost and
-- wait in that order. A win that is not claimed in time, or a seat that comes
-- back, is offered to the next in order. Every booking rule still applies at
-- the claim (started, window, per-student limit, payments).
--------------------------------------------------------------------------------

create type app_public.lottery_entry_state as enum ('entered', 'won', 'lost', 'claimed', 'expired');
comment on type app_public.lottery_entry_state is
  'entered (before the draw) · won (claim before offer_expires_at) · lost (waiting in draw order for a win passed on) · claimed · expired';

create table app_public.lottery_entries (
  id               int generated always as identity primary key,
  event_id         int not null references app_public.events on delete cascade,
  user_id          int not null references app_public.users on delete cascade,
  state            app_public.lottery_entry_state not null default 'entered',
  draw_rank        int,
  entered_at       timestamptz not null default now(),
  offer_expires_at timestamptz,
  ticket_id        int references app_public.tickets on delete set null,
  updated_at       timestamptz not null default now(),
  constraint lottery_entries_event_user_key unique (event_id, user_id),
  constraint lottery_entries_offer_expires_at_valid check ((state = 'won') <= (offer_expires_at is not null))
);
comment on table app_public.lottery_entries is E'@behavior -insert -update -delete\nA student''s entry in an event''s lottery.';
comment on column app_public.lottery_entries.draw_rank is 'Your place in the draw''s order (1 = first); null before the draw.';
create index lottery_entries_order_idx on app_public.lottery_entries (event_id, draw_rank) where state = 'lost';
create index lottery_entries_user_idx on app_public.lottery_entries (user_id);

alter table app_public.lottery_entries enable row level security;
grant select on app_public.lottery_entries to ticketing_student;
create policy lottery_entries_own on app_public.lottery_entries for select to ticketing_student
  using (user_id = app_public.current_user_id());
create policy lottery_entries_admin on app_public.lottery_entries for select to ticketing_admin
  using ((select app_public.current_app_role()) = 'admin');

-- Offer seats to the next in draw order: `ids` are entries that now win.
create function app_private.lottery_offer(event app_public.events, ids int[]) returns bigint[]
language plpgsql volatile as $$
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
end $$;

-- Emails in jobs of at most 500 messages each.
create function app_private.send_outbox(ids bigint[]) returns void
language plpgsql volatile as $$
declare
  v_from int := 1;
begin
  while v_from <= coalesce(cardinality(ids), 0) loop
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', ids[v_from:v_from + 499]));
    v_from := v_from + 500;
  end loop;
end $$;

-- Right after the draw (release_draw holds the locks): ranks, winners, and a
-- message to every entrant.
create function app_private.lottery_settle(event app_public.events) returns void
language plpgsql volatile as $$
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
end $$;

-- Under the event's row lock: wins not claimed in time expire, and seats neither
-- taken nor promised go to the next in draw order (while sales are open).
create function app_private.lottery_advance(event_id int) returns void
language plpgsql volatile as $$
declare
  v_event app_public.events;
  v_free int;
  v_outbox bigint[];
begin
  select * into v_event from app_public.events e where e.id = lottery_advance.event_id for update;
  -- A cancelled event's wins are not claimable (EVENT_CANCELLED) and its entrants were told why
  -- (cancellation.sql): nothing lapses or passes on any more, and nobody is told they missed a seat.
  if v_event.release_mode is distinct from 'lottery' or v_event.status = 'cancelled'
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
end $$;

create function app_public.enter_lottery(event_id int) returns app_public.lottery_entries
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.enter_lottery(integer) is
  'Enter an event''s lottery (verified students, before lottery_closes_at). Entering again answers the same entry.';
grant execute on function app_public.enter_lottery(integer) to ticketing_student;

create function app_public.my_lottery_entry(event_id int) returns app_public.lottery_entries
language sql stable as $$
  select * from app_public.lottery_entries l
  where l.event_id = my_lottery_entry.event_id and l.user_id = app_public.current_user_id()
$$;
comment on function app_public.my_lottery_entry(integer) is 'Your entry in this event''s lottery, if you entered.';
grant execute on function app_public.my_lottery_entry(integer) to ticketing_student;

-- A winner takes the seat: free, a confirmed ticket; paid, the usual hold. Claiming
-- again answers the same ticket.
create function app_public.claim_lottery_win(event_id int) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
  -- A cancelled event says so before anything about the entry: its draw never runs and its
  -- wins stay as they were (lottery_advance), so "not drawn yet" or "offer expired" would mislead.
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED');
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
             to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_ticket.check_in_code),
      v_event.id);
  end if;
  -- The promise becomes a taken seat: the entry first, so the seat count that follows adds up.
  update app_public.lottery_entries l set state = 'claimed', ticket_id = v_ticket.id, updated_at = now() where l.id = v_entry.id;
  update app_public.events e set tickets_remaining = e.tickets_remaining - 1 where e.id = v_event.id;
  return v_ticket;
end $$;
comment on function app_public.claim_lottery_win(integer) is
  'Take the seat the lottery gave you, before offer_expires_at (free: confirmed; paid: a hold to pay).';
grant execute on function app_public.claim_lottery_win(integer) to ticketing_student;

create function app_public.events_lottery_draw(e app_public.events) returns app_public.release_draw
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select * from app_private.release_draw_of(e, 'lottery')
$$;
comment on function app_public.events_lottery_draw(app_public.events) is
  'The lottery''s draw: seed (hex), algorithm, the entry ids in arrival order, the order, the winners at the draw, its sha256 (admins and organisers).';
grant execute on function app_public.events_lottery_draw(app_public.events) to ticketing_anonymous;

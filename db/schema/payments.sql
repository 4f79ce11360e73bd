--------------------------------------------------------------------------------
-- Payments: every intent is a row, every refund is a row, and the provider is
-- asked for each refund by the worker (src/worker/tasks.ts, src/payments/).
--
-- Payment:  created ──webhook──▶ succeeded ──refund done──▶ refunded
--              └──hold over, never paid──▶ pruned (cancelled at the provider, deleted)
-- Refund:   requested ──provider says yes──▶ succeeded
--                     └──provider says no / out of attempts──▶ failed
-- One refund per payment (unique intent_id) with one idempotency key, given to
-- the provider on every attempt: a job that runs twice, or a retry after a lost
-- answer, never returns the money twice.
--
-- No request role may touch any of this. The server records intents as
-- ticketing_payments (with the verified caller's claims, as booking trusts
-- ticketing_booker), the verified webhook settles as ticketing_webhook, and
-- the worker (owner) performs refunds and prunes. The amount always comes from
-- the ticket, in SQL.
--------------------------------------------------------------------------------

create table app_private.payments (
  intent_id    text primary key,
  ticket_id    int not null references app_public.tickets,
  amount_cents int not null,
  status       text not null default 'created',
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  provider     text not null default 'mock',
  constraint payments_status_valid check (status in ('created', 'succeeded', 'refunded')),
  constraint payments_intent_id_valid check (length(intent_id) between 1 and 255),
  constraint payments_provider_valid check (length(provider) between 1 and 40)
);
create index payments_ticket_id_idx on app_private.payments (ticket_id);
create index payments_open_idx on app_private.payments (created_at) where status = 'created';
alter table app_private.payments enable row level security;

create table app_private.refunds (
  id                 bigint generated always as identity primary key,
  intent_id          text not null references app_private.payments,
  amount_cents       int not null,
  reason             text not null,
  status             text not null default 'requested',
  idempotency_key    text not null,
  provider_refund_id text,
  attempts           int not null default 0,
  last_error         text,
  requested_at       timestamptz not null default now(),
  finished_at        timestamptz,
  constraint refunds_intent_id_key unique (intent_id),
  constraint refunds_idempotency_key_key unique (idempotency_key),
  constraint refunds_reason_valid check (reason in ('cancelled', 'late_payment', 'duplicate_payment')),
  constraint refunds_status_valid check (status in ('requested', 'succeeded', 'failed')),
  constraint refunds_finished_valid check ((status = 'requested') = (finished_at is null))
);
alter table app_private.refunds enable row level security;

-- The mock provider's own ledger of refunds (a real provider keeps this on its
-- side): one refund per idempotency key, whatever the number of calls.
create table app_private.mock_provider_refunds (
  idempotency_key text primary key,
  refund_id       text not null unique,
  intent_id       text not null,
  amount_cents    int not null,
  created_at      timestamptz not null default now()
);
alter table app_private.mock_provider_refunds enable row level security;

-- Intents ------------------------------------------------------------------------

-- How many unpaid intents one ticket may have at once (each click on "pay" makes one).
create function app_private.max_open_intents_per_ticket() returns int
language sql immutable as $$ select 5 $$;

-- What the caller (jwt.claims.user_id) owes for a ticket they may pay now.
-- Locks the ticket so concurrent attempts count each other.
create function app_hidden.ticket_payment_amount(ticket_id int) returns int
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
begin
  select * into v_ticket from app_public.tickets t
  where t.id = ticket_payment_amount.ticket_id and t.user_id = app_public.current_user_id()
  for update;
  if v_ticket.id is null then
    perform app_private.fail('NOT_FOUND:ticket');
  end if;
  if v_ticket.status <> 'pending' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('NOT_PAYABLE', null,
      case when v_ticket.status = 'pending' then 'expired' else v_ticket.status::text end);
  end if;
  if (select count(*) from app_private.payments p where p.ticket_id = v_ticket.id and p.status = 'created')
     >= app_private.max_open_intents_per_ticket() then
    perform app_private.fail('TOO_MANY_PAYMENT_ATTEMPTS');
  end if;
  return v_ticket.price_cents;
end $$;
grant execute on function app_hidden.ticket_payment_amount(integer) to ticketing_payments;

-- The provider created an intent for the amount above: remember it. Returns the
-- amount, computed again here, never taken from the caller.
create function app_hidden.record_payment_intent(ticket_id int, intent_id text, provider text) returns int
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_amount int := app_hidden.ticket_payment_amount(record_payment_intent.ticket_id);
begin
  insert into app_private.payments (intent_id, ticket_id, amount_cents, provider)
  values (record_payment_intent.intent_id, record_payment_intent.ticket_id, v_amount, record_payment_intent.provider);
  return v_amount;
end $$;
grant execute on function app_hidden.record_payment_intent(integer, text, text) to ticketing_payments;

-- The mock provider's checkout page: what an unpaid intent is for.
create function app_hidden.open_payment_intent(intent_id text)
returns table (ticket_id int, amount_cents int)
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select p.ticket_id, p.amount_cents from app_private.payments p
  where p.intent_id = open_payment_intent.intent_id and p.status = 'created'
$$;
grant execute on function app_hidden.open_payment_intent(text) to ticketing_payments;

-- Unpaid intents that can no longer lead to a ticket (the hold is over) or are
-- older than a day. The worker cancels each at its provider, then deletes it.
create function app_private.stale_payment_intents(max_rows int) returns table (intent_id text, provider text)
language sql stable as $$
  select p.intent_id, p.provider
  from app_private.payments p join app_public.tickets t on t.id = p.ticket_id
  where p.status = 'created'
    and (t.status <> 'pending' or t.hold_expires_at <= now() or p.created_at < now() - interval '1 day')
  order by p.created_at
  limit max_rows
$$;

create function app_private.delete_payment_intent(intent_id text) returns boolean
language sql volatile as $$
  delete from app_private.payments p where p.intent_id = delete_payment_intent.intent_id and p.status = 'created'
  returning true
$$;

-- Refunds -------------------------------------------------------------------------

-- Ask for a succeeded payment's money back, once: the first request inserts the
-- refund and queues its job; any later request finds it and does nothing.
create function app_private.request_payment_refund(intent_id text, reason text) returns void
language plpgsql volatile as $$
declare
  v_id bigint;
begin
  insert into app_private.refunds (intent_id, amount_cents, reason, idempotency_key)
  select p.intent_id, p.amount_cents, request_payment_refund.reason, 'refund_' || p.intent_id
  from app_private.payments p
  where p.intent_id = request_payment_refund.intent_id and p.status = 'succeeded'
  on conflict on constraint refunds_intent_id_key do nothing
  returning id into v_id;
  if v_id is not null then
    perform graphile_worker.add_job('refund_payment', json_build_object('refund_id', v_id),
                                    job_key := 'refund_payment:' || v_id);
  end if;
end $$;

-- A paid ticket is being cancelled (called in the cancelling transaction):
-- every succeeded payment of it goes back. Idempotent.
create function app_private.request_refund(ticket_id int) returns void
language plpgsql volatile as $$
declare
  v_intent text;
begin
  for v_intent in
    select p.intent_id from app_private.payments p
    where p.ticket_id = request_refund.ticket_id and p.status = 'succeeded'
    order by p.created_at
  loop
    perform app_private.request_payment_refund(v_intent, 'cancelled');
  end loop;
end $$;

-- Many tickets' payments back at once (an event called off, cancellation.sql): one
-- refund per succeeded payment, as request_payment_refund makes them (same
-- idempotency key, nothing asked twice), and their jobs queued in one statement
-- (graphile_worker.add_jobs): one add_job per refund cost about 1.7 ms each here,
-- 3.4 s for 2,000 paid tickets, all of it under the event's lock.
create function app_private.request_refunds(ticket_ids int[], reason text) returns int
language plpgsql volatile as $$
declare
  v_count int;
begin
  with requested as (
    insert into app_private.refunds (intent_id, amount_cents, reason, idempotency_key)
    select p.intent_id, p.amount_cents, request_refunds.reason, 'refund_' || p.intent_id
    from app_private.payments p
    where p.ticket_id = any (request_refunds.ticket_ids) and p.status = 'succeeded'
    order by p.intent_id
    on conflict on constraint refunds_intent_id_key do nothing
    returning id
  )
  select count(*) into v_count from graphile_worker.add_jobs(array(
    select row('refund_payment', json_build_object('refund_id', r.id), null, null, null, 'refund_payment:' || r.id, null, null)
             ::graphile_worker.job_spec
    from requested r order by r.id));
  return v_count;
end $$;

-- The refund job's first step: the refund still to be done, locked until the
-- job's transaction ends (a second run of the same job waits here, then finds
-- it done). Nothing when it is no longer requested.
create function app_private.begin_refund_attempt(refund_id bigint)
returns table (intent_id text, provider text, amount_cents int, idempotency_key text, attempts int)
language plpgsql volatile as $$
begin
  return query
    update app_private.refunds r set attempts = r.attempts + 1
    from app_private.payments p
    where r.id = begin_refund_attempt.refund_id and r.status = 'requested' and p.intent_id = r.intent_id
    returning r.intent_id, p.provider, r.amount_cents, r.idempotency_key, r.attempts;
end $$;

-- The provider's answer: 'succeeded' (the payment is refunded), 'failed' (for
-- good), or 'requested' with an error (the job retries).
create function app_private.finish_refund_attempt(refund_id bigint, status text, provider_refund_id text, error text)
returns void
language plpgsql volatile as $$
declare
  v_intent text;
begin
  update app_private.refunds r
  set status = finish_refund_attempt.status,
      provider_refund_id = coalesce(finish_refund_attempt.provider_refund_id, r.provider_refund_id),
      last_error = finish_refund_attempt.error,
      finished_at = case when finish_refund_attempt.status <> 'requested' then now() end
  where r.id = finish_refund_attempt.refund_id and r.status = 'requested'
  returning r.intent_id into v_intent;
  if v_intent is not null and finish_refund_attempt.status = 'succeeded' then
    update app_private.payments p set status = 'refunded', updated_at = now() where p.intent_id = v_intent;
  end if;
end $$;

create function app_private.mock_provider_refund(idempotency_key text, intent_id text, amount_cents int) returns text
language plpgsql volatile as $$
declare
  v_refund text;
begin
  insert into app_private.mock_provider_refunds (idempotency_key, refund_id, intent_id, amount_cents)
  values (mock_provider_refund.idempotency_key, 're_mock_' || encode(gen_random_bytes(12), 'hex'),
          mock_provider_refund.intent_id, mock_provider_refund.amount_cents)
  on conflict on constraint mock_provider_refunds_pkey do nothing
  returning refund_id into v_refund;
  if v_refund is null then
    select m.refund_id into v_refund from app_private.mock_provider_refunds m
    where m.idempotency_key = mock_provider_refund.idempotency_key;
  end if;
  return v_refund;
end $$;

-- Settling: a late or second payment goes back through the same refund flow ---------

-- Called by the verified payment webhook only (role ticketing_webhook).
-- 'confirmed': the ticket is paid · 'refund': too late (hold expired, ticket
-- cancelled) or already paid by another intent, so a refund is requested and
-- the seat is never allocated twice · 'duplicate': this payment was already handled.
create function app_hidden.settle_payment(intent_id text, amount_cents int) returns text
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_payment app_private.payments;
  v_ticket app_public.tickets;
begin
  -- Lock order as everywhere (cancel_ticket, expire_holds): the ticket row, then
  -- its payment rows; the other way round a cancel racing the webhook deadlocks.
  select * into v_ticket from app_public.tickets t
  where t.id = (select p.ticket_id from app_private.payments p where p.intent_id = settle_payment.intent_id)
  for update;
  select * into v_payment from app_private.payments p where p.intent_id = settle_payment.intent_id for update;
  if v_payment.intent_id is null then
    perform app_private.fail('NOT_FOUND:payment');
  end if;
  if v_payment.status <> 'created' then
    return 'duplicate';
  end if;
  if v_payment.amount_cents <> settle_payment.amount_cents then
    perform app_private.fail('AMOUNT_MISMATCH');
  end if;
  -- The money has arrived, whatever happens to the ticket.
  update app_private.payments p set status = 'succeeded', updated_at = now() where p.intent_id = v_payment.intent_id;
  if v_ticket.status = 'pending' and v_ticket.hold_expires_at > now() then
    perform app_private.confirm_ticket(v_ticket.id);
    return 'confirmed';
  end if;
  perform app_private.request_payment_refund(v_payment.intent_id,
    case when v_ticket.status = 'confirmed' then 'duplicate_payment' else 'late_payment' end);
  return 'refund';
end $$;
grant execute on function app_hidden.settle_payment(text, integer) to ticketing_webhook;

--------------------------------------------------------------------------------
-- Calling an event off, for good:
--
--   scheduled ──cancel_event(reason)──▶ cancelled   (final: nothing edits it again, events.sql)
--
-- One transaction, under the event's lock (lock_event, booking.sql), so every
-- booking, waitlist acceptance, hold expiry or ticket cancellation of the event
-- is wholly before it or wholly after it:
--   * every live ticket (pending, offered, confirmed) is cancelled, and every
--     succeeded payment of each is refunded through the provider: request_refunds
--     (payments.sql) makes one refund row per payment and one job keyed by it,
--     and the provider gets the refund's one idempotency key on every attempt,
--     so a retried job never refunds twice. A payment still on its way when the
--     ticket is cancelled is refunded when it lands (settle_payment: late_payment);
--   * the waitlist is closed (waiting and offered entries: closed), and so is
--     a queue event's waiting room (waiting and admitted entries: closed, which
--     its watchers hear); a lottery is never drawn (release_draw) and no win of
--     it can be claimed (EVENT_CANCELLED), its entries keep their state;
--   * each holder and each waiting student (waitlist, queue, lottery) gets one
--     email (one outbox row per student and event: the dedupe key), sent by the worker;
--   * nobody holds a seat any more (tickets_remaining = total_tickets), the
--     availability version rises, and every watcher hears sales_state
--     'cancelled' (availability.sql), which refuses every booking and waitlist
--     join from then on (EVENT_CANCELLED, in booking's order: booking.sql);
--   * the event leaves the upcoming lists (upcoming_events) and keeps its page:
--     status, cancelled_at and cancel_reason say what happened; its organisers
--     still list it, as cancelled (managed_events, events.sql), and it leaves
--     the leaderboard (analytics.sql).
--
-- Who may: admins, and the owners and managers of the event's club, the people
-- who may edit it (app_hidden.club_permits('run_events'), clubs.sql). Cancelling
-- twice is refused (ALREADY_CANCELLED, naming when), as is cancelling an event
-- that has started (EVENT_STARTED): its tickets may have been used at the door.
--
-- A queue or lottery event's release lock (release.sql) is taken exclusively
-- before the event's lock, as the draw takes it: a join or an entry (which
-- hold it shared) is wholly before the cancellation, and closed by it, or
-- after it, and refused EVENT_CANCELLED; never a place left open in the line
-- of a cancelled event.
--------------------------------------------------------------------------------

-- The email a student gets: what was cancelled, why, and what happens to their ticket or place in line.
create function app_private.cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean)
returns text language sql stable as $$
  select format(E'%s (%s, %s) has been cancelled by its organisers.\n\nTheir reason: %s\n\n%s',
    event.name, event.venue, app_private.email_moment(event.starts_at),
    event.cancel_reason,
    case
      when paid then 'Your ticket is cancelled, and the money you paid is on its way back to you through the same payment provider.'
      when holds_ticket then 'Your ticket is cancelled; there is nothing for you to do.'
      else 'You were waiting for a seat (on the waitlist, in the queue or in the lottery); that is closed now.'
    end)
$$;

create function app_public.cancel_event(event_id int, reason text) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
  v_reason text := btrim(cancel_event.reason);
  v_bounds app_private.field_bounds;
  v_cancelled int[];
  v_notice record;
  v_outbox_id bigint;
  v_outbox bigint[] := '{}';
begin
  -- Events are public: NOT_FOUND before FORBIDDEN tells nobody anything new.
  select * into v_event from app_public.events e where e.id = cancel_event.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:cancel_event');
  end if;
  -- The reason is the column cancel_reason, whose bounds its constraint says; the API calls it reason.
  if v_reason is null or v_reason = '' then
    perform app_private.fail('INVALID_INPUT:required', 'reason', 'reason');
  end if;
  select * into v_bounds from app_private.field_bounds b where b.table_name = 'events' and b.field = 'cancel_reason';
  if length(v_reason) > v_bounds.max then
    perform app_private.fail('INVALID_INPUT:too_long', 'reason', 'reason', v_bounds.max::text);
  end if;

  if v_event.release_mode <> 'first_come' then
    perform app_private.lock_release(v_event.id, true);
  end if;
  perform app_private.lock_event(v_event.id);
  select * into v_event from app_public.events e where e.id = v_event.id for update;
  -- Asked again under the locks (the wait may be seconds behind a rush of bookings):
  -- a manager removed, or an event moved to another club, meanwhile is refused here.
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:cancel_event');
  end if;
  if v_event.status = 'cancelled' then
    perform app_private.fail('ALREADY_CANCELLED:event', null,
      to_char(v_event.cancelled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_event.starts_at <= now() then
    perform app_private.fail('EVENT_STARTED:cancel_event');
  end if;

  update app_public.events e
  -- updated_at: a calendar that imported the event sees a newer SEQUENCE (src/calendar/ics.ts), so it takes STATUS:CANCELLED.
  set status = 'cancelled', cancelled_at = now(), cancel_reason = v_reason, updated_at = now(),
      -- Nobody holds a seat once the tickets below are cancelled (and nobody may book one).
      tickets_remaining = e.total_tickets, availability_version = e.availability_version + 1
  where e.id = v_event.id
  returning * into v_event;

  -- Whom to tell, one email each: holders of a live ticket (did they pay?), then students still in line.
  for v_notice in
    select s.user_id, bool_or(s.holds) as holds, bool_or(s.paid) as paid
    from (
      select t.user_id, true as holds, t.paid_at is not null as paid from app_public.tickets t
      where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
      union all
      select w.user_id, false, false from app_public.waitlist_entries w
      where w.event_id = v_event.id and w.status = 'waiting'
      union all
      -- A drawn line was closed by the update above (its trigger runs queue_advance): closed now, in this transaction.
      select q.user_id, false, false from app_public.queue_entries q
      where q.event_id = v_event.id and (q.state in ('waiting', 'admitted') or (q.state = 'closed' and q.updated_at = now()))
      union all
      select l.user_id, false, false from app_public.lottery_entries l
      where l.event_id = v_event.id and l.state in ('entered', 'won', 'lost')
    ) s
    group by s.user_id
    order by s.user_id
  loop
    v_outbox_id := app_private.add_to_outbox('event_cancelled', v_notice.user_id,
      format('event_cancelled:%s:%s', v_event.id, v_notice.user_id),
      format('Cancelled: %s', v_event.name),
      app_private.cancellation_email_body(v_event, v_notice.holds, v_notice.paid), v_event.id);
    if v_outbox_id is not null then
      v_outbox := v_outbox || v_outbox_id;
    end if;
  end loop;

  -- The tickets, locked in id order first (the order every path that locks several takes).
  perform from app_public.tickets t
  where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
  order by t.id
  for update;
  with cancelled as (
    update app_public.tickets t set status = 'cancelled', cancelled_at = now(), hold_expires_at = null
    where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
    returning t.id
  )
  select coalesce(array_agg(c.id order by c.id), '{}') into v_cancelled from cancelled c;
  -- Every succeeded payment of them goes back, once (one refund per payment, whoever asks), its jobs queued together.
  perform app_private.request_refunds(v_cancelled, 'cancelled');
  update app_public.waitlist_entries w set status = 'closed'
  where w.event_id = v_event.id and w.status in ('waiting', 'offered');
  -- Before the shuffle too (queue_advance closes a line only once it is drawn).
  update app_public.queue_entries q set state = 'closed', admitted_until = null, updated_at = now()
  where q.event_id = v_event.id and q.state in ('waiting', 'admitted');

  -- The sales window's moments will change nothing now: their announcements go.
  perform graphile_worker.remove_job(format('announce_availability:%s:%s', v_event.id, m.kind))
  from unnest(array['sales_start', 'sales_end', 'starts_at']) as m(kind);
  perform app_private.send_outbox(v_outbox);
  return v_event;
end $$;
comment on function app_public.cancel_event(integer, text) is
  E'@resultFieldName event\nCall an event off, for good (admins; a club''s event: its owners and managers), saying why: every live ticket is cancelled and every payment refunded, the waitlist is closed, holders and waiting students are emailed once, and bookings are refused from then on (EVENT_CANCELLED). The event leaves the upcoming lists; its page shows the reason.';
grant execute on function app_public.cancel_event(integer, text) to ticketing_student;

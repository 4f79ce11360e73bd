--! Previous: sha1:94069dcd9f62f582c7ceaa567f80ecae5fd06e99
--! Hash: sha1:84dd7a3a7043f9ed48b10631d704977a9428ddff
--! Message: Hardening: a cancelled lottery event's wins no longer lapse or pass on

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

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
end $function$
;

--! Previous: sha1:3935f7122ea304830caa4bc062c7233bae33545c
--! Hash: sha1:1c4ff53c283f26d0ea3f0d3ff3db2768211f3edd
--! Message: A booking batch tells its caller as soon as it holds the event's lock

--------------------------------------------------------------------------------
-- app_hidden.book_tickets raises a NOTICE (detail 'ticketing:event_locked') as
-- soon as it holds the event's advisory lock and has recorded the caller's
-- fencing token. A notice is sent to the client at once, in the middle of the
-- statement (unlike a statement's result, which waits for the end of the
-- message), so the booking service can hand the Redis lease on while this
-- transaction is still booking: the next holder (another instance, or this
-- one's next batch) queues on the advisory lock, which PostgreSQL hands over at
-- our commit with no round trip to any server in between. The fencing order is
-- unchanged: each holder records its token under the advisory lock while it
-- still holds the lease, so tokens are recorded in the order Redis issued them.
-- The body is otherwise 000011's.
--------------------------------------------------------------------------------

create or replace function app_hidden.book_tickets(event_id integer, requests json, keys json) returns json
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_results json;
  v_event app_public.events;
begin
  if current_setting('role') <> 'ticketing_booker' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Batches come from the booking service only.');
  end if;
  perform app_private.lock_event_for_booking(book_tickets.event_id);
  raise notice 'event % locked for booking', book_tickets.event_id using detail = 'ticketing:event_locked';
  select json_agg(case
           when a.error is null then json_build_object('ticket', row_to_json(a.ticket), 'replayed', a.replayed)
           else json_build_object('error', json_build_object(
             'code', a.error, 'errcode', (app_private.booking_error(a.error))[1],
             'message', (app_private.booking_error(a.error))[2]))
         end order by a.n)
  into v_results
  from app_private.allocate_seats(book_tickets.event_id, requests, keys) with ordinality as a(ticket, error, replayed, n);
  select * into v_event from app_public.events e where e.id = book_tickets.event_id;
  return json_build_object('results', v_results,
    'tickets_remaining', v_event.tickets_remaining, 'version', v_event.availability_version);
end $$;

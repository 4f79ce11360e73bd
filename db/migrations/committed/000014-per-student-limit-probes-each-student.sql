--! Previous: sha1:1c4ff53c283f26d0ea3f0d3ff3db2768211f3edd
--! Hash: sha1:05804becc8e07323b51e6212cfe6a929ca3a70de
--! Message: Per-student limit looks up each student of a batch, not every live ticket of the event

--------------------------------------------------------------------------------
-- live_tickets_per_student was one scan: `event_id = $1 and user_id = any($2)`.
-- With statistics that do not yet know how many tickets a hot event has
-- (they never do during its sale), the planner answers it with
-- `Index Cond: (event_id = $1)` and filters the students out afterwards, so
-- every batch read every live ticket of the event (bench, history scenario:
-- 3,543 rows and 3,575 heap fetches to find 32, ~1 ms under the event lock,
-- growing with every ticket sold). One index probe per student of the batch
-- costs the same whatever the event or the table holds.
create or replace function app_private.live_tickets_per_student(event_id int, user_ids int[])
returns table (user_id int, live int) language sql stable as $$
  select u.user_id, l.live
  from (select distinct x as user_id from unnest(live_tickets_per_student.user_ids) x) u
  cross join lateral (
    select count(*)::int as live from app_public.tickets t
    where t.event_id = live_tickets_per_student.event_id and t.user_id = u.user_id
      and app_private.ticket_is_live(t.status)
  ) l
  where l.live > 0
$$;

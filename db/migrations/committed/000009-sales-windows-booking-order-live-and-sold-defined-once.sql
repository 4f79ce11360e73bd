--! Previous: sha1:e06480fd647d771fe95cbe61bbed030a300cf767
--! Hash: sha1:562505e8d07875cdd3d526dcf6e9cd7cb135e352
--! Message: Sales windows, one booking order, live and sold defined once

--------------------------------------------------------------------------------
-- Sales windows: optional sales_start / sales_end per event.
--------------------------------------------------------------------------------

-- Null means "no bound": without sales_start the event is on sale from creation,
-- without sales_end until it starts. Sales never outlive the event's start.
alter table app_public.events
  add column sales_start timestamptz,
  add column sales_end timestamptz,
  add constraint events_sales_window_valid check (
    (sales_start is null or sales_start < coalesce(sales_end, starts_at))
    and (sales_end is null or sales_end <= starts_at));
comment on column app_public.events.sales_start is 'When booking opens (null: as soon as the event exists).';
comment on column app_public.events.sales_end is 'When booking closes (null: when the event starts); never after starts_at.';
grant insert (sales_start, sales_end), update (sales_start, sales_end) on app_public.events to ticketing_admin;

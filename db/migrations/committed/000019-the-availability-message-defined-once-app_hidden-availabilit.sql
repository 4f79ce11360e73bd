--! Previous: sha1:9203b27f1b9fafe5049b9abd1b2d0e9389b7bcf7
--! Hash: sha1:e366cf90afb999d197365d56ebe107c8abf21157
--! Message: The availability message defined once: app_hidden.availability_message

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

create type "app_hidden"."availability_message" as ("event_id" integer, "tickets_remaining" integer, "total_tickets" integer, "sold_out" boolean, "sales_state" app_public.sales_state, "starts_at" text, "sales_start" text, "sales_end" text, "version" bigint, "category_id" integer);

CREATE OR REPLACE FUNCTION app_hidden.event_availability_json(e app_public.events)
 RETURNS text
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  select row_to_json(row(
    e.id,
    e.tickets_remaining,
    e.total_tickets,
    e.tickets_remaining = 0,
    app_public.events_sales_state(e),
    to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.sales_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.sales_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.availability_version,
    e.category_id
  )::app_hidden.availability_message)::text
$function$
;

comment on column app_hidden.availability_message.category_id is '@omit
The event''s category: which list pages hear of it.';
comment on column app_hidden.availability_message.event_id is '@notNull';
comment on column app_hidden.availability_message.sales_end is '@graphqlType Datetime
When booking closes; null: when the event starts.';
comment on column app_hidden.availability_message.sales_start is '@graphqlType Datetime
When booking opens; null: as soon as the event exists.';
comment on column app_hidden.availability_message.sales_state is '@notNull
not_open, on_sale, sold_out, closed or started (as Event.salesState); a message arrives when time changes it.';
comment on column app_hidden.availability_message.sold_out is '@notNull';
comment on column app_hidden.availability_message.starts_at is '@notNull
@graphqlType Datetime';
comment on column app_hidden.availability_message.tickets_remaining is '@notNull';
comment on column app_hidden.availability_message.total_tickets is '@notNull';
comment on column app_hidden.availability_message.version is '@notNull
Rises with every change of this event''s availability; a newer message always has a larger version.';

--! Previous: sha1:e366cf90afb999d197365d56ebe107c8abf21157
--! Hash: sha1:b742c5df0921b68b77cb615fd1c5ba3b21258d82
--! Message: Clubs: owners, managers and door staff, decided by one rule in SQL

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 050-types.sql
-- Types the functions of the generated part return, created first (the schema diff orders
-- composite types after the functions that use them).
create type app_public.club_role as enum ('door', 'manager', 'owner');
create type app_public.club_member as (
  user_id int,
  name    text,
  email   text,
  role    app_public.club_role,
  status  text,
  since   timestamptz
);
create type app_public.attendee as (
  ticket_id     int,
  user_id       int,
  name          text,
  email         text,
  status        app_public.ticket_status,
  booked_at     timestamptz,
  checked_in_at timestamptz
);

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create type "app_hidden"."club_action" as enum ('check_in', 'run_events', 'see_members', 'manage_club');

drop function if exists "app_public"."create_event"(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone);

drop function if exists "app_public"."upcoming_events"(category_id integer);

drop function if exists "app_public"."update_event"(id integer, name text, description text, venue text, starts_at timestamp with time zone, total_tickets integer, max_tickets_per_student integer, category_id integer, price_cents integer, hold_minutes integer, sales_start timestamp with time zone, sales_end timestamp with time zone, clear text[]);


  create table "app_public"."club_invitations" (
    "club_id" integer not null,
    "email" citext not null,
    "role" app_public.club_role not null,
    "invited_at" timestamp with time zone not null default now(),
    "invited_by" integer
      );


alter table "app_public"."club_invitations" enable row level security;


  create table "app_public"."club_memberships" (
    "club_id" integer not null,
    "user_id" integer not null,
    "role" app_public.club_role not null,
    "added_at" timestamp with time zone not null default now(),
    "added_by" integer
      );


alter table "app_public"."club_memberships" enable row level security;


  create table "app_public"."clubs" (
    "id" integer generated always as identity not null,
    "name" citext not null,
    "description" text not null default ''::text,
    "created_at" timestamp with time zone not null default now()
      );


alter table "app_public"."clubs" enable row level security;

alter table "app_private"."outbox" add column "to_email" citext;

alter table "app_private"."outbox" alter column "user_id" drop not null;

alter table "app_public"."events" add column "club_id" integer;

CREATE INDEX club_invitations_email_idx ON app_public.club_invitations USING btree (email);

CREATE UNIQUE INDEX club_invitations_pkey ON app_public.club_invitations USING btree (club_id, email);

CREATE UNIQUE INDEX club_memberships_pkey ON app_public.club_memberships USING btree (club_id, user_id);

CREATE INDEX club_memberships_user_id_idx ON app_public.club_memberships USING btree (user_id);

CREATE UNIQUE INDEX clubs_name_key ON app_public.clubs USING btree (name);

CREATE UNIQUE INDEX clubs_pkey ON app_public.clubs USING btree (id);

CREATE INDEX events_club_id_idx ON app_public.events USING btree (club_id);

alter table "app_public"."club_invitations" add constraint "club_invitations_pkey" PRIMARY KEY using index "club_invitations_pkey";

alter table "app_public"."club_memberships" add constraint "club_memberships_pkey" PRIMARY KEY using index "club_memberships_pkey";

alter table "app_public"."clubs" add constraint "clubs_pkey" PRIMARY KEY using index "clubs_pkey";

alter table "app_private"."outbox" add constraint "outbox_recipient_valid" CHECK (((user_id IS NULL) <> (to_email IS NULL))) not valid;

alter table "app_private"."outbox" validate constraint "outbox_recipient_valid";

alter table "app_public"."club_invitations" add constraint "club_invitations_club_id_fkey" FOREIGN KEY (club_id) REFERENCES app_public.clubs(id) ON DELETE CASCADE not valid;

alter table "app_public"."club_invitations" validate constraint "club_invitations_club_id_fkey";

alter table "app_public"."club_invitations" add constraint "club_invitations_email_valid" CHECK ((length((email)::text) <= 254)) not valid;

alter table "app_public"."club_invitations" validate constraint "club_invitations_email_valid";

alter table "app_public"."club_invitations" add constraint "club_invitations_invited_by_fkey" FOREIGN KEY (invited_by) REFERENCES app_public.users(id) ON DELETE SET NULL not valid;

alter table "app_public"."club_invitations" validate constraint "club_invitations_invited_by_fkey";

alter table "app_public"."club_memberships" add constraint "club_memberships_added_by_fkey" FOREIGN KEY (added_by) REFERENCES app_public.users(id) ON DELETE SET NULL not valid;

alter table "app_public"."club_memberships" validate constraint "club_memberships_added_by_fkey";

alter table "app_public"."club_memberships" add constraint "club_memberships_club_id_fkey" FOREIGN KEY (club_id) REFERENCES app_public.clubs(id) ON DELETE CASCADE not valid;

alter table "app_public"."club_memberships" validate constraint "club_memberships_club_id_fkey";

alter table "app_public"."club_memberships" add constraint "club_memberships_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_public"."club_memberships" validate constraint "club_memberships_user_id_fkey";

alter table "app_public"."clubs" add constraint "clubs_description_valid" CHECK ((length(description) <= 2000)) not valid;

alter table "app_public"."clubs" validate constraint "clubs_description_valid";

alter table "app_public"."clubs" add constraint "clubs_name_key" UNIQUE using index "clubs_name_key";

alter table "app_public"."clubs" add constraint "clubs_name_valid" CHECK ((((name)::text = btrim((name)::text)) AND ((length((name)::text) >= 1) AND (length((name)::text) <= 100)))) not valid;

alter table "app_public"."clubs" validate constraint "clubs_name_valid";

alter table "app_public"."events" add constraint "events_club_id_fkey" FOREIGN KEY (club_id) REFERENCES app_public.clubs(id) ON DELETE RESTRICT not valid;

alter table "app_public"."events" validate constraint "events_club_id_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.club_permits(action app_hidden.club_action, club_id integer)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select app_public.current_app_role() = 'admin' or exists (
    select from app_public.club_memberships m
    where m.club_id = club_permits.club_id and m.user_id = app_public.current_user_id()
      and m.role >= case club_permits.action
                      when 'check_in' then 'door'
                      when 'run_events' then 'manager'
                      when 'see_members' then 'manager'
                      else 'owner' end::app_public.club_role)
$function$
;

CREATE OR REPLACE FUNCTION app_hidden.may_on_event(action app_hidden.club_action, event_id integer)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select app_hidden.club_permits(action, (select e.club_id from app_public.events e where e.id = may_on_event.event_id))
$function$
;

CREATE OR REPLACE FUNCTION app_private.check_club_fields(name text, description text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  perform app_private.check_bounds('clubs', 'name', length(btrim(name)));
  perform app_private.check_bounds('clubs', 'description', length(description));
end $function$
;

CREATE OR REPLACE FUNCTION app_private.club_invitations_left(club_id integer)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
  select 50 - count(*)::int from app_public.club_invitations i where i.club_id = club_invitations_left.club_id
$function$
;

CREATE OR REPLACE FUNCTION app_private.club_member_of(club_id integer, user_id integer)
 RETURNS app_public.club_member
 LANGUAGE sql
 STABLE
AS $function$
  select (u.id, u.name, u.email::text, m.role, 'active', m.added_at)::app_public.club_member
  from app_public.club_memberships m join app_public.users u on u.id = m.user_id
  where m.club_id = club_member_of.club_id and m.user_id = club_member_of.user_id
$function$
;

CREATE OR REPLACE FUNCTION app_private.club_role_words(role app_public.club_role)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
  select case role when 'owner' then 'an owner' when 'manager' then 'a manager' else 'door staff' end
$function$
;

CREATE OR REPLACE FUNCTION app_private.enqueue_email_to(kind text, email text, dedupe_key text, subject text, body text)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  v_id bigint;
begin
  insert into app_private.outbox (kind, to_email, dedupe_key, subject, body)
  values (kind, email, dedupe_key, subject, body)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id into v_id;
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.lock_club_for_members(club_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
  perform app_private.require_club_right('manage_club', club_id);
  perform from app_public.clubs c where c.id = lock_club_for_members.club_id for update;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.refuse_last_owner(club_id integer, user_id integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if not exists (select from app_public.club_memberships m
                 where m.club_id = refuse_last_owner.club_id and m.role = 'owner' and m.user_id <> refuse_last_owner.user_id) then
    perform app_private.fail('LAST_OWNER', 'user_id');
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.require_club_right(action app_hidden.club_action, club_id integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if club_id is null then
    perform app_private.fail('INVALID_INPUT:required', 'club_id', 'club_id');
  end if;
  if not exists (select from app_public.clubs c where c.id = require_club_right.club_id) then
    perform app_private.fail('NOT_FOUND:club');
  end if;
  if not app_hidden.club_permits(action, club_id) then
    case action
      when 'manage_club' then perform app_private.fail('FORBIDDEN:club_manage_club');
      when 'see_members' then perform app_private.fail('FORBIDDEN:club_see_members');
      when 'run_events' then perform app_private.fail('FORBIDDEN:club_run_events');
      else perform app_private.fail('FORBIDDEN:club_check_in');
    end case;
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.require_event_analytics(event_id integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if not app_hidden.may_on_event('run_events', event_id) then
    perform app_private.fail('FORBIDDEN:analytics');
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.require_event_right(club_id integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if club_id is not null and not exists (select from app_public.clubs c where c.id = require_event_right.club_id) then
    perform app_private.fail('INVALID_INPUT:club_id', 'club_id', club_id::text);
  end if;
  if not app_hidden.club_permits('run_events', club_id) then
    perform app_private.fail(case when club_id is null then 'FORBIDDEN:clubless_event' else 'FORBIDDEN:club_events' end);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.users_accept_club_invitations()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  with accepted as (
    delete from app_public.club_invitations i where i.email = new.email returning i.club_id, i.role, i.invited_by
  )
  insert into app_public.club_memberships (club_id, user_id, role, added_by)
  select a.club_id, new.id, a.role, a.invited_by from accepted a
  on conflict do nothing;
  return null;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.add_club_member(club_id integer, email text, role app_public.club_role)
 RETURNS app_public.club_member
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_email citext := lower(btrim(coalesce(add_club_member.email, '')))::citext;
  v_club app_public.clubs;
  v_user app_public.users;
  v_url text := (select s.public_url from app_private.auth_settings s);
begin
  perform app_private.lock_club_for_members(club_id);
  select * into v_club from app_public.clubs c where c.id = add_club_member.club_id;
  if role is null then
    perform app_private.fail('INVALID_INPUT:club_role', 'role');
  end if;
  if not app_private.email_is_valid(v_email::text) then
    perform app_private.fail('INVALID_INPUT:email', 'email');
  end if;
  select * into v_user from app_public.users u where u.email = v_email and u.deleted_at is null;
  if v_user.id is not null then
    if exists (select from app_public.club_memberships m where m.club_id = v_club.id and m.user_id = v_user.id) then
      perform app_private.fail('ALREADY_MEMBER', 'email', v_email::text, v_club.name::text);
    end if;
    insert into app_public.club_memberships (club_id, user_id, role, added_by)
    values (v_club.id, v_user.id, add_club_member.role, app_public.current_user_id());
    perform app_private.enqueue_email('club_member_added', v_user.id, format('club_member_added:%s:%s', v_club.id, v_user.id),
      format('You are now %s of %s', app_private.club_role_words(add_club_member.role), v_club.name),
      format(E'Hello %s,\n\nYou are now %s of %s on Campus tickets. Sign in to see the club''s events:\n\n%s/organiser',
             v_user.name, app_private.club_role_words(add_club_member.role), v_club.name, rtrim(v_url, '/')));
    return app_private.club_member_of(v_club.id, v_user.id);
  end if;

  if exists (select from app_public.club_invitations i where i.club_id = v_club.id and i.email = v_email) then
    perform app_private.fail('ALREADY_INVITED', 'email', v_email::text, v_club.name::text);
  end if;
  if not app_private.email_domain_allowed(v_email::text) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED:invitation', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
  end if;
  if app_private.club_invitations_left(v_club.id) <= 0 then
    perform app_private.fail('TOO_MANY_INVITATIONS', 'email', '50');
  end if;
  insert into app_public.club_invitations (club_id, email, role, invited_by)
  values (v_club.id, v_email, add_club_member.role, app_public.current_user_id());
  -- Once per club and address, whatever is removed and invited again.
  perform app_private.enqueue_email_to('club_invitation', v_email::text, format('club_invitation:%s:%s', v_club.id, v_email),
    format('You are invited to help run %s', v_club.name),
    format(E'Hello,\n\nYou are invited to be %s of %s on Campus tickets. Sign up with this address (%s) and confirm it, and the club is yours to help run:\n\n%s/signup\n\nIf you did not expect this, ignore this email.',
           app_private.club_role_words(add_club_member.role), v_club.name, v_email, rtrim(v_url, '/')));
  return (null, null, v_email::text, add_club_member.role, 'invited', now())::app_public.club_member;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.cancel_club_invitation(club_id integer, email text)
 RETURNS app_public.club_member
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_invitation app_public.club_invitations;
begin
  perform app_private.lock_club_for_members(club_id);
  delete from app_public.club_invitations i
  where i.club_id = cancel_club_invitation.club_id and i.email = lower(btrim(coalesce(cancel_club_invitation.email, '')))::citext
  returning * into v_invitation;
  if v_invitation.email is null then
    perform app_private.fail('NOT_FOUND:club_invitation', 'email');
  end if;
  return (null, null, v_invitation.email::text, v_invitation.role, 'invited', v_invitation.invited_at)::app_public.club_member;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.clubs_members(c app_public.clubs)
 RETURNS SETOF app_public.club_member
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  perform app_private.require_club_right('see_members', c.id);
  return query
    select * from (
      select u.id, u.name, u.email::text, m.role, 'active', m.added_at
      from app_public.club_memberships m join app_public.users u on u.id = m.user_id where m.club_id = c.id
      union all
      select null::int, null::text, i.email::text, i.role, 'invited', i.invited_at
      from app_public.club_invitations i where i.club_id = c.id
    ) members (user_id, name, email, role, status, since)
    order by members.status, members.role desc, members.name, members.email;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.clubs_my_role(c app_public.clubs)
 RETURNS app_public.club_role
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select m.role from app_public.club_memberships m where m.club_id = c.id and m.user_id = app_public.current_user_id()
$function$
;

CREATE OR REPLACE FUNCTION app_public.clubs_upcoming_events(c app_public.clubs)
 RETURNS SETOF app_public.events
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.events e where e.club_id = c.id and e.starts_at > now() order by e.starts_at, e.id
$function$
;

CREATE OR REPLACE FUNCTION app_public.create_club(name text, description text DEFAULT ''::text)
 RETURNS app_public.clubs
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_club app_public.clubs;
begin
  perform app_private.require_admin();
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  perform app_private.check_club_fields(name, description);
  begin
    insert into app_public.clubs (name, description) values (btrim(name), coalesce(description, ''))
    returning * into v_club;
  exception when unique_violation then
    perform app_private.fail('CLUB_NAME_TAKEN', 'name', btrim(name));
  end;
  return v_club;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.create_event(name text, venue text, starts_at timestamp with time zone, total_tickets integer, description text DEFAULT ''::text, max_tickets_per_student integer DEFAULT 1, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT 0, hold_minutes integer DEFAULT 10, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, club_id integer DEFAULT NULL::integer)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
begin
  perform app_private.require_event_right(club_id);
  if name is null then perform app_private.fail('INVALID_INPUT:required', 'name', 'name'); end if;
  if venue is null then perform app_private.fail('INVALID_INPUT:required', 'venue', 'venue'); end if;
  if starts_at is null then perform app_private.fail('INVALID_INPUT:required', 'starts_at', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('INVALID_INPUT:required', 'total_tickets', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end, club_id)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end, create_event.club_id)
  returning * into v_event;
  return v_event;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.events_attendees(e app_public.events)
 RETURNS SETOF app_public.attendee
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  if not app_hidden.club_permits('run_events', e.club_id) then
    perform app_private.fail('FORBIDDEN:attendees');
  end if;
  return query
    select t.id, u.id, u.name, u.email::text, t.status, t.booked_at, t.checked_in_at
    from app_public.tickets t join app_public.users u on u.id = t.user_id
    where t.event_id = e.id and t.status <> 'expired'
    order by u.name, t.id;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.my_clubs()
 RETURNS SETOF app_public.clubs
 LANGUAGE sql
 STABLE
AS $function$
  select c.* from app_public.clubs c join app_public.club_memberships m on m.club_id = c.id
  where m.user_id = app_public.current_user_id()
  order by c.name, c.id
$function$
;

CREATE OR REPLACE FUNCTION app_public.remove_club_member(club_id integer, user_id integer)
 RETURNS app_public.club_member
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_member app_public.club_member;
begin
  perform app_private.lock_club_for_members(club_id);
  v_member := app_private.club_member_of(club_id, user_id);
  if v_member.user_id is null then
    perform app_private.fail('NOT_FOUND:club_member');
  end if;
  if v_member.role = 'owner' then
    perform app_private.refuse_last_owner(club_id, user_id);
  end if;
  delete from app_public.club_memberships m
  where m.club_id = remove_club_member.club_id and m.user_id = remove_club_member.user_id;
  return v_member;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.upcoming_events(category_id integer DEFAULT NULL::integer, club_id integer DEFAULT NULL::integer)
 RETURNS SETOF app_public.events
 LANGUAGE sql
 STABLE
AS $function$
  select * from app_public.events e
  where e.starts_at > now() and (upcoming_events.category_id is null or e.category_id = upcoming_events.category_id)
    and (upcoming_events.club_id is null or e.club_id = upcoming_events.club_id)
  order by e.starts_at, e.id
$function$
;

CREATE OR REPLACE FUNCTION app_public.update_club(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text)
 RETURNS app_public.clubs
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_club app_public.clubs;
begin
  perform app_private.require_club_right('manage_club', update_club.id);
  perform app_private.check_club_fields(name, description);
  begin
    update app_public.clubs c set name = coalesce(btrim(update_club.name), c.name),
                                  description = coalesce(update_club.description, c.description)
    where c.id = update_club.id returning * into v_club;
  exception when unique_violation then
    perform app_private.fail('CLUB_NAME_TAKEN', 'name', btrim(name));
  end;
  return v_club;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.update_club_member(club_id integer, user_id integer, role app_public.club_role)
 RETURNS app_public.club_member
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_old app_public.club_role;
begin
  perform app_private.lock_club_for_members(club_id);
  if role is null then
    perform app_private.fail('INVALID_INPUT:club_role', 'role');
  end if;
  select m.role into v_old from app_public.club_memberships m
  where m.club_id = update_club_member.club_id and m.user_id = update_club_member.user_id;
  if v_old is null then
    perform app_private.fail('NOT_FOUND:club_member');
  end if;
  if v_old = 'owner' and role <> 'owner' then
    perform app_private.refuse_last_owner(club_id, user_id);
  end if;
  update app_public.club_memberships m set role = update_club_member.role
  where m.club_id = update_club_member.club_id and m.user_id = update_club_member.user_id;
  return app_private.club_member_of(club_id, user_id);
end $function$
;

CREATE OR REPLACE FUNCTION app_public.update_event(id integer, name text DEFAULT NULL::text, description text DEFAULT NULL::text, venue text DEFAULT NULL::text, starts_at timestamp with time zone DEFAULT NULL::timestamp with time zone, total_tickets integer DEFAULT NULL::integer, max_tickets_per_student integer DEFAULT NULL::integer, category_id integer DEFAULT NULL::integer, price_cents integer DEFAULT NULL::integer, hold_minutes integer DEFAULT NULL::integer, sales_start timestamp with time zone DEFAULT NULL::timestamp with time zone, sales_end timestamp with time zone DEFAULT NULL::timestamp with time zone, clear text[] DEFAULT NULL::text[], club_id integer DEFAULT NULL::integer)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
  v_field text;
begin
  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  -- Rights in the event's club, and to move it, in the club it moves to (none: admins only).
  perform app_private.require_event_right(v_event.club_id);
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end', 'club_id') then
      perform app_private.fail('INVALID_INPUT:clear', 'clear', coalesce(v_field, 'null'));
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) or (v_field = 'club_id' and club_id is not null) then
      perform app_private.fail('INVALID_INPUT:set_and_cleared', v_field, v_field);
    end if;
  end loop;
  if 'club_id' = any (clear) or (club_id is not null and club_id is distinct from v_event.club_id) then
    perform app_private.require_event_right(case when 'club_id' = any (clear) then null else club_id end);
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(
    coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end);

  update app_public.events e set
    name = coalesce(update_event.name, e.name),
    description = coalesce(update_event.description, e.description),
    venue = coalesce(update_event.venue, e.venue),
    starts_at = coalesce(update_event.starts_at, e.starts_at),
    total_tickets = coalesce(update_event.total_tickets, e.total_tickets),
    max_tickets_per_student = coalesce(update_event.max_tickets_per_student, e.max_tickets_per_student),
    category_id = case when 'category_id' = any (clear) then null else coalesce(update_event.category_id, e.category_id) end,
    price_cents = coalesce(update_event.price_cents, e.price_cents),
    hold_minutes = coalesce(update_event.hold_minutes, e.hold_minutes),
    sales_start = case when 'sales_start' = any (clear) then null else coalesce(update_event.sales_start, e.sales_start) end,
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end,
    club_id = case when 'club_id' = any (clear) then null else coalesce(update_event.club_id, e.club_id) end
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end or club_id, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);


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
  return v_ticket;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.event_analytics(event_id integer)
 RETURNS app_public.event_stats
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_stats app_public.event_stats;
begin
  perform app_private.require_event_analytics(event_id);
  select e.id, e.total_tickets,
         count(*) filter (where app_private.ticket_is_sold(t.status)),
         count(*) filter (where app_private.ticket_is_live(t.status) and not app_private.ticket_is_sold(t.status)),
         e.tickets_remaining,
         round(100.0 * count(*) filter (where app_private.ticket_is_sold(t.status)) / e.total_tickets, 1),
         count(*) filter (where t.status = 'cancelled'),
         count(*) filter (where t.status = 'expired'),
         (select count(*) from app_public.waitlist_entries w where w.event_id = e.id and w.status = 'waiting'),
         count(*) filter (where t.checked_in_at is not null),
         round(100.0 * count(*) filter (where t.checked_in_at is not null)
               / nullif(count(*) filter (where app_private.ticket_is_sold(t.status)), 0), 1)
  into v_stats
  from app_public.events e left join app_public.tickets t on t.event_id = e.id
  where e.id = event_analytics.event_id
  group by e.id;
  if v_stats.event_id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  return v_stats;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.event_sales_over_time(event_id integer, bucket text DEFAULT 'hour'::text)
 RETURNS TABLE(bucket_start timestamp with time zone, tickets_sold integer)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  perform app_private.require_event_analytics(event_id);
  if bucket not in ('minute', 'hour', 'day', 'week') then
    perform app_private.fail('INVALID_INPUT:bucket', 'bucket');
  end if;
  return query
    select date_trunc(bucket, t.confirmed_at), count(*)::int
    from app_public.tickets t
    where t.event_id = event_sales_over_time.event_id and app_private.ticket_is_sold(t.status)
    group by 1 order by 1;
end $function$
;


  create policy "club_invitations_read"
  on "app_public"."club_invitations"
  as permissive
  for select
  to ticketing_student
using (app_hidden.club_permits('see_members'::app_hidden.club_action, club_id));



  create policy "club_memberships_read"
  on "app_public"."club_memberships"
  as permissive
  for select
  to ticketing_student
using (((user_id = app_public.current_user_id()) OR app_hidden.club_permits('see_members'::app_hidden.club_action, club_id)));



  create policy "clubs_read"
  on "app_public"."clubs"
  as permissive
  for select
  to ticketing_anonymous
using (true);


CREATE TRIGGER _900_accept_club_invitations AFTER INSERT OR UPDATE OF email, email_verified_at ON app_public.users FOR EACH ROW WHEN (((new.email_verified_at IS NOT NULL) AND (new.deleted_at IS NULL))) EXECUTE FUNCTION app_private.users_accept_club_invitations();

comment on column app_public.club_member.since is 'When the member was added, or the address invited.';
comment on column app_public.club_member.status is 'active: an account with this role · invited: an address without an account yet; it becomes a member once its account is verified';
comment on column app_public.events.club_id is 'The club that runs the event (null: the admins).';
comment on constraint clubs_pkey on app_public.clubs is '@fieldName club';
comment on constraint events_club_id_fkey on app_public.events is '@fieldName club
@foreignFieldName events';
comment on function app_hidden.club_permits(app_hidden.club_action,integer) is 'May the caller do this for this club? Admins always; members with at least the action''s role (check_in: door, run_events and see_members: manager, manage_club: owner).';
grant execute on function app_hidden.club_permits(app_hidden.club_action,integer) to ticketing_anonymous;
comment on function app_hidden.may_on_event(app_hidden.club_action,integer) is 'May the caller do this to this event: club_permits for the event''s club (admins always; a club-less event only admins).';
grant execute on function app_hidden.may_on_event(app_hidden.club_action,integer) to ticketing_anonymous;
comment on function app_public.add_club_member(integer,text,app_public.club_role) is '@resultFieldName member
Add someone to a club by email (its owners, admins): an account becomes a member at once (active); an address without one is invited by email and becomes a member once its account is verified (invited).';
grant execute on function app_public.add_club_member(integer,text,app_public.club_role) to ticketing_student;
comment on function app_public.cancel_club_invitation(integer,text) is '@resultFieldName member
Withdraw an invitation (its owners, admins).';
grant execute on function app_public.cancel_club_invitation(integer,text) to ticketing_student;
comment on function app_public.check_in(text,integer) is 'Admit the holder of a confirmed ticket for this event (admins; the staff of the club running it, door volunteers included). A code works once; a ticket for another event is refused (WRONG_EVENT).';
revoke execute on function app_public.check_in(text,integer) from ticketing_admin;
grant execute on function app_public.check_in(text,integer) to ticketing_student;
comment on function app_public.clubs_members(app_public.clubs) is 'The club''s members and invited addresses, owners first (its owners and managers, admins; anyone else: FORBIDDEN).';
grant execute on function app_public.clubs_members(app_public.clubs) to ticketing_student;
comment on function app_public.clubs_my_role(app_public.clubs) is 'Your role in this club, or null.';
grant execute on function app_public.clubs_my_role(app_public.clubs) to ticketing_anonymous;
comment on function app_public.clubs_upcoming_events(app_public.clubs) is 'The club''s events that have not started yet, soonest first.';
grant execute on function app_public.clubs_upcoming_events(app_public.clubs) to ticketing_anonymous;
comment on function app_public.create_club(text,text) is '@resultFieldName club
Create a club (admins); names are unique whatever their case.';
grant execute on function app_public.create_club(text,text) to ticketing_admin;
comment on function app_public.create_event(text,text,timestamp with time zone,integer,text,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,integer) is '@resultFieldName event
Create an event (admins; for a club: its owners and managers). Defaults: description empty, 1 ticket per student, no category, free, 10-minute holds, on sale from now until it starts.';
grant execute on function app_public.create_event(text,text,timestamp with time zone,integer,text,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,integer) to ticketing_student;
comment on function app_public.event_analytics(integer) is 'Sales, holds, cancellations, waitlist and check-ins of one event (admins; the owners and managers of its club).';
revoke execute on function app_public.event_analytics(integer) from ticketing_admin;
grant execute on function app_public.event_analytics(integer) to ticketing_student;
comment on function app_public.event_sales_over_time(integer,text) is 'Tickets sold (confirmed, and not cancelled since) per minute/hour/day/week of their sale (admins; the owners and managers of its club).';
revoke execute on function app_public.event_sales_over_time(integer,text) from ticketing_admin;
grant execute on function app_public.event_sales_over_time(integer,text) to ticketing_student;
comment on function app_public.events_attendees(app_public.events) is 'Ticket holders of this event (not expired holds), by name: the owners and managers of its club, and admins.';
grant execute on function app_public.events_attendees(app_public.events) to ticketing_student;
comment on function app_public.my_clubs() is 'The clubs you have a role in (Club.myRole says which), by name.';
grant execute on function app_public.my_clubs() to ticketing_student;
comment on function app_public.remove_club_member(integer,integer) is '@resultFieldName member
Remove a member (its owners, admins); their next request has no rights in the club. The last owner cannot be removed (LAST_OWNER).';
grant execute on function app_public.remove_club_member(integer,integer) to ticketing_student;
comment on function app_public.upcoming_events(integer,integer) is 'Events that have not started yet, soonest first; optionally one category, one club.';
grant execute on function app_public.upcoming_events(integer,integer) to ticketing_anonymous;
comment on function app_public.update_club(integer,text,text) is '@resultFieldName club
Change a club''s name or description (its owners, admins). Fields left null stay as they are.';
grant execute on function app_public.update_club(integer,text,text) to ticketing_student;
comment on function app_public.update_club_member(integer,integer,app_public.club_role) is '@resultFieldName member
Change a member''s role (its owners, admins); the last owner stays an owner (LAST_OWNER).';
grant execute on function app_public.update_club_member(integer,integer,app_public.club_role) to ticketing_student;
comment on function app_public.update_event(integer,text,text,text,timestamp with time zone,integer,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,text[],integer) is '@resultFieldName event
Change an event (admins; a club''s event: its owners and managers; moving it to another club needs rights in both). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end, club_id).';
grant execute on function app_public.update_event(integer,text,text,text,timestamp with time zone,integer,integer,integer,integer,integer,timestamp with time zone,timestamp with time zone,text[],integer) to ticketing_student;
comment on table app_public.club_invitations is '@behavior -*
Addresses invited to a club before they have an account.';
grant select on table app_public.club_invitations to ticketing_student;
comment on table app_public.club_memberships is '@behavior -*
Who has which role in which club (Club.members and myClubs answer from it).';
grant select on table app_public.club_memberships to ticketing_student;
comment on table app_public.clubs is '@behavior -insert -update -delete
@allRowsFieldName clubs
A club or society that runs its own events.';
grant select on table app_public.clubs to ticketing_anonymous;
comment on type app_hidden.club_action is 'check_in: door · run_events (create and edit events, analytics, attendees): manager · see_members: manager · manage_club (profile, members): owner';
comment on type app_public.club_role is 'A member''s role in a club: door (checks in), manager (+ runs the club''s events), owner (+ the club and its members).';

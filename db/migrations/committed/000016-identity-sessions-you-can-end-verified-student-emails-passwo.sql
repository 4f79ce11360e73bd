--! Previous: sha1:ef069e7fd712e6d678debfa69f170b4451207c63
--! Hash: sha1:840fc5c89e395e0a492b7a6f277dbb27ce5acc9a
--! Message: Identity: sessions you can end, verified student emails, password reset and change, account export and deletion

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 50-identity-first.sql
-- The identity columns of users, in their order (a schema diff would add them
-- alphabetically, the generated column before the one it is computed from).
alter table app_public.users
  add column email_verified_at timestamptz,
  add column email_verified boolean generated always as (email_verified_at is not null) stored,
  add column deleted_at timestamptz;

-- A type a function returns exists before the function (a schema diff creates functions first).
create type app_public.user_session as (
  id         int,
  created_at timestamptz,
  user_agent text,
  current    boolean
);

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create table "app_private"."auth_settings" (
    "singleton" boolean not null default true,
    "max_sessions_per_user" integer not null default 50,
    "require_email_verification" boolean not null default false,
    "allowed_email_domains" text[] not null default '{}'::text[],
    "public_url" text not null default 'http://localhost:5678'::text
      );


alter table "app_private"."auth_settings" enable row level security;


  create table "app_private"."email_verifications" (
    "token_hash" bytea not null,
    "user_id" integer not null,
    "email" citext not null,
    "created_at" timestamp with time zone not null default now(),
    "expires_at" timestamp with time zone not null,
    "used_at" timestamp with time zone
      );


alter table "app_private"."email_verifications" enable row level security;


  create table "app_private"."password_resets" (
    "token_hash" bytea not null,
    "user_id" integer not null,
    "created_at" timestamp with time zone not null default now(),
    "expires_at" timestamp with time zone not null,
    "used_at" timestamp with time zone
      );


alter table "app_private"."password_resets" enable row level security;


  create table "app_private"."sessions" (
    "id" integer generated always as identity not null,
    "user_id" integer,
    "created_at" timestamp with time zone not null default now(),
    "expires_at" timestamp with time zone not null,
    "ended_at" timestamp with time zone,
    "user_agent" text
      );


alter table "app_private"."sessions" enable row level security;

CREATE UNIQUE INDEX auth_settings_pkey ON app_private.auth_settings USING btree (singleton);

CREATE INDEX email_verifications_by_user ON app_private.email_verifications USING btree (user_id);

CREATE UNIQUE INDEX email_verifications_pkey ON app_private.email_verifications USING btree (token_hash);

CREATE INDEX password_resets_by_user ON app_private.password_resets USING btree (user_id);

CREATE UNIQUE INDEX password_resets_pkey ON app_private.password_resets USING btree (token_hash);

CREATE INDEX sessions_ended_by_expiry ON app_private.sessions USING btree (expires_at) WHERE (ended_at IS NOT NULL);

CREATE INDEX sessions_live_by_user ON app_private.sessions USING btree (user_id, created_at) WHERE (ended_at IS NULL);

CREATE UNIQUE INDEX sessions_pkey ON app_private.sessions USING btree (id);

alter table "app_private"."auth_settings" add constraint "auth_settings_pkey" PRIMARY KEY using index "auth_settings_pkey";

alter table "app_private"."email_verifications" add constraint "email_verifications_pkey" PRIMARY KEY using index "email_verifications_pkey";

alter table "app_private"."password_resets" add constraint "password_resets_pkey" PRIMARY KEY using index "password_resets_pkey";

alter table "app_private"."sessions" add constraint "sessions_pkey" PRIMARY KEY using index "sessions_pkey";

alter table "app_private"."auth_settings" add constraint "auth_settings_allowed_email_domains_valid" CHECK ((array_to_string(allowed_email_domains, ','::text) ~ '^((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(,|$))*$'::text)) not valid;

alter table "app_private"."auth_settings" validate constraint "auth_settings_allowed_email_domains_valid";

alter table "app_private"."auth_settings" add constraint "auth_settings_max_sessions_per_user_check" CHECK (((max_sessions_per_user >= 1) AND (max_sessions_per_user <= 10000))) not valid;

alter table "app_private"."auth_settings" validate constraint "auth_settings_max_sessions_per_user_check";

alter table "app_private"."auth_settings" add constraint "auth_settings_public_url_valid" CHECK ((public_url ~ '^https?://[^/?#[:space:]]+(/[^?#[:space:]]*)?$'::text)) not valid;

alter table "app_private"."auth_settings" validate constraint "auth_settings_public_url_valid";

alter table "app_private"."auth_settings" add constraint "auth_settings_singleton_check" CHECK (singleton) not valid;

alter table "app_private"."auth_settings" validate constraint "auth_settings_singleton_check";

alter table "app_private"."email_verifications" add constraint "email_verifications_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_private"."email_verifications" validate constraint "email_verifications_user_id_fkey";

alter table "app_private"."password_resets" add constraint "password_resets_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_private"."password_resets" validate constraint "password_resets_user_id_fkey";

alter table "app_private"."sessions" add constraint "sessions_expires_at_valid" CHECK ((expires_at > created_at)) not valid;

alter table "app_private"."sessions" validate constraint "sessions_expires_at_valid";

alter table "app_private"."sessions" add constraint "sessions_user_agent_valid" CHECK ((length(user_agent) <= 300)) not valid;

alter table "app_private"."sessions" validate constraint "sessions_user_agent_valid";

alter table "app_private"."sessions" add constraint "sessions_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE SET NULL not valid;

alter table "app_private"."sessions" validate constraint "sessions_user_id_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.change_password(current_password text, new_password text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id();
  if v_user.id is null then
    perform app_private.fail('TK401', 'UNAUTHENTICATED', 'Sign in to do this.');
  end if;
  v_email_here := v_user.email::text || coalesce(' from ' || v_address, '');
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
  select s.password_hash into v_hash from app_private.user_secrets s where s.user_id = v_user.id;
  if v_hash is null or v_hash <> crypt(coalesce(current_password, ''), v_hash) then
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
    return false;
  end if;
  perform app_private.check_new_password(new_password, 'new_password');
  perform app_private.set_password(v_user.id, new_password);
  perform app_private.end_sessions(v_user.id);
  perform app_private.mail_password_changed(v_user.id);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.count_password_reset_request(email text)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_address text := app_private.client_address();
begin
  perform app_private.count_hit('password_resets_per_email', lower(btrim(coalesce(email, ''))), 'Too many password reset requests for this email');
  if v_address is not null then
    perform app_private.count_hit('password_resets_per_address', v_address, 'Too many password reset requests from your network');
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.delete_account(password text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
  v_ticket int;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('TK401', 'UNAUTHENTICATED', 'Sign in to do this.');
  end if;
  v_email_here := v_user.email::text || coalesce(' from ' || v_address, '');
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
  select s.password_hash into v_hash from app_private.user_secrets s where s.user_id = v_user.id;
  if v_hash is null or v_hash <> crypt(coalesce(password, ''), v_hash) then
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
    return false;
  end if;

  -- Live tickets to events not yet started: cancelled as the student would (cancel_ticket:
  -- the seat goes to the waitlist or back on sale, a paid one is refunded), event by event.
  for v_ticket in
    select t.id from app_public.tickets t join app_public.events e on e.id = t.event_id
    where t.user_id = v_user.id and app_private.ticket_is_live(t.status) and t.checked_in_at is null and e.starts_at > now()
    order by t.event_id, t.id
  loop
    perform app_public.cancel_ticket(v_ticket);
  end loop;
  update app_public.waitlist_entries w set status = 'left' where w.user_id = v_user.id and w.status = 'waiting';

  update app_public.users u
  set name = 'Deleted account', email = 'deleted-' || u.id || '@deleted.invalid', email_verified_at = null, deleted_at = now()
  where u.id = v_user.id;
  delete from app_private.user_secrets s where s.user_id = v_user.id;
  delete from app_private.email_verifications v where v.user_id = v_user.id;
  delete from app_private.password_resets r where r.user_id = v_user.id;
  delete from app_private.outbox o where o.user_id = v_user.id and o.sent_at is null;
  perform app_private.end_sessions(v_user.id);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.ended_sessions()
 RETURNS TABLE(id integer, expires_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select s.id, s.expires_at from app_private.sessions s where s.ended_at is not null and s.expires_at > now()
$function$
;

CREATE OR REPLACE FUNCTION app_hidden.send_password_reset(email text)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_token text := app_private.new_link_token();
  v_url text := (select s.public_url from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.email = lower(btrim(coalesce(send_password_reset.email, '')))::citext;
  if v_user.id is null then
    return;
  end if;
  insert into app_private.password_resets (token_hash, user_id, expires_at)
  values (app_private.token_hash(v_token), v_user.id, now() + interval '1 hour');
  perform app_private.enqueue_email('password_reset', v_user.id, 'password_reset:' || encode(app_private.token_hash(v_token), 'hex'),
    'Choose a new password',
    format(E'Hello %s,\n\nSomeone (we hope you) asked to reset the password of your Campus tickets account. Choose a new one within an hour:\n\n%s/reset-password?token=%s\n\nIf it was not you, ignore this email: your password stays as it is.',
           v_user.name, rtrim(v_url, '/'), v_token));
end $function$
;

CREATE OR REPLACE FUNCTION app_hidden.start_session(user_agent text, ttl_seconds integer)
 RETURNS TABLE(session_id integer, expires_at timestamp with time zone)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
  v_max int := (select s.max_sessions_per_user from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null or app_public.current_app_role() not in ('student', 'admin') then
    perform app_private.fail('TK401', 'UNAUTHENTICATED', 'Sign in to do this.');
  end if;
  insert into app_private.sessions as s (user_id, expires_at, user_agent)
  values (v_user.id, now() + make_interval(secs => least(greatest(coalesce(ttl_seconds, 0), 60), 30 * 86400)),
          left(nullif(btrim(start_session.user_agent), ''), 300))
  returning s.id, s.expires_at into session_id, expires_at;
  update app_private.sessions s set ended_at = now()
  where s.id in (
    select o.id from app_private.sessions o
    where o.user_id = v_user.id and o.ended_at is null
    order by o.created_at desc, o.id desc
    offset v_max
  );
  if v_user.role = 'student' and v_user.email_verified_at is null and not exists (
    select from app_private.email_verifications v
    where v.user_id = v_user.id and v.email = v_user.email and v.used_at is null and v.expires_at > now()
  ) then
    perform app_private.send_verification_email(v_user.id);
  end if;
  return next;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.check_new_password(password text, field text)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
begin
  if password is null or length(password) < 8 or octet_length(password) > 72 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'Password must be 8 to 72 characters.', field);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.create_admin_verified()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  new.email_verified_at := coalesce(new.email_verified_at, now());
  return new;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.current_session_id()
 RETURNS integer
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  select nullif(current_setting('jwt.claims.session_id', true), '')::int
$function$
;

CREATE OR REPLACE FUNCTION app_private.email_domain_allowed(email text)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
  select cardinality(s.allowed_email_domains) = 0 or exists (
    select from unnest(s.allowed_email_domains) allowed
    where case when allowed like '*.%'
            then right(d.domain, length(allowed) - 1) = substr(allowed, 2) and length(d.domain) > length(allowed) - 1
            else d.domain = allowed end)
  from app_private.auth_settings s,
       lateral (select lower(substring(email from '@([^@]*)$')) as domain) d
$function$
;

CREATE OR REPLACE FUNCTION app_private.end_session_of_caller(session_id integer)
 RETURNS integer
 LANGUAGE sql
AS $function$
  update app_private.sessions s set ended_at = now()
  where s.id = end_session_of_caller.session_id and s.user_id = app_public.current_user_id() and s.ended_at is null
  returning s.id
$function$
;

CREATE OR REPLACE FUNCTION app_private.end_sessions(user_id integer, except_session integer DEFAULT NULL::integer)
 RETURNS integer
 LANGUAGE sql
AS $function$
  with ended as (
    update app_private.sessions s set ended_at = now()
    where s.user_id = end_sessions.user_id and s.ended_at is null
      and s.id is distinct from end_sessions.except_session
    returning 1
  )
  select count(*)::int from ended
$function$
;

CREATE OR REPLACE FUNCTION app_private.mail_password_changed(user_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
  perform app_private.enqueue_email('password_changed', user_id, 'password_changed:' || user_id || ':' || extract(epoch from clock_timestamp()),
    'Your password was changed',
    E'The password of your Campus tickets account was just changed, and every device signed in with it was signed out.\n\nIf this was not you, choose a new password now with "Forgot password?" on the sign-in page.');
end $function$
;

CREATE OR REPLACE FUNCTION app_private.new_link_token()
 RETURNS text
 LANGUAGE sql
AS $function$
  select encode(gen_random_bytes(32), 'hex')
$function$
;

CREATE OR REPLACE FUNCTION app_private.outbox_forget_links()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  new.body := '(sent: it carried a one-time link, not kept)';
  return new;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.prune_auth()
 RETURNS integer
 LANGUAGE sql
AS $function$
  with sessions as (delete from app_private.sessions s where s.expires_at < now() - interval '1 day' returning 1),
       verifications as (delete from app_private.email_verifications v where v.expires_at < now() - interval '1 day' returning 1),
       resets as (delete from app_private.password_resets r where r.expires_at < now() - interval '1 day' returning 1)
  select ((select count(*) from sessions) + (select count(*) from verifications) + (select count(*) from resets))::int
$function$
;

CREATE OR REPLACE FUNCTION app_private.require_verified_email(user_id integer)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
begin
  if cardinality(app_private.unverified_students(array[user_id])) > 0 then
    perform app_private.fail('TK403', 'EMAIL_NOT_VERIFIED', (app_private.booking_error('EMAIL_NOT_VERIFIED'))[2]);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.send_verification_email(user_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  v_token text := app_private.new_link_token();
  v_user app_public.users;
  v_url text := (select s.public_url from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.id = send_verification_email.user_id;
  insert into app_private.email_verifications (token_hash, user_id, email, expires_at)
  values (app_private.token_hash(v_token), v_user.id, v_user.email, now() + interval '24 hours');
  perform app_private.enqueue_email('verify_email', v_user.id, 'verify_email:' || encode(app_private.token_hash(v_token), 'hex'),
    'Confirm your email address',
    format(E'Hello %s,\n\nConfirm that %s is your address by opening this link within 24 hours:\n\n%s/verify-email?token=%s\n\nIf you did not sign up for Campus tickets, ignore this email.',
           v_user.name, v_user.email, rtrim(v_url, '/'), v_token));
end $function$
;

CREATE OR REPLACE FUNCTION app_private.sessions_notify_ended()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  perform pg_notify('ticketing_sessions_ended',
    json_build_object('id', new.id, 'expires_at', floor(extract(epoch from new.expires_at)))::text);
  return null;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.set_password(user_id integer, password text)
 RETURNS void
 LANGUAGE sql
AS $function$
  insert into app_private.user_secrets as s (user_id, password_hash)
  values (set_password.user_id, crypt(password, gen_salt('bf', 10)))
  on conflict (user_id) do update set password_hash = excluded.password_hash
$function$
;

CREATE OR REPLACE FUNCTION app_private.token_hash(token text)
 RETURNS bytea
 LANGUAGE sql
 IMMUTABLE
AS $function$
  select digest(coalesce(token, ''), 'sha256')
$function$
;

CREATE OR REPLACE FUNCTION app_private.unverified_students(user_ids integer[])
 RETURNS integer[]
 LANGUAGE sql
 STABLE
AS $function$
  select coalesce(array_agg(u.id), '{}') from app_public.users u
  where u.id = any(user_ids) and u.email_verified_at is null
    and (select s.require_email_verification from app_private.auth_settings s)
$function$
;

CREATE OR REPLACE FUNCTION app_private.users_email_domain()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  if not app_private.email_domain_allowed(new.email) then
    perform app_private.fail('TK400', 'EMAIL_DOMAIN_NOT_ALLOWED',
      format('Sign up with your college email address (%s).',
             (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s)), 'email');
  end if;
  return new;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.users_end_sessions()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  perform app_private.end_sessions(old.id);
  return case tg_op when 'DELETE' then old else null end;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.end_all_sessions()
 RETURNS integer
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select app_private.end_sessions(app_public.current_user_id())
$function$
;

CREATE OR REPLACE FUNCTION app_public.end_session(id integer)
 RETURNS boolean
 LANGUAGE plpgsql
 STRICT SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
begin
  if app_private.end_session_of_caller(end_session.id) is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'You have no such session (it may have ended already).');
  end if;
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.export_my_data()
 RETURNS json
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
 SET "TimeZone" TO 'UTC'
AS $function$
declare
  v_user int := app_public.current_user_id();
  v_document json;
begin
  if v_user is null then
    perform app_private.fail('TK401', 'UNAUTHENTICATED', 'Sign in to do this.');
  end if;
  select json_build_object(
    'exported_at', now(),
    'account', (select json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role,
                                         'email_verified', u.email_verified, 'email_verified_at', u.email_verified_at,
                                         'created_at', u.created_at)
                from app_public.users u where u.id = v_user),
    'tickets', coalesce((select json_agg(json_build_object('id', t.id, 'event_id', t.event_id, 'event_name', e.name,
                                         'event_starts_at', e.starts_at, 'status', t.status, 'booked_at', t.booked_at,
                                         'confirmed_at', t.confirmed_at, 'cancelled_at', t.cancelled_at,
                                         'price_cents', t.price_cents, 'paid_at', t.paid_at, 'hold_expires_at', t.hold_expires_at,
                                         'check_in_code', t.check_in_code, 'checked_in_at', t.checked_in_at,
                                         'idempotency_key', t.idempotency_key) order by t.id)
                         from app_public.tickets t join app_public.events e on e.id = t.event_id where t.user_id = v_user), '[]'),
    'waitlist_entries', coalesce((select json_agg(json_build_object('id', w.id, 'event_id', w.event_id, 'status', w.status,
                                         'ticket_id', w.ticket_id, 'created_at', w.created_at) order by w.id)
                         from app_public.waitlist_entries w where w.user_id = v_user), '[]'),
    'payments', coalesce((select json_agg(json_build_object('intent_id', p.intent_id, 'ticket_id', p.ticket_id,
                                         'amount_cents', p.amount_cents, 'status', p.status, 'provider', p.provider,
                                         'created_at', p.created_at, 'updated_at', p.updated_at) order by p.created_at)
                         from app_private.payments p join app_public.tickets t on t.id = p.ticket_id where t.user_id = v_user), '[]'),
    'refunds', coalesce((select json_agg(json_build_object('id', r.id, 'intent_id', r.intent_id, 'amount_cents', r.amount_cents,
                                         'reason', r.reason, 'status', r.status, 'requested_at', r.requested_at,
                                         'finished_at', r.finished_at) order by r.id)
                         from app_private.refunds r join app_private.payments p on p.intent_id = r.intent_id
                         join app_public.tickets t on t.id = p.ticket_id where t.user_id = v_user), '[]'),
    'sessions', coalesce((select json_agg(json_build_object('id', s.id, 'created_at', s.created_at, 'expires_at', s.expires_at,
                                         'ended_at', s.ended_at, 'user_agent', s.user_agent,
                                         'current', s.id = app_private.current_session_id()) order by s.id)
                         from app_private.sessions s where s.user_id = v_user), '[]')
  ) into v_document;
  -- Times as the rest of the API writes them: UTC with Z (json writes +00:00 in UTC).
  return regexp_replace(v_document::text, '(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?)\+00:00"', '\1Z"', 'g')::json;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.logout()
 RETURNS boolean
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select app_private.end_session_of_caller(app_private.current_session_id()) is not null
$function$
;

CREATE OR REPLACE FUNCTION app_public.my_sessions()
 RETURNS SETOF app_public.user_session
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select s.id, s.created_at, s.user_agent, s.id = app_private.current_session_id()
  from app_private.sessions s
  where s.user_id = app_public.current_user_id() and s.ended_at is null and s.expires_at > now()
  order by s.created_at desc, s.id desc
$function$
;

CREATE OR REPLACE FUNCTION app_public.resend_verification_email()
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id();
  if v_user.id is null then
    perform app_private.fail('TK401', 'UNAUTHENTICATED', 'Sign in to do this.');
  end if;
  if v_user.email_verified_at is not null then
    return false;
  end if;
  perform app_private.count_hit('verification_emails_per_user', v_user.id::text, 'Too many verification emails asked for');
  perform app_private.send_verification_email(v_user.id);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.reset_password(token text, new_password text)
 RETURNS boolean
 LANGUAGE plpgsql
 STRICT SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int;
begin
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.password_resets r set used_at = now()
  where r.token_hash = app_private.token_hash(reset_password.token) and r.used_at is null and r.expires_at > now()
  returning r.user_id into v_user;
  if v_user is null then
    perform app_private.fail('TK400', 'INVALID_TOKEN', 'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.', 'token');
  end if;
  perform app_private.check_new_password(new_password, 'password');
  perform app_private.set_password(v_user, new_password);
  -- The link reached the address: it is verified.
  update app_public.users u set email_verified_at = coalesce(u.email_verified_at, now()) where u.id = v_user;
  update app_private.password_resets r set used_at = now() where r.user_id = v_user and r.used_at is null;
  perform app_private.end_sessions(v_user);
  perform app_private.mail_password_changed(v_user);
  return true;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.verify_email(token text)
 RETURNS app_public.users
 LANGUAGE plpgsql
 STRICT SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_link app_private.email_verifications;
  v_user app_public.users;
begin
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.email_verifications v set used_at = now()
  where v.token_hash = app_private.token_hash(verify_email.token) and v.used_at is null and v.expires_at > now()
  returning * into v_link;
  update app_public.users u set email_verified_at = coalesce(u.email_verified_at, now())
  where u.id = v_link.user_id and u.email = v_link.email
  returning * into v_user;
  if v_user.id is null then
    perform app_private.fail('TK400', 'INVALID_TOKEN', 'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.', 'token');
  end if;
  return v_user;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.allocate_seats(event_id integer, requests json, keys json)
 RETURNS TABLE(ticket app_public.tickets, error text, replayed boolean)
 LANGUAGE plpgsql
AS $function$
declare
  v_event app_public.events;
  v_window_error text;          -- started / closed / not open, for the whole batch
  v_remaining int;
  v_held jsonb;                 -- user id → live tickets for this event
  v_request record;
  v_user int;
  v_key text;
  v_code text;
  v_outbox bigint[] := '{}';
  v_first_hold app_public.tickets;
  v_held_at_start jsonb;        -- v_held before this batch
  v_emails jsonb;               -- user id → confirmation emails allowed before this batch (null: no limit)
  v_unverified int[];           -- students who must verify their email first
begin
  -- The row lock keeps an admin's edit of total_tickets out until we commit.
  select * into v_event from app_public.events e where e.id = allocate_seats.event_id for update;
  v_remaining := v_event.tickets_remaining;
  v_window_error := app_private.sales_state_error(app_private.sales_window_state(v_event));
  select coalesce(jsonb_object_agg(l.user_id::text, l.live), '{}') into v_held
  from app_private.live_tickets_per_student(allocate_seats.event_id,
    array(select (r->>'user_id')::int from json_array_elements(requests) r)) l;
  v_held_at_start := v_held;
  select coalesce(jsonb_object_agg(l.user_id::text, l.emails_left), '{}') into v_emails
  from app_private.booking_emails_left(allocate_seats.event_id,
    array(select distinct (r->>'user_id')::int from json_array_elements(requests) r where r->>'user_id' is not null)) l;

  v_unverified := app_private.unverified_students(array(select (r->>'user_id')::int from json_array_elements(requests) r));

  for v_request in
    select r->>'role' as role, (r->>'user_id')::int as user_id, k as raw_key
    from json_array_elements(requests) with ordinality as x(r, n)
    left join json_array_elements(keys) with ordinality as y(k, m) on m = n
    order by n
  loop
    v_user := v_request.user_id;
    ticket := null; error := null; replayed := false; v_key := null;

    if v_request.role is distinct from 'student' or v_user is null then
      error := 'FORBIDDEN';
    elsif not app_private.idempotency_key_is_valid(v_request.raw_key) then
      error := 'INVALID_INPUT';
    else
      v_key := v_request.raw_key #>> '{}';
      if v_key is not null then
        select * into ticket from app_public.tickets t
        where t.event_id = allocate_seats.event_id and t.user_id = v_user and t.idempotency_key = v_key;
        replayed := ticket.id is not null;
      end if;
      if not replayed then
        if v_event.id is null then
          error := 'NOT_FOUND';
        elsif v_window_error is not null then
          error := v_window_error;
        elsif v_remaining = 0 then
          error := 'SOLD_OUT';
        elsif v_user = any(v_unverified) then
          -- After the event-wide refusals, which the fast path answers without knowing the student.
          error := 'EMAIL_NOT_VERIFIED';
        elsif coalesce((v_held->>v_user::text)::int, 0) >= v_event.max_tickets_per_student then
          error := 'LIMIT_REACHED';
        elsif v_event.price_cents > 0 and current_setting('ticketing.payments', true) = 'off' then
          -- The server has no payment provider: a hold could never be paid.
          error := 'PAYMENTS_UNAVAILABLE';
        elsif v_event.price_cents > 0 then
          -- Paid: the seat is held until payment arrives or the hold expires.
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, price_cents, hold_expires_at)
          values (v_event.id, v_user, v_key, 'pending', v_event.price_cents,
                  now() + make_interval(mins => v_event.hold_minutes))
          returning * into ticket;
          v_first_hold := coalesce(v_first_hold, ticket);
        else
          v_code := app_private.new_check_in_code();
          insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code, confirmed_at)
          values (v_event.id, v_user, v_key, 'confirmed', v_code, now())
          returning * into ticket;
          -- Less the confirmations this batch gave the student already (tickets it booked them).
          if coalesce((v_emails->>v_user::text)::int
                      - (coalesce((v_held->>v_user::text)::int, 0) - coalesce((v_held_at_start->>v_user::text)::int, 0)) > 0,
                      true) then
            v_outbox := v_outbox || app_private.add_to_outbox('booking_confirmed', v_user, 'booking_confirmed:' || ticket.id,
              format('Your ticket for %s', v_event.name),
              format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
                     to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_code));
          end if;
        end if;
        if error is null then
          v_remaining := v_remaining - 1;
          v_held := jsonb_set(v_held, array[v_user::text], to_jsonb(coalesce((v_held->>v_user::text)::int, 0) + 1));
        end if;
      end if;
    end if;
    return next;
  end loop;

  if v_remaining is distinct from v_event.tickets_remaining then
    -- The CHECK constraint (0 <= tickets_remaining) is still the last line of defence.
    update app_public.events e set tickets_remaining = v_remaining where e.id = v_event.id;
  end if;
  if cardinality(v_outbox) > 0 then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', v_outbox));
  end if;
  if v_first_hold.id is not null then
    -- Every hold of this batch expires at the same moment: one job releases them.
    perform graphile_worker.add_job('expire_holds', run_at := v_first_hold.hold_expires_at,
                                    job_key := 'expire_holds:' || v_first_hold.id);
  end if;
end $function$
;

CREATE OR REPLACE FUNCTION app_private.booking_error(code text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE
AS $function$
  select case code
    when 'SOLD_OUT' then array['TK409', 'This event is sold out.']
    when 'LIMIT_REACHED' then array['TK409', 'You already hold the most tickets allowed per student for this event.']
    when 'EVENT_STARTED' then array['TK409', 'This event has already started; booking is closed.']
    when 'SALES_NOT_OPEN' then array['TK409', 'Ticket sales for this event have not opened yet (see sales_start).']
    when 'SALES_CLOSED' then array['TK409', 'Ticket sales for this event have closed (see sales_end).']
    when 'NOT_FOUND' then array['TK404', 'No such event.']
    when 'FORBIDDEN' then array['TK403', 'Only students can book tickets.']
    when 'EMAIL_NOT_VERIFIED' then array['TK403', 'Confirm your email address first: open the link we mailed you (or ask for a new one).']
    when 'INVALID_INPUT' then array['TK400', 'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).']
    when 'PAYMENTS_UNAVAILABLE' then array['TK409', 'This event takes payment, and payments are not available on this server.']
  end
$function$
;

CREATE OR REPLACE FUNCTION app_public.accept_waitlist_offer(entry_id integer)
 RETURNS app_public.tickets
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_entry app_public.waitlist_entries;
  v_ticket app_public.tickets;
  v_event app_public.events;
begin
  select * into v_entry from app_public.waitlist_entries w
  where w.id = accept_waitlist_offer.entry_id and w.user_id = app_public.current_user_id();
  if v_entry.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such waitlist entry.');
  end if;
  perform app_private.require_verified_email(v_entry.user_id);
  perform app_private.lock_event(v_entry.event_id);
  select * into v_event from app_public.events e where e.id = v_entry.event_id;
  select * into v_entry from app_public.waitlist_entries w where w.id = v_entry.id for update;
  select * into v_ticket from app_public.tickets t where t.id = v_entry.ticket_id for update;
  if v_entry.status <> 'offered' or v_ticket.status <> 'offered' or v_ticket.hold_expires_at <= now() then
    perform app_private.fail('TK409', 'OFFER_NOT_AVAILABLE', 'There is no open offer on this entry (it may have lapsed).');
  end if;
  if app_private.student_at_limit(v_event, v_entry.user_id, except_ticket => v_ticket.id) then
    perform app_private.fail('TK409', 'LIMIT_REACHED',
      'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.');
  end if;
  update app_public.waitlist_entries w set status = 'accepted' where w.id = v_entry.id;
  if v_ticket.price_cents > 0 then
    -- Paid event: the offer becomes a normal hold, to be paid like any booking.
    update app_public.tickets t set status = 'pending' where t.id = v_ticket.id returning * into v_ticket;
    return v_ticket;
  end if;
  return app_private.confirm_ticket(v_ticket.id);
end $function$
;

CREATE OR REPLACE FUNCTION app_public.join_waitlist(event_id integer)
 RETURNS app_public.waitlist_entries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_user int := app_public.current_user_id();
  v_event app_public.events;
  v_entry app_public.waitlist_entries;
  v_refusal text;
begin
  if app_public.current_app_role() <> 'student' or v_user is null then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only students can join a waitlist.');
  end if;
  perform app_private.require_verified_email(v_user);
  perform app_private.lock_event(join_waitlist.event_id);
  select * into v_event from app_public.events e where e.id = join_waitlist.event_id;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  -- Same order and words as booking: started, then the window.
  v_refusal := app_private.sales_state_error(app_private.sales_window_state(v_event));
  if v_refusal is not null then
    perform app_private.fail('TK409', v_refusal, (app_private.booking_error(v_refusal))[2]);
  end if;
  if v_event.tickets_remaining > 0 then
    perform app_private.fail('TK409', 'NOT_SOLD_OUT', 'Seats are still available: book one instead.');
  end if;
  if exists (select from app_public.waitlist_entries w
             where w.event_id = v_event.id and w.user_id = v_user and w.status in ('waiting', 'offered')) then
    perform app_private.fail('TK409', 'ALREADY_WAITING', 'You are already on the waitlist for this event.');
  end if;
  if app_private.student_at_limit(v_event, v_user) then
    perform app_private.fail('TK409', 'LIMIT_REACHED', 'You already hold the most tickets allowed per student for this event.');
  end if;
  insert into app_public.waitlist_entries (event_id, user_id) values (v_event.id, v_user) returning * into v_entry;
  return v_entry;
end $function$
;

CREATE TRIGGER _100_forget_links BEFORE UPDATE OF sent_at ON app_private.outbox FOR EACH ROW WHEN (((old.sent_at IS NULL) AND (new.sent_at IS NOT NULL) AND (new.kind = ANY (ARRAY['verify_email'::text, 'password_reset'::text])))) EXECUTE FUNCTION app_private.outbox_forget_links();

CREATE TRIGGER _900_notify_ended AFTER UPDATE OF ended_at ON app_private.sessions FOR EACH ROW WHEN (((old.ended_at IS NULL) AND (new.ended_at IS NOT NULL))) EXECUTE FUNCTION app_private.sessions_notify_ended();

CREATE TRIGGER _100_admin_verified BEFORE INSERT ON app_public.users FOR EACH ROW WHEN ((new.role = 'admin'::text)) EXECUTE FUNCTION app_private.create_admin_verified();

CREATE TRIGGER _110_email_domain BEFORE INSERT ON app_public.users FOR EACH ROW WHEN ((new.role = 'student'::text)) EXECUTE FUNCTION app_private.users_email_domain();

CREATE TRIGGER _800_end_sessions_on_delete BEFORE DELETE ON app_public.users FOR EACH ROW EXECUTE FUNCTION app_private.users_end_sessions();

CREATE TRIGGER _800_end_sessions_on_role_change AFTER UPDATE OF role ON app_public.users FOR EACH ROW WHEN ((old.role IS DISTINCT FROM new.role)) EXECUTE FUNCTION app_private.users_end_sessions();

comment on column app_public.users.deleted_at is '@behavior -*
When the owner closed the account (its name and email were erased then).';
grant select (deleted_at) on table app_public.users to ticketing_student;
comment on column app_public.users.email_verified is 'The owner proved they hold this address.';
grant select (email_verified) on table app_public.users to ticketing_student;
comment on column app_public.users.email_verified_at is '@behavior -*
When the owner proved they hold the address (a mailed link, a password reset, the college''s sign-in).';
grant select (email_verified_at) on table app_public.users to ticketing_student;
comment on function app_hidden.change_password(text,text) is 'Change the caller''s password (null-free: false for a wrong current password); every session ends.';
grant execute on function app_hidden.change_password(text,text) to ticketing_student;
comment on function app_hidden.count_password_reset_request(text) is 'Count a password reset request (429 past the limits); the server answers, then calls send_password_reset.';
grant execute on function app_hidden.count_password_reset_request(text) to ticketing_anonymous;
comment on function app_hidden.delete_account(text) is 'Close the caller''s account (false: wrong password): tickets cancelled, name and email erased, every session ended.';
grant execute on function app_hidden.delete_account(text) to ticketing_student;
comment on function app_hidden.ended_sessions() is 'Sessions every instance must refuse until they expire (loaded at start, then followed by LISTEN).';
grant execute on function app_hidden.ended_sessions() to ticketing_authenticator;
comment on function app_hidden.send_password_reset(text) is 'Mail a reset link if an account uses the address (the server calls it after answering).';
grant execute on function app_hidden.send_password_reset(text) to ticketing_authenticator;
comment on function app_hidden.start_session(text,integer) is 'A new session of the signed-in user; the server signs a token naming it.';
grant execute on function app_hidden.start_session(text,integer) to ticketing_student;
comment on function app_public.end_all_sessions() is 'Sign out everywhere, this session included; answers how many ended.';
grant execute on function app_public.end_all_sessions() to ticketing_student;
comment on function app_public.end_session(integer) is 'Sign out one of your sessions (another device, say).';
grant execute on function app_public.end_session(integer) to ticketing_student;
comment on function app_public.export_my_data() is 'Everything stored about you, as one JSON document: account, tickets, waitlist entries, payments, refunds, sessions.';
grant execute on function app_public.export_my_data() to ticketing_student;
comment on function app_public.logout() is 'Sign out: the token used stops working on every instance.';
grant execute on function app_public.logout() to ticketing_student;
comment on function app_public.my_sessions() is 'Your sessions that still work, newest first.';
grant execute on function app_public.my_sessions() to ticketing_student;
comment on function app_public.resend_verification_email() is 'Mail a new verification link (false: the address is verified already).';
grant execute on function app_public.resend_verification_email() to ticketing_student;
comment on function app_public.reset_password(text,text) is 'Choose a new password with the token from the emailed link; every session of the account ends.';
grant execute on function app_public.reset_password(text,text) to ticketing_anonymous;
comment on function app_public.verify_email(text) is 'Confirm an email address with the token from the link mailed to it.';
grant execute on function app_public.verify_email(text) to ticketing_anonymous;
grant usage on schema app_hidden to ticketing_authenticator;
comment on table app_private.sessions is 'Sign-ins: each token names one. Ended ones are refused by every instance until they expire.';

--! split: 200-data.sql
-- Admins are made by operators, not by signing up: their addresses count as verified.
update app_public.users set email_verified_at = created_at where role = 'admin' and email_verified_at is null;

-- Seed rows: the identity settings' one row, and the limits of emailed links.
insert into app_private.auth_settings default values;
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('verification_emails_per_user', 5, '1 hour', 'Verification emails one account may ask for'),
  ('password_resets_per_email', 5, '1 hour', 'Password reset emails asked for one address'),
  ('password_resets_per_address', 100, '1 hour', 'Password reset emails asked for from one client address');

--! Previous: sha1:840fc5c89e395e0a492b7a6f277dbb27ce5acc9a
--! Hash: sha1:4475c6c5932a001023e7ba54c6bdfe84655da0a2
--! Message: Single sign-on: accounts linked to the college's identity provider

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create table "app_private"."user_identities" (
    "issuer" text not null,
    "subject" text not null,
    "user_id" integer not null,
    "created_at" timestamp with time zone not null default now()
      );


alter table "app_private"."user_identities" enable row level security;

CREATE UNIQUE INDEX user_identities_pkey ON app_private.user_identities USING btree (issuer, subject);

CREATE INDEX user_identities_user_id_idx ON app_private.user_identities USING btree (user_id);

alter table "app_private"."user_identities" add constraint "user_identities_pkey" PRIMARY KEY using index "user_identities_pkey";

alter table "app_private"."user_identities" add constraint "user_identities_issuer_valid" CHECK (((length(issuer) >= 1) AND (length(issuer) <= 2000))) not valid;

alter table "app_private"."user_identities" validate constraint "user_identities_issuer_valid";

alter table "app_private"."user_identities" add constraint "user_identities_subject_valid" CHECK (((length(subject) >= 1) AND (length(subject) <= 255))) not valid;

alter table "app_private"."user_identities" validate constraint "user_identities_subject_valid";

alter table "app_private"."user_identities" add constraint "user_identities_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_private"."user_identities" validate constraint "user_identities_user_id_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text)
 RETURNS app_public.jwt_claims
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_email text := lower(btrim(coalesce(sign_in_with_identity_provider.email, '')));
  v_user app_public.users;
  v_name text;
begin
  if coalesce(length(issuer), 0) not between 1 and 2000 or coalesce(length(subject), 0) not between 1 and 255 then
    perform app_private.fail('TK400', 'OIDC_FAILED', 'The college''s sign-in did not say who you are.');
  end if;
  if email_verified is not true then
    perform app_private.fail('TK403', 'EMAIL_NOT_VERIFIED',
      'The college''s sign-in does not vouch for your email address (it is not verified there).', 'email');
  end if;
  if not app_private.email_is_valid(v_email) then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'The college''s sign-in gave no usable email address.', 'email');
  end if;
  if not app_private.email_domain_allowed(v_email) then
    perform app_private.fail('TK403', 'EMAIL_DOMAIN_NOT_ALLOWED',
      format('Sign in with your college account (%s).',
             (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s)), 'email');
  end if;
  -- One sign-in per identity at a time: two first visits at once make one account.
  perform pg_advisory_xact_lock(hashtext('ticketing.identity'), hashtext(issuer || ' ' || subject));

  select u.* into v_user
  from app_private.user_identities i join app_public.users u on u.id = i.user_id
  where i.issuer = sign_in_with_identity_provider.issuer and i.subject = sign_in_with_identity_provider.subject
    and u.deleted_at is null;
  if v_user.id is not null then
    if v_user.email <> v_email::citext and not exists (select from app_public.users u where u.email = v_email::citext) then
      update app_public.users u set email = v_email, email_verified_at = now() where u.id = v_user.id returning * into v_user;
    end if;
    return (v_user.id, v_user.role)::app_public.jwt_claims;
  end if;

  select * into v_user from app_public.users u where u.email = v_email::citext and u.deleted_at is null;
  if v_user.id is not null and v_user.email_verified_at is null then
    delete from app_private.user_secrets s where s.user_id = v_user.id;
    perform app_private.end_sessions(v_user.id);
    update app_public.users u set email_verified_at = now() where u.id = v_user.id returning * into v_user;
  elsif v_user.id is null then
    v_name := btrim(left(coalesce(nullif(btrim(sign_in_with_identity_provider.name), ''), split_part(v_email, '@', 1)), 100));
    begin
      insert into app_public.users (name, email, role, email_verified_at) values (v_name, v_email, 'student', now())
        returning * into v_user;
    exception when unique_violation then
      -- A password signup with the address committed meanwhile: signing in again links it.
      perform app_private.fail('TK409', 'EMAIL_TAKEN', 'An account with this email was created just now; sign in again.', 'email');
    end;
  end if;
  insert into app_private.user_identities (issuer, subject, user_id)
    values (sign_in_with_identity_provider.issuer, sign_in_with_identity_provider.subject, v_user.id)
    on conflict on constraint user_identities_pkey do update set user_id = excluded.user_id;
  return (v_user.id, v_user.role)::app_public.jwt_claims;
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
  delete from app_private.user_identities i where i.user_id = v_user.id;
  delete from app_private.outbox o where o.user_id = v_user.id and o.sent_at is null;
  perform app_private.end_sessions(v_user.id);
  return true;
end $function$
;

comment on function app_hidden.sign_in_with_identity_provider(text,text,text,boolean,text) is 'The account the identity provider''s verified answer signs in: linked by issuer and subject, else by verified email, else a new student.';
grant execute on function app_hidden.sign_in_with_identity_provider(text,text,text,boolean,text) to ticketing_authenticator;
comment on table app_private.user_identities is 'Accounts linked to a person at the college''s identity provider (single sign-on).';

--------------------------------------------------------------------------------
-- Identity a college can trust: sessions you can end, verified student emails,
-- password reset and change, single sign-on, your data and closing your account.
--
-- A token names a session (the `session_id` claim). Sessions are rows here;
-- ending one sets ended_at, and a trigger tells every server instance
-- (pg_notify on ticketing_sessions_ended), which refuses that token from then
-- on without asking the database per request: each instance loads the ended,
-- unexpired sessions at start and follows the notifications.
--
-- Tokens in emailed links (verification, password reset) are 256 random bits,
-- stored only as their sha256, single-use (one UPDATE ... WHERE used_at IS NULL)
-- and short-lived. The rules' settings are one row, written by the server at
-- start from its environment (src/db/auth-settings.ts).
--------------------------------------------------------------------------------

create table app_private.auth_settings (
  singleton                  boolean primary key default true check (singleton),
  max_sessions_per_user      int not null default 50 check (max_sessions_per_user between 1 and 10000),
  require_email_verification boolean not null default false,
  -- 'college.edu' allows exactly that domain; '*.college.edu' its subdomains; empty: any.
  allowed_email_domains      text[] not null default '{}',
  -- The base of links in emails (PUBLIC_URL).
  public_url                 text not null default 'http://localhost:5678',
  constraint auth_settings_allowed_email_domains_valid check (
    array_to_string(allowed_email_domains, ',') ~ '^((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(,|$))*$'),
  constraint auth_settings_public_url_valid check (public_url ~ '^https?://[^/?#[:space:]]+(/[^?#[:space:]]*)?$')
);
alter table app_private.auth_settings enable row level security;
insert into app_private.auth_settings default values;


create table app_private.sessions (
  id          int generated always as identity primary key,
  -- Null once the account itself is deleted: the ended row stays until it expires,
  -- so an instance starting later still refuses its token.
  user_id     int references app_public.users on delete set null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  ended_at    timestamptz,
  user_agent  text,
  constraint sessions_user_agent_valid check (length(user_agent) <= 300),
  constraint sessions_expires_at_valid check (expires_at > created_at)
);
comment on table app_private.sessions is 'Sign-ins: each token names one. Ended ones are refused by every instance until they expire.';
create index sessions_live_by_user on app_private.sessions (user_id, created_at) where ended_at is null;
create index sessions_ended_by_expiry on app_private.sessions (expires_at) where ended_at is not null;
alter table app_private.sessions enable row level security;

-- The session the request's token names (set by the server from the verified token).
create function app_private.current_session_id() returns int
language sql stable parallel safe as $$
  select nullif(current_setting('jwt.claims.session_id', true), '')::int
$$;

-- Every instance learns of an ended session within one notification.
create function app_private.sessions_notify_ended() returns trigger
language plpgsql as $$
begin
  perform pg_notify('ticketing_sessions_ended',
    json_build_object('id', new.id, 'expires_at', floor(extract(epoch from new.expires_at)))::text);
  return null;
end $$;
create trigger _900_notify_ended after update of ended_at on app_private.sessions
  for each row when (old.ended_at is null and new.ended_at is not null)
  execute function app_private.sessions_notify_ended();

-- End every live session of a user (sign out everywhere, password changed, account
-- demoted or deleted); `except_session` keeps one. Returns how many ended.
create function app_private.end_sessions(user_id int, except_session int default null) returns int
language sql volatile as $$
  with ended as (
    update app_private.sessions s set ended_at = now()
    where s.user_id = end_sessions.user_id and s.ended_at is null
      and s.id is distinct from end_sessions.except_session
    returning 1
  )
  select count(*)::int from ended
$$;

-- Start a session for the signed-in user: the server calls it right after the user
-- proved who they are (login, signup, a password change, single sign-on), with
-- their claims set, and signs a token naming it. Beyond max_sessions_per_user the
-- oldest live sessions end.
create function app_hidden.start_session(user_agent text, ttl_seconds int)
returns table (session_id int, expires_at timestamptz)
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user app_public.users;
  v_max int := (select s.max_sessions_per_user from app_private.auth_settings s);
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null or app_public.current_app_role() not in ('student', 'admin') then
    perform app_private.fail('UNAUTHENTICATED');
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
end $$;
comment on function app_hidden.start_session(text, int) is 'A new session of the signed-in user; the server signs a token naming it.';
grant execute on function app_hidden.start_session(text, int) to ticketing_student;

-- Ended sessions whose tokens have not expired yet: what an instance loads at start.
create function app_hidden.ended_sessions() returns table (id int, expires_at timestamptz)
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select s.id, s.expires_at from app_private.sessions s where s.ended_at is not null and s.expires_at > now()
$$;
comment on function app_hidden.ended_sessions() is 'Sessions every instance must refuse until they expire (loaded at start, then followed by LISTEN).';
grant usage on schema app_hidden to ticketing_authenticator;
grant execute on function app_hidden.ended_sessions() to ticketing_authenticator;

-- What a student sees of their sessions.
create type app_public.user_session as (
  id         int,
  created_at timestamptz,
  user_agent text,
  current    boolean
);
comment on type app_public.user_session is 'A signed-in device or browser; `current` is the one asking.';

create function app_public.my_sessions() returns setof app_public.user_session
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select s.id, s.created_at, s.user_agent, s.id = app_private.current_session_id()
  from app_private.sessions s
  where s.user_id = app_public.current_user_id() and s.ended_at is null and s.expires_at > now()
  order by s.created_at desc, s.id desc
$$;
comment on function app_public.my_sessions() is 'Your sessions that still work, newest first.';
grant execute on function app_public.my_sessions() to ticketing_student;

-- End one session of the caller's: null when they have no such live session.
create function app_private.end_session_of_caller(session_id int) returns int
language sql volatile as $$
  update app_private.sessions s set ended_at = now()
  where s.id = end_session_of_caller.session_id and s.user_id = app_public.current_user_id() and s.ended_at is null
  returning s.id
$$;

create function app_public.logout() returns boolean
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_private.end_session_of_caller(app_private.current_session_id()) is not null
$$;
comment on function app_public.logout() is 'Sign out: the token used stops working on every instance.';
grant execute on function app_public.logout() to ticketing_student;

create function app_public.end_session(id int) returns boolean
language plpgsql volatile strict security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  if app_private.end_session_of_caller(end_session.id) is null then
    perform app_private.fail('NOT_FOUND:session');
  end if;
  return true;
end $$;
comment on function app_public.end_session(int) is 'Sign out one of your sessions (another device, say).';
grant execute on function app_public.end_session(int) to ticketing_student;

create function app_public.end_all_sessions() returns int
language sql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_private.end_sessions(app_public.current_user_id())
$$;
comment on function app_public.end_all_sessions() is 'Sign out everywhere, this session included; answers how many ended.';
grant execute on function app_public.end_all_sessions() to ticketing_student;

-- An account demoted or deleted loses its sessions at once (its role was in its tokens).
create function app_private.users_end_sessions() returns trigger
language plpgsql as $$
begin
  perform app_private.end_sessions(old.id);
  return case tg_op when 'DELETE' then old else null end;
end $$;
create trigger _800_end_sessions_on_role_change after update of role on app_public.users
  for each row when (old.role is distinct from new.role)
  execute function app_private.users_end_sessions();
create trigger _800_end_sessions_on_delete before delete on app_public.users
  for each row execute function app_private.users_end_sessions();

-- Verified student emails ----------------------------------------------------------

create function app_private.create_admin_verified() returns trigger
language plpgsql as $$
begin
  new.email_verified_at := coalesce(new.email_verified_at, now());
  return new;
end $$;
create trigger _100_admin_verified before insert on app_public.users
  for each row when (new.role = 'admin') execute function app_private.create_admin_verified();

-- Domain allow-list ----------------------------------------------------------------

create function app_private.email_domain_allowed(email text) returns boolean
language sql stable as $$
  select cardinality(s.allowed_email_domains) = 0 or exists (
    select from unnest(s.allowed_email_domains) allowed
    where case when allowed like '*.%'
            then right(d.domain, length(allowed) - 1) = substr(allowed, 2) and length(d.domain) > length(allowed) - 1
            else d.domain = allowed end)
  from app_private.auth_settings s,
       lateral (select lower(substring(email from '@([^@]*)$')) as domain) d
$$;

-- Every way a student account comes to be (signup, single sign-on) goes through this.
create function app_private.users_email_domain() returns trigger
language plpgsql as $$
begin
  if not app_private.email_domain_allowed(new.email) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
  end if;
  return new;
end $$;
create trigger _110_email_domain before insert on app_public.users
  for each row when (new.role = 'student') execute function app_private.users_email_domain();

-- One-time tokens in links ---------------------------------------------------------

-- A new random token: 32 bytes (256 bits) as 64 hex characters. Only its sha256 is stored.
create function app_private.new_link_token() returns text
language sql volatile as $$
  select encode(gen_random_bytes(32), 'hex')
$$;
create function app_private.token_hash(token text) returns bytea
language sql immutable as $$
  select digest(coalesce(token, ''), 'sha256')
$$;

create table app_private.email_verifications (
  token_hash bytea primary key,
  user_id    int not null references app_public.users on delete cascade,
  -- The address the link was sent to: it verifies that address, no other.
  email      citext not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index email_verifications_by_user on app_private.email_verifications (user_id);
alter table app_private.email_verifications enable row level security;

-- Mail a verification link to the user's address (through the outbox).
create function app_private.send_verification_email(user_id int) returns void
language plpgsql volatile as $$
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
end $$;

-- A sent message that carried a one-time link keeps no copy of it.
create function app_private.outbox_forget_links() returns trigger
language plpgsql as $$
begin
  new.body := '(sent: it carried a one-time link, not kept)';
  return new;
end $$;
create trigger _100_forget_links before update of sent_at on app_private.outbox
  for each row when (old.sent_at is null and new.sent_at is not null and new.kind in ('verify_email', 'password_reset', 'close_account'))
  execute function app_private.outbox_forget_links();

create function app_public.verify_email(token text) returns app_public.users
language plpgsql volatile strict security definer set search_path = pg_catalog, public, pg_temp as $$
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
    perform app_private.fail('INVALID_TOKEN:verify_email', 'token');
  end if;
  return v_user;
end $$;
comment on function app_public.verify_email(text) is 'Confirm an email address with the token from the link mailed to it.';
grant execute on function app_public.verify_email(text) to ticketing_anonymous;

create function app_public.resend_verification_email() returns boolean
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id();
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  if v_user.email_verified_at is not null then
    return false;
  end if;
  perform app_private.count_hit('verification_emails_per_user', v_user.id::text, 'Too many verification emails asked for');
  perform app_private.send_verification_email(v_user.id);
  return true;
end $$;
comment on function app_public.resend_verification_email() is 'Mail a new verification link (false: the address is verified already).';
grant execute on function app_public.resend_verification_email() to ticketing_student;

-- Verified students only, where the college requires it ------------------------------

-- Those of `user_ids` who may not book or queue yet (none unless verification is required).
create function app_private.unverified_students(user_ids int[]) returns int[]
language sql stable as $$
  select coalesce(array_agg(u.id), '{}') from app_public.users u
  where u.id = any(user_ids) and u.email_verified_at is null
    and (select s.require_email_verification from app_private.auth_settings s)
$$;

create function app_private.require_verified_email(user_id int) returns void
language plpgsql stable as $$
begin
  if cardinality(app_private.unverified_students(array[user_id])) > 0 then
    perform app_private.fail('EMAIL_NOT_VERIFIED');
  end if;
end $$;

-- What a student's own page needs to know: whether verifying matters to them now
-- (the web app asks them to only then, saying what it unlocks).
create function app_public.users_email_verification_needed(u app_public.users) returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select cardinality(app_private.unverified_students(array[u.id])) > 0
$$;
comment on function app_public.users_email_verification_needed(app_public.users) is
  'True while this student must still verify their address before booking, joining waitlists, queues and lotteries, or being added to a club''s staff (the college requires verified addresses); false once verified, or where nothing requires it.';
grant execute on function app_public.users_email_verification_needed(app_public.users) to ticketing_student;

-- Whether you sign in with a password, or only with the college's account (then
-- closing the account takes a mailed link: request_account_closure). Only of yourself.
create function app_public.users_has_password(u app_public.users) returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select exists (select from app_private.user_secrets s where s.user_id = u.id)
  where u.id = app_public.current_user_id()
$$;
comment on function app_public.users_has_password(app_public.users) is
  'Whether you can sign in with a password (false: only with the college''s account; closing it then takes a link mailed to you). Null for anyone but yourself.';
grant execute on function app_public.users_has_password(app_public.users) to ticketing_student;

-- Password reset and change -------------------------------------------------------

create table app_private.password_resets (
  token_hash bytea primary key,
  user_id    int not null references app_public.users on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index password_resets_by_user on app_private.password_resets (user_id);
alter table app_private.password_resets enable row level security;

-- The rule every new password follows (signup's, in characters).
create function app_private.check_new_password(password text, field text) returns void
language plpgsql immutable as $$
begin
  if password is null or length(password) < 8 or octet_length(password) > 72 then
    perform app_private.fail('INVALID_INPUT:password', field);
  end if;
end $$;

create function app_private.set_password(user_id int, password text) returns void
language sql volatile as $$
  insert into app_private.user_secrets as s (user_id, password_hash)
  values (set_password.user_id, crypt(password, gen_salt('bf', 10)))
  on conflict (user_id) do update set password_hash = excluded.password_hash
$$;

create function app_private.mail_password_changed(user_id int) returns void
language plpgsql volatile as $$
begin
  perform app_private.enqueue_email('password_changed', user_id, 'password_changed:' || user_id || ':' || extract(epoch from clock_timestamp()),
    'Your password was changed',
    E'The password of your Campus tickets account was just changed, and every device signed in with it was signed out.\n\nIf this was not you, choose a new password now with "Forgot password?" on the sign-in page.');
end $$;

-- Step 1, before the answer: count the request. The same work whatever the email.
create function app_hidden.count_password_reset_request(email text) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_address text := app_private.client_address();
begin
  perform app_private.count_hit('password_resets_per_email', lower(btrim(coalesce(email, ''))), 'Too many password reset requests for this email');
  if v_address is not null then
    perform app_private.count_hit('password_resets_per_address', v_address, 'Too many password reset requests from your network');
  end if;
end $$;
comment on function app_hidden.count_password_reset_request(text) is 'Count a password reset request (429 past the limits); the server answers, then calls send_password_reset.';
grant execute on function app_hidden.count_password_reset_request(text) to ticketing_anonymous;

-- Step 2, after the answer, by the server itself (no request role may call it):
-- mail a link if an account uses the address.
create function app_hidden.send_password_reset(email text) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_hidden.send_password_reset(text) is 'Mail a reset link if an account uses the address (the server calls it after answering).';
grant execute on function app_hidden.send_password_reset(text) to ticketing_authenticator;

create function app_public.reset_password(token text, new_password text) returns boolean
language plpgsql volatile strict security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int;
begin
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.password_resets r set used_at = now()
  where r.token_hash = app_private.token_hash(reset_password.token) and r.used_at is null and r.expires_at > now()
  returning r.user_id into v_user;
  if v_user is null then
    perform app_private.fail('INVALID_TOKEN:password_reset', 'token');
  end if;
  perform app_private.check_new_password(new_password, 'password');
  perform app_private.set_password(v_user, new_password);
  -- The link reached the address: it is verified.
  update app_public.users u set email_verified_at = coalesce(u.email_verified_at, now()) where u.id = v_user;
  update app_private.password_resets r set used_at = now() where r.user_id = v_user and r.used_at is null;
  perform app_private.end_sessions(v_user);
  perform app_private.mail_password_changed(v_user);
  return true;
end $$;
comment on function app_public.reset_password(text, text) is 'Choose a new password with the token from the emailed link; every session of the account ends.';
grant execute on function app_public.reset_password(text, text) to ticketing_anonymous;

-- The signed-in user's new password, given the current one. Like authenticate, a
-- wrong password is recorded (throttled per email, as sign-ins are) and answered
-- null; the server turns it into INVALID_CREDENTIALS after the commit. Every
-- session ends; the server starts a new one in the same transaction.
create function app_hidden.change_password(current_password text, new_password text) returns boolean
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id();
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
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
end $$;
comment on function app_hidden.change_password(text, text) is 'Change the caller''s password (null-free: false for a wrong current password); every session ends.';
grant execute on function app_hidden.change_password(text, text) to ticketing_student;

-- Single sign-on with the college's identity provider -------------------------------

-- Who a person is at an identity provider: its issuer and the subject (`sub`) it
-- gives them. The subject stays when their email address changes there, so the
-- account is found by it, never by the address alone once it is linked.
create table app_private.user_identities (
  issuer     text not null,
  subject    text not null,
  user_id    int not null references app_public.users on delete cascade,
  created_at timestamptz not null default now(),
  primary key (issuer, subject),
  constraint user_identities_issuer_valid check (length(issuer) between 1 and 2000),
  constraint user_identities_subject_valid check (length(subject) between 1 and 255)
);
comment on table app_private.user_identities is 'Accounts linked to a person at the college''s identity provider (single sign-on).';
create index user_identities_user_id_idx on app_private.user_identities (user_id);
alter table app_private.user_identities enable row level security;

-- The identity provider vouched for this person: the server verified its signed
-- answer (issuer, subject, email, email_verified, name) and asks which account to
-- sign in. Only the server calls it, as its own role, with what the provider said:
-- no request role may, or anyone could claim to be anyone.
--   * Refused unless the provider says the address is verified, and the address is
--     one the college allows (ALLOWED_EMAIL_DOMAINS), on every visit.
--   * A linked identity signs in its account; the account follows a changed
--     address unless another account uses it.
--   * Else an account with the address is linked. If its address was never
--     verified, whoever signed up with it did not prove they hold it (an attacker
--     may have signed up first to wait for the owner): its password and sessions
--     end, and the address's owner takes the account over.
--   * Else a student account is made, verified, with no password (one can be
--     chosen later with "Forgot password?").
create function app_hidden.sign_in_with_identity_provider(issuer text, subject text, email text, email_verified boolean, name text)
returns app_public.jwt_claims
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_email text := lower(btrim(coalesce(sign_in_with_identity_provider.email, '')));
  v_user app_public.users;
  v_name text;
begin
  if coalesce(length(issuer), 0) not between 1 and 2000 or coalesce(length(subject), 0) not between 1 and 255 then
    perform app_private.fail('OIDC_FAILED:subject');
  end if;
  if email_verified is not true then
    perform app_private.fail('EMAIL_NOT_VERIFIED:sign_in', 'email');
  end if;
  if not app_private.email_is_valid(v_email) then
    perform app_private.fail('INVALID_INPUT:oidc_email', 'email');
  end if;
  if not app_private.email_domain_allowed(v_email) then
    perform app_private.fail('EMAIL_DOMAIN_NOT_ALLOWED:sign_in', 'email',
      (select array_to_string(s.allowed_email_domains, ', ') from app_private.auth_settings s));
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
      perform app_private.fail('EMAIL_TAKEN:just_now', 'email');
    end;
  end if;
  insert into app_private.user_identities (issuer, subject, user_id)
    values (sign_in_with_identity_provider.issuer, sign_in_with_identity_provider.subject, v_user.id)
    on conflict on constraint user_identities_pkey do update set user_id = excluded.user_id;
  return (v_user.id, v_user.role)::app_public.jwt_claims;
end $$;
comment on function app_hidden.sign_in_with_identity_provider(text, text, text, boolean, text) is
  'The account the identity provider''s verified answer signs in: linked by issuer and subject, else by verified email, else a new student.';
grant execute on function app_hidden.sign_in_with_identity_provider(text, text, text, boolean, text) to ticketing_authenticator;

-- Your data, and closing your account ------------------------------------------------

create function app_public.export_my_data() returns json
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp set timezone = 'UTC' as $$
declare
  v_user int := app_public.current_user_id();
  v_document json;
begin
  if v_user is null then
    perform app_private.fail('UNAUTHENTICATED');
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
                         from app_private.sessions s where s.user_id = v_user), '[]'),
    -- Fair release (queue.sql, lottery.sql) and clubs (clubs.sql): stored about the caller too.
    'queue_entries', coalesce((select json_agg(json_build_object('id', q.id, 'event_id', q.event_id, 'state', q.state,
                                         'joined_at', q.joined_at, 'admitted_at', q.admitted_at,
                                         'admitted_until', q.admitted_until, 'ticket_id', q.ticket_id) order by q.id)
                         from app_public.queue_entries q where q.user_id = v_user), '[]'),
    'lottery_entries', coalesce((select json_agg(json_build_object('id', l.id, 'event_id', l.event_id, 'state', l.state,
                                         'entered_at', l.entered_at, 'draw_rank', l.draw_rank,
                                         'offer_expires_at', l.offer_expires_at, 'ticket_id', l.ticket_id) order by l.id)
                         from app_public.lottery_entries l where l.user_id = v_user), '[]'),
    'club_memberships', coalesce((select json_agg(json_build_object('club_id', m.club_id, 'club_name', c.name, 'role', m.role,
                                         'added_at', m.added_at) order by m.club_id)
                         from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id
                         where m.user_id = v_user), '[]')
  ) into v_document;
  -- Times as the rest of the API writes them: UTC with Z (json writes +00:00 in UTC).
  return regexp_replace(v_document::text, '(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?)\+00:00"', '\1Z"', 'g')::json;
end $$;
comment on function app_public.export_my_data() is 'Everything stored about you, as one JSON document: account, tickets, waitlist entries, payments, refunds, sessions, queue and lottery entries, club roles.';
grant execute on function app_public.export_my_data() to ticketing_student;

-- The club a closing account is the sole owner of (by name, the first), or null:
-- a club is never left without an owner (clubs.sql), so that owner hands it on first.
create function app_private.sole_owned_club(user_id int) returns text
language sql stable as $$
  select c.name::text from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id
  where m.user_id = sole_owned_club.user_id and m.role = 'owner'
    and not exists (select from app_public.club_memberships o
                    where o.club_id = m.club_id and o.role = 'owner' and o.user_id <> sole_owned_club.user_id)
  order by c.name limit 1
$$;

-- Close an account once its owner has proven it is them (delete_account: the
-- password; close_account_with_link: the link mailed to an account without one).
-- Runs as the signed-in owner (cancel_ticket cancels their tickets as theirs).
create function app_private.close_account(user_id int) returns void
language plpgsql volatile as $$
declare
  v_club text;
  v_ticket int;
  v_event int;
begin
  -- A club is never left without an owner (clubs.sql): the sole owner of a club must
  -- hand it on first (LAST_OWNER, naming the club). The clubs' rows are locked, as
  -- every membership change locks them, so an owner leaving at the same moment
  -- cannot make this check stale. Then every membership goes: a closed account has
  -- no rights in any club.
  perform from app_public.clubs c
  where c.id in (select m.club_id from app_public.club_memberships m where m.user_id = close_account.user_id)
  order by c.id for update;
  v_club := app_private.sole_owned_club(close_account.user_id);
  if v_club is not null then
    perform app_private.fail('LAST_OWNER:close_account', null, v_club);
  end if;
  delete from app_public.club_memberships m where m.user_id = close_account.user_id;

  -- Live tickets to events not yet started: cancelled as the student would (cancel_ticket:
  -- the seat goes to the waitlist or back on sale, a paid one is refunded), event by event.
  for v_ticket in
    select t.id from app_public.tickets t join app_public.events e on e.id = t.event_id
    where t.user_id = close_account.user_id and app_private.ticket_is_live(t.status) and t.checked_in_at is null and e.starts_at > now()
    order by t.event_id, t.id
  loop
    perform app_public.cancel_ticket(v_ticket);
  end loop;
  update app_public.waitlist_entries w set status = 'left' where w.user_id = close_account.user_id and w.status = 'waiting';
  -- Queues and lotteries (release.sql): nobody can sign in to use a place any more, so
  -- a place in line is left and a win (or a wait for one) lapses, each passing on at
  -- once (queue_advance, lottery_advance) rather than holding a seat for a closed
  -- account until its time runs out. An entry not yet drawn is withdrawn. Under the
  -- release lock, then the event's, as joins and draws take them.
  for v_event in
    select q.event_id from app_public.queue_entries q where q.user_id = close_account.user_id and q.state in ('waiting', 'admitted')
    union
    select l.event_id from app_public.lottery_entries l where l.user_id = close_account.user_id and l.state in ('entered', 'won', 'lost')
    order by 1
  loop
    perform app_private.lock_release(v_event, false);
    perform app_private.lock_event(v_event);
    update app_public.queue_entries q set state = 'left', admitted_until = null, updated_at = now()
    where q.event_id = v_event and q.user_id = close_account.user_id and q.state in ('waiting', 'admitted');
    delete from app_public.lottery_entries l where l.event_id = v_event and l.user_id = close_account.user_id and l.state = 'entered';
    update app_public.lottery_entries l set state = 'expired', updated_at = now()
    where l.event_id = v_event and l.user_id = close_account.user_id and l.state in ('won', 'lost');
    perform app_private.queue_advance(v_event);
    perform app_private.lottery_advance(v_event);
  end loop;

  update app_public.users u
  set name = 'Deleted account', email = 'deleted-' || u.id || '@deleted.invalid', email_verified_at = null, deleted_at = now()
  where u.id = close_account.user_id;
  delete from app_private.user_secrets s where s.user_id = close_account.user_id;
  delete from app_private.email_verifications v where v.user_id = close_account.user_id;
  delete from app_private.password_resets r where r.user_id = close_account.user_id;
  delete from app_private.account_closures c where c.user_id = close_account.user_id;
  delete from app_private.user_identities i where i.user_id = close_account.user_id;
  delete from app_private.outbox o where o.user_id = close_account.user_id and o.sent_at is null;
  perform app_private.end_sessions(close_account.user_id);
end $$;

-- Close the caller's account, given its password. Like change_password, a wrong
-- password is recorded (throttled like sign-ins) and answered false; the server
-- turns it into INVALID_CREDENTIALS after the commit. An account without a
-- password (single sign-on only) is told to ask for a link instead (NO_PASSWORD):
-- no password can close it.
create function app_hidden.delete_account(password text) returns boolean
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user app_public.users;
  v_hash text;
  v_address text := app_private.client_address();
  v_email_here text;
  v_message text := 'Too many failed sign-ins for this email';
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  select s.password_hash into v_hash from app_private.user_secrets s where s.user_id = v_user.id;
  if v_hash is null then
    perform app_private.fail('NO_PASSWORD', 'password');
  end if;
  v_email_here := v_user.email::text || coalesce(' from ' || v_address, '');
  perform app_private.refuse_if_throttled('sign_in_failures_per_email', v_email_here, v_message);
  perform app_private.refuse_if_throttled('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
  if v_hash <> crypt(coalesce(password, ''), v_hash) then
    perform app_private.count_hit('sign_in_failures_per_email', v_email_here, v_message);
    perform app_private.count_hit('sign_in_failures_per_email_any_address', v_user.email::text, v_message);
    return false;
  end if;
  perform app_private.close_account(v_user.id);
  return true;
end $$;
comment on function app_hidden.delete_account(text) is 'Close the caller''s account (false: wrong password; an account without a password: NO_PASSWORD): tickets cancelled, places in queues and lotteries given up, club roles ended (the sole owner of a club: LAST_OWNER), name and email erased, every session ended.';
grant execute on function app_hidden.delete_account(text) to ticketing_student;

-- Closing an account that has no password (it signs in only through the college's
-- identity provider): its owner, signed in, asks for a link, which is mailed to the
-- account's verified address; opening it while signed in to that account closes it.
-- Proof that they hold both the session and the mailbox, as a password proves
-- holding the account. Tokens as the other links': 256 bits, only their sha256
-- kept, single-use, an hour, for the address they were sent to.
create table app_private.account_closures (
  token_hash bytea primary key,
  user_id    int not null references app_public.users on delete cascade,
  email      citext not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index account_closures_by_user on app_private.account_closures (user_id);
alter table app_private.account_closures enable row level security;

create function app_public.request_account_closure() returns boolean
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user app_public.users;
  v_token text := app_private.new_link_token();
  v_url text := (select s.public_url from app_private.auth_settings s);
  v_club text;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null or app_public.current_app_role() not in ('student', 'admin') then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  if exists (select from app_private.user_secrets s where s.user_id = v_user.id) then
    perform app_private.fail('PASSWORD_REQUIRED', 'password');
  end if;
  if v_user.email_verified_at is null then
    perform app_private.fail('EMAIL_NOT_VERIFIED');
  end if;
  -- Said now rather than after the mail: the link could not close the account yet.
  v_club := app_private.sole_owned_club(v_user.id);
  if v_club is not null then
    perform app_private.fail('LAST_OWNER:close_account', null, v_club);
  end if;
  perform app_private.count_hit('account_closure_emails_per_user', v_user.id::text, 'Too many account closing links asked for');
  insert into app_private.account_closures (token_hash, user_id, email, expires_at)
  values (app_private.token_hash(v_token), v_user.id, v_user.email, now() + interval '1 hour');
  perform app_private.enqueue_email('close_account', v_user.id, 'close_account:' || encode(app_private.token_hash(v_token), 'hex'),
    'Confirm closing your account',
    format(E'Hello %s,\n\nYou asked to close your Campus tickets account (%s). To close it for good, open this link within an hour, in the browser where you are signed in:\n\n%s/close-account?token=%s\n\nClosing cancels your tickets to events that have not happened yet, takes you off every waitlist, queue, lottery and club, and erases your name and email. It cannot be undone.\n\nIf you did not ask for this, ignore this email: your account stays open. Then sign out everywhere from your Account page, since someone else may be signed in to it.',
           v_user.name, v_user.email, rtrim(v_url, '/'), v_token));
  return true;
end $$;
comment on function app_public.request_account_closure() is
  'Mail a link that closes your account, to its verified address: for accounts without a password (college sign-in only); with one, close it with your password (PASSWORD_REQUIRED). Throttled per account.';
grant execute on function app_public.request_account_closure() to ticketing_student;

-- The link's token, from the signed-in owner of the account it was mailed for.
-- A wrong, used, expired or other account's token is INVALID_TOKEN (nothing is
-- used up); an account that has chosen a password since is closed with it.
create function app_hidden.close_account_with_link(token text) returns boolean
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user app_public.users;
  v_link app_private.account_closures;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
  end if;
  -- Used atomically: of two requests with one token, the second finds it used.
  update app_private.account_closures c set used_at = now()
  where c.token_hash = app_private.token_hash(close_account_with_link.token) and c.used_at is null and c.expires_at > now()
    and c.user_id = v_user.id and c.email = v_user.email
  returning * into v_link;
  if v_link.user_id is null then
    perform app_private.fail('INVALID_TOKEN:close_account', 'token');
  end if;
  if exists (select from app_private.user_secrets s where s.user_id = v_user.id) then
    perform app_private.fail('PASSWORD_REQUIRED', 'password');
  end if;
  perform app_private.close_account(v_user.id);
  return true;
end $$;
comment on function app_hidden.close_account_with_link(text) is
  'Close the caller''s account with the token of the link request_account_closure mailed (INVALID_TOKEN otherwise), as delete_account does with a password.';
grant execute on function app_hidden.close_account_with_link(text) to ticketing_student;

-- Housekeeping -------------------------------------------------------------------------

-- Sessions and link tokens past their time (a day after, so a clock a little behind
-- still refuses an ended session's token): pruned by the worker's hourly prune_auth job.
create function app_private.prune_auth() returns int
language sql volatile as $$
  with sessions as (delete from app_private.sessions s where s.expires_at < now() - interval '1 day' returning 1),
       verifications as (delete from app_private.email_verifications v where v.expires_at < now() - interval '1 day' returning 1),
       resets as (delete from app_private.password_resets r where r.expires_at < now() - interval '1 day' returning 1),
       closures as (delete from app_private.account_closures c where c.expires_at < now() - interval '1 day' returning 1)
  select ((select count(*) from sessions) + (select count(*) from verifications) + (select count(*) from resets)
          + (select count(*) from closures))::int
$$;

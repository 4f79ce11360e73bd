--------------------------------------------------------------------------------
-- Clubs run their own events. Each member of a club has one role there:
--   owner    everything for the club: its profile and its members
--   manager  creates and edits the club's events, sees their analytics and attendees, checks in
--   door     checks in tickets of the club's events, nothing else
-- Platform admins keep every power and create clubs. Club roles never grant
-- booking rights beyond a student's (booking.sql asks nothing of them).
--
-- Roles are rows, read in the request's own transaction, never claims in the
-- token: a removed member's next request is refused.
--
-- The one rule: app_hidden.club_permits(action, club_id) says whether the caller
-- may do an action for a club (app_hidden.may_on_event, events.sql, asks it for
-- an event's club). The policies below and every function that acts for a club
-- (events.sql, tickets.sql check-in, analytics.sql, the members functions here)
-- ask it, so there is one answer. Loaded before events.sql: events.club_id
-- references clubs.
--------------------------------------------------------------------------------

-- In rank order: each role can do everything the roles before it can.
create type app_public.club_role as enum ('door', 'manager', 'owner');
comment on type app_public.club_role is
  'A member''s role in a club: door (checks in), manager (+ runs the club''s events), owner (+ the club and its members).';

-- What a club role is asked for; club_permits maps each to the least role that may.
create type app_hidden.club_action as enum ('check_in', 'run_events', 'see_members', 'manage_club');
comment on type app_hidden.club_action is
  'check_in: door · run_events (create and edit events, analytics, attendees): manager · see_members: manager · manage_club (profile, members): owner';

create table app_public.clubs (
  id          int generated always as identity primary key,
  name        citext not null,
  description text not null default '',
  created_at  timestamptz not null default now(),
  -- Names are unique whatever their case: "Robotics Society" and "robotics society" are one club.
  constraint clubs_name_key unique (name),
  constraint clubs_name_valid check (name = btrim(name) and length(name) between 1 and 100),
  constraint clubs_description_valid check (length(description) <= 2000)
);
comment on table app_public.clubs is E'@behavior -insert -update -delete\n@allRowsFieldName clubs\nA club or society that runs its own events.';
-- GraphQL asks for `clubs` and `club(id)` (src/graphql/preset.ts reads @allRowsFieldName).
comment on constraint clubs_pkey on app_public.clubs is '@fieldName club';
alter table app_public.clubs enable row level security;
grant select on app_public.clubs to ticketing_anonymous;
create policy clubs_read on app_public.clubs for select to ticketing_anonymous using (true);

create table app_public.club_memberships (
  club_id  int not null references app_public.clubs on delete cascade,
  user_id  int not null references app_public.users on delete cascade,
  role     app_public.club_role not null,
  added_at timestamptz not null default now(),
  added_by int references app_public.users on delete set null,
  primary key (club_id, user_id)
);
comment on table app_public.club_memberships is E'@behavior -*\nWho has which role in which club (Club.members and myClubs answer from it).';
create index club_memberships_user_id_idx on app_public.club_memberships (user_id);

-- Invitations of addresses with no account yet: the account made for the
-- address becomes a member once it proves it holds it (a verified email).
create table app_public.club_invitations (
  club_id    int not null references app_public.clubs on delete cascade,
  email      citext not null,
  role       app_public.club_role not null,
  invited_at timestamptz not null default now(),
  invited_by int references app_public.users on delete set null,
  primary key (club_id, email),
  constraint club_invitations_email_valid check (length(email) <= 254)
);
comment on table app_public.club_invitations is E'@behavior -*\nAddresses invited to a club before they have an account.';
create index club_invitations_email_idx on app_public.club_invitations (email);

-- The one rule. Admins may do everything (their rights read from the users row,
-- auth.sql); anyone else needs a membership of this club with at least the
-- action's role. A null club (a club-less event) is the admins' alone.
create function app_hidden.club_permits(action app_hidden.club_action, club_id int) returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select app_public.current_app_role() = 'admin' or exists (
    select from app_public.club_memberships m
    where m.club_id = club_permits.club_id and m.user_id = app_public.current_user_id()
      and m.role >= case club_permits.action
                      when 'check_in' then 'door'
                      when 'run_events' then 'manager'
                      when 'see_members' then 'manager'
                      else 'owner' end::app_public.club_role)
$$;
comment on function app_hidden.club_permits(app_hidden.club_action, integer) is
  'May the caller do this for this club? Admins always; members with at least the action''s role (check_in: door, run_events and see_members: manager, manage_club: owner).';
grant execute on function app_hidden.club_permits(app_hidden.club_action, integer) to ticketing_anonymous;

alter table app_public.club_memberships enable row level security;
grant select on app_public.club_memberships to ticketing_student;
create policy club_memberships_read on app_public.club_memberships for select to ticketing_student
  using (user_id = app_public.current_user_id() or app_hidden.club_permits('see_members', club_id));

alter table app_public.club_invitations enable row level security;
grant select on app_public.club_invitations to ticketing_student;
create policy club_invitations_read on app_public.club_invitations for select to ticketing_student
  using (app_hidden.club_permits('see_members', club_id));

-- Refuse unless the caller may act for this club: NOT_FOUND for a club that does
-- not exist (clubs are public: this tells nothing), FORBIDDEN otherwise.
create function app_private.require_club_right(action app_hidden.club_action, club_id int) returns void
language plpgsql stable as $$
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
end $$;

-- The bounds are those of the clubs_*_valid constraints (app_private.field_bounds, errors.sql).
create function app_private.check_club_fields(name text, description text) returns void
language plpgsql stable as $$
begin
  perform app_private.check_bounds('clubs', 'name', length(btrim(name)));
  perform app_private.check_bounds('clubs', 'description', length(description));
end $$;

-- Clubs -------------------------------------------------------------------------------

create function app_public.create_club(name text, description text default '') returns app_public.clubs
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.create_club(text, text) is E'@resultFieldName club\nCreate a club (admins); names are unique whatever their case.';
grant execute on function app_public.create_club(text, text) to ticketing_admin;

-- A null argument leaves its field unchanged.
create function app_public.update_club(id int, name text default null, description text default null) returns app_public.clubs
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.update_club(integer, text, text) is
  E'@resultFieldName club\nChange a club''s name or description (its owners, admins). Fields left null stay as they are.';
grant execute on function app_public.update_club(integer, text, text) to ticketing_student;

-- The caller's role in a club (null: none): Club.myRole.
-- Security definer: anonymous callers (no grant on memberships) get null rather than an error.
create function app_public.clubs_my_role(c app_public.clubs) returns app_public.club_role
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select m.role from app_public.club_memberships m where m.club_id = c.id and m.user_id = app_public.current_user_id()
$$;
comment on function app_public.clubs_my_role(app_public.clubs) is 'Your role in this club, or null.';
grant execute on function app_public.clubs_my_role(app_public.clubs) to ticketing_anonymous;

create function app_public.my_clubs() returns setof app_public.clubs
language sql stable as $$
  select c.* from app_public.clubs c join app_public.club_memberships m on m.club_id = c.id
  where m.user_id = app_public.current_user_id()
  order by c.name, c.id
$$;
comment on function app_public.my_clubs() is 'The clubs you have a role in (Club.myRole says which), by name.';
grant execute on function app_public.my_clubs() to ticketing_student;

-- Members -----------------------------------------------------------------------------

-- One member as the API shows it: an account (active) or an invited address (invited, no user yet).
create type app_public.club_member as (
  user_id int,
  name    text,
  email   text,
  role    app_public.club_role,
  status  text,
  since   timestamptz
);
comment on column app_public.club_member.status is 'active: an account with this role · invited: an address without an account yet; it becomes a member once its account is verified';
comment on column app_public.club_member.since is 'When the member was added, or the address invited.';

create function app_private.club_member_of(club_id int, user_id int) returns app_public.club_member
language sql stable as $$
  select (u.id, u.name, u.email::text, m.role, 'active', m.added_at)::app_public.club_member
  from app_public.club_memberships m join app_public.users u on u.id = m.user_id
  where m.club_id = club_member_of.club_id and m.user_id = club_member_of.user_id
$$;

create function app_public.clubs_members(c app_public.clubs) returns setof app_public.club_member
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.clubs_members(app_public.clubs) is
  'The club''s members and invited addresses, owners first (its owners and managers, admins; anyone else: FORBIDDEN).';
grant execute on function app_public.clubs_members(app_public.clubs) to ticketing_student;

-- Membership changes of one club take turns (the club row's lock), so two owners
-- demoting each other at once cannot leave the club without an owner. The right
-- is asked before the lock (a stranger never waits in the club's line) and again
-- once it is held: an owner removed by the change ahead in line is refused,
-- rather than acting on the rights they had when they started waiting.
create function app_private.lock_club_for_members(club_id int) returns void
language plpgsql volatile as $$
begin
  perform app_private.require_club_right('manage_club', club_id);
  perform from app_public.clubs c where c.id = lock_club_for_members.club_id for update;
  perform app_private.require_club_right('manage_club', club_id);
end $$;

create function app_private.refuse_last_owner(club_id int, user_id int) returns void
language plpgsql stable as $$
begin
  if not exists (select from app_public.club_memberships m
                 where m.club_id = refuse_last_owner.club_id and m.role = 'owner' and m.user_id <> refuse_last_owner.user_id) then
    perform app_private.fail('LAST_OWNER', 'user_id');
  end if;
end $$;

-- Open invitations per club: an owner cannot turn the club into a mailer.
-- Open ones alone do not bound the mail (invite 50, withdraw them, invite 50
-- other addresses, …), nor do they count the email an account gets when it is
-- added: every addition by email, invitation or member, counts against the
-- club's hourly allowance (throttling.sql; 429 with Retry-After once it is spent).
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('club_invitations_per_club', 100, '1 hour', 'Members added and addresses invited by email (each an email) by one club');

create function app_private.club_invitations_left(club_id int) returns int
language sql stable as $$
  select 50 - count(*)::int from app_public.club_invitations i where i.club_id = club_invitations_left.club_id
$$;

create function app_private.club_role_words(role app_public.club_role) returns text
language sql immutable as $$
  select case role when 'owner' then 'an owner' when 'manager' then 'a manager' else 'door staff' end
$$;

create function app_public.add_club_member(club_id int, email text, role app_public.club_role)
returns app_public.club_member
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
  -- An account counts as the address's holder only once it has proven it (or where
  -- nobody has to: require_email_verification off). Anyone can sign up with any
  -- address: an unproven account is invited like an address without one, and becomes
  -- a member when it proves it (the trigger below), never at once.
  select * into v_user from app_public.users u
  where u.email = v_email and u.deleted_at is null and cardinality(app_private.unverified_students(array[u.id])) = 0;
  if v_user.id is not null then
    if exists (select from app_public.club_memberships m where m.club_id = v_club.id and m.user_id = v_user.id) then
      perform app_private.fail('ALREADY_MEMBER', 'email', v_email::text, v_club.name::text);
    end if;
    perform app_private.count_hit('club_invitations_per_club', v_club.id::text,
      format('%s has added or invited as many people by email as it may in an hour', v_club.name));
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
  perform app_private.count_hit('club_invitations_per_club', v_club.id::text,
    format('%s has added or invited as many people by email as it may in an hour', v_club.name));
  insert into app_public.club_invitations (club_id, email, role, invited_by)
  values (v_club.id, v_email, add_club_member.role, app_public.current_user_id());
  -- Once per club and address, whatever is removed and invited again.
  perform app_private.enqueue_email_to('club_invitation', v_email::text, format('club_invitation:%s:%s', v_club.id, v_email),
    format('You are invited to help run %s', v_club.name),
    format(E'Hello,\n\nYou are invited to be %s of %s on Campus tickets. Sign up with this address (%s) and confirm it (if it already has an account, confirm it, or reset its password from the sign-in page), and the club is yours to help run:\n\n%s/signup\n\nIf you did not expect this, ignore this email.',
           app_private.club_role_words(add_club_member.role), v_club.name, v_email, rtrim(v_url, '/')));
  return (null, null, v_email::text, add_club_member.role, 'invited', now())::app_public.club_member;
end $$;
comment on function app_public.add_club_member(integer, text, app_public.club_role) is
  E'@resultFieldName member\nAdd someone to a club by email (its owners, admins): a verified account becomes a member at once (active); an address without one, or whose account has not proven it holds the address, is invited by email and becomes a member once its account is verified (invited).';
grant execute on function app_public.add_club_member(integer, text, app_public.club_role) to ticketing_student;

create function app_public.update_club_member(club_id int, user_id int, role app_public.club_role)
returns app_public.club_member
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.update_club_member(integer, integer, app_public.club_role) is
  E'@resultFieldName member\nChange a member''s role (its owners, admins); the last owner stays an owner (LAST_OWNER).';
grant execute on function app_public.update_club_member(integer, integer, app_public.club_role) to ticketing_student;

create function app_public.remove_club_member(club_id int, user_id int) returns app_public.club_member
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.remove_club_member(integer, integer) is
  E'@resultFieldName member\nRemove a member (its owners, admins); their next request has no rights in the club. The last owner cannot be removed (LAST_OWNER).';
grant execute on function app_public.remove_club_member(integer, integer) to ticketing_student;

create function app_public.cancel_club_invitation(club_id int, email text) returns app_public.club_member
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
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
end $$;
comment on function app_public.cancel_club_invitation(integer, text) is
  E'@resultFieldName member\nWithdraw an invitation (its owners, admins).';
grant execute on function app_public.cancel_club_invitation(integer, text) to ticketing_student;

-- An invited address becomes a member when an account proves it holds it: a
-- verified email, however it came (the mailed link, a password reset, the
-- college's sign-in). Never on signup alone: anyone can type any address.
create function app_private.users_accept_club_invitations() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  with accepted as (
    delete from app_public.club_invitations i where i.email = new.email returning i.club_id, i.role, i.invited_by
  )
  insert into app_public.club_memberships (club_id, user_id, role, added_by)
  select a.club_id, new.id, a.role, a.invited_by from accepted a
  on conflict do nothing;
  return null;
end $$;
create trigger _900_accept_club_invitations after insert or update of email, email_verified_at on app_public.users
  for each row when (new.email_verified_at is not null and new.deleted_at is null)
  execute function app_private.users_accept_club_invitations();

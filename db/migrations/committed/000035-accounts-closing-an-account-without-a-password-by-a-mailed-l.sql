--! Previous: sha1:302a07b7b57a3f222408b298665db2443173ae4d
--! Hash: sha1:2e266863a0066dea252fa0a76c9db7564e7ec77b
--! Message: Accounts: closing an account without a password by a mailed link, and whether verifying matters

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

drop trigger if exists "_100_forget_links" on "app_private"."outbox";


  create table "app_private"."account_closures" (
    "token_hash" bytea not null,
    "user_id" integer not null,
    "email" citext not null,
    "created_at" timestamp with time zone not null default now(),
    "expires_at" timestamp with time zone not null,
    "used_at" timestamp with time zone
      );


alter table "app_private"."account_closures" enable row level security;

CREATE INDEX account_closures_by_user ON app_private.account_closures USING btree (user_id);

CREATE UNIQUE INDEX account_closures_pkey ON app_private.account_closures USING btree (token_hash);

alter table "app_private"."account_closures" add constraint "account_closures_pkey" PRIMARY KEY using index "account_closures_pkey";

alter table "app_private"."account_closures" add constraint "account_closures_user_id_fkey" FOREIGN KEY (user_id) REFERENCES app_public.users(id) ON DELETE CASCADE not valid;

alter table "app_private"."account_closures" validate constraint "account_closures_user_id_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.close_account_with_link(token text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.close_account(user_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_private.sole_owned_club(user_id integer)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  select c.name::text from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id
  where m.user_id = sole_owned_club.user_id and m.role = 'owner'
    and not exists (select from app_public.club_memberships o
                    where o.club_id = m.club_id and o.role = 'owner' and o.user_id <> sole_owned_club.user_id)
  order by c.name limit 1
$function$
;

CREATE OR REPLACE FUNCTION app_public.request_account_closure()
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
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
end $function$
;

CREATE OR REPLACE FUNCTION app_public.users_email_verification_needed(u app_public.users)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select cardinality(app_private.unverified_students(array[u.id])) > 0
$function$
;

CREATE OR REPLACE FUNCTION app_public.users_has_password(u app_public.users)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select exists (select from app_private.user_secrets s where s.user_id = u.id)
  where u.id = app_public.current_user_id()
$function$
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
end $function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('INVALID_TOKEN:close_account'::text,400,'This link is not valid: it was used already, has expired, was mistyped, or was sent for another account than the one signed in here. Sign in to that account and ask for a new link on your Account page.'::text), ('NO_PASSWORD'::text,409,'Your account has no password: you sign in with your college account. To close it, ask for a confirmation link by email.'::text), ('PASSWORD_REQUIRED'::text,409,'Your account has a password: enter it to close your account.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('EVENT_CANCELLED:edit'::text,409,'This event was cancelled; it can no longer be changed.'::text), ('FORBIDDEN:cancel_event'::text,403,'Only the owners and managers of the club running this event (and admins) can cancel it.'::text), ('ALREADY_CANCELLED:event'::text,409,'This event was already cancelled at %s.'::text), ('EVENT_STARTED:cancel_event'::text,409,'This event has already started; it can no longer be cancelled.'::text), ('FORBIDDEN:event_image'::text,403,'Only the owners and managers of the club running this event (and admins) can change its image.'::text), ('NOT_FOUND:image'::text,404,'This event has no image.'::text), ('IMAGE_INVALID'::text,415,'The body is not a PNG, JPEG or WebP image we can read (its content decides, not its Content-Type).'::text), ('IMAGE_INVALID:pixels'::text,415,'The image is too large: at most %s megapixels.'::text), ('UNSUPPORTED_MEDIA_TYPE:image'::text,415,'Send the image as image/png, image/jpeg or image/webp.'::text), ('PAYLOAD_TOO_LARGE:image'::text,413,'An event image may be at most %s MB.'::text), ('INVALID_INPUT:image_size'::text,400,'size must be list or page.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('LAST_OWNER:close_account'::text,409,'You are the only owner of %s: make someone else an owner of it before closing your account.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_CANCELLED'::text,409,'This event was cancelled; it takes no bookings.'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_YOUR_TURN'::text,409,'This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted.'::text), ('INVALID_INPUT:queue_sales_start'::text,400,'A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin.'::text), ('INVALID_INPUT:queue_opens_at'::text,400,'queue_opens_at must be before sales_start.'::text), ('INVALID_INPUT:lottery_closes_at_required'::text,400,'A lottery event needs lottery_closes_at: when entries close and the draw runs.'::text), ('INVALID_INPUT:lottery_closes_at'::text,400,'lottery_closes_at must be before sales_end (or, without sales_end, before the event starts).'::text), ('RELEASE_STARTED'::text,409,'Students have already joined this event''s queue or lottery: its release mode and its moment of shuffle or draw are fixed.'::text), ('WRONG_RELEASE_MODE:first_come'::text,409,'This event is first come, first served: book it directly (it has no %s).'::text), ('WRONG_RELEASE_MODE:queue'::text,409,'This event releases its seats through a waiting room: join its queue (it has no %s).'::text), ('WRONG_RELEASE_MODE:lottery'::text,409,'This event releases its seats by lottery: enter it (it has no %s).'::text), ('FORBIDDEN:queue'::text,403,'Only students can join a queue.'::text), ('FORBIDDEN:lottery'::text,403,'Only students can enter a lottery.'::text), ('FORBIDDEN:claim'::text,403,'Only students can claim a lottery win.'::text), ('FORBIDDEN:release'::text,403,'Only admins and the event''s organisers can see its queue and draws.'::text), ('QUEUE_NOT_OPEN'::text,409,'The queue opens at %s.'::text), ('NOT_FOUND:queue_entry'::text,404,'You are not in this event''s queue.'::text), ('NOT_FOUND:lottery_entry'::text,404,'You have not entered this event''s lottery.'::text), ('NOT_DRAWN:queue'::text,404,'The queue is shuffled at sales_start.'::text), ('NOT_DRAWN:lottery'::text,404,'The lottery is drawn when entries close.'::text), ('LOTTERY_CLOSED'::text,409,'Entries for this lottery closed at %s.'::text), ('OFFER_EXPIRED'::text,409,'Your win had to be claimed by %s; the seat has passed on.'::text), ('NO_WIN'::text,409,'The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order.'::text), ('NO_WIN:not_drawn'::text,409,'The draw has not run yet: it runs when entries close.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);


CREATE OR REPLACE FUNCTION app_private.prune_auth()
 RETURNS integer
 LANGUAGE sql
AS $function$
  with sessions as (delete from app_private.sessions s where s.expires_at < now() - interval '1 day' returning 1),
       verifications as (delete from app_private.email_verifications v where v.expires_at < now() - interval '1 day' returning 1),
       resets as (delete from app_private.password_resets r where r.expires_at < now() - interval '1 day' returning 1),
       closures as (delete from app_private.account_closures c where c.expires_at < now() - interval '1 day' returning 1)
  select ((select count(*) from sessions) + (select count(*) from verifications) + (select count(*) from resets)
          + (select count(*) from closures))::int
$function$
;

CREATE TRIGGER _100_forget_links BEFORE UPDATE OF sent_at ON app_private.outbox FOR EACH ROW WHEN (((old.sent_at IS NULL) AND (new.sent_at IS NOT NULL) AND (new.kind = ANY (ARRAY['verify_email'::text, 'password_reset'::text, 'close_account'::text])))) EXECUTE FUNCTION app_private.outbox_forget_links();

comment on function app_hidden.close_account_with_link(text) is 'Close the caller''s account with the token of the link request_account_closure mailed (INVALID_TOKEN otherwise), as delete_account does with a password.';
grant execute on function app_hidden.close_account_with_link(text) to ticketing_student;
comment on function app_hidden.delete_account(text) is 'Close the caller''s account (false: wrong password; an account without a password: NO_PASSWORD): tickets cancelled, places in queues and lotteries given up, club roles ended (the sole owner of a club: LAST_OWNER), name and email erased, every session ended.';
comment on function app_public.request_account_closure() is 'Mail a link that closes your account, to its verified address: for accounts without a password (college sign-in only); with one, close it with your password (PASSWORD_REQUIRED). Throttled per account.';
grant execute on function app_public.request_account_closure() to ticketing_student;
comment on function app_public.users_email_verification_needed(app_public.users) is 'True while this student must still verify their address before booking, joining waitlists, queues and lotteries, or being added to a club''s staff (the college requires verified addresses); false once verified, or where nothing requires it.';
grant execute on function app_public.users_email_verification_needed(app_public.users) to ticketing_student;
comment on function app_public.users_has_password(app_public.users) is 'Whether you can sign in with a password (false: only with the college''s account; closing it then takes a link mailed to you). Null for anyone but yourself.';
grant execute on function app_public.users_has_password(app_public.users) to ticketing_student;

--! split: 200-data.sql
-- A seed row of throttling.sql that a schema diff does not write.
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('account_closure_emails_per_user', 5, '1 hour', 'Links to close an account without a password that one account may ask for');

--! Previous: sha1:fc1c120d6756c88b3be48d6050650db04eaaf20f
--! Hash: sha1:598099f7564952923ecced0a91ab62927db41c41
--! Message: Hardening: a closed account leaves its clubs (LAST_OWNER for a sole owner) and gives up its queue and lottery places; door staff see the holder's name of the ticket they check in; cancelling closes a queue and tells queue and lottery entrants, after joins in progress; club membership changes re-check the right under the club's lock; an unproven account is invited, not added; an hourly allowance of invitations per club

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_public.tickets_holder_name(t app_public.tickets)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select u.name from app_public.tickets k join app_public.users u on u.id = k.user_id
  where k.id = t.id
    and (k.user_id = app_public.current_user_id()
         or app_hidden.may_on_event('run_events', k.event_id)
         or ((k.checked_in_at is not null or current_setting('ticketing.admitted_ticket', true) = k.id::text)
             and app_hidden.may_on_event('check_in', k.event_id)))
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
  v_ticket int;
  v_club text;
  v_event int;
begin
  select * into v_user from app_public.users u where u.id = app_public.current_user_id() and u.deleted_at is null;
  if v_user.id is null then
    perform app_private.fail('UNAUTHENTICATED');
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

  -- A club is never left without an owner (clubs.sql): the sole owner of a club must
  -- hand it on first (LAST_OWNER, naming the club). The clubs' rows are locked, as
  -- every membership change locks them, so an owner leaving at the same moment
  -- cannot make this check stale. Then every membership goes: a closed account has
  -- no rights in any club.
  perform from app_public.clubs c
  where c.id in (select m.club_id from app_public.club_memberships m where m.user_id = v_user.id)
  order by c.id for update;
  select c.name::text into v_club from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id
  where m.user_id = v_user.id and m.role = 'owner'
    and not exists (select from app_public.club_memberships o where o.club_id = m.club_id and o.role = 'owner' and o.user_id <> v_user.id)
  order by c.name limit 1;
  if v_club is not null then
    perform app_private.fail('LAST_OWNER:close_account', null, v_club);
  end if;
  delete from app_public.club_memberships m where m.user_id = v_user.id;

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
  -- Queues and lotteries (release.sql): nobody can sign in to use a place any more, so
  -- a place in line is left and a win (or a wait for one) lapses, each passing on at
  -- once (queue_advance, lottery_advance) rather than holding a seat for a closed
  -- account until its time runs out. An entry not yet drawn is withdrawn. Under the
  -- release lock, then the event's, as joins and draws take them.
  for v_event in
    select q.event_id from app_public.queue_entries q where q.user_id = v_user.id and q.state in ('waiting', 'admitted')
    union
    select l.event_id from app_public.lottery_entries l where l.user_id = v_user.id and l.state in ('entered', 'won', 'lost')
    order by 1
  loop
    perform app_private.lock_release(v_event, false);
    perform app_private.lock_event(v_event);
    update app_public.queue_entries q set state = 'left', admitted_until = null, updated_at = now()
    where q.event_id = v_event and q.user_id = v_user.id and q.state in ('waiting', 'admitted');
    delete from app_public.lottery_entries l where l.event_id = v_event and l.user_id = v_user.id and l.state = 'entered';
    update app_public.lottery_entries l set state = 'expired', updated_at = now()
    where l.event_id = v_event and l.user_id = v_user.id and l.state in ('won', 'lost');
    perform app_private.queue_advance(v_event);
    perform app_private.lottery_advance(v_event);
  end loop;

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

CREATE OR REPLACE FUNCTION app_private.cancellation_email_body(event app_public.events, holds_ticket boolean, paid boolean)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  select format(E'%s (%s, %s) has been cancelled by its organisers.\n\nTheir reason: %s\n\n%s',
    event.name, event.venue, app_private.email_moment(event.starts_at),
    event.cancel_reason,
    case
      when paid then 'Your ticket is cancelled, and the money you paid is on its way back to you through the same payment provider.'
      when holds_ticket then 'Your ticket is cancelled; there is nothing for you to do.'
      else 'You were waiting for a seat (on the waitlist, in the queue or in the lottery); that is closed now.'
    end)
$function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('EVENT_CANCELLED:edit'::text,409,'This event was cancelled; it can no longer be changed.'::text), ('FORBIDDEN:cancel_event'::text,403,'Only the owners and managers of the club running this event (and admins) can cancel it.'::text), ('ALREADY_CANCELLED:event'::text,409,'This event was already cancelled at %s.'::text), ('EVENT_STARTED:cancel_event'::text,409,'This event has already started; it can no longer be cancelled.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('LAST_OWNER:close_account'::text,409,'You are the only owner of %s: make someone else an owner of it before closing your account.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_CANCELLED'::text,409,'This event was cancelled; it takes no bookings.'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_YOUR_TURN'::text,409,'This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted.'::text), ('INVALID_INPUT:queue_sales_start'::text,400,'A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin.'::text), ('INVALID_INPUT:queue_opens_at'::text,400,'queue_opens_at must be before sales_start.'::text), ('INVALID_INPUT:lottery_closes_at_required'::text,400,'A lottery event needs lottery_closes_at: when entries close and the draw runs.'::text), ('INVALID_INPUT:lottery_closes_at'::text,400,'lottery_closes_at must be before sales_end (or, without sales_end, before the event starts).'::text), ('RELEASE_STARTED'::text,409,'Students have already joined this event''s queue or lottery: its release mode and its moment of shuffle or draw are fixed.'::text), ('WRONG_RELEASE_MODE:first_come'::text,409,'This event is first come, first served: book it directly (it has no %s).'::text), ('WRONG_RELEASE_MODE:queue'::text,409,'This event releases its seats through a waiting room: join its queue (it has no %s).'::text), ('WRONG_RELEASE_MODE:lottery'::text,409,'This event releases its seats by lottery: enter it (it has no %s).'::text), ('FORBIDDEN:queue'::text,403,'Only students can join a queue.'::text), ('FORBIDDEN:lottery'::text,403,'Only students can enter a lottery.'::text), ('FORBIDDEN:claim'::text,403,'Only students can claim a lottery win.'::text), ('FORBIDDEN:release'::text,403,'Only admins and the event''s organisers can see its queue and draws.'::text), ('QUEUE_NOT_OPEN'::text,409,'The queue opens at %s.'::text), ('NOT_FOUND:queue_entry'::text,404,'You are not in this event''s queue.'::text), ('NOT_FOUND:lottery_entry'::text,404,'You have not entered this event''s lottery.'::text), ('NOT_DRAWN:queue'::text,404,'The queue is shuffled at sales_start.'::text), ('NOT_DRAWN:lottery'::text,404,'The lottery is drawn when entries close.'::text), ('LOTTERY_CLOSED'::text,409,'Entries for this lottery closed at %s.'::text), ('OFFER_EXPIRED'::text,409,'Your win had to be claimed by %s; the seat has passed on.'::text), ('NO_WIN'::text,409,'The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order.'::text), ('NO_WIN:not_drawn'::text,409,'The draw has not run yet: it runs when entries close.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);


CREATE OR REPLACE FUNCTION app_private.lock_club_for_members(club_id integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
begin
  perform app_private.require_club_right('manage_club', club_id);
  perform from app_public.clubs c where c.id = lock_club_for_members.club_id for update;
  perform app_private.require_club_right('manage_club', club_id);
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
    format('%s has sent as many invitations as it may in an hour', v_club.name));
  insert into app_public.club_invitations (club_id, email, role, invited_by)
  values (v_club.id, v_email, add_club_member.role, app_public.current_user_id());
  -- Once per club and address, whatever is removed and invited again.
  perform app_private.enqueue_email_to('club_invitation', v_email::text, format('club_invitation:%s:%s', v_club.id, v_email),
    format('You are invited to help run %s', v_club.name),
    format(E'Hello,\n\nYou are invited to be %s of %s on Campus tickets. Sign up with this address (%s) and confirm it (if it already has an account, confirm it, or reset its password from the sign-in page), and the club is yours to help run:\n\n%s/signup\n\nIf you did not expect this, ignore this email.',
           app_private.club_role_words(add_club_member.role), v_club.name, v_email, rtrim(v_url, '/')));
  return (null, null, v_email::text, add_club_member.role, 'invited', now())::app_public.club_member;
end $function$
;

CREATE OR REPLACE FUNCTION app_public.cancel_event(event_id integer, reason text)
 RETURNS app_public.events
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
  v_reason text := btrim(cancel_event.reason);
  v_bounds app_private.field_bounds;
  v_cancelled int[];
  v_notice record;
  v_outbox_id bigint;
  v_outbox bigint[] := '{}';
begin
  -- Events are public: NOT_FOUND before FORBIDDEN tells nobody anything new.
  select * into v_event from app_public.events e where e.id = cancel_event.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:cancel_event');
  end if;
  -- The reason is the column cancel_reason, whose bounds its constraint says; the API calls it reason.
  if v_reason is null or v_reason = '' then
    perform app_private.fail('INVALID_INPUT:required', 'reason', 'reason');
  end if;
  select * into v_bounds from app_private.field_bounds b where b.table_name = 'events' and b.field = 'cancel_reason';
  if length(v_reason) > v_bounds.max then
    perform app_private.fail('INVALID_INPUT:too_long', 'reason', 'reason', v_bounds.max::text);
  end if;

  if v_event.release_mode <> 'first_come' then
    perform app_private.lock_release(v_event.id, true);
  end if;
  perform app_private.lock_event(v_event.id);
  select * into v_event from app_public.events e where e.id = v_event.id for update;
  if v_event.status = 'cancelled' then
    perform app_private.fail('ALREADY_CANCELLED:event', null,
      to_char(v_event.cancelled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
  if v_event.starts_at <= now() then
    perform app_private.fail('EVENT_STARTED:cancel_event');
  end if;

  update app_public.events e
  -- updated_at: a calendar that imported the event sees a newer SEQUENCE (src/calendar/ics.ts), so it takes STATUS:CANCELLED.
  set status = 'cancelled', cancelled_at = now(), cancel_reason = v_reason, updated_at = now(),
      -- Nobody holds a seat once the tickets below are cancelled (and nobody may book one).
      tickets_remaining = e.total_tickets, availability_version = e.availability_version + 1
  where e.id = v_event.id
  returning * into v_event;

  -- Whom to tell, one email each: holders of a live ticket (did they pay?), then students still in line.
  for v_notice in
    select s.user_id, bool_or(s.holds) as holds, bool_or(s.paid) as paid
    from (
      select t.user_id, true as holds, t.paid_at is not null as paid from app_public.tickets t
      where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
      union all
      select w.user_id, false, false from app_public.waitlist_entries w
      where w.event_id = v_event.id and w.status = 'waiting'
      union all
      -- A drawn line was closed by the update above (its trigger runs queue_advance): closed now, in this transaction.
      select q.user_id, false, false from app_public.queue_entries q
      where q.event_id = v_event.id and (q.state in ('waiting', 'admitted') or (q.state = 'closed' and q.updated_at = now()))
      union all
      select l.user_id, false, false from app_public.lottery_entries l
      where l.event_id = v_event.id and l.state in ('entered', 'won', 'lost')
    ) s
    group by s.user_id
    order by s.user_id
  loop
    v_outbox_id := app_private.add_to_outbox('event_cancelled', v_notice.user_id,
      format('event_cancelled:%s:%s', v_event.id, v_notice.user_id),
      format('Cancelled: %s', v_event.name),
      app_private.cancellation_email_body(v_event, v_notice.holds, v_notice.paid), v_event.id);
    if v_outbox_id is not null then
      v_outbox := v_outbox || v_outbox_id;
    end if;
  end loop;

  -- The tickets, locked in id order first (the order every path that locks several takes).
  perform from app_public.tickets t
  where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
  order by t.id
  for update;
  with cancelled as (
    update app_public.tickets t set status = 'cancelled', cancelled_at = now(), hold_expires_at = null
    where t.event_id = v_event.id and app_private.ticket_is_live(t.status)
    returning t.id
  )
  select coalesce(array_agg(c.id order by c.id), '{}') into v_cancelled from cancelled c;
  -- Every succeeded payment of them goes back, once (request_refund is idempotent per payment).
  perform app_private.request_refund(c.id) from unnest(v_cancelled) as c(id);
  update app_public.waitlist_entries w set status = 'closed'
  where w.event_id = v_event.id and w.status in ('waiting', 'offered');
  -- Before the shuffle too (queue_advance closes a line only once it is drawn).
  update app_public.queue_entries q set state = 'closed', admitted_until = null, updated_at = now()
  where q.event_id = v_event.id and q.state in ('waiting', 'admitted');

  -- The sales window's moments will change nothing now: their announcements go.
  perform graphile_worker.remove_job(format('announce_availability:%s:%s', v_event.id, m.kind))
  from unnest(array['sales_start', 'sales_end', 'starts_at']) as m(kind);
  perform app_private.send_outbox(v_outbox);
  return v_event;
end $function$
;

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
  -- For tickets_holder_name, read from this answer in the same statement (see there).
  perform set_config('ticketing.admitted_ticket', v_ticket.id::text, true);
  return v_ticket;
end $function$
;

comment on function app_hidden.delete_account(text) is 'Close the caller''s account (false: wrong password): tickets cancelled, places in queues and lotteries given up, club roles ended (the sole owner of a club: LAST_OWNER), name and email erased, every session ended.';
comment on function app_public.add_club_member(integer,text,app_public.club_role) is '@resultFieldName member
Add someone to a club by email (its owners, admins): a verified account becomes a member at once (active); an address without one, or whose account has not proven it holds the address, is invited by email and becomes a member once its account is verified (invited).';
comment on function app_public.tickets_holder_name(app_public.tickets) is 'The holder''s name, to compare with the person at the door: for the holder, admins, the organisers of the event, and its door staff once the ticket is checked in (the checkIn answer).';
grant execute on function app_public.tickets_holder_name(app_public.tickets) to ticketing_student;

--! split: 200-club-invitation-allowance.sql
-- The club's hourly allowance of invitations (clubs.sql), a row the generator does not write.
insert into app_private.throttle_rules (rule, max_hits, per, what) values
  ('club_invitations_per_club', 100, '1 hour', 'Invitations (each an email to an address without an account) made by one club')
on conflict (rule) do nothing;

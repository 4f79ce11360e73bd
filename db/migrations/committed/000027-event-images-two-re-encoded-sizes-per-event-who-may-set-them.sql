--! Previous: sha1:62558af4fc9c5d6fed59f41ee456891999ac7046
--! Hash: sha1:c19ec359ae6e8d367048d7ec2ddbc5d132058d52
--! Message: Event images: two re-encoded sizes per event, who may set them, their URL

--! split: 1-current.sql
-- Hand-written steps that must run before 100-generated.sql (e.g. a rename); usually none: see db/README.md.

--! split: 100-generated.sql
-- Written by `npm run db:diff` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.

create table "app_private"."event_images" (
    "event_id" integer not null,
    "etag" text not null,
    "content_type" text not null,
    "list_image" bytea not null,
    "page_image" bytea not null,
    "updated_at" timestamp with time zone not null default now(),
    "updated_by" integer
      );


alter table "app_private"."event_images" enable row level security;

CREATE UNIQUE INDEX event_images_pkey ON app_private.event_images USING btree (event_id);

alter table "app_private"."event_images" add constraint "event_images_pkey" PRIMARY KEY using index "event_images_pkey";

alter table "app_private"."event_images" add constraint "event_images_content_type_valid" CHECK ((content_type = ANY (ARRAY['image/webp'::text, 'image/jpeg'::text, 'image/png'::text]))) not valid;

alter table "app_private"."event_images" validate constraint "event_images_content_type_valid";

alter table "app_private"."event_images" add constraint "event_images_etag_valid" CHECK ((etag ~ '^[0-9a-f]{16,64}$'::text)) not valid;

alter table "app_private"."event_images" validate constraint "event_images_etag_valid";

alter table "app_private"."event_images" add constraint "event_images_event_id_fkey" FOREIGN KEY (event_id) REFERENCES app_public.events(id) ON DELETE CASCADE not valid;

alter table "app_private"."event_images" validate constraint "event_images_event_id_fkey";

alter table "app_private"."event_images" add constraint "event_images_list_image_valid" CHECK (((length(list_image) >= 1) AND (length(list_image) <= 2000000))) not valid;

alter table "app_private"."event_images" validate constraint "event_images_list_image_valid";

alter table "app_private"."event_images" add constraint "event_images_page_image_valid" CHECK (((length(page_image) >= 1) AND (length(page_image) <= 5000000))) not valid;

alter table "app_private"."event_images" validate constraint "event_images_page_image_valid";

alter table "app_private"."event_images" add constraint "event_images_updated_by_fkey" FOREIGN KEY (updated_by) REFERENCES app_public.users(id) ON DELETE SET NULL not valid;

alter table "app_private"."event_images" validate constraint "event_images_updated_by_fkey";

set local check_function_bodies = off;

CREATE OR REPLACE FUNCTION app_hidden.event_image(event_id integer, size text)
 RETURNS TABLE(etag text, content_type text, bytes bytea)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select i.etag, i.content_type, case event_image.size when 'list' then i.list_image else i.page_image end
  from app_private.event_images i where i.event_id = event_image.event_id
$function$
;

CREATE OR REPLACE FUNCTION app_hidden.event_image_url(event_id integer)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
  select format('/events/%s/image?v=%s', i.event_id, i.etag) from app_private.event_images i
  where i.event_id = event_image_url.event_id
$function$
;

CREATE OR REPLACE FUNCTION app_hidden.set_event_image(event_id integer, etag text, content_type text, list_image bytea, page_image bytea)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public', 'pg_temp'
AS $function$
declare
  v_event app_public.events;
begin
  -- Events are public: NOT_FOUND before FORBIDDEN tells nobody anything new.
  select * into v_event from app_public.events e where e.id = set_event_image.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:event_image');
  end if;
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED:edit');
  end if;
  insert into app_private.event_images (event_id, etag, content_type, list_image, page_image, updated_by)
  values (v_event.id, set_event_image.etag, set_event_image.content_type, set_event_image.list_image,
          set_event_image.page_image, app_public.current_user_id())
  on conflict on constraint event_images_pkey do update
    set etag = excluded.etag, content_type = excluded.content_type, list_image = excluded.list_image,
        page_image = excluded.page_image, updated_at = now(), updated_by = excluded.updated_by;
  return app_hidden.event_image_url(v_event.id);
end $function$
;

CREATE OR REPLACE FUNCTION app_public.events_image_url(e app_public.events)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  select app_hidden.event_image_url(e.id)
$function$
;

create or replace view "app_private"."errors" as  SELECT e.reason,
    split_part(e.reason, ':'::text, 1) AS code,
    e.status,
    e.message
   FROM ( VALUES ('UNAUTHENTICATED'::text,401,'Sign in to do this.'::text), ('UNAUTHENTICATED:booking'::text,401,'Sign in to book a ticket.'::text), ('FORBIDDEN'::text,403,'You are not allowed to do this.'::text), ('FORBIDDEN:admin'::text,403,'Only admins can do this, and your account is no longer an admin.'::text), ('INVALID_INPUT'::text,400,'Invalid input.'::text), ('INVALID_INPUT:field'::text,400,'Invalid value for %s.'::text), ('INVALID_INPUT:required'::text,400,'%s is required.'::text), ('INVALID_INPUT:length'::text,400,'%s must be %s to %s characters.'::text), ('INVALID_INPUT:too_long'::text,400,'%s must be at most %s characters.'::text), ('INVALID_INPUT:range'::text,400,'%s must be between %s and %s.'::text), ('INVALID_INPUT:reference'::text,400,'A referenced record does not exist.'::text), ('INVALID_INPUT:format'::text,400,'A value has the wrong format or is out of range.'::text), ('CONFLICT'::text,409,'This already exists.'::text), ('BUSY'::text,503,'Too many people are changing this event right now; please retry in a moment.'::text), ('DATABASE_UNAVAILABLE'::text,503,'The database is unavailable right now; please retry in a moment.'::text), ('INVALID_INPUT:name'::text,400,'Name is required and must be at most %s characters.'::text), ('INVALID_INPUT:email'::text,400,'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'::text), ('INVALID_INPUT:password'::text,400,'Password must be 8 to 72 characters.'::text), ('EMAIL_TAKEN'::text,409,'An account with this email already exists.'::text), ('EMAIL_TAKEN:just_now'::text,409,'An account with this email was created just now; sign in again.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED'::text,400,'Sign up with your college email address (%s).'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in'::text,403,'Sign in with your college account (%s).'::text), ('EMAIL_NOT_VERIFIED'::text,403,'Confirm your email address first: open the link we mailed you (or ask for a new one).'::text), ('EMAIL_NOT_VERIFIED:sign_in'::text,403,'The college''s sign-in does not vouch for your email address (it is not verified there).'::text), ('INVALID_CREDENTIALS'::text,401,'Email or password is incorrect.'::text), ('INVALID_CREDENTIALS:password'::text,401,'The password is incorrect.'::text), ('INVALID_TOKEN'::text,401,'%s'::text), ('INVALID_TOKEN:verify_email'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'::text), ('INVALID_TOKEN:password_reset'::text,400,'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'::text), ('NOT_FOUND:session'::text,404,'You have no such session (it may have ended already).'::text), ('TOO_MANY_ATTEMPTS'::text,429,'%s; try again after %s.'::text), ('OIDC_FAILED'::text,400,'%s'::text), ('OIDC_FAILED:subject'::text,400,'The college''s sign-in did not say who you are.'::text), ('INVALID_INPUT:oidc_email'::text,400,'The college''s sign-in gave no usable email address.'::text), ('OIDC_UNAVAILABLE'::text,503,'The college''s sign-in cannot be reached right now; try again in a few minutes.'::text), ('NOT_FOUND:event'::text,404,'No such event.'::text), ('INVALID_INPUT:starts_at_past'::text,400,'The event must start in the future.'::text), ('BELOW_SOLD'::text,409,'%s tickets are already sold; total_tickets cannot go below that.'::text), ('INVALID_INPUT:category_id'::text,400,'category_id %s names no category.'::text), ('INVALID_INPUT:moment'::text,400,'%s must be a moment from the year 1000 to the year 9999 (UTC).'::text), ('INVALID_INPUT:sales_end'::text,400,'sales_end must not be after the event starts.'::text), ('INVALID_INPUT:sales_start'::text,400,'sales_start must be before sales_end (or, without sales_end, before the event starts).'::text), ('INVALID_INPUT:clear'::text,400,'clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s.'::text), ('INVALID_INPUT:set_and_cleared'::text,400,'%s cannot be both set and cleared.'::text), ('INVALID_INPUT:bucket'::text,400,'bucket must be minute, hour, day or week.'::text), ('EVENT_CANCELLED:edit'::text,409,'This event was cancelled; it can no longer be changed.'::text), ('FORBIDDEN:cancel_event'::text,403,'Only the owners and managers of the club running this event (and admins) can cancel it.'::text), ('ALREADY_CANCELLED:event'::text,409,'This event was already cancelled at %s.'::text), ('EVENT_STARTED:cancel_event'::text,409,'This event has already started; it can no longer be cancelled.'::text), ('FORBIDDEN:event_image'::text,403,'Only the owners and managers of the club running this event (and admins) can change its image.'::text), ('NOT_FOUND:image'::text,404,'This event has no image.'::text), ('IMAGE_INVALID'::text,415,'The body is not a PNG, JPEG or WebP image we can read (its content decides, not its Content-Type).'::text), ('IMAGE_INVALID:pixels'::text,415,'The image is too large: at most %s megapixels.'::text), ('UNSUPPORTED_MEDIA_TYPE:image'::text,415,'Send the image as image/png, image/jpeg or image/webp.'::text), ('PAYLOAD_TOO_LARGE:image'::text,413,'An event image may be at most %s MB.'::text), ('INVALID_INPUT:image_size'::text,400,'size must be list or page.'::text), ('NOT_FOUND:club'::text,404,'No such club.'::text), ('NOT_FOUND:club_member'::text,404,'This person is not a member of the club.'::text), ('NOT_FOUND:club_invitation'::text,404,'This address is not invited to the club.'::text), ('FORBIDDEN:club_manage_club'::text,403,'Only the club''s owners (and admins) can do this.'::text), ('FORBIDDEN:club_see_members'::text,403,'Only the club''s owners and managers (and admins) can see its members.'::text), ('FORBIDDEN:club_run_events'::text,403,'Only the club''s owners and managers (and admins) can do this.'::text), ('FORBIDDEN:club_check_in'::text,403,'Only the club''s staff (and admins) can do this.'::text), ('FORBIDDEN:club_events'::text,403,'Only the club''s owners and managers (and admins) can create or change its events.'::text), ('FORBIDDEN:clubless_event'::text,403,'Only admins can create or change events that no club runs.'::text), ('FORBIDDEN:check_in'::text,403,'Only the staff of the club running this event (and admins) can check in for it.'::text), ('FORBIDDEN:attendees'::text,403,'Only the owners and managers of the club running this event (and admins) can see its attendees.'::text), ('FORBIDDEN:analytics'::text,403,'Only the owners and managers of the club running this event (and admins) can see its figures.'::text), ('INVALID_INPUT:club_id'::text,400,'club_id %s names no club.'::text), ('INVALID_INPUT:club_role'::text,400,'role is required: owner, manager or door.'::text), ('CLUB_NAME_TAKEN'::text,409,'A club is already called %s.'::text), ('LAST_OWNER'::text,409,'A club always keeps at least one owner: make someone else an owner first.'::text), ('LAST_OWNER:close_account'::text,409,'You are the only owner of %s: make someone else an owner of it before closing your account.'::text), ('ALREADY_MEMBER'::text,409,'%s is already a member of %s; change their role instead.'::text), ('ALREADY_INVITED'::text,409,'%s is already invited to %s.'::text), ('EMAIL_DOMAIN_NOT_ALLOWED:invitation'::text,400,'Only college addresses can sign up (%s): invite one of those.'::text), ('TOO_MANY_INVITATIONS'::text,409,'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'::text), ('FORBIDDEN:booking'::text,403,'Only students can book tickets.'::text), ('FORBIDDEN:batch'::text,403,'Batches come from the booking service only.'::text), ('INVALID_INPUT:idempotency_key'::text,400,'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'::text), ('EVENT_CANCELLED'::text,409,'This event was cancelled; it takes no bookings.'::text), ('EVENT_STARTED'::text,409,'This event has already started; booking is closed.'::text), ('SALES_CLOSED'::text,409,'Ticket sales for this event have closed (see sales_end).'::text), ('SALES_NOT_OPEN'::text,409,'Ticket sales for this event have not opened yet (see sales_start).'::text), ('SOLD_OUT'::text,409,'This event is sold out.'::text), ('LIMIT_REACHED'::text,409,'You already hold the most tickets allowed per student for this event.'::text), ('PAYMENTS_UNAVAILABLE'::text,409,'This event takes payment, and payments are not available on this server.'::text), ('STALE_LOCK'::text,409,'A newer lock holder has booked this event; retry.'::text), ('BUSY:event'::text,503,'Too many people are booking this event right now; please retry in a moment.'::text), ('BUSY:bookings'::text,503,'Too many bookings are in progress right now; please retry in a moment.'::text), ('TOO_MANY_BOOKINGS'::text,429,'You have %s bookings in progress already; wait for their answers before booking more.'::text), ('BOOKING_OUTCOME_UNKNOWN'::text,503,'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'::text), ('NOT_YOUR_TURN'::text,409,'This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted.'::text), ('INVALID_INPUT:queue_sales_start'::text,400,'A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin.'::text), ('INVALID_INPUT:queue_opens_at'::text,400,'queue_opens_at must be before sales_start.'::text), ('INVALID_INPUT:lottery_closes_at_required'::text,400,'A lottery event needs lottery_closes_at: when entries close and the draw runs.'::text), ('INVALID_INPUT:lottery_closes_at'::text,400,'lottery_closes_at must be before sales_end (or, without sales_end, before the event starts).'::text), ('RELEASE_STARTED'::text,409,'Students have already joined this event''s queue or lottery: its release mode and its moment of shuffle or draw are fixed.'::text), ('WRONG_RELEASE_MODE:first_come'::text,409,'This event is first come, first served: book it directly (it has no %s).'::text), ('WRONG_RELEASE_MODE:queue'::text,409,'This event releases its seats through a waiting room: join its queue (it has no %s).'::text), ('WRONG_RELEASE_MODE:lottery'::text,409,'This event releases its seats by lottery: enter it (it has no %s).'::text), ('FORBIDDEN:queue'::text,403,'Only students can join a queue.'::text), ('FORBIDDEN:lottery'::text,403,'Only students can enter a lottery.'::text), ('FORBIDDEN:claim'::text,403,'Only students can claim a lottery win.'::text), ('FORBIDDEN:release'::text,403,'Only admins and the event''s organisers can see its queue and draws.'::text), ('QUEUE_NOT_OPEN'::text,409,'The queue opens at %s.'::text), ('NOT_FOUND:queue_entry'::text,404,'You are not in this event''s queue.'::text), ('NOT_FOUND:lottery_entry'::text,404,'You have not entered this event''s lottery.'::text), ('NOT_DRAWN:queue'::text,404,'The queue is shuffled at sales_start.'::text), ('NOT_DRAWN:lottery'::text,404,'The lottery is drawn when entries close.'::text), ('LOTTERY_CLOSED'::text,409,'Entries for this lottery closed at %s.'::text), ('OFFER_EXPIRED'::text,409,'Your win had to be claimed by %s; the seat has passed on.'::text), ('NO_WIN'::text,409,'The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order.'::text), ('NO_WIN:not_drawn'::text,409,'The draw has not run yet: it runs when entries close.'::text), ('NOT_FOUND:ticket'::text,404,'No such ticket.'::text), ('ALREADY_CANCELLED'::text,409,'This ticket was already cancelled at %s.'::text), ('TICKET_EXPIRED'::text,409,'This hold has already expired; its seat was released.'::text), ('ALREADY_CHECKED_IN'::text,409,'Already checked in at %s.'::text), ('ALREADY_CHECKED_IN:cancel'::text,409,'This ticket was used at the door at %s; it can no longer be cancelled.'::text), ('EVENT_STARTED:cancel'::text,409,'This event has already started; tickets can no longer be cancelled.'::text), ('INVALID_INPUT:event_id'::text,400,'event_id is required: the event this desk admits to.'::text), ('NOT_FOUND:check_in_code'::text,404,'No ticket has this code.'::text), ('WRONG_EVENT'::text,409,'This ticket is for another event: %s.'::text), ('TICKET_NOT_VALID'::text,409,'This ticket is %s, not valid for entry.'::text), ('FORBIDDEN:waitlist'::text,403,'Only students can join a waitlist.'::text), ('NOT_SOLD_OUT'::text,409,'Seats are still available: book one instead.'::text), ('ALREADY_WAITING'::text,409,'You are already on the waitlist for this event.'::text), ('NOT_FOUND:waiting'::text,404,'You are not waiting on that waitlist entry.'::text), ('NOT_FOUND:waitlist_entry'::text,404,'No such waitlist entry.'::text), ('OFFER_NOT_AVAILABLE'::text,409,'There is no open offer on this entry (it may have lapsed).'::text), ('LIMIT_REACHED:offer'::text,409,'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'::text), ('NOT_PAYABLE'::text,409,'This ticket is %s; only a held ticket can be paid.'::text), ('TOO_MANY_PAYMENT_ATTEMPTS'::text,409,'This ticket already has several payments waiting; complete one of them.'::text), ('NOT_FOUND:payment'::text,404,'Unknown payment.'::text), ('NOT_FOUND:checkout'::text,404,'No such payment waiting for confirmation.'::text), ('AMOUNT_MISMATCH'::text,400,'The paid amount does not match the ticket price.'::text), ('PAYMENTS_UNAVAILABLE:server'::text,409,'Payments are not available on this server (no payment provider is configured).'::text), ('PRICE_CHANGED'::text,409,'The ticket''s price changed while paying started; please try again.'::text), ('INVALID_SIGNATURE'::text,400,'The webhook signature is missing, wrong or too old.'::text), ('INVALID_INPUT:webhook_json'::text,400,'The webhook body is not valid JSON.'::text), ('NOT_FOUND:route'::text,404,'No route %s %s; see /docs.'::text), ('NOT_FOUND:id'::text,404,'No such %s.'::text), ('METHOD_NOT_ALLOWED'::text,405,'%s is not allowed on %s; use %s.'::text), ('INVALID_INPUT:id'::text,400,'The %s id must be a positive integer, not "%s".'::text), ('INVALID_INPUT:event_id_unsafe'::text,400,'Invalid event id.'::text), ('INVALID_INPUT:body_not_allowed'::text,400,'%s %s takes no request body; send none.'::text), ('INVALID_INPUT:path_encoding'::text,400,'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'::text), ('INVALID_INPUT:json'::text,400,'The request body is not valid JSON.'::text), ('INVALID_INPUT:body_object'::text,400,'The body must be a JSON object.'::text), ('INVALID_INPUT:unreadable'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('BAD_REQUEST'::text,400,'The request body could not be read: check its Content-Encoding and Content-Length.'::text), ('PAYLOAD_TOO_LARGE'::text,413,'The request body is too large.'::text), ('UNSUPPORTED_MEDIA_TYPE'::text,415,'Send the body as JSON with Content-Type: application/json.'::text), ('UNSUPPORTED_MEDIA_TYPE:charset'::text,415,'Send the body as UTF-8 JSON.'::text), ('UNSUPPORTED_MEDIA_TYPE:encoding'::text,415,'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'::text), ('SUBSCRIBER_TOO_SLOW'::text,429,'This subscription was ended: its messages were not being read.'::text)) e(reason, status, message);

grant execute on function app_hidden.event_image(integer,text) to ticketing_anonymous;
comment on function app_hidden.event_image_url(integer) is 'The event''s image (page size; add &size=list for the card), or null.';
grant execute on function app_hidden.event_image_url(integer) to ticketing_anonymous;
comment on function app_hidden.set_event_image(integer,text,text,bytea,bytea) is 'Set the event''s image, as the server re-encoded it (admins; a club''s event: its owners and managers).';
grant execute on function app_hidden.set_event_image(integer,text,text,bytea,bytea) to ticketing_student;
comment on function app_public.events_image_url(app_public.events) is 'The event''s image, relative to the API (the page''s size; add &size=list for a card''s), or null: show a placeholder. Set with PUT /events/{id}/image.';
grant execute on function app_public.events_image_url(app_public.events) to ticketing_anonymous;

--------------------------------------------------------------------------------
-- Errors: the one catalogue of what a client can be told, and how SQL says it.
--
-- Every refusal has a reason in app_private.errors: its stable machine code
-- (what clients match on: REST error.code, GraphQL extensions.code), its HTTP
-- status and its message. SQL raises it with app_private.fail(reason, field,
-- args…); the server raises the ones it decides itself from the same rows
-- (src/generated/vocabulary.ts, written from this view by `npm run vocabulary`).
--
-- A reason is its code, or `CODE:what` when one code has several messages
-- (NOT_FOUND:event, NOT_FOUND:ticket). Messages are format() templates: each %s
-- takes the next argument of fail(). Raised as errcode 'TKnnn' (nnn: the
-- status), the code in DETAIL, the field at fault in HINT (src/errors.ts).
--------------------------------------------------------------------------------

-- A view over its rows rather than a table: a changed message is a changed
-- definition, which `npm run db:diff` turns into the next migration.
create view app_private.errors as
  select e.reason, split_part(e.reason, ':', 1) as code, e.status, e.message
  from (values
    -- Anyone
    ('UNAUTHENTICATED', 401, 'Sign in to do this.'),
    ('UNAUTHENTICATED:booking', 401, 'Sign in to book a ticket.'),
    ('FORBIDDEN', 403, 'You are not allowed to do this.'),
    ('FORBIDDEN:admin', 403, 'Only admins can do this, and your account is no longer an admin.'),
    ('INVALID_INPUT', 400, 'Invalid input.'),
    ('INVALID_INPUT:field', 400, 'Invalid value for %s.'),
    ('INVALID_INPUT:required', 400, '%s is required.'),
    ('INVALID_INPUT:length', 400, '%s must be %s to %s characters.'),
    ('INVALID_INPUT:too_long', 400, '%s must be at most %s characters.'),
    ('INVALID_INPUT:range', 400, '%s must be between %s and %s.'),
    ('INVALID_INPUT:reference', 400, 'A referenced record does not exist.'),
    ('INVALID_INPUT:format', 400, 'A value has the wrong format or is out of range.'),
    ('CONFLICT', 409, 'This already exists.'),
    ('BUSY', 503, 'Too many people are changing this event right now; please retry in a moment.'),
    ('DATABASE_UNAVAILABLE', 503, 'The database is unavailable right now; please retry in a moment.'),
    -- Accounts (auth.sql, identity.sql)
    ('INVALID_INPUT:name', 400, 'Name is required and must be at most %s characters.'),
    ('INVALID_INPUT:email', 400, 'Email must look like name@example.edu: no spaces, invisible characters or trailing dot.'),
    ('INVALID_INPUT:password', 400, 'Password must be 8 to 72 characters.'),
    ('EMAIL_TAKEN', 409, 'An account with this email already exists.'),
    ('EMAIL_TAKEN:just_now', 409, 'An account with this email was created just now; sign in again.'),
    ('EMAIL_DOMAIN_NOT_ALLOWED', 400, 'Sign up with your college email address (%s).'),
    ('EMAIL_DOMAIN_NOT_ALLOWED:sign_in', 403, 'Sign in with your college account (%s).'),
    ('EMAIL_NOT_VERIFIED', 403, 'Confirm your email address first: open the link we mailed you (or ask for a new one).'),
    ('EMAIL_NOT_VERIFIED:sign_in', 403, 'The college''s sign-in does not vouch for your email address (it is not verified there).'),
    ('INVALID_CREDENTIALS', 401, 'Email or password is incorrect.'),
    ('INVALID_CREDENTIALS:password', 401, 'The password is incorrect.'),
    ('INVALID_TOKEN', 401, '%s'),
    ('INVALID_TOKEN:verify_email', 400, 'This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one.'),
    ('INVALID_TOKEN:password_reset', 400, 'This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.'),
    ('INVALID_TOKEN:close_account', 400, 'This link is not valid: it was used already, has expired, was mistyped, or was sent for another account than the one signed in here. Sign in to that account and ask for a new link on your Account page.'),
    ('NO_PASSWORD', 409, 'Your account has no password: you sign in with your college account. To close it, ask for a confirmation link by email.'),
    ('PASSWORD_REQUIRED', 409, 'Your account has a password: enter it to close your account.'),
    ('NOT_FOUND:session', 404, 'You have no such session (it may have ended already).'),
    ('TOO_MANY_ATTEMPTS', 429, '%s; try again after %s.'),
    ('OIDC_FAILED', 400, '%s'),
    ('OIDC_FAILED:subject', 400, 'The college''s sign-in did not say who you are.'),
    ('INVALID_INPUT:oidc_email', 400, 'The college''s sign-in gave no usable email address.'),
    ('OIDC_UNAVAILABLE', 503, 'The college''s sign-in cannot be reached right now; try again in a few minutes.'),
    -- Events (events.sql, analytics.sql)
    ('NOT_FOUND:event', 404, 'No such event.'),
    ('INVALID_INPUT:starts_at_past', 400, 'The event must start in the future.'),
    ('BELOW_SOLD', 409, '%s tickets are already sold; total_tickets cannot go below that.'),
    ('INVALID_INPUT:category_id', 400, 'category_id %s names no category.'),
    ('INVALID_INPUT:moment', 400, '%s must be a moment from the year 1000 to the year 9999 (UTC).'),
    ('INVALID_INPUT:sales_end', 400, 'sales_end must not be after the event starts.'),
    ('INVALID_INPUT:sales_start', 400, 'sales_start must be before sales_end (or, without sales_end, before the event starts).'),
    ('INVALID_INPUT:clear', 400, 'clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s.'),
    ('INVALID_INPUT:set_and_cleared', 400, '%s cannot be both set and cleared.'),
    ('INVALID_INPUT:bucket', 400, 'bucket must be minute, hour, day or week.'),
    ('EVENT_CANCELLED:edit', 409, 'This event was cancelled; it can no longer be changed.'),
    -- Cancelling an event (cancellation.sql)
    ('FORBIDDEN:cancel_event', 403, 'Only the owners and managers of the club running this event (and admins) can cancel it.'),
    ('ALREADY_CANCELLED:event', 409, 'This event was already cancelled at %s.'),
    ('EVENT_STARTED:cancel_event', 409, 'This event has already started; it can no longer be cancelled.'),
    -- Event images (images.sql; the server decodes and re-encodes them: src/images/)
    ('FORBIDDEN:event_image', 403, 'Only the owners and managers of the club running this event (and admins) can change its image.'),
    ('NOT_FOUND:image', 404, 'This event has no image.'),
    ('IMAGE_INVALID', 415, 'The body is not a PNG, JPEG or WebP image we can read (its content decides, not its Content-Type).'),
    ('IMAGE_INVALID:pixels', 415, 'The image is too large: at most %s megapixels.'),
    ('UNSUPPORTED_MEDIA_TYPE:image', 415, 'Send the image as image/png, image/jpeg or image/webp.'),
    ('PAYLOAD_TOO_LARGE:image', 413, 'An event image may be at most %s MB.'),
    ('INVALID_INPUT:image_size', 400, 'size must be list or page.'),
    -- Clubs (clubs.sql; their events, check-in, attendees and analytics ask the same rule)
    ('NOT_FOUND:club', 404, 'No such club.'),
    ('NOT_FOUND:club_member', 404, 'This person is not a member of the club.'),
    ('NOT_FOUND:club_invitation', 404, 'This address is not invited to the club.'),
    ('FORBIDDEN:club_manage_club', 403, 'Only the club''s owners (and admins) can do this.'),
    ('FORBIDDEN:club_see_members', 403, 'Only the club''s owners and managers (and admins) can see its members.'),
    ('FORBIDDEN:club_run_events', 403, 'Only the club''s owners and managers (and admins) can do this.'),
    ('FORBIDDEN:club_check_in', 403, 'Only the club''s staff (and admins) can do this.'),
    ('FORBIDDEN:club_events', 403, 'Only the club''s owners and managers (and admins) can create or change its events.'),
    ('FORBIDDEN:clubless_event', 403, 'Only admins can create or change events that no club runs.'),
    ('FORBIDDEN:check_in', 403, 'Only the staff of the club running this event (and admins) can check in for it.'),
    ('FORBIDDEN:attendees', 403, 'Only the owners and managers of the club running this event (and admins) can see its attendees.'),
    ('FORBIDDEN:analytics', 403, 'Only the owners and managers of the club running this event (and admins) can see its figures.'),
    ('INVALID_INPUT:club_id', 400, 'club_id %s names no club.'),
    ('INVALID_INPUT:club_role', 400, 'role is required: owner, manager or door.'),
    ('CLUB_NAME_TAKEN', 409, 'A club is already called %s.'),
    ('LAST_OWNER', 409, 'A club always keeps at least one owner: make someone else an owner first.'),
    ('LAST_OWNER:close_account', 409, 'You are the only owner of %s: make someone else an owner of it before closing your account.'),
    ('ALREADY_MEMBER', 409, '%s is already a member of %s; change their role instead.'),
    ('ALREADY_INVITED', 409, '%s is already invited to %s.'),
    ('EMAIL_DOMAIN_NOT_ALLOWED:invitation', 400, 'Only college addresses can sign up (%s): invite one of those.'),
    ('TOO_MANY_INVITATIONS', 409, 'A club may have at most %s open invitations: remove some, or wait for them to be accepted.'),
    -- Booking (booking.sql), in the order allocate_seats decides
    ('FORBIDDEN:booking', 403, 'Only students can book tickets.'),
    ('FORBIDDEN:batch', 403, 'Batches come from the booking service only.'),
    ('INVALID_INPUT:idempotency_key', 400, 'The idempotency key must be 1 to 200 visible ASCII characters (no spaces).'),
    ('EVENT_CANCELLED', 409, 'This event was cancelled; it takes no bookings.'),
    ('EVENT_STARTED', 409, 'This event has already started; booking is closed.'),
    ('SALES_CLOSED', 409, 'Ticket sales for this event have closed (see sales_end).'),
    ('SALES_NOT_OPEN', 409, 'Ticket sales for this event have not opened yet (see sales_start).'),
    ('SOLD_OUT', 409, 'This event is sold out.'),
    ('LIMIT_REACHED', 409, 'You already hold the most tickets allowed per student for this event.'),
    ('PAYMENTS_UNAVAILABLE', 409, 'This event takes payment, and payments are not available on this server.'),
    ('STALE_LOCK', 409, 'A newer lock holder has booked this event; retry.'),
    ('BUSY:event', 503, 'Too many people are booking this event right now; please retry in a moment.'),
    ('BUSY:bookings', 503, 'Too many bookings are in progress right now; please retry in a moment.'),
    ('TOO_MANY_BOOKINGS', 429, 'You have %s bookings in progress already; wait for their answers before booking more.'),
    ('BOOKING_OUTCOME_UNKNOWN', 503, 'We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key.'),
    ('NOT_YOUR_TURN', 409, 'This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted.'),
    -- Fair release (release.sql, queue.sql, lottery.sql)
    ('INVALID_INPUT:queue_sales_start', 400, 'A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin.'),
    ('INVALID_INPUT:queue_opens_at', 400, 'queue_opens_at must be before sales_start.'),
    ('INVALID_INPUT:lottery_closes_at_required', 400, 'A lottery event needs lottery_closes_at: when entries close and the draw runs.'),
    ('INVALID_INPUT:lottery_closes_at', 400, 'lottery_closes_at must be before sales_end (or, without sales_end, before the event starts).'),
    ('RELEASE_STARTED', 409, 'Students have already joined this event''s queue or lottery: its release mode and its moment of shuffle or draw are fixed.'),
    ('WRONG_RELEASE_MODE:first_come', 409, 'This event is first come, first served: book it directly (it has no %s).'),
    ('WRONG_RELEASE_MODE:queue', 409, 'This event releases its seats through a waiting room: join its queue (it has no %s).'),
    ('WRONG_RELEASE_MODE:lottery', 409, 'This event releases its seats by lottery: enter it (it has no %s).'),
    ('FORBIDDEN:queue', 403, 'Only students can join a queue.'),
    ('FORBIDDEN:lottery', 403, 'Only students can enter a lottery.'),
    ('FORBIDDEN:claim', 403, 'Only students can claim a lottery win.'),
    ('FORBIDDEN:release', 403, 'Only admins and the event''s organisers can see its queue and draws.'),
    ('QUEUE_NOT_OPEN', 409, 'The queue opens at %s.'),
    ('NOT_FOUND:queue_entry', 404, 'You are not in this event''s queue.'),
    ('NOT_FOUND:lottery_entry', 404, 'You have not entered this event''s lottery.'),
    ('NOT_DRAWN:queue', 404, 'The queue is shuffled at sales_start.'),
    ('NOT_DRAWN:lottery', 404, 'The lottery is drawn when entries close.'),
    ('LOTTERY_CLOSED', 409, 'Entries for this lottery closed at %s.'),
    ('OFFER_EXPIRED', 409, 'Your win had to be claimed by %s; the seat has passed on.'),
    ('NO_WIN', 409, 'The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order.'),
    ('NO_WIN:not_drawn', 409, 'The draw has not run yet: it runs when entries close.'),
    -- Tickets (tickets.sql)
    ('NOT_FOUND:ticket', 404, 'No such ticket.'),
    ('ALREADY_CANCELLED', 409, 'This ticket was already cancelled at %s.'),
    ('TICKET_EXPIRED', 409, 'This hold has already expired; its seat was released.'),
    ('ALREADY_CHECKED_IN', 409, 'Already checked in at %s.'),
    ('ALREADY_CHECKED_IN:cancel', 409, 'This ticket was used at the door at %s; it can no longer be cancelled.'),
    ('EVENT_STARTED:cancel', 409, 'This event has already started; tickets can no longer be cancelled.'),
    ('INVALID_INPUT:event_id', 400, 'event_id is required: the event this desk admits to.'),
    ('NOT_FOUND:check_in_code', 404, 'No ticket has this code.'),
    ('WRONG_EVENT', 409, 'This ticket is for another event: %s.'),
    ('TICKET_NOT_VALID', 409, 'This ticket is %s, not valid for entry.'),
    -- Waitlist (waitlist.sql)
    ('FORBIDDEN:waitlist', 403, 'Only students can join a waitlist.'),
    ('NOT_SOLD_OUT', 409, 'Seats are still available: book one instead.'),
    ('ALREADY_WAITING', 409, 'You are already on the waitlist for this event.'),
    ('NOT_FOUND:waiting', 404, 'You are not waiting on that waitlist entry.'),
    ('NOT_FOUND:waitlist_entry', 404, 'No such waitlist entry.'),
    ('OFFER_NOT_AVAILABLE', 409, 'There is no open offer on this entry (it may have lapsed).'),
    ('LIMIT_REACHED:offer', 409, 'You already hold the most tickets allowed per student for this event; the offer will pass to the next person.'),
    -- Payments (payments.sql)
    ('NOT_PAYABLE', 409, 'This ticket is %s; only a held ticket can be paid.'),
    ('TOO_MANY_PAYMENT_ATTEMPTS', 409, 'This ticket already has several payments waiting; complete one of them.'),
    ('NOT_FOUND:payment', 404, 'Unknown payment.'),
    ('NOT_FOUND:checkout', 404, 'No such payment waiting for confirmation.'),
    ('AMOUNT_MISMATCH', 400, 'The paid amount does not match the ticket price.'),
    ('PAYMENTS_UNAVAILABLE:server', 409, 'Payments are not available on this server (no payment provider is configured).'),
    ('PRICE_CHANGED', 409, 'The ticket''s price changed while paying started; please try again.'),
    ('INVALID_SIGNATURE', 400, 'The webhook signature is missing, wrong or too old.'),
    ('INVALID_INPUT:webhook_json', 400, 'The webhook body is not valid JSON.'),
    -- Requests the server refuses before any SQL (src/rest/, src/availability/)
    ('NOT_FOUND:route', 404, 'No route %s %s; see /docs.'),
    ('NOT_FOUND:id', 404, 'No such %s.'),
    ('METHOD_NOT_ALLOWED', 405, '%s is not allowed on %s; use %s.'),
    ('INVALID_INPUT:id', 400, 'The %s id must be a positive integer, not "%s".'),
    ('INVALID_INPUT:event_id_unsafe', 400, 'Invalid event id.'),
    ('INVALID_INPUT:body_not_allowed', 400, '%s %s takes no request body; send none.'),
    ('INVALID_INPUT:path_encoding', 400, 'The URL''s path is not valid percent-encoding (%% must be followed by two hex digits).'),
    ('INVALID_INPUT:json', 400, 'The request body is not valid JSON.'),
    ('INVALID_INPUT:body_object', 400, 'The body must be a JSON object.'),
    ('INVALID_INPUT:unreadable', 400, 'The request body could not be read: check its Content-Encoding and Content-Length.'),
    ('BAD_REQUEST', 400, 'The request body could not be read: check its Content-Encoding and Content-Length.'),
    ('PAYLOAD_TOO_LARGE', 413, 'The request body is too large.'),
    ('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the body as JSON with Content-Type: application/json.'),
    ('UNSUPPORTED_MEDIA_TYPE:charset', 415, 'Send the body as UTF-8 JSON.'),
    ('UNSUPPORTED_MEDIA_TYPE:encoding', 415, 'This Content-Encoding is not supported: send the body as is, or gzip or deflate it.'),
    ('SUBSCRIBER_TOO_SLOW', 429, 'This subscription was ended: its messages were not being read.')
  ) as e(reason, status, message);
comment on view app_private.errors is
  'Every refusal a client can get: reason (what fail() names), code (what clients see), HTTP status, message (a format() template).';

-- Raise a refusal of the catalogue: errcode 'TKnnn', its message with `args`
-- in place of its %s, the code in DETAIL, `field` (the input at fault) in HINT.
-- An unknown reason is a bug in the caller, and said as such.
create function app_private.fail(reason text, field text default null, variadic args text[] default '{}')
returns void language plpgsql stable as $$
declare
  v_code text;
  v_status int;
  v_message text;
begin
  select e.code, e.status, e.message into v_code, v_status, v_message from app_private.errors e where e.reason = fail.reason;
  if v_code is null then
    raise exception 'app_private.errors has no reason %', reason;
  end if;
  raise exception using errcode = 'TK' || v_status, message = format(v_message, variadic args),
    detail = v_code, hint = coalesce(field, '');
end $$;

--------------------------------------------------------------------------------
-- Field bounds: the CHECK constraints say them (`<table>_<column>_valid`,
-- db/CONVENTIONS.md), and everything else reads them from there: the checks of
-- create_event / update_event / signup that name the field in their message,
-- and the limits of the REST schemas (src/generated/vocabulary.ts).
--   check (col between a and b)           → min a, max b
--   check (length(col) between a and b)   → a length of a to b characters
--   check (length(col) <= b)              → at most b characters
--------------------------------------------------------------------------------

create view app_private.field_bounds as
  select b.table_name, b.field, b.is_length,
         substring(b.def from b.subject || ' >= (-?\d+)\)')::bigint as min,
         substring(b.def from b.subject || ' <= (-?\d+)\)')::bigint as max
  from (
    select cl.relname::text as table_name, a.attname::text as field, d.def,
           d.def ~ ('length\(\(?' || a.attname || '\)?') as is_length,
           case when d.def ~ ('length\(\(?' || a.attname || '\)?')
             then 'length\(\(?' || a.attname || '\)?(?:::text)?\)' else '\(' || a.attname end as subject
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname in ('app_public', 'app_private')
    join pg_attribute a on a.attrelid = cl.oid and c.conname = cl.relname || '_' || a.attname || '_valid'
    cross join lateral (select pg_get_constraintdef(c.oid) as def) d
    where c.contype = 'c'
  ) b
  where substring(b.def from b.subject || ' >= (-?\d+)\)') is not null
     or substring(b.def from b.subject || ' <= (-?\d+)\)') is not null;
comment on view app_private.field_bounds is
  'The numeric bounds of each field, as its CHECK constraint <table>_<field>_valid says them (is_length: of its length in characters).';

-- Refuse a value outside its column's bounds, naming the field and the bounds (null passes);
-- `value` is the length in characters where the bounds are of a length.
create function app_private.check_bounds(table_name text, field text, value bigint)
returns void language plpgsql stable as $$
declare
  v_bounds app_private.field_bounds;
begin
  select * into v_bounds from app_private.field_bounds b
  where b.table_name = check_bounds.table_name and b.field = check_bounds.field;
  if v_bounds.field is null then
    raise exception 'no CHECK constraint %_%_valid gives bounds', table_name, field;
  end if;
  if value < v_bounds.min or value > v_bounds.max then
    if not v_bounds.is_length then
      perform app_private.fail('INVALID_INPUT:range', field, field, v_bounds.min::text, v_bounds.max::text);
    elsif v_bounds.min is null then
      perform app_private.fail('INVALID_INPUT:too_long', field, field, v_bounds.max::text);
    else
      perform app_private.fail('INVALID_INPUT:length', field, field, v_bounds.min::text, v_bounds.max::text);
    end if;
  end if;
end $$;

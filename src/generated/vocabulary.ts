// Written by `npm run schema:update` from the database (db/schema/): do not edit.
// Enums of app_public, the error catalogue (app_private.errors) and the bounds of the
// CHECK constraints (app_private.field_bounds). See src/tooling/vocabulary.ts.

/** A member's role in a club: door (checks in), manager (+ runs the club's events), owner (+ the club and its members). */
export const CLUB_ROLE_VALUES = ["door","manager","owner"] as const;
export type ClubRole = (typeof CLUB_ROLE_VALUES)[number];

/** Where an event stands, for the people who run it: upcoming (not started; salesState says on sale, sold out, not open or closed) · past (started) · cancelled (called off: cancelledAt, cancelReason). */
export const EVENT_PHASE_VALUES = ["upcoming","past","cancelled"] as const;
export type EventPhase = (typeof EVENT_PHASE_VALUES)[number];

/** scheduled · cancelled: called off for good (cancelled_at, cancel_reason); its tickets were cancelled and refunded */
export const EVENT_STATUS_VALUES = ["scheduled","cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUS_VALUES)[number];

/** entered (before the draw) · won (claim before offer_expires_at) · lost (waiting in draw order for a win passed on) · claimed · expired */
export const LOTTERY_ENTRY_STATE_VALUES = ["entered","won","lost","claimed","expired"] as const;
export type LotteryEntryState = (typeof LOTTERY_ENTRY_STATE_VALUES)[number];

/** waiting (in line) · admitted (may book until admitted_until) · booked · lapsed (admission unused) · closed (sold out or sales over) · left */
export const QUEUE_ENTRY_STATE_VALUES = ["waiting","admitted","booked","lapsed","closed","left"] as const;
export type QueueEntryState = (typeof QUEUE_ENTRY_STATE_VALUES)[number];

/** first_come: the first bookings win · queue: a waiting room shuffled at sales_start, admitted in turn · lottery: a draw at lottery_closes_at. */
export const RELEASE_MODE_VALUES = ["first_come","queue","lottery"] as const;
export type ReleaseMode = (typeof RELEASE_MODE_VALUES)[number];

/** not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good). */
export const SALES_STATE_VALUES = ["not_open","on_sale","sold_out","closed","started","cancelled"] as const;
export type SalesState = (typeof SALES_STATE_VALUES)[number];

/** pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired */
export const TICKET_STATUS_VALUES = ["pending","offered","confirmed","cancelled","expired"] as const;
export type TicketStatus = (typeof TICKET_STATUS_VALUES)[number];

/** waiting: in line · offered: a seat is held for them (ticket_id) · accepted · lapsed: the offer expired · left · closed: the event was cancelled */
export const WAITLIST_ENTRY_STATUS_VALUES = ["waiting","offered","accepted","lapsed","left","closed"] as const;
export type WaitlistEntryStatus = (typeof WAITLIST_ENTRY_STATUS_VALUES)[number];

/** app_private.errors: what fail() names (the code itself, or CODE:what) → what clients see. */
export const ERRORS = {
  "ALREADY_CANCELLED": { code: "ALREADY_CANCELLED", status: 409, message: "This ticket was already cancelled at %s." },
  "ALREADY_CANCELLED:event": { code: "ALREADY_CANCELLED", status: 409, message: "This event was already cancelled at %s." },
  "ALREADY_CHECKED_IN": { code: "ALREADY_CHECKED_IN", status: 409, message: "Already checked in at %s." },
  "ALREADY_CHECKED_IN:cancel": { code: "ALREADY_CHECKED_IN", status: 409, message: "This ticket was used at the door at %s; it can no longer be cancelled." },
  "ALREADY_INVITED": { code: "ALREADY_INVITED", status: 409, message: "%s is already invited to %s." },
  "ALREADY_MEMBER": { code: "ALREADY_MEMBER", status: 409, message: "%s is already a member of %s; change their role instead." },
  "ALREADY_WAITING": { code: "ALREADY_WAITING", status: 409, message: "You are already on the waitlist for this event." },
  "AMOUNT_MISMATCH": { code: "AMOUNT_MISMATCH", status: 400, message: "The paid amount does not match the ticket price." },
  "BAD_REQUEST": { code: "BAD_REQUEST", status: 400, message: "The request body could not be read: check its Content-Encoding and Content-Length." },
  "BELOW_SOLD": { code: "BELOW_SOLD", status: 409, message: "%s tickets are already sold; total_tickets cannot go below that." },
  "BOOKING_OUTCOME_UNKNOWN": { code: "BOOKING_OUTCOME_UNKNOWN", status: 503, message: "We lost the connection to the database while booking, so we cannot tell whether it went through. Check your tickets before booking again, or retry with the same idempotency key." },
  "BUSY": { code: "BUSY", status: 503, message: "Too many people are changing this event right now; please retry in a moment." },
  "BUSY:bookings": { code: "BUSY", status: 503, message: "Too many bookings are in progress right now; please retry in a moment." },
  "BUSY:event": { code: "BUSY", status: 503, message: "Too many people are booking this event right now; please retry in a moment." },
  "CLUB_NAME_TAKEN": { code: "CLUB_NAME_TAKEN", status: 409, message: "A club is already called %s." },
  "CONFLICT": { code: "CONFLICT", status: 409, message: "This already exists." },
  "DATABASE_UNAVAILABLE": { code: "DATABASE_UNAVAILABLE", status: 503, message: "The database is unavailable right now; please retry in a moment." },
  "EMAIL_DOMAIN_NOT_ALLOWED": { code: "EMAIL_DOMAIN_NOT_ALLOWED", status: 400, message: "Sign up with your college email address (%s)." },
  "EMAIL_DOMAIN_NOT_ALLOWED:invitation": { code: "EMAIL_DOMAIN_NOT_ALLOWED", status: 400, message: "Only college addresses can sign up (%s): invite one of those." },
  "EMAIL_DOMAIN_NOT_ALLOWED:sign_in": { code: "EMAIL_DOMAIN_NOT_ALLOWED", status: 403, message: "Sign in with your college account (%s)." },
  "EMAIL_NOT_VERIFIED": { code: "EMAIL_NOT_VERIFIED", status: 403, message: "Confirm your email address first: open the link we mailed you (or ask for a new one)." },
  "EMAIL_NOT_VERIFIED:sign_in": { code: "EMAIL_NOT_VERIFIED", status: 403, message: "The college's sign-in does not vouch for your email address (it is not verified there)." },
  "EMAIL_TAKEN": { code: "EMAIL_TAKEN", status: 409, message: "An account with this email already exists." },
  "EMAIL_TAKEN:just_now": { code: "EMAIL_TAKEN", status: 409, message: "An account with this email was created just now; sign in again." },
  "EVENT_CANCELLED": { code: "EVENT_CANCELLED", status: 409, message: "This event was cancelled; it takes no bookings." },
  "EVENT_CANCELLED:edit": { code: "EVENT_CANCELLED", status: 409, message: "This event was cancelled; it can no longer be changed." },
  "EVENT_STARTED": { code: "EVENT_STARTED", status: 409, message: "This event has already started; booking is closed." },
  "EVENT_STARTED:cancel": { code: "EVENT_STARTED", status: 409, message: "This event has already started; tickets can no longer be cancelled." },
  "EVENT_STARTED:cancel_event": { code: "EVENT_STARTED", status: 409, message: "This event has already started; it can no longer be cancelled." },
  "FORBIDDEN": { code: "FORBIDDEN", status: 403, message: "You are not allowed to do this." },
  "FORBIDDEN:admin": { code: "FORBIDDEN", status: 403, message: "Only admins can do this, and your account is no longer an admin." },
  "FORBIDDEN:analytics": { code: "FORBIDDEN", status: 403, message: "Only the owners and managers of the club running this event (and admins) can see its figures." },
  "FORBIDDEN:attendees": { code: "FORBIDDEN", status: 403, message: "Only the owners and managers of the club running this event (and admins) can see its attendees." },
  "FORBIDDEN:batch": { code: "FORBIDDEN", status: 403, message: "Batches come from the booking service only." },
  "FORBIDDEN:booking": { code: "FORBIDDEN", status: 403, message: "Only students can book tickets." },
  "FORBIDDEN:cancel_event": { code: "FORBIDDEN", status: 403, message: "Only the owners and managers of the club running this event (and admins) can cancel it." },
  "FORBIDDEN:check_in": { code: "FORBIDDEN", status: 403, message: "Only the staff of the club running this event (and admins) can check in for it." },
  "FORBIDDEN:claim": { code: "FORBIDDEN", status: 403, message: "Only students can claim a lottery win." },
  "FORBIDDEN:club_check_in": { code: "FORBIDDEN", status: 403, message: "Only the club's staff (and admins) can do this." },
  "FORBIDDEN:club_events": { code: "FORBIDDEN", status: 403, message: "Only the club's owners and managers (and admins) can create or change its events." },
  "FORBIDDEN:club_manage_club": { code: "FORBIDDEN", status: 403, message: "Only the club's owners (and admins) can do this." },
  "FORBIDDEN:club_run_events": { code: "FORBIDDEN", status: 403, message: "Only the club's owners and managers (and admins) can do this." },
  "FORBIDDEN:club_see_members": { code: "FORBIDDEN", status: 403, message: "Only the club's owners and managers (and admins) can see its members." },
  "FORBIDDEN:clubless_event": { code: "FORBIDDEN", status: 403, message: "Only admins can create or change events that no club runs." },
  "FORBIDDEN:event_image": { code: "FORBIDDEN", status: 403, message: "Only the owners and managers of the club running this event (and admins) can change its image." },
  "FORBIDDEN:lottery": { code: "FORBIDDEN", status: 403, message: "Only students can enter a lottery." },
  "FORBIDDEN:queue": { code: "FORBIDDEN", status: 403, message: "Only students can join a queue." },
  "FORBIDDEN:release": { code: "FORBIDDEN", status: 403, message: "Only admins and the event's organisers can see its queue and draws." },
  "FORBIDDEN:waitlist": { code: "FORBIDDEN", status: 403, message: "Only students can join a waitlist." },
  "IMAGE_INVALID": { code: "IMAGE_INVALID", status: 415, message: "The body is not a PNG, JPEG or WebP image we can read (its content decides, not its Content-Type)." },
  "IMAGE_INVALID:pixels": { code: "IMAGE_INVALID", status: 415, message: "The image is too large: at most %s megapixels." },
  "INVALID_CREDENTIALS": { code: "INVALID_CREDENTIALS", status: 401, message: "Email or password is incorrect." },
  "INVALID_CREDENTIALS:password": { code: "INVALID_CREDENTIALS", status: 401, message: "The password is incorrect." },
  "INVALID_INPUT": { code: "INVALID_INPUT", status: 400, message: "Invalid input." },
  "INVALID_INPUT:body_not_allowed": { code: "INVALID_INPUT", status: 400, message: "%s %s takes no request body; send none." },
  "INVALID_INPUT:body_object": { code: "INVALID_INPUT", status: 400, message: "The body must be a JSON object." },
  "INVALID_INPUT:bucket": { code: "INVALID_INPUT", status: 400, message: "bucket must be minute, hour, day or week." },
  "INVALID_INPUT:category_id": { code: "INVALID_INPUT", status: 400, message: "category_id %s names no category." },
  "INVALID_INPUT:clear": { code: "INVALID_INPUT", status: 400, message: "clear may name category_id, sales_start, sales_end, club_id, queue_opens_at or lottery_closes_at, not %s." },
  "INVALID_INPUT:club_id": { code: "INVALID_INPUT", status: 400, message: "club_id %s names no club." },
  "INVALID_INPUT:club_role": { code: "INVALID_INPUT", status: 400, message: "role is required: owner, manager or door." },
  "INVALID_INPUT:email": { code: "INVALID_INPUT", status: 400, message: "Email must look like name@example.edu: no spaces, invisible characters or trailing dot." },
  "INVALID_INPUT:event_id": { code: "INVALID_INPUT", status: 400, message: "event_id is required: the event this desk admits to." },
  "INVALID_INPUT:event_id_unsafe": { code: "INVALID_INPUT", status: 400, message: "Invalid event id." },
  "INVALID_INPUT:field": { code: "INVALID_INPUT", status: 400, message: "Invalid value for %s." },
  "INVALID_INPUT:format": { code: "INVALID_INPUT", status: 400, message: "A value has the wrong format or is out of range." },
  "INVALID_INPUT:id": { code: "INVALID_INPUT", status: 400, message: "The %s id must be a positive integer, not \"%s\"." },
  "INVALID_INPUT:idempotency_key": { code: "INVALID_INPUT", status: 400, message: "The idempotency key must be 1 to 200 visible ASCII characters (no spaces)." },
  "INVALID_INPUT:image_size": { code: "INVALID_INPUT", status: 400, message: "size must be list or page." },
  "INVALID_INPUT:json": { code: "INVALID_INPUT", status: 400, message: "The request body is not valid JSON." },
  "INVALID_INPUT:length": { code: "INVALID_INPUT", status: 400, message: "%s must be %s to %s characters." },
  "INVALID_INPUT:lottery_closes_at": { code: "INVALID_INPUT", status: 400, message: "lottery_closes_at must be before sales_end (or, without sales_end, before the event starts)." },
  "INVALID_INPUT:lottery_closes_at_required": { code: "INVALID_INPUT", status: 400, message: "A lottery event needs lottery_closes_at: when entries close and the draw runs." },
  "INVALID_INPUT:moment": { code: "INVALID_INPUT", status: 400, message: "%s must be a moment from the year 1000 to the year 9999 (UTC)." },
  "INVALID_INPUT:name": { code: "INVALID_INPUT", status: 400, message: "Name is required and must be at most %s characters." },
  "INVALID_INPUT:oidc_email": { code: "INVALID_INPUT", status: 400, message: "The college's sign-in gave no usable email address." },
  "INVALID_INPUT:password": { code: "INVALID_INPUT", status: 400, message: "Password must be 8 to 72 characters." },
  "INVALID_INPUT:path_encoding": { code: "INVALID_INPUT", status: 400, message: "The URL's path is not valid percent-encoding (%% must be followed by two hex digits)." },
  "INVALID_INPUT:queue_opens_at": { code: "INVALID_INPUT", status: 400, message: "queue_opens_at must be before sales_start." },
  "INVALID_INPUT:queue_sales_start": { code: "INVALID_INPUT", status: 400, message: "A queue event needs sales_start: the moment the waiting room is shuffled and admissions begin." },
  "INVALID_INPUT:range": { code: "INVALID_INPUT", status: 400, message: "%s must be between %s and %s." },
  "INVALID_INPUT:reference": { code: "INVALID_INPUT", status: 400, message: "A referenced record does not exist." },
  "INVALID_INPUT:required": { code: "INVALID_INPUT", status: 400, message: "%s is required." },
  "INVALID_INPUT:sales_end": { code: "INVALID_INPUT", status: 400, message: "sales_end must not be after the event starts." },
  "INVALID_INPUT:sales_start": { code: "INVALID_INPUT", status: 400, message: "sales_start must be before sales_end (or, without sales_end, before the event starts)." },
  "INVALID_INPUT:set_and_cleared": { code: "INVALID_INPUT", status: 400, message: "%s cannot be both set and cleared." },
  "INVALID_INPUT:starts_at_past": { code: "INVALID_INPUT", status: 400, message: "The event must start in the future." },
  "INVALID_INPUT:too_long": { code: "INVALID_INPUT", status: 400, message: "%s must be at most %s characters." },
  "INVALID_INPUT:unreadable": { code: "INVALID_INPUT", status: 400, message: "The request body could not be read: check its Content-Encoding and Content-Length." },
  "INVALID_INPUT:webhook_json": { code: "INVALID_INPUT", status: 400, message: "The webhook body is not valid JSON." },
  "INVALID_SIGNATURE": { code: "INVALID_SIGNATURE", status: 400, message: "The webhook signature is missing, wrong or too old." },
  "INVALID_TOKEN": { code: "INVALID_TOKEN", status: 401, message: "%s" },
  "INVALID_TOKEN:close_account": { code: "INVALID_TOKEN", status: 400, message: "This link is not valid: it was used already, has expired, was mistyped, or was sent for another account than the one signed in here. Sign in to that account and ask for a new link on your Account page." },
  "INVALID_TOKEN:password_reset": { code: "INVALID_TOKEN", status: 400, message: "This link is not valid: it was used already, has expired, or was mistyped. Ask for a new one." },
  "INVALID_TOKEN:verify_email": { code: "INVALID_TOKEN", status: 400, message: "This link is not valid: it was used already, has expired, or was mistyped. Sign in to get a new one." },
  "LAST_OWNER": { code: "LAST_OWNER", status: 409, message: "A club always keeps at least one owner: make someone else an owner first." },
  "LAST_OWNER:close_account": { code: "LAST_OWNER", status: 409, message: "You are the only owner of %s: make someone else an owner of it before closing your account." },
  "LIMIT_REACHED": { code: "LIMIT_REACHED", status: 409, message: "You already hold the most tickets allowed per student for this event." },
  "LIMIT_REACHED:offer": { code: "LIMIT_REACHED", status: 409, message: "You already hold the most tickets allowed per student for this event; the offer will pass to the next person." },
  "LOTTERY_CLOSED": { code: "LOTTERY_CLOSED", status: 409, message: "Entries for this lottery closed at %s." },
  "METHOD_NOT_ALLOWED": { code: "METHOD_NOT_ALLOWED", status: 405, message: "%s is not allowed on %s; use %s." },
  "NOT_DRAWN:lottery": { code: "NOT_DRAWN", status: 404, message: "The lottery is drawn when entries close." },
  "NOT_DRAWN:queue": { code: "NOT_DRAWN", status: 404, message: "The queue is shuffled at sales_start." },
  "NOT_FOUND:check_in_code": { code: "NOT_FOUND", status: 404, message: "No ticket has this code." },
  "NOT_FOUND:checkout": { code: "NOT_FOUND", status: 404, message: "No such payment waiting for confirmation." },
  "NOT_FOUND:club": { code: "NOT_FOUND", status: 404, message: "No such club." },
  "NOT_FOUND:club_invitation": { code: "NOT_FOUND", status: 404, message: "This address is not invited to the club." },
  "NOT_FOUND:club_member": { code: "NOT_FOUND", status: 404, message: "This person is not a member of the club." },
  "NOT_FOUND:event": { code: "NOT_FOUND", status: 404, message: "No such event." },
  "NOT_FOUND:id": { code: "NOT_FOUND", status: 404, message: "No such %s." },
  "NOT_FOUND:image": { code: "NOT_FOUND", status: 404, message: "This event has no image." },
  "NOT_FOUND:lottery_entry": { code: "NOT_FOUND", status: 404, message: "You have not entered this event's lottery." },
  "NOT_FOUND:payment": { code: "NOT_FOUND", status: 404, message: "Unknown payment." },
  "NOT_FOUND:queue_entry": { code: "NOT_FOUND", status: 404, message: "You are not in this event's queue." },
  "NOT_FOUND:route": { code: "NOT_FOUND", status: 404, message: "No route %s %s; see /docs." },
  "NOT_FOUND:session": { code: "NOT_FOUND", status: 404, message: "You have no such session (it may have ended already)." },
  "NOT_FOUND:ticket": { code: "NOT_FOUND", status: 404, message: "No such ticket." },
  "NOT_FOUND:waiting": { code: "NOT_FOUND", status: 404, message: "You are not waiting on that waitlist entry." },
  "NOT_FOUND:waitlist_entry": { code: "NOT_FOUND", status: 404, message: "No such waitlist entry." },
  "NOT_PAYABLE": { code: "NOT_PAYABLE", status: 409, message: "This ticket is %s; only a held ticket can be paid." },
  "NOT_SOLD_OUT": { code: "NOT_SOLD_OUT", status: 409, message: "Seats are still available: book one instead." },
  "NOT_YOUR_TURN": { code: "NOT_YOUR_TURN", status: 409, message: "This event releases its seats in turn: join its queue (or enter its lottery) and book when you are admitted." },
  "NO_PASSWORD": { code: "NO_PASSWORD", status: 409, message: "Your account has no password: you sign in with your college account. To close it, ask for a confirmation link by email." },
  "NO_WIN": { code: "NO_WIN", status: 409, message: "The draw has not given you a seat (yet): if a winner does not claim theirs, it passes down the order." },
  "NO_WIN:not_drawn": { code: "NO_WIN", status: 409, message: "The draw has not run yet: it runs when entries close." },
  "OFFER_EXPIRED": { code: "OFFER_EXPIRED", status: 409, message: "Your win had to be claimed by %s; the seat has passed on." },
  "OFFER_NOT_AVAILABLE": { code: "OFFER_NOT_AVAILABLE", status: 409, message: "There is no open offer on this entry (it may have lapsed)." },
  "OIDC_FAILED": { code: "OIDC_FAILED", status: 400, message: "%s" },
  "OIDC_FAILED:subject": { code: "OIDC_FAILED", status: 400, message: "The college's sign-in did not say who you are." },
  "OIDC_UNAVAILABLE": { code: "OIDC_UNAVAILABLE", status: 503, message: "The college's sign-in cannot be reached right now; try again in a few minutes." },
  "PASSWORD_REQUIRED": { code: "PASSWORD_REQUIRED", status: 409, message: "Your account has a password: enter it to close your account." },
  "PAYLOAD_TOO_LARGE": { code: "PAYLOAD_TOO_LARGE", status: 413, message: "The request body is too large." },
  "PAYLOAD_TOO_LARGE:image": { code: "PAYLOAD_TOO_LARGE", status: 413, message: "An event image may be at most %s MB." },
  "PAYMENTS_UNAVAILABLE": { code: "PAYMENTS_UNAVAILABLE", status: 409, message: "This event takes payment, and payments are not available on this server." },
  "PAYMENTS_UNAVAILABLE:server": { code: "PAYMENTS_UNAVAILABLE", status: 409, message: "Payments are not available on this server (no payment provider is configured)." },
  "PRICE_CHANGED": { code: "PRICE_CHANGED", status: 409, message: "The ticket's price changed while paying started; please try again." },
  "QUEUE_NOT_OPEN": { code: "QUEUE_NOT_OPEN", status: 409, message: "The queue opens at %s." },
  "RELEASE_STARTED": { code: "RELEASE_STARTED", status: 409, message: "Students have already joined this event's queue or lottery: its release mode and its moment of shuffle or draw are fixed." },
  "SALES_CLOSED": { code: "SALES_CLOSED", status: 409, message: "Ticket sales for this event have closed (see sales_end)." },
  "SALES_NOT_OPEN": { code: "SALES_NOT_OPEN", status: 409, message: "Ticket sales for this event have not opened yet (see sales_start)." },
  "SOLD_OUT": { code: "SOLD_OUT", status: 409, message: "This event is sold out." },
  "STALE_LOCK": { code: "STALE_LOCK", status: 409, message: "A newer lock holder has booked this event; retry." },
  "SUBSCRIBER_TOO_SLOW": { code: "SUBSCRIBER_TOO_SLOW", status: 429, message: "This subscription was ended: its messages were not being read." },
  "TICKET_EXPIRED": { code: "TICKET_EXPIRED", status: 409, message: "This hold has already expired; its seat was released." },
  "TICKET_NOT_VALID": { code: "TICKET_NOT_VALID", status: 409, message: "This ticket is %s, not valid for entry." },
  "TOO_MANY_ATTEMPTS": { code: "TOO_MANY_ATTEMPTS", status: 429, message: "%s; try again after %s." },
  "TOO_MANY_BOOKINGS": { code: "TOO_MANY_BOOKINGS", status: 429, message: "You have %s bookings in progress already; wait for their answers before booking more." },
  "TOO_MANY_INVITATIONS": { code: "TOO_MANY_INVITATIONS", status: 409, message: "A club may have at most %s open invitations: remove some, or wait for them to be accepted." },
  "TOO_MANY_PAYMENT_ATTEMPTS": { code: "TOO_MANY_PAYMENT_ATTEMPTS", status: 409, message: "This ticket already has several payments waiting; complete one of them." },
  "UNAUTHENTICATED": { code: "UNAUTHENTICATED", status: 401, message: "Sign in to do this." },
  "UNAUTHENTICATED:booking": { code: "UNAUTHENTICATED", status: 401, message: "Sign in to book a ticket." },
  "UNSUPPORTED_MEDIA_TYPE": { code: "UNSUPPORTED_MEDIA_TYPE", status: 415, message: "Send the body as JSON with Content-Type: application/json." },
  "UNSUPPORTED_MEDIA_TYPE:charset": { code: "UNSUPPORTED_MEDIA_TYPE", status: 415, message: "Send the body as UTF-8 JSON." },
  "UNSUPPORTED_MEDIA_TYPE:encoding": { code: "UNSUPPORTED_MEDIA_TYPE", status: 415, message: "This Content-Encoding is not supported: send the body as is, or gzip or deflate it." },
  "UNSUPPORTED_MEDIA_TYPE:image": { code: "UNSUPPORTED_MEDIA_TYPE", status: 415, message: "Send the image as image/png, image/jpeg or image/webp." },
  "WRONG_EVENT": { code: "WRONG_EVENT", status: 409, message: "This ticket is for another event: %s." },
  "WRONG_RELEASE_MODE:first_come": { code: "WRONG_RELEASE_MODE", status: 409, message: "This event is first come, first served: book it directly (it has no %s)." },
  "WRONG_RELEASE_MODE:lottery": { code: "WRONG_RELEASE_MODE", status: 409, message: "This event releases its seats by lottery: enter it (it has no %s)." },
  "WRONG_RELEASE_MODE:queue": { code: "WRONG_RELEASE_MODE", status: 409, message: "This event releases its seats through a waiting room: join its queue (it has no %s)." },
} as const;
export type ErrorReason = keyof typeof ERRORS;
export type ErrorCode = (typeof ERRORS)[ErrorReason]["code"];

/** app_private.field_bounds: min and max of each bounded field (of its length in characters where isLength). */
export const FIELD_BOUNDS = {
  categories: {
    name: { min: 1, max: 60, isLength: true },
  },
  club_invitations: {
    email: { min: null, max: 254, isLength: true },
  },
  clubs: {
    description: { min: null, max: 2000, isLength: true },
    name: { min: 1, max: 100, isLength: true },
  },
  event_images: {
    list_image: { min: 1, max: 2000000, isLength: true },
    page_image: { min: 1, max: 5000000, isLength: true },
  },
  events: {
    admission_minutes: { min: 1, max: 1440, isLength: false },
    cancel_reason: { min: 1, max: 500, isLength: true },
    description: { min: null, max: 5000, isLength: true },
    hold_minutes: { min: 1, max: 1440, isLength: false },
    max_tickets_per_student: { min: 1, max: 10, isLength: false },
    name: { min: 1, max: 200, isLength: true },
    offer_minutes: { min: 1, max: 10080, isLength: false },
    price_cents: { min: 0, max: 1000000, isLength: false },
    tickets_remaining: { min: 0, max: null, isLength: false },
    total_tickets: { min: 1, max: 100000, isLength: false },
    venue: { min: 1, max: 200, isLength: true },
  },
  payments: {
    intent_id: { min: 1, max: 255, isLength: true },
    provider: { min: 1, max: 40, isLength: true },
  },
  sessions: {
    user_agent: { min: null, max: 300, isLength: true },
  },
  tickets: {
    idempotency_key: { min: 1, max: 200, isLength: true },
  },
  user_identities: {
    issuer: { min: 1, max: 2000, isLength: true },
    subject: { min: 1, max: 255, isLength: true },
  },
  users: {
    email: { min: null, max: 254, isLength: true },
    name: { min: 1, max: 100, isLength: true },
  },
} as const;

/** app_hidden.availability_message: the availability message pg_notify sends (event_availability_json). */
export interface AvailabilityMessage {
  event_id: number;
  tickets_remaining: number;
  total_tickets: number;
  sold_out: boolean;
  /** not_open, on_sale, sold_out, closed, started or cancelled (as Event.salesState); a message arrives when time or a cancellation changes it. */
  sales_state: SalesState;
  starts_at: string;
  /** When booking opens; null: as soon as the event exists. */
  sales_start: string | null;
  /** When booking closes; null: when the event starts. */
  sales_end: string | null;
  /** Rises with every change of this event's availability; a newer message always has a larger version. */
  version: number;
  /** The event's category: which list pages hear of it. */
  category_id: number | null;
}
/** Its fields as GraphQL's EventAvailability shows them (all but those tagged @omit). */
export const AVAILABILITY_MESSAGE_FIELDS = [
  { column: "event_id", field: "eventId", type: "Int!", description: null },
  { column: "tickets_remaining", field: "ticketsRemaining", type: "Int!", description: null },
  { column: "total_tickets", field: "totalTickets", type: "Int!", description: null },
  { column: "sold_out", field: "soldOut", type: "Boolean!", description: null },
  { column: "sales_state", field: "salesState", type: "SalesState!", description: "not_open, on_sale, sold_out, closed, started or cancelled (as Event.salesState); a message arrives when time or a cancellation changes it." },
  { column: "starts_at", field: "startsAt", type: "Datetime!", description: null },
  { column: "sales_start", field: "salesStart", type: "Datetime", description: "When booking opens; null: as soon as the event exists." },
  { column: "sales_end", field: "salesEnd", type: "Datetime", description: "When booking closes; null: when the event starts." },
  { column: "version", field: "version", type: "BigInt!", description: "Rises with every change of this event's availability; a newer message always has a larger version." },
] as const;

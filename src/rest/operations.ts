// Every REST route with what it takes and what it answers: the OpenAPI document
// is built from this list (src/rest/openapi.ts), and so is the 405 answer's
// Allow header, so a route cannot exist undocumented for long (the contract
// test calls each one and checks the answer against the document).
import type { z } from "zod";
import * as s from "./schemas.ts";

export type Method = "get" | "post" | "patch" | "delete";
export type Access = "anyone" | "signed-in" | "student" | "admin" | "provider" | "payer" | "club-owner" | "club-manager" | "club-staff";

export interface Operation {
  method: Method;
  /** OpenAPI form: `/events/{id}`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Request headers the route reads. */
  headers?: { name: string; description: string }[];
  /** Success statuses and their bodies (none for 204) or headers (a redirect's Location); error statuses (all with the Error envelope) are listed by code. */
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: Record<string, string>; mediaType?: string }>;
  errors: number[];
  /** The `error.code` values this route answers with, by status, where they go beyond the usual ones (openapi.ts). */
  codes?: Partial<Record<number, string[]>>;
  /** The 200 answer is also offered as CSV (`Accept: text/csv`): what it holds. */
  csv?: string;
}

const BOOKING_REFUSALS_403 = ["FORBIDDEN", "EMAIL_NOT_VERIFIED"];
const BOOKING_REFUSALS = ["SOLD_OUT", "LIMIT_REACHED", "EVENT_STARTED", "SALES_NOT_OPEN", "SALES_CLOSED", "PAYMENTS_UNAVAILABLE"];

export interface OperationOptions {
  /** A payment provider is configured: paying and the webhook exist. */
  payments: boolean;
  /** The mock provider: its checkout page exists. */
  mock: boolean;
  /** OIDC_* is set: signing in with the college's account exists. */
  singleSignOn?: boolean;
}

const ok = (schema: z.ZodType, description = "Done") => ({ description, schema });
const done = (description: string) => ({ description });

export function operations({ payments, mock, singleSignOn }: OperationOptions): Operation[] {
  const list: Operation[] = [
    { method: "get", path: "/healthz", summary: "The process is up", tag: "Health", access: "anyone",
      responses: { 200: ok(s.health, "Up") }, errors: [] },
    { method: "get", path: "/readyz", summary: "The database answers: this instance can serve", tag: "Health", access: "anyone",
      responses: { 200: ok(s.health, "Ready") }, errors: [503] },
    { method: "post", path: "/signup", summary: "Create a student account and sign in", tag: "Accounts", access: "anyone",
      body: s.signupRequest, responses: { 201: ok(s.authResponse, "Created and signed in") }, errors: [400, 409, 415, 429], codes: { 409: ["EMAIL_TAKEN"] } },
    { method: "post", path: "/login", summary: "Exchange an email and password for a token", tag: "Accounts", access: "anyone",
      body: s.loginRequest, responses: { 200: ok(s.authResponse, "Signed in") }, errors: [400, 401, 415, 429],
      codes: { 401: ["INVALID_CREDENTIALS"] } },
    { method: "post", path: "/verify-email", summary: "Confirm your email address with the token from the emailed link", tag: "Accounts",
      access: "anyone", body: s.verifyEmailRequest, responses: { 200: ok(s.userResponse, "Verified") }, errors: [400, 415],
      codes: { 400: ["INVALID_TOKEN", "INVALID_INPUT"] } },
    { method: "post", path: "/verify-email/resend", summary: "Mail a new verification link", tag: "Accounts", access: "signed-in",
      responses: { 202: ok(s.accepted, "On its way, unless the address is verified already") }, errors: [401, 429] },
    { method: "post", path: "/password-reset", summary: "Ask for a link to choose a new password (the same answer whether or not an account uses the email)",
      tag: "Accounts", access: "anyone", body: s.passwordResetRequest,
      responses: { 202: ok(s.accepted, "If an account uses the email, a link is on its way") }, errors: [400, 415, 429] },
    { method: "post", path: "/password-reset/confirm", summary: "Choose a new password with the emailed token; every session of the account ends",
      tag: "Accounts", access: "anyone", body: s.passwordResetConfirmRequest, responses: { 200: ok(s.passwordReset, "Changed") },
      errors: [400, 415], codes: { 400: ["INVALID_TOKEN", "INVALID_INPUT"] } },
    { method: "post", path: "/me/password", summary: "Change your password: a fresh session; every other one ends", tag: "Accounts",
      access: "signed-in", body: s.changePasswordRequest, responses: { 200: ok(s.authResponse, "Changed, and signed in anew") },
      errors: [400, 401, 415, 429], codes: { 401: ["INVALID_CREDENTIALS", "UNAUTHENTICATED", "INVALID_TOKEN"] } },
    { method: "get", path: "/me/export", summary: "Everything stored about you, as one JSON document", tag: "Accounts",
      access: "signed-in", responses: { 200: ok(s.myData) }, errors: [401] },
    { method: "delete", path: "/me", summary: "Close your account: tickets to future events cancelled, name and email erased, every session ended",
      tag: "Accounts", access: "signed-in", body: s.deleteAccountRequest, responses: { 204: done("Closed") },
      errors: [400, 401, 415, 429], codes: { 401: ["INVALID_CREDENTIALS", "UNAUTHENTICATED", "INVALID_TOKEN"] } },
    { method: "post", path: "/logout", summary: "Sign out: this token stops working on every instance", tag: "Sessions",
      access: "signed-in", responses: { 204: done("Signed out") }, errors: [401] },
    { method: "get", path: "/me/sessions", summary: "Your sessions that still work, newest first", tag: "Sessions",
      access: "signed-in", responses: { 200: ok(s.sessions) }, errors: [401] },
    { method: "delete", path: "/me/sessions/{id}", summary: "End one of your sessions (another device)", tag: "Sessions",
      access: "signed-in", responses: { 204: done("Ended") }, errors: [400, 401, 404] },
    { method: "delete", path: "/me/sessions", summary: "Sign out everywhere, this session included", tag: "Sessions",
      access: "signed-in", responses: { 204: done("Every session ended") }, errors: [401] },
    { method: "get", path: "/events", summary: "Upcoming events, soonest first", tag: "Events", access: "anyone",
      query: s.eventListQuery, responses: { 200: ok(s.eventList) }, errors: [400] },
    { method: "post", path: "/events", summary: "Create an event (admins; with club_id, the club's owners and managers)", tag: "Events",
      access: "club-manager", body: s.createEventRequest, responses: { 201: ok(s.eventResponse, "Created") }, errors: [400, 401, 403, 415] },
    { method: "get", path: "/events/{id}", summary: "One event", tag: "Events", access: "anyone",
      responses: { 200: ok(s.eventResponse) }, errors: [400, 404] },
    { method: "patch", path: "/events/{id}", summary: "Change an event (admins; a club's event: its owners and managers); null clears an optional field", tag: "Events",
      access: "club-manager", body: s.updateEventRequest, responses: { 200: ok(s.eventResponse, "Changed") },
      errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["BELOW_SOLD"] } },
    { method: "get", path: "/events/{id}/status", summary: "Seats left right now", tag: "Events", access: "anyone",
      responses: { 200: ok(s.eventStatus) }, errors: [400, 404] },
    { method: "get", path: "/events/{id}/calendar.ics", summary: "The event for your calendar (iCalendar, RFC 5545; times in UTC)",
      tag: "Events", access: "anyone",
      responses: { 200: { description: "text/calendar: one VEVENT with a stable UID", mediaType: "text/calendar" } }, errors: [400, 404] },
    { method: "post", path: "/events/{id}/book", summary: "Book a ticket (free: confirmed; paid: held until paid)", tag: "Tickets",
      access: "student",
      headers: [{ name: "Idempotency-Key", description: "Repeat a booking safely: the same key answers the same ticket (Idempotent-Replayed: true)" }],
      responses: { 201: ok(s.ticketResponse, "Booked") }, errors: [400, 401, 403, 404, 409, 429, 503],
      codes: { 403: BOOKING_REFUSALS_403, 409: BOOKING_REFUSALS, 429: ["TOO_MANY_BOOKINGS"] } },
    { method: "delete", path: "/tickets/{id}", summary: "Cancel your ticket; the seat goes back on sale", tag: "Tickets",
      access: "student", responses: { 200: ok(s.ticketResponse, "Cancelled") }, errors: [400, 401, 404, 409, 503],
      codes: { 409: ["ALREADY_CANCELLED", "TICKET_EXPIRED", "ALREADY_CHECKED_IN", "EVENT_STARTED"] } },
    { method: "get", path: "/me/tickets", summary: "Your tickets with their events, newest first, a page at a time", tag: "Tickets",
      access: "signed-in", query: s.myTicketsQuery, responses: { 200: ok(s.myTickets) }, errors: [400, 401] },
    { method: "post", path: "/events/{id}/waitlist", summary: "Join a sold-out event's waitlist", tag: "Waitlist",
      access: "student", responses: { 201: ok(s.waitlistEntryResponse, "Joined") }, errors: [400, 401, 403, 404, 409],
      codes: { 403: BOOKING_REFUSALS_403, 409: ["NOT_SOLD_OUT", "ALREADY_WAITING", "LIMIT_REACHED", "EVENT_STARTED", "SALES_NOT_OPEN", "SALES_CLOSED"] } },
    { method: "get", path: "/me/waitlist", summary: "Your waitlist entries, newest first, a page at a time", tag: "Waitlist",
      access: "signed-in", query: s.myWaitlistQuery, responses: { 200: ok(s.waitlistEntries) }, errors: [400, 401] },
    { method: "delete", path: "/waitlist/{id}", summary: "Leave a waitlist", tag: "Waitlist", access: "student",
      responses: { 200: ok(s.waitlistEntryResponse, "Left") }, errors: [400, 401, 404, 409] },
    { method: "post", path: "/waitlist/{id}/accept", summary: "Take the seat you were offered", tag: "Waitlist", access: "student",
      responses: { 200: ok(s.ticketResponse, "Accepted") }, errors: [400, 401, 403, 404, 409],
      codes: { 403: ["EMAIL_NOT_VERIFIED"], 409: ["OFFER_NOT_AVAILABLE", "LIMIT_REACHED"] } },
    { method: "post", path: "/check-in", summary: "Admit a ticket holder by code (admins; the staff of the event's club, door volunteers included)", tag: "Check-in",
      access: "club-staff", body: s.checkInRequest, responses: { 200: ok(s.ticketResponse, "Checked in") },
      errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["WRONG_EVENT", "ALREADY_CHECKED_IN", "TICKET_NOT_VALID"] } },
    { method: "get", path: "/categories", summary: "Kinds of events", tag: "Events", access: "anyone",
      responses: { 200: ok(s.categories) }, errors: [] },
    { method: "get", path: "/events/{id}/attendees", summary: "Who holds a ticket (expired holds left out), by name, a page at a time; Accept: text/csv for all of them as a spreadsheet",
      tag: "Clubs", access: "club-manager", query: s.attendeesQuery, responses: { 200: ok(s.attendees) }, errors: [400, 401, 403, 404],
      csv: "Every attendee: UTF-8 with a byte order mark, a header row (Name, Email, Ticket, Status, Booked at (UTC), Checked in at (UTC)), every field quoted, CRLF line ends" },
    { method: "get", path: "/clubs", summary: "Every club, by name, a page at a time", tag: "Clubs", access: "anyone",
      query: s.clubListQuery, responses: { 200: ok(s.clubList) }, errors: [400] },
    { method: "post", path: "/clubs", summary: "Create a club (admins)", tag: "Clubs", access: "admin", body: s.createClubRequest,
      responses: { 201: ok(s.clubResponse, "Created") }, errors: [400, 401, 403, 409, 415], codes: { 409: ["CLUB_NAME_TAKEN"] } },
    { method: "get", path: "/clubs/{id}", summary: "A club's profile and its upcoming events", tag: "Clubs", access: "anyone",
      responses: { 200: ok(s.clubProfile) }, errors: [400, 404] },
    { method: "patch", path: "/clubs/{id}", summary: "Change a club's name or description", tag: "Clubs", access: "club-owner",
      body: s.updateClubRequest, responses: { 200: ok(s.clubResponse, "Changed") }, errors: [400, 401, 403, 404, 409, 415],
      codes: { 409: ["CLUB_NAME_TAKEN"] } },
    { method: "get", path: "/clubs/{id}/members", summary: "The club's members and invited addresses, owners first", tag: "Clubs",
      access: "club-manager", responses: { 200: ok(s.clubMembers) }, errors: [400, 401, 403, 404] },
    { method: "post", path: "/clubs/{id}/members", summary: "Add a member by email: an account at once, an unknown address by an emailed invitation",
      tag: "Clubs", access: "club-owner", body: s.addClubMemberRequest, responses: { 201: ok(s.clubMemberResponse, "Added (active) or invited") },
      errors: [400, 401, 403, 404, 409, 415],
      codes: { 400: ["INVALID_INPUT", "EMAIL_DOMAIN_NOT_ALLOWED"], 409: ["ALREADY_MEMBER", "ALREADY_INVITED", "TOO_MANY_INVITATIONS"] } },
    { method: "patch", path: "/clubs/{id}/members/{user_id}", summary: "Change a member's role; the last owner stays an owner", tag: "Clubs",
      access: "club-owner", body: s.updateClubMemberRequest, responses: { 200: ok(s.clubMemberResponse, "Changed") },
      errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["LAST_OWNER"] } },
    { method: "delete", path: "/clubs/{id}/members/{user_id}", summary: "Remove a member: their next request has no rights in the club; the last owner stays",
      tag: "Clubs", access: "club-owner", responses: { 204: done("Removed") }, errors: [400, 401, 403, 404, 409], codes: { 409: ["LAST_OWNER"] } },
    { method: "delete", path: "/clubs/{id}/invitations/{email}", summary: "Withdraw an invitation", tag: "Clubs", access: "club-owner",
      responses: { 204: done("Withdrawn") }, errors: [400, 401, 403, 404] },
    { method: "get", path: "/me/clubs", summary: "Your clubs and your role in each", tag: "Clubs", access: "signed-in",
      responses: { 200: ok(s.myClubs) }, errors: [401] },
    { method: "post", path: "/tickets/{id}/pay", summary: "Start paying for a held ticket", tag: "Payments", access: "student",
      responses: { 201: ok(s.payment, "Payment started: complete it at the provider's checkout") },
      errors: [400, 401, 404, 409],
      codes: { 409: ["NOT_PAYABLE", "PAYMENTS_UNAVAILABLE", "TOO_MANY_PAYMENT_ATTEMPTS", "PRICE_CHANGED"] } },
  ];
  if (singleSignOn) {
    list.push(
      { method: "get", path: "/auth/oidc/start", summary: "Sign in with your college account: a browser is sent to the college's sign-in page",
        tag: "Accounts", access: "anyone",
        responses: { 303: { description: "To the identity provider (authorization code flow with PKCE, state and nonce), with a short-lived login cookie; " +
          "if the provider cannot be reached, to PUBLIC_URL/auth/complete#error=OIDC_UNAVAILABLE", headers: { Location: "Where the browser goes next" } } },
        errors: [] },
      { method: "get", path: "/auth/oidc/callback", summary: "Where the college's sign-in page sends the browser back: signs the person in (a student account is made on the first visit)",
        tag: "Accounts", access: "anyone",
        responses: { 303: { description: "To PUBLIC_URL/auth/complete#token=<token> (a new session, as POST /login answers), or #error=<CODE>: " +
          "EMAIL_NOT_VERIFIED (the provider does not vouch for the address), EMAIL_DOMAIN_NOT_ALLOWED (not an address of ALLOWED_EMAIL_DOMAINS), " +
          "OIDC_FAILED (the sign-in was not started in this browser, took too long, was refused or did not check out), OIDC_UNAVAILABLE, " +
          "EMAIL_TAKEN (an account with the address was made at the same moment: try again), INVALID_INPUT (the provider gave no usable address), " +
          "DATABASE_UNAVAILABLE", headers: { Location: "Where the browser goes next" } } },
        errors: [] },
    );
  }
  if (payments) {
    list.push({
      method: "post", path: "/webhooks/payments", summary: "The payment provider reports a payment (signed)", tag: "Payments",
      access: "provider",
      headers: [{ name: "Payment-Signature", description: "t=<unix seconds>,v1=<HMAC-SHA256 of '<t>.<raw body>'>" }],
      responses: { 200: ok(s.webhookAck, "Received") }, errors: [400, 404],
      codes: { 400: ["INVALID_SIGNATURE", "INVALID_INPUT", "AMOUNT_MISMATCH"], 404: ["NOT_FOUND"] },
    });
  }
  if (mock) {
    list.push({
      method: "post", path: "/payments/mock/{intent_id}/confirm",
      summary: "The mock provider's checkout page: pay with the intent's client secret (development only)", tag: "Payments",
      access: "payer", body: s.mockConfirmRequest,
      responses: { 200: ok(s.webhookAck, "Paid: what our webhook answered the provider") }, errors: [400, 404, 415],
    });
  }
  return list;
}

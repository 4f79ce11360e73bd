// The REST contract in one place: the zod schemas that validate requests are
// the ones the OpenAPI document is generated from (src/rest/openapi.ts), and the
// response schemas are what the contract test checks real answers against.
// Names are snake_case; timestamps are ISO 8601 UTC with Z. Types and shapes
// are checked here; business rules (lengths, ranges, references) are the
// database's (app_public.create_event / update_event), so both APIs answer alike,
// and the bounds the document states (in words, and as minLength/maxLength or
// minimum/maximum) are its CHECK constraints' (FIELD_BOUNDS, generated from
// app_private.field_bounds), the same bounds its refusals quote.
import { z } from "zod";
import {
  CLUB_ROLE_VALUES,
  EVENT_PHASE_VALUES,
  EVENT_STATUS_VALUES,
  FIELD_BOUNDS,
  LOTTERY_ENTRY_STATE_VALUES,
  QUEUE_ENTRY_STATE_VALUES,
  RELEASE_MODE_VALUES,
  SALES_STATE_VALUES,
  TICKET_STATUS_VALUES,
  WAITLIST_ENTRY_STATUS_VALUES,
} from "../generated/vocabulary.ts";

/** Every schema with a name in the OpenAPI document's components. */
export const schemas = z.registry<{ id: string; description?: string }>();
function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  schemas.add(schema, description ? { id, description } : { id });
  return schema;
}

const id = z.int32().positive();

type Bounds = { min: number | null; max: number | null; isLength: boolean };
/** A column's bounds from its CHECK constraint, as the JSON Schema keywords of the document (the database enforces them). */
function limits<T extends keyof typeof FIELD_BOUNDS>(table: T, column: keyof (typeof FIELD_BOUNDS)[T]) {
  const { min, max, isLength } = FIELD_BOUNDS[table][column] as Bounds;
  return {
    ...(min === null ? {} : { [isLength ? "minLength" : "minimum"]: min }),
    ...(max === null ? {} : { [isLength ? "maxLength" : "maximum"]: max }),
  };
}
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** "1 to 200 characters", "at most 2000 characters": how the database's refusal words it. */
function lengthInWords<T extends keyof typeof FIELD_BOUNDS>(table: T, column: keyof (typeof FIELD_BOUNDS)[T]) {
  const { min, max } = FIELD_BOUNDS[table][column] as Bounds;
  return min === null ? `at most ${max} characters` : `${min} to ${max} characters`;
}
/** Requests may give any offset; answers are always UTC with Z. */
const timestampIn = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 date-time with a time zone, e.g. 2026-05-01T18:00:00Z" });
const timestamp = z.iso.datetime().meta({ description: "ISO 8601 date-time in UTC, e.g. 2026-05-01T18:00:00.000Z" });

// Requests ---------------------------------------------------------------------

export const signupRequest = named(
  "SignupRequest",
  z.strictObject({
    name: z.string().meta({ description: lengthInWords("users", "name"), ...limits("users", "name") }),
    email: z.string().meta(limits("users", "email")),
    password: z.string().meta({ description: "8 to 72 characters" }),
  }),
);
export const loginRequest = named("LoginRequest", z.strictObject({ email: z.string(), password: z.string() }));
/** A one-time token from a link we mailed (64 hex characters; anything else is refused as INVALID_TOKEN by the database). */
const linkToken = z.string().min(1).max(512).meta({ description: "The token from the emailed link (?token=…)" });
export const verifyEmailRequest = named("VerifyEmailRequest", z.strictObject({ token: linkToken }));
const newPassword = z.string().meta({ description: "8 to 72 characters" });
export const passwordResetRequest = named("PasswordResetRequest", z.strictObject({ email: z.string().max(320) }));
export const passwordResetConfirmRequest = named("PasswordResetConfirmRequest", z.strictObject({ token: linkToken, password: newPassword }));
export const deleteAccountRequest = named("DeleteAccountRequest", z.strictObject({ password: z.string() }));
export const closeAccountRequest = named("CloseAccountRequest", z.strictObject({ token: linkToken }));
export const changePasswordRequest = named(
  "ChangePasswordRequest",
  z.strictObject({ current_password: z.string(), new_password: newPassword }),
);

/** An event field's bounds, as its CHECK constraint events_<field>_valid gives them. */
const bounds = FIELD_BOUNDS.events;
const characters = (field: "name" | "venue") => lengthInWords("events", field);
const range = (field: "max_tickets_per_student" | "hold_minutes" | "total_tickets" | "admission_minutes" | "offer_minutes") => `${bounds[field].min} to ${bounds[field].max}`;

const optionalEventFields = {
  description: z.string().meta({ description: `At most ${bounds.description.max} characters; default empty`, ...limits("events", "description") }),
  max_tickets_per_student: z.int32().meta({ description: `${range("max_tickets_per_student")}; default 1`, ...limits("events", "max_tickets_per_student") }),
  category_id: id.nullable().meta({ description: "A category from GET /categories; null for none" }),
  price_cents: z.int32().meta({
    description: `${bounds.price_cents.min} (free, booked at once) to ${bounds.price_cents.max}; default 0`,
    ...limits("events", "price_cents"),
  }),
  hold_minutes: z.int32().meta({
    description: `How long a paid booking holds its seat, ${range("hold_minutes")}; default 10`,
    ...limits("events", "hold_minutes"),
  }),
  sales_start: timestampIn.nullable().meta({ description: "When booking opens; null: as soon as the event exists" }),
  sales_end: timestampIn.nullable().meta({ description: "When booking closes, not after the event starts; null: when it starts" }),
  club_id: id.nullable().meta({
    description: "The club that runs it (its owners and managers may create and edit it); null: none (admins only). Moving an event to another club needs rights in both",
  }),
  release_mode: z.enum(RELEASE_MODE_VALUES).meta({
    description: "How seats are released: first_come (default), queue (a waiting room shuffled at sales_start, which it needs), lottery (a draw at lottery_closes_at, which it needs)",
  }),
  queue_opens_at: timestampIn.nullable().meta({ description: "Queue: when students may start joining, before sales_start; null: at once" }),
  admission_minutes: z.int32().meta({
    description: `Queue: how long an admitted student may book, ${range("admission_minutes")} minutes; default 10`,
    ...limits("events", "admission_minutes"),
  }),
  lottery_closes_at: timestampIn.nullable().meta({ description: "Lottery: when entries close and the draw runs, before sales close" }),
  offer_minutes: z.int32().meta({
    description: `Lottery: how long a winner has to claim, ${range("offer_minutes")} minutes; default 1440`,
    ...limits("events", "offer_minutes"),
  }),
};
const requiredEventFields = {
  name: z.string().meta({ description: characters("name"), ...limits("events", "name") }),
  venue: z.string().meta({ description: characters("venue"), ...limits("events", "venue") }),
  datetime: timestampIn.meta({ description: "When the event starts (in the future)" }),
  total_tickets: z.int32().meta({ description: range("total_tickets"), ...limits("events", "total_tickets") }),
};
export const createEventRequest = named(
  "CreateEventRequest",
  z.strictObject({ ...requiredEventFields, ...z.object(optionalEventFields).partial().shape }),
);
export const cancelEventRequest = named(
  "CancelEventRequest",
  z.strictObject({
    reason: z.string().meta({
      description: `Why, in a sentence students will read (${lengthInWords("events", "cancel_reason")}; it is emailed to them and shown on the event's page)`,
      ...limits("events", "cancel_reason"),
    }),
  }),
);
export const updateEventRequest = named(
  "UpdateEventRequest",
  z
    .strictObject({ ...requiredEventFields, ...optionalEventFields })
    .partial()
    .refine((body) => Object.keys(body).length > 0, "Send at least one field to change.")
    .meta({ description: "Fields left out stay as they are; null clears category_id, sales_start, sales_end, club_id (admins), queue_opens_at or lottery_closes_at." }),
);
const clubRole = z.enum(CLUB_ROLE_VALUES).meta({
  description: "owner: everything for the club, manages members · manager: creates and edits its events, analytics, attendees, check-in · door: check-in only",
});
const clubName = z.string().meta({ description: `${lengthInWords("clubs", "name")}, unique whatever the case`, ...limits("clubs", "name") });
const clubDescription = z.string().meta({ description: capitalised(lengthInWords("clubs", "description")), ...limits("clubs", "description") });
export const createClubRequest = named(
  "CreateClubRequest",
  z.strictObject({
    name: clubName,
    description: clubDescription.optional().meta({ description: `${capitalised(lengthInWords("clubs", "description"))}; default empty` }),
  }),
);
export const updateClubRequest = named(
  "UpdateClubRequest",
  z
    .strictObject({ name: clubName, description: clubDescription })
    .partial()
    .refine((body) => Object.keys(body).length > 0, "Send at least one field to change."),
);
export const addClubMemberRequest = named(
  "AddClubMemberRequest",
  z.strictObject({
    email: z.string().max(320).meta({ ...limits("club_invitations", "email"), description: "An account's email (a member at once), or an address to invite (a member once it signs up and confirms it)" }),
    role: clubRole,
  }),
);
export const updateClubMemberRequest = named("UpdateClubMemberRequest", z.strictObject({ role: clubRole }));
export const checkInRequest = named(
  "CheckInRequest",
  z.strictObject({
    code: z.string().meta({ description: "The ticket's check-in code (its QR code)" }),
    event_id: id.meta({ description: "The event this desk admits to: a ticket for another event is refused (409 WRONG_EVENT)" }),
  }),
);
export const mockConfirmRequest = named(
  "MockConfirmRequest",
  z.strictObject({ client_secret: z.string().min(1).max(200).meta({ description: "From POST /tickets/{id}/pay" }) }),
);
/** A page of a list (`?limit=&offset=`): every list route takes the same bounds and answers them back. */
function pageQuery(what: string) {
  return {
    limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: "Page size, 1 to 100" }),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0).meta({ description: `${what} to skip` }),
  };
}
const page = { limit: z.int(), offset: z.int() };

export const eventListQuery = z.strictObject({
  category_id: z.coerce.number().int().positive().max(2 ** 31 - 1).optional().meta({ description: "Only events of this category" }),
  club_id: z.coerce.number().int().positive().max(2 ** 31 - 1).optional().meta({ description: "Only events of this club" }),
  ...pageQuery("Events"),
});
export const managedEventsQuery = z.strictObject({
  club_id: z.coerce.number().int().positive().max(2 ** 31 - 1).optional().meta({ description: "Only events of this club (one you have a role in)" }),
  phase: z.enum(EVENT_PHASE_VALUES).optional().meta({ description: "Only upcoming (not started), past (started) or cancelled events" }),
  ...pageQuery("Events"),
});
export const myTicketsQuery = z.strictObject(pageQuery("Tickets"));
export const clubListQuery = z.strictObject(pageQuery("Clubs"));
export const attendeesQuery = z.strictObject(pageQuery("Attendees"));
export const myWaitlistQuery = z.strictObject(pageQuery("Entries"));

// Responses --------------------------------------------------------------------

export const errorResponse = named(
  "Error",
  z.object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine code, e.g. INVALID_INPUT, NOT_FOUND, SOLD_OUT" }),
      message: z.string().meta({ description: "A sentence a person understands" }),
      field: z.string().optional().meta({ description: "The request field at fault, when one is" }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
);
export const user = named(
  "User",
  z.object({
    id,
    name: z.string(),
    email: z.string(),
    role: z.enum(["student", "admin"]),
    email_verified: z.boolean().meta({ description: "The owner proved they hold this address (the emailed link)" }),
  }),
);
export const userResponse = named("UserResponse", z.object({ user }));
const exportTime = timestamp.nullable();
export const myData = named(
  "MyData",
  z.object({
    exported_at: timestamp,
    account: z.object({
      id,
      name: z.string(),
      email: z.string(),
      role: z.enum(["student", "admin"]),
      email_verified: z.boolean(),
      email_verified_at: exportTime,
      created_at: timestamp,
    }),
    tickets: z.array(z.record(z.string(), z.unknown())).meta({ description: "Every ticket, with its event's name and start" }),
    waitlist_entries: z.array(z.record(z.string(), z.unknown())),
    payments: z.array(z.record(z.string(), z.unknown())),
    refunds: z.array(z.record(z.string(), z.unknown())),
    sessions: z.array(z.record(z.string(), z.unknown())).meta({ description: "Every session, ended ones included" }),
    queue_entries: z.array(z.record(z.string(), z.unknown())).meta({ description: "Every place taken in a queue, left ones included" }),
    lottery_entries: z.array(z.record(z.string(), z.unknown())),
    club_memberships: z.array(z.record(z.string(), z.unknown())).meta({ description: "Your role in each club, with its name" }),
  }),
);
export const passwordReset = named(
  "PasswordReset",
  z.object({ reset: z.literal(true), message: z.string() }),
);
export const accepted = named(
  "Accepted",
  z.object({ accepted: z.literal(true), message: z.string().meta({ description: "What happens next, in words" }) }),
);
export const sessions = named(
  "Sessions",
  z.object({
    sessions: z.array(
      z.object({
        id,
        created_at: timestamp,
        user_agent: z.string().nullable().meta({ description: "The User-Agent that signed in" }),
        current: z.boolean().meta({ description: "The session of the token asking" }),
      }),
    ),
  }),
);
export const authResponse = named(
  "AuthResponse",
  z.object({ token: z.string().meta({ description: "Send as 'Authorization: Bearer <token>'" }), user }),
);
export const event = named(
  "Event",
  z.object({
    id,
    name: z.string(),
    description: z.string(),
    venue: z.string(),
    datetime: timestamp,
    total_tickets: z.int32(),
    tickets_remaining: z.int32(),
    max_tickets_per_student: z.int32(),
    category_id: id.nullable(),
    price_cents: z.int32(),
    hold_minutes: z.int32(),
    sales_start: timestamp.nullable(),
    sales_end: timestamp.nullable(),
    created_at: timestamp,
    club_id: id.nullable(),
    club: z.object({ id, name: z.string() }).nullable().meta({ description: "The club that runs it; null: the admins" }),
    status: z.enum(EVENT_STATUS_VALUES).meta({ description: "scheduled, or cancelled (for good: POST /events/{id}/cancel)" }),
    cancelled_at: timestamp.nullable().meta({ description: "When it was called off; null: it was not" }),
    cancel_reason: z.string().nullable().meta({ description: "Why it was called off, in the organiser's words" }),
    release_mode: z.enum(RELEASE_MODE_VALUES),
    queue_opens_at: timestamp.nullable(),
    admission_minutes: z.int32(),
    lottery_closes_at: timestamp.nullable(),
    offer_minutes: z.int32(),
    image_url: z.string().nullable().meta({ description: "Its image (relative to the API; add &size=list for a card's), or null: show a placeholder" }),
  }),
);
export const eventResponse = named("EventResponse", z.object({ event }));
export const eventImageResponse = named(
  "EventImageResponse",
  z.object({ image_url: z.string().meta({ description: "Where the new image is served (relative to the API); also the event's image_url" }) }),
);
export const eventImageQuery = named(
  "EventImageQuery",
  z.strictObject({
    size: z.enum(["page", "list"]).default("page").meta({ description: "page (1280×720, the default) or list (640×360, for cards)" }),
    v: z.string().max(64).optional().meta({ description: "The image's version, as image_url gives it" }),
  }),
);
export const eventList = named("EventList", z.object({ events: z.array(event), ...page }));
const phase = z.enum(EVENT_PHASE_VALUES);
export const managedEventList = named(
  "ManagedEventList",
  z.object({
    events: z.array(
      event.extend({
        phase: phase.meta({ description: "upcoming (not started), past (started) or cancelled (cancelled_at, cancel_reason say when and why)" }),
        sales_state: z.enum(SALES_STATE_VALUES).meta({ description: "As GET /events/{id}/status says it: on_sale, sold_out, not_open, closed, started, cancelled" }),
      }),
    ),
    counts: z.object({ upcoming: z.int32(), past: z.int32(), cancelled: z.int32() })
      .meta({ description: "How many of your events (of the club asked for) are in each phase, whatever phase was asked for" }),
    total: z.int32().meta({ description: "How many events the list holds (every page)" }),
    ...page,
  }),
);
export const eventStatus = named(
  "EventStatus",
  z.object({
    event_id: id,
    total_tickets: z.int32(),
    tickets_remaining: z.int32(),
    sold_out: z.boolean(),
    sales_state: z
      .enum(SALES_STATE_VALUES)
      .meta({ description: "The first that applies: cancelled, started, closed (after sales_end), not_open (before sales_start), sold_out, on_sale" }),
  }),
);
export const ticket = named(
  "Ticket",
  z.object({
    id,
    event_id: id,
    user_id: id,
    status: z.enum(TICKET_STATUS_VALUES),
    booked_at: timestamp,
    cancelled_at: timestamp.nullable(),
    price_cents: z.int32(),
    hold_expires_at: timestamp.nullable().meta({ description: "A pending (unpaid) or offered ticket's deadline" }),
    check_in_code: z.string().nullable(),
    checked_in_at: timestamp.nullable(),
  }),
);
export const ticketResponse = named("TicketResponse", z.object({ ticket }));
export const checkInResponse = named(
  "CheckInResponse",
  z.object({
    ticket,
    holder_name: z.string().meta({ description: "The holder's name, to compare with the person at the desk (app_public.tickets_holder_name)" }),
  }),
);
export const myTickets = named(
  "MyTickets",
  z.object({
    tickets: z.array(ticket.extend({
      event: z.object({
        id, name: z.string(), venue: z.string(), datetime: timestamp,
        status: z.enum(EVENT_STATUS_VALUES), cancel_reason: z.string().nullable().meta({ description: "Why a cancelled event was called off" }),
      }),
    })),
    ...page,
  }),
);
export const waitlistEntry = named(
  "WaitlistEntry",
  z.object({
    id,
    event_id: id,
    user_id: id,
    status: z.enum(WAITLIST_ENTRY_STATUS_VALUES),
    position: z.int().nullable().meta({ description: "Place in the queue while waiting" }),
    ticket_id: id.nullable().meta({ description: "The offered ticket, once a seat is offered" }),
    created_at: timestamp,
  }),
);
export const waitlistEntryResponse = named("WaitlistEntryResponse", z.object({ entry: waitlistEntry }));
export const waitlistEntries = named("WaitlistEntries", z.object({ entries: z.array(waitlistEntry), ...page }));
export const queueEntry = named(
  "QueueEntry",
  z.object({
    event_id: id,
    state: z.enum(QUEUE_ENTRY_STATE_VALUES),
    position: z.int().nullable().meta({ description: "Your place in line (1 = next) once shuffled at sales_start; null before, and when not waiting" }),
    admitted_until: timestamp.nullable().meta({ description: "Admitted: book before this moment" }),
  }),
);
export const queueEntryResponse = named("QueueEntryResponse", z.object({ entry: queueEntry }));
export const queueStats = named(
  "QueueStats",
  z.object({ joined: z.int(), waiting: z.int(), admitted: z.int(), booked: z.int(), lapsed: z.int(), closed: z.int() }),
);
const drawFields = {
  seed: z.string().meta({ description: "The recorded seed, hex" }),
  algorithm: z.string().meta({ description: "How the order follows from the seed and the entries" }),
  entries: z.array(id).meta({ description: "The entry ids shuffled, in arrival order" }),
  order: z.array(id).meta({ description: "The order the draw gave them" }),
  order_hash: z.string().meta({ description: "sha256 (hex) of the order joined by ','" }),
  drawn_at: timestamp,
};
export const queueDraw = named("QueueDraw", z.object(drawFields));
export const lotteryDraw = named(
  "LotteryDraw",
  z.object({ ...drawFields, winners: z.array(id).meta({ description: "The entries that won at the draw (the first of the order)" }) }),
);
export const lotteryEntry = named(
  "LotteryEntry",
  z.object({
    event_id: id,
    state: z.enum(LOTTERY_ENTRY_STATE_VALUES),
    draw_rank: z.int().nullable().meta({ description: "Your place in the draw's order (1 = first); null before the draw" }),
    offer_expires_at: timestamp.nullable().meta({ description: "Won: claim before this moment" }),
    ticket_id: id.nullable().meta({ description: "Claimed: your ticket" }),
  }),
);
export const lotteryEntryResponse = named("LotteryEntryResponse", z.object({ entry: lotteryEntry }));
export const categories = named("Categories", z.object({ categories: z.array(z.object({ id, name: z.string() })) }));
export const payment = named(
  "PaymentResponse",
  z.object({
    payment: z.object({
      intent_id: z.string(),
      client_secret: z.string().meta({ description: "Give it to the provider's checkout (mock: POST /payments/mock/{intent_id}/confirm)" }),
      amount_cents: z.int32(),
    }),
  }),
);
export const webhookAck = named(
  "WebhookAck",
  z.object({
    received: z.literal(true),
    ignored: z.literal(true).optional().meta({ description: "An event type this server does not act on" }),
    outcome: z.enum(["confirmed", "refund", "duplicate"]).optional(),
  }),
);
export const health = named("Health", z.object({ status: z.literal("ok") }));
export const club = named(
  "Club",
  z.object({ id, name: z.string(), description: z.string(), created_at: timestamp }),
);
export const clubResponse = named("ClubResponse", z.object({ club }));
export const clubProfile = named(
  "ClubProfile",
  z.object({ club, events: z.array(event).meta({ description: "Its events that have not started yet, soonest first" }) }),
);
export const clubList = named("ClubList", z.object({ clubs: z.array(club), ...page }));
export const myClubs = named(
  "MyClubs",
  z.object({ clubs: z.array(club.extend({ role: clubRole.meta({ description: "Your role in the club" }) })) }),
);
export const clubMember = named(
  "ClubMember",
  z.object({
    user_id: id.nullable().meta({ description: "null while invited" }),
    name: z.string().nullable().meta({ description: "null while invited" }),
    email: z.string(),
    role: clubRole,
    status: z.enum(["active", "invited"]).meta({
      description: "active: an account with this role · invited: an address without an account; it becomes a member once it signs up and confirms the address",
    }),
  }),
);
export const clubMemberResponse = named("ClubMemberResponse", z.object({ member: clubMember }));
export const clubMembers = named("ClubMembers", z.object({ members: z.array(clubMember) }));
export const attendee = named(
  "Attendee",
  z.object({
    ticket_id: id,
    user_id: id,
    name: z.string(),
    email: z.string(),
    status: z.enum(["pending", "offered", "confirmed", "cancelled"]),
    booked_at: timestamp,
    checked_in_at: timestamp.nullable(),
  }),
);
export const attendees = named(
  "Attendees",
  z.object({ attendees: z.array(attendee), total: z.int().meta({ description: "Attendees in all pages" }), ...page }),
);

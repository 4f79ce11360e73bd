// The OpenAPI document cannot drift from the server: every documented route is
// called for real (the mock payment flow, the waitlist and check-in included),
// and every answer, success or error, is validated against the document's
// schema for that route and status. A route the scenario never reached, or an
// answer the document does not describe, fails the test.
import sharp from "sharp";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_BOUNDS } from "../../src/generated/vocabulary.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { request, testPaymentSecret, useTestServer, type JsonResponse } from "../helpers/app.ts";
import { insertUser, tokenFor } from "../helpers/fixtures.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const t = useTestServer();

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
}
let doc: Document;
let ajv: Ajv2020;
const called = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  const response = await request<Document>(t.server.url, "GET", "/openapi.json");
  expect(response.status).toBe(200);
  doc = response.body;
  ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ $id: "openapi.json", components: doc.components });
});

/** Call `template` (e.g. /events/{id}) with `params`, and check the answer against the document. */
async function call(
  method: string,
  template: string,
  params: Record<string, string | number> = {},
  options: Parameters<typeof request>[3] = {},
): Promise<JsonResponse> {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name]));
  const response = await request(t.server.url, method, path, options);
  const operation = doc.paths[template.split("?")[0]!]?.[method.toLowerCase()];
  const label = `${method} ${template} → ${response.status}`;
  if (!operation) {
    problems.push(`${label}: not in the document`);
    return response;
  }
  const described = operation.responses[String(response.status)] ?? operation.responses.default;
  const schema = described?.content?.["application/json"]?.schema;
  if (response.status === 204) {
    if (!operation.responses["204"] || described?.content || response.body !== undefined) problems.push(`${label}: a 204 has no body, and says so`);
  } else if (!schema) problems.push(`${label}: status not documented`);
  else if (!ajv.validate({ $ref: `openapi.json${(schema as { $ref: string }).$ref}` }, response.body)) {
    problems.push(`${label}: ${ajv.errorsText(ajv.errors)} in ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  if (response.status < 300) called.add(`${method.toLowerCase()} ${template.split("?")[0]}`);
  return response;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and names a schema for every answer", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (status === "204") expect(response.content, `${method} ${path} ${status}`).toBeUndefined();
          // JSON, or a file in its own format (an event's calendar: text/calendar).
          else expect(Object.values(response.content ?? {})[0]?.schema, `${method} ${path} ${status}`).toBeDefined();
        }
      }
    }
  });

  it("states the bounds of the CHECK constraints as limits, and the database's refusal quotes the same bound", async () => {
    type Properties = Record<string, { minLength?: number; maxLength?: number; minimum?: number; maximum?: number }>;
    const fields = (name: string) => (doc.components.schemas[name] as { properties: Properties }).properties;
    const { events, clubs, users } = FIELD_BOUNDS;
    expect(fields("CreateEventRequest").name).toMatchObject({ minLength: events.name.min, maxLength: events.name.max });
    expect(fields("CreateEventRequest").total_tickets).toMatchObject({ minimum: events.total_tickets.min, maximum: events.total_tickets.max });
    expect(fields("UpdateEventRequest").hold_minutes).toMatchObject({ minimum: events.hold_minutes.min, maximum: events.hold_minutes.max });
    expect(fields("CreateClubRequest").description).toMatchObject({ maxLength: clubs.description.max });
    expect(fields("SignupRequest").name).toMatchObject({ minLength: users.name.min, maxLength: users.name.max });

    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const tooLong = await request(t.server.url, "POST", "/events", {
      token: t.adminToken,
      body: { name: "x".repeat(events.name.max + 1), venue: "Hall", datetime: soon, total_tickets: 5 },
    });
    expect([tooLong.status, tooLong.body.error.code, tooLong.body.error.field]).toEqual([400, "INVALID_INPUT", "name"]);
    expect(tooLong.body.error.message).toContain(`${events.name.max} characters`);
  });

  it("would catch an answer that drifted: a missing field, a local time, an unknown field", async () => {
    const event = (await request(t.server.url, "POST", "/events", {
      token: t.adminToken,
      body: { name: "Drift", venue: "Hall", datetime: new Date(Date.now() + 86400_000).toISOString(), total_tickets: 3 },
    })).body.event;
    const valid = (body: unknown) => ajv.validate({ $ref: "openapi.json#/components/schemas/EventResponse" }, body);
    expect(valid({ event })).toBe(true);
    const { venue: _venue, ...withoutVenue } = event;
    expect(valid({ event: withoutVenue })).toBe(false);
    expect(valid({ event: { ...event, datetime: event.datetime.replace("Z", "+00:00") } })).toBe(false);
    expect(valid({ event: { ...event, startsAt: event.datetime } })).toBe(false);
  });

  it("describes every answer of every route, through a whole day of the API", async () => {
    const admin = { token: t.adminToken };
    expect((await call("GET", "/healthz")).status).toBe(200);
    expect((await call("GET", "/readyz")).status).toBe(200);
    expect((await call("GET", "/categories")).status).toBe(200);

    // Accounts
    const signup = await call("POST", "/signup", {}, { body: { name: "Olive", email: "olive@example.edu", password: "password123" } });
    expect(signup.status).toBe(201);
    const olive = { token: signup.body.token as string };
    expect((await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "password123" } })).status).toBe(200);
    await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "wrong-password" } });
    await call("POST", "/signup", {}, { body: { name: "Olive", email: "olive@example.edu", password: "password123" } });
    const pat = { token: tokenFor(await insertUser(t.db)) };

    // Email verification: the link mailed at signup (read from the outbox here)
    const mailed = await t.db.owner.query("select body from app_private.outbox where kind = 'verify_email' and user_id = $1", [signup.body.user.id]);
    const linkToken = mailed.rows[0].body.match(/verify-email\?token=([0-9a-f]+)/)[1];
    expect((await call("POST", "/verify-email", {}, { body: { token: linkToken } })).body.user.email_verified).toBe(true);
    await call("POST", "/verify-email", {}, { body: { token: linkToken } }); // INVALID_TOKEN
    expect((await call("POST", "/verify-email/resend", {}, pat)).status).toBe(202);
    await call("POST", "/verify-email/resend");

    // Passwords: a reset asked for, then a change (a fresh session for olive)
    expect((await call("POST", "/password-reset", {}, { body: { email: "olive@example.edu" } })).status).toBe(202);
    await call("POST", "/password-reset/confirm", {}, { body: { token: "0".repeat(64), password: "password123" } }); // INVALID_TOKEN
    await call("POST", "/me/password", {}, { ...olive, body: { current_password: "wrong-password", new_password: "password123" } });
    const changed = await call("POST", "/me/password", {}, { ...olive, body: { current_password: "password123", new_password: "password456" } });
    expect(changed.status).toBe(200);
    olive.token = changed.body.token;
    // The link is mailed after the answer: wait for it in the outbox.
    const resetMail = () => t.db.owner.query("select body from app_private.outbox where kind = 'password_reset' and user_id = $1", [signup.body.user.id]);
    let reset = await resetMail();
    for (let i = 0; i < 100 && reset.rows.length === 0; i++) reset = await resetMail();
    const resetToken = reset.rows[0].body.match(/reset-password\?token=([0-9a-f]+)/)[1];
    expect((await call("POST", "/password-reset/confirm", {}, { body: { token: resetToken, password: "password123" } })).status).toBe(200);
    olive.token = (await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "password123" } })).body.token;

    // Your data, and closing an account (a throwaway one)
    expect((await call("GET", "/me/export", {}, olive)).body.account.email).toBe("olive@example.edu");
    await call("GET", "/me/export");
    const leaving = (await call("POST", "/signup", {}, { body: { name: "Leo", email: "leo@example.edu", password: "password123" } })).body.token;
    await call("DELETE", "/me", {}, { token: leaving, body: { password: "wrong-password" } });
    // A password account gets no closing link (PASSWORD_REQUIRED); a token from no link is INVALID_TOKEN.
    expect((await call("POST", "/me/close-link", {}, { token: leaving })).status).toBe(409);
    expect((await call("POST", "/me/close", {}, { token: leaving, body: { token: "0".repeat(64) } })).status).toBe(400);
    // An account without a password (as a college sign-in makes): a mailed link closes it.
    const nora = (await call("POST", "/signup", {}, { body: { name: "Nora", email: "nora@example.edu", password: "password123" } })).body;
    await t.db.owner.query("delete from app_private.user_secrets where user_id = $1", [nora.user.id]);
    await t.db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [nora.user.id]);
    expect((await call("POST", "/me/close-link", {}, { token: nora.token })).status).toBe(202);
    const closing = await t.db.owner.query("select body from app_private.outbox where kind = 'close_account' and user_id = $1", [nora.user.id]);
    const closeToken = closing.rows[0].body.match(/close-account\?token=([0-9a-f]+)/)[1];
    expect((await call("POST", "/me/close", {}, { token: nora.token, body: { token: closeToken } })).status).toBe(204);
    expect((await call("DELETE", "/me", {}, { token: leaving, body: { password: "password123" } })).status).toBe(204);

    // Sessions
    const laptop = { token: (await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "password123" } })).body.token as string };
    const sessions = await call("GET", "/me/sessions", {}, laptop);
    expect(sessions.body.sessions).toHaveLength(2);
    const spare = { token: (await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "password123" } })).body.token as string };
    const spareId = (await call("GET", "/me/sessions", {}, spare)).body.sessions.find((x: { current: boolean }) => x.current).id;
    expect((await call("DELETE", "/me/sessions/{id}", { id: spareId }, laptop)).status).toBe(204);
    await call("DELETE", "/me/sessions/{id}", { id: spareId }, laptop); // NOT_FOUND
    await call("DELETE", "/me/sessions/{id}", { id: "x" }, laptop);
    expect((await call("POST", "/logout", {}, laptop)).status).toBe(204);
    await call("GET", "/me/sessions", {}, laptop); // INVALID_TOKEN
    const everywhere = { token: (await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "password123" } })).body.token as string };
    expect((await call("DELETE", "/me/sessions", {}, everywhere)).status).toBe(204);
    const olive2 = await call("POST", "/login", {}, { body: { email: "olive@example.edu", password: "password123" } });
    olive.token = olive2.body.token;

    // Events
    const soon = new Date(Date.now() + 5 * 86400_000).toISOString();
    const free = await call("POST", "/events", {}, { ...admin, body: { name: "Free gig", venue: "Hall", datetime: soon, total_tickets: 1 } });
    expect(free.status).toBe(201);
    const paid = await call("POST", "/events", {}, {
      ...admin,
      body: { name: "Paid gig", venue: "Hall", datetime: soon, total_tickets: 5, price_cents: 500, category_id: 1 },
    });
    expect(paid.status).toBe(201);
    await call("POST", "/events", {}, { ...admin, body: { name: "Bad", venue: "Hall", datetime: soon, total_tickets: "5" } });
    await call("POST", "/events", {}, { body: { name: "Bad", venue: "Hall", datetime: soon, total_tickets: 5 } });
    expect((await call("GET", "/events?limit=5", {})).status).toBe(200);
    expect((await call("GET", "/events/{id}", { id: free.body.event.id })).status).toBe(200);
    await call("GET", "/events/{id}", { id: 999999 });
    await call("GET", "/events/{id}", { id: "abc" });
    expect((await call("PATCH", "/events/{id}", { id: paid.body.event.id }, { ...admin, body: { category_id: null } })).status).toBe(200);
    expect((await call("GET", "/events/{id}/status", { id: free.body.event.id })).status).toBe(200);
    // Not JSON: the event's calendar file, answered in the media type the document names.
    const ics = await fetch(`${t.server.url}/events/${free.body.event.id}/calendar.ics`);
    const icsDoc = doc.paths["/events/{id}/calendar.ics"]?.get?.responses["200"]?.content as Record<string, unknown> | undefined;
    if (ics.status === 200 && icsDoc && ics.headers.get("content-type")?.startsWith(Object.keys(icsDoc)[0]!)) called.add("get /events/{id}/calendar.ics");
    else problems.push(`GET /events/{id}/calendar.ics → ${ics.status} ${ics.headers.get("content-type")}: not as documented`);
    // Images: bytes in (a media type the document lists), an image out (the media type it names); refusals are the envelope.
    const png = await sharp({ create: { width: 32, height: 18, channels: 3, background: "#36c" } }).png().toBuffer();
    const putDoc = doc.paths["/events/{id}/image"]?.put;
    const upload = await fetch(`${t.server.url}/events/${free.body.event.id}/image`, {
      method: "PUT", headers: { "content-type": "image/png", authorization: `Bearer ${admin.token}` }, body: png,
    });
    const uploaded = (await upload.json()) as { image_url: string };
    if (upload.status === 200 && (putDoc as { requestBody?: { content?: Record<string, unknown> } } | undefined)?.requestBody?.content?.["image/png"] && ajv.validate({ $ref: "openapi.json#/components/schemas/EventImageResponse" }, uploaded)) {
      called.add("put /events/{id}/image");
    } else problems.push(`PUT /events/{id}/image → ${upload.status}: not as documented`);
    await call("PUT", "/events/{id}/image", { id: free.body.event.id }, { ...admin, body: "{}" }); // UNSUPPORTED_MEDIA_TYPE (JSON is not an image)
    const image = await fetch(`${t.server.url}${uploaded.image_url}`);
    const imageDoc = doc.paths["/events/{id}/image"]?.get?.responses["200"]?.content as Record<string, unknown> | undefined;
    if (image.status === 200 && imageDoc && image.headers.get("content-type") === Object.keys(imageDoc)[0]) called.add("get /events/{id}/image");
    else problems.push(`GET /events/{id}/image → ${image.status} ${image.headers.get("content-type")}: not as documented`);
    await call("GET", "/events/{id}/image?size=huge", { id: free.body.event.id }); // INVALID_INPUT

    // Booking, the waitlist and check-in on the free event (one seat)
    const booked = await call("POST", "/events/{id}/book", { id: free.body.event.id }, olive);
    expect(booked.status).toBe(201);
    await call("POST", "/events/{id}/book", { id: free.body.event.id }, pat); // SOLD_OUT
    const entry = await call("POST", "/events/{id}/waitlist", { id: free.body.event.id }, pat);
    expect(entry.status).toBe(201);
    expect((await call("GET", "/me/waitlist", {}, pat)).status).toBe(200);
    expect((await call("DELETE", "/tickets/{id}", { id: booked.body.ticket.id }, olive)).status).toBe(200);
    const accepted = await call("POST", "/waitlist/{id}/accept", { id: entry.body.entry.id }, pat);
    expect(accepted.status).toBe(200);
    const door = { code: accepted.body.ticket.check_in_code, event_id: free.body.event.id };
    expect((await call("POST", "/check-in", {}, { ...admin, body: door })).status).toBe(200);
    await call("POST", "/check-in", {}, { ...admin, body: door }); // ALREADY_CHECKED_IN
    await call("POST", "/check-in", {}, { ...admin, body: { ...door, event_id: paid.body.event.id } }); // WRONG_EVENT
    const second = await call("POST", "/events/{id}/waitlist", { id: free.body.event.id }, olive);
    expect(second.status).toBe(201);
    expect((await call("DELETE", "/waitlist/{id}", { id: second.body.entry.id }, olive)).status).toBe(200);

    // The mock payment flow on the paid event
    const held = await call("POST", "/events/{id}/book", { id: paid.body.event.id }, olive);
    expect(held.body.ticket.status).toBe("pending");
    const payment = await call("POST", "/tickets/{id}/pay", { id: held.body.ticket.id }, olive);
    expect(payment.status).toBe(201);
    const { intent_id, client_secret } = payment.body.payment;
    await call("POST", "/payments/mock/{intent_id}/confirm", { intent_id }, { body: { client_secret: "wrong" } });
    const confirmed = await call("POST", "/payments/mock/{intent_id}/confirm", { intent_id }, { body: { client_secret } });
    expect(confirmed.body).toMatchObject({ received: true, outcome: "confirmed" });
    const ignored = JSON.stringify({ type: "payment_intent.created", data: { intent_id } });
    const webhook = await call("POST", "/webhooks/payments", {}, {
      body: ignored,
      headers: { "content-type": "application/json", "payment-signature": signWebhook(ignored, testPaymentSecret) },
    });
    expect(webhook.body).toEqual({ received: true, ignored: true });
    await call("POST", "/webhooks/payments", {}, { body: ignored, headers: { "payment-signature": "t=1,v1=00" } });
    const mine = await call("GET", "/me/tickets", {}, olive);
    expect(mine.body.tickets.map((x: { status: string }) => x.status).sort()).toEqual(["cancelled", "confirmed"]);
    await call("GET", "/me/tickets");

    // Clubs: the admin makes one and an owner; the owner runs members and an event of the club
    const club = await call("POST", "/clubs", {}, { ...admin, body: { name: "Robotics Society", description: "Robots." } });
    expect(club.status).toBe(201);
    await call("POST", "/clubs", {}, { ...admin, body: { name: "robotics society" } }); // CLUB_NAME_TAKEN
    await call("POST", "/clubs", {}, { ...olive, body: { name: "Mine" } }); // FORBIDDEN
    const clubId = club.body.club.id;
    expect((await call("GET", "/clubs?limit=10", {})).status).toBe(200);
    expect((await call("GET", "/clubs/{id}", { id: clubId })).status).toBe(200);
    await call("GET", "/clubs/{id}", { id: 999999 });
    const owner = await insertUser(t.db);
    const ownerEmail = (await t.db.owner.query("select email from app_public.users where id = $1", [owner.user_id])).rows[0].email;
    const asOwner = { token: tokenFor(owner) };
    expect((await call("POST", "/clubs/{id}/members", { id: clubId }, { ...admin, body: { email: ownerEmail, role: "owner" } })).status).toBe(201);
    await call("POST", "/clubs/{id}/members", { id: clubId }, { ...asOwner, body: { email: ownerEmail, role: "door" } }); // ALREADY_MEMBER
    await call("POST", "/clubs/{id}/members", { id: clubId }, { ...asOwner, body: { email: "x", role: "chair" } }); // INVALID_INPUT
    expect((await call("POST", "/clubs/{id}/members", { id: clubId }, { ...asOwner, body: { email: "invitee@example.edu", role: "door" } })).status).toBe(201);
    expect((await call("DELETE", "/clubs/{id}/invitations/{email}", { id: clubId, email: "invitee@example.edu" }, asOwner)).status).toBe(204);
    await call("DELETE", "/clubs/{id}/invitations/{email}", { id: clubId, email: "invitee@example.edu" }, asOwner); // NOT_FOUND
    expect((await call("PATCH", "/clubs/{id}", { id: clubId }, { ...asOwner, body: { description: "We build robots." } })).status).toBe(200);
    await call("PATCH", "/clubs/{id}", { id: clubId }, { ...pat, body: { description: "Mine now" } }); // FORBIDDEN
    expect((await call("POST", "/clubs/{id}/members", { id: clubId }, { ...asOwner, body: { email: "olive@example.edu", role: "manager" } })).status).toBe(201);
    expect((await call("GET", "/clubs/{id}/members", { id: clubId }, asOwner)).status).toBe(200);
    await call("GET", "/clubs/{id}/members", { id: clubId }, pat); // FORBIDDEN
    await call("GET", "/clubs/{id}/members", { id: clubId }); // UNAUTHENTICATED
    expect((await call("PATCH", "/clubs/{id}/members/{user_id}", { id: clubId, user_id: signup.body.user.id }, { ...asOwner, body: { role: "door" } })).status).toBe(200);
    await call("PATCH", "/clubs/{id}/members/{user_id}", { id: clubId, user_id: owner.user_id }, { ...asOwner, body: { role: "door" } }); // LAST_OWNER
    expect((await call("GET", "/me/clubs", {}, olive)).status).toBe(200);
    const clubEvent = await call("POST", "/events", {}, { ...asOwner, body: { name: "Demo day", venue: "Lab", datetime: soon, total_tickets: 5, club_id: clubId } });
    expect(clubEvent.status).toBe(201);
    expect((await call("GET", "/events/{id}/attendees", { id: clubEvent.body.event.id }, asOwner)).status).toBe(200);
    await call("GET", "/events/{id}/attendees", { id: clubEvent.body.event.id }, olive); // FORBIDDEN: door staff
    await call("GET", "/events/{id}/attendees", { id: 999999 }, asOwner); // NOT_FOUND
    await call("POST", "/events/{id}/cancel", { id: clubEvent.body.event.id }, { ...olive, body: { reason: "Rain" } }); // FORBIDDEN: door staff
    await call("POST", "/events/{id}/cancel", { id: clubEvent.body.event.id }, { ...asOwner, body: {} }); // INVALID_INPUT
    expect((await call("POST", "/events/{id}/cancel", { id: clubEvent.body.event.id }, { ...asOwner, body: { reason: "Rain" } })).status).toBe(200);
    await call("POST", "/events/{id}/cancel", { id: clubEvent.body.event.id }, { ...asOwner, body: { reason: "Rain" } }); // ALREADY_CANCELLED
    const managed = await call("GET", "/me/events?phase=cancelled", {}, asOwner);
    expect(managed.body.events.map((e: { id: number; phase: string }) => [e.id, e.phase])).toEqual([[clubEvent.body.event.id, "cancelled"]]);
    await call("GET", "/me/events?club_id=999999", {}, asOwner); // NOT_FOUND
    await call("GET", "/me/events?club_id={id}", { id: clubId }, pat); // FORBIDDEN: no role in the club
    await call("GET", "/me/events?phase=soon", {}, asOwner); // INVALID_INPUT
    await call("GET", "/me/events"); // UNAUTHENTICATED
    expect((await call("DELETE", "/clubs/{id}/members/{user_id}", { id: clubId, user_id: signup.body.user.id }, asOwner)).status).toBe(204);
    await call("DELETE", "/clubs/{id}/members/{user_id}", { id: clubId, user_id: owner.user_id }, asOwner); // LAST_OWNER

    // Fair release: a queue and a lottery, each drawn as its job would at its moment
    const queue = await call("POST", "/events", {}, {
      ...admin, body: { name: "Queue gig", venue: "Hall", datetime: soon, total_tickets: 1, release_mode: "queue", sales_start: new Date(Date.now() + 86400_000).toISOString() },
    });
    expect(queue.status).toBe(201);
    const q = { id: queue.body.event.id };
    expect((await call("POST", "/events/{id}/queue", q, pat)).status).toBe(201);
    expect((await call("POST", "/events/{id}/queue", q, pat)).status).toBe(200);
    await call("POST", "/events/{id}/queue", { id: free.body.event.id }, pat); // WRONG_RELEASE_MODE
    expect((await call("POST", "/events/{id}/queue", q, olive)).status).toBe(201);
    expect((await call("DELETE", "/events/{id}/queue/me", q, olive)).status).toBe(200);
    expect((await call("GET", "/events/{id}/queue/me", q, olive)).body.entry.state).toBe("left");
    await call("GET", "/events/{id}/queue/draw", q, admin); // NOT_DRAWN
    await t.db.owner.query("update app_public.events set sales_start = now() - interval '1 second' where id = $1", [q.id]);
    await t.db.owner.query("select app_private.release_draw($1)", [q.id]);
    expect((await call("GET", "/events/{id}/queue/me", q, pat)).body.entry.state).toBe("admitted");
    expect((await call("GET", "/events/{id}/queue", q, admin)).status).toBe(200);
    await call("GET", "/events/{id}/queue", q, pat); // FORBIDDEN
    expect((await call("GET", "/events/{id}/queue/draw", q, admin)).status).toBe(200);

    const lottery = await call("POST", "/events", {}, {
      ...admin, body: { name: "Lottery gig", venue: "Hall", datetime: soon, total_tickets: 1, release_mode: "lottery", lottery_closes_at: new Date(Date.now() + 86400_000).toISOString() },
    });
    const l = { id: lottery.body.event.id };
    expect((await call("POST", "/events/{id}/lottery", l, pat)).status).toBe(201);
    expect((await call("POST", "/events/{id}/lottery", l, pat)).status).toBe(200);
    await call("GET", "/events/{id}/lottery/me", l, olive); // NOT_FOUND
    await call("POST", "/events/{id}/lottery/me/claim", l, pat); // NO_WIN
    await t.db.owner.query("update app_public.events set lottery_closes_at = now() - interval '1 second' where id = $1", [l.id]);
    await t.db.owner.query("select app_private.release_draw($1)", [l.id]);
    await call("POST", "/events/{id}/lottery", l, olive); // LOTTERY_CLOSED
    expect((await call("GET", "/events/{id}/lottery/me", l, pat)).body.entry.state).toBe("won");
    expect((await call("POST", "/events/{id}/lottery/me/claim", l, pat)).status).toBe(201);
    expect((await call("POST", "/events/{id}/lottery/me/claim", l, pat)).status).toBe(200);
    expect((await call("GET", "/events/{id}/lottery/draw", l, admin)).status).toBe(200);

    expect(problems).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(documented.filter((operation) => !called.has(operation))).toEqual([]);
  });
});

// Verified student emails through the API, against a production-mode server
// whose outbox is sent by the worker over real SMTP to a local capture server:
// the college's domains only, a link mailed at signup, booking refused until
// the link is followed (on every instance, for sessions already open), and a
// link that works once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import type { RunningServer } from "../../src/server.ts";
import { graphql, request, startTestServer, useTestServer } from "../helpers/app.ts";
import { PASSWORD, signUp } from "../helpers/accounts.ts";
import { insertEvent } from "../helpers/fixtures.ts";
import { linkToken, startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer({ production: true });
let smtp: SmtpCapture;
let second: RunningServer;
let n = 0;
const collegeEmail = () => `student-${process.pid}-${n++}@cs.college.edu`;

beforeAll(async () => {
  await applyAuthSettings(t.db.ownerUrl, {
    MAX_SESSIONS_PER_USER: 50,
    ALLOWED_EMAIL_DOMAINS: ["college.edu", "*.college.edu"],
    REQUIRE_EMAIL_VERIFICATION: true,
    PUBLIC_URL: "https://tickets.college.edu",
  });
  smtp = await startSmtpCapture();
  second = await startTestServer(t.db, { production: true });
});
afterAll(async () => {
  await second?.close();
  await smtp?.close();
});

/** Send the outbox (the worker's send_email jobs, over SMTP) and answer the verification token mailed to `email`. */
async function mailedToken(email: string): Promise<string> {
  await runJobs(t.db, smtp.mailer);
  const messages = smtp.to(email);
  expect(messages.at(-1)?.subject).toBe("Confirm your email address");
  return linkToken(messages.at(-1)!, "https://tickets.college.edu/verify-email");
}

describe("signing up", () => {
  it("is for the college's addresses only, on REST and GraphQL alike", async () => {
    const rest = await request(t.server.url, "POST", "/signup", { body: { name: "Eve", email: "president@gmail.com", password: PASSWORD } });
    expect(rest.status).toBe(400);
    expect(rest.body.error).toMatchObject({ code: "EMAIL_DOMAIN_NOT_ALLOWED", field: "email", message: expect.stringContaining("college.edu") });
    const gql = await graphql(t.server.url, `mutation { signup(input: { name: "Eve", email: "president@college.edu.evil.com", password: "${PASSWORD}" }) { token } }`);
    expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: "EMAIL_DOMAIN_NOT_ALLOWED", field: "email" });
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.users where email in ('president@gmail.com', 'president@college.edu.evil.com')");
    expect(rows[0].n).toBe(0);
  });

  it("mails a link to PUBLIC_URL/verify-email over SMTP; the account starts unverified", async () => {
    const email = collegeEmail();
    const account = await signUp(t.server.url, email);
    expect(account.user.email_verified).toBe(false);
    const token = await mailedToken(email);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(smtp.to(email)).toHaveLength(1);
    expect(smtp.to(email)[0]!.messageId).toMatch(/^<outbox-\d+@ticketing>$/);
  });
});

describe("before the link is followed", () => {
  it("the student cannot book, join a waitlist or book through GraphQL: 403 EMAIL_NOT_VERIFIED", async () => {
    const { token } = await signUp(t.server.url, collegeEmail());
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, { token });
    expect(booked).toMatchObject({ status: 403, body: { error: { code: "EMAIL_NOT_VERIFIED" } } });
    const gql = await graphql(t.server.url, "mutation($id: Int!) { bookTicket(input: { eventId: $id }) { ticketId } }", { id: event.id }, token);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe("EMAIL_NOT_VERIFIED");
    const full = await insertEvent(t.db, { total_tickets: 1 });
    await t.db.owner.query("update app_public.events set tickets_remaining = 0 where id = $1", [full.id]);
    const queued = await request(t.server.url, "POST", `/events/${full.id}/waitlist`, { token });
    expect(queued).toMatchObject({ status: 403, body: { error: { code: "EMAIL_NOT_VERIFIED" } } });
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1", [event.id]);
    expect(rows[0].n).toBe(0);
  });
});

describe("following the link", () => {
  it("verifies at once for the sessions already open, on every instance; the link works once", async () => {
    const email = collegeEmail();
    const { token } = await signUp(t.server.url, email);
    const linkTokenValue = await mailedToken(email);
    const event = await insertEvent(t.db, { total_tickets: 5 });
    expect((await request(second.url, "POST", `/events/${event.id}/book`, { token })).status).toBe(403);

    const verified = await request(t.server.url, "POST", "/verify-email", { body: { token: linkTokenValue } });
    expect(verified.status).toBe(200);
    expect(verified.body.user).toMatchObject({ email, email_verified: true });

    // The same token, on the other instance, the next moment: booked.
    expect((await request(second.url, "POST", `/events/${event.id}/book`, { token })).status).toBe(201);
    const again = await request(t.server.url, "POST", "/verify-email", { body: { token: linkTokenValue } });
    expect(again).toMatchObject({ status: 400, body: { error: { code: "INVALID_TOKEN", field: "token" } } });
  });

  it("an expired or made-up token is 400 INVALID_TOKEN; a missing one INVALID_INPUT", async () => {
    const email = collegeEmail();
    await signUp(t.server.url, email);
    const token = await mailedToken(email);
    await t.db.owner.query("update app_private.email_verifications set expires_at = now() - interval '1 second' where email = $1", [email]);
    for (const body of [{ token }, { token: "f".repeat(64) }, { token: "x" }]) {
      const answer = await request(t.server.url, "POST", "/verify-email", { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("INVALID_TOKEN");
    }
    expect((await request(t.server.url, "POST", "/verify-email", { body: {} })).body.error).toMatchObject({ code: "INVALID_INPUT", field: "token" });
  });

  it("works through GraphQL too: verifyEmail, and emailVerified on the user", async () => {
    const email = collegeEmail();
    const { token: session } = await signUp(t.server.url, email);
    const token = await mailedToken(email);
    const answer = await graphql(t.server.url, "mutation($t: String!) { verifyEmail(input: { token: $t }) { result { email emailVerified } } }", { t: token });
    expect(answer.body.data.verifyEmail.result).toEqual({ email, emailVerified: true });
    const me = await graphql(t.server.url, "{ me { emailVerified } }", {}, session);
    expect(me.body.data.me.emailVerified).toBe(true);
    const reused = await graphql(t.server.url, "mutation($t: String!) { verifyEmail(input: { token: $t }) { result { id } } }", { t: token });
    expect(reused.body.errors?.[0]?.extensions?.code).toBe("INVALID_TOKEN");
  });
});

describe("asking for a new link", () => {
  it("mails one (202), both APIs, until the per-account limit answers 429 with Retry-After", async () => {
    const email = collegeEmail();
    const { token } = await signUp(t.server.url, email);
    const rest = await request(t.server.url, "POST", "/verify-email/resend", { token });
    expect(rest).toMatchObject({ status: 202, body: { accepted: true } });
    const gql = await graphql(t.server.url, "mutation { resendVerificationEmail(input: {}) { result } }", {}, token);
    expect(gql.body.data.resendVerificationEmail.result).toBe(true);
    for (let i = 0; i < 3; i++) expect((await request(t.server.url, "POST", "/verify-email/resend", { token })).status).toBe(202);
    const refused = await fetch(`${t.server.url}/verify-email/resend`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    await runJobs(t.db, smtp.mailer);
    expect(smtp.to(email)).toHaveLength(6); // signup's and five asked for
    // Any of them verifies (each works until used or expired).
    expect((await request(t.server.url, "POST", "/verify-email", { body: { token: linkToken(smtp.to(email)[2]!, "/verify-email") } })).status).toBe(200);
  });

  it("needs a session", async () => {
    expect((await request(t.server.url, "POST", "/verify-email/resend")).status).toBe(401);
  });
});

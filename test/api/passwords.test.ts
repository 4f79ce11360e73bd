// Password reset and change through the API, against a production-mode server
// (and a second one on the same database), the outbox sent over real SMTP to a
// local capture server: the reset request answers alike for known and unknown
// emails; the link works once and signs out every device everywhere; a change
// needs the current password and keeps only the new session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import type { RunningServer } from "../../src/server.ts";
import { graphql, request, startTestServer, useTestServer } from "../helpers/app.ts";
import { logIn, newEmail, PASSWORD, refusedWithin, signUp, tokenStatus } from "../helpers/accounts.ts";
import { linkToken, startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer({ production: true, overrides: { trustProxy: "loopback" } });
let smtp: SmtpCapture;
let second: RunningServer;

beforeAll(async () => {
  await applyAuthSettings(t.db.ownerUrl, {
    MAX_SESSIONS_PER_USER: 50,
    ALLOWED_EMAIL_DOMAINS: [],
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

let nextAddress = 1;
/** Each test speaks from an address of its own (the per-address limit), through the trusted proxy header. */
const newAddress = () => `203.0.113.${nextAddress++}`;

async function askReset(email: string, address: string) {
  const started = performance.now();
  const response = await fetch(`${t.server.url}/password-reset`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ email }),
  });
  const ms = performance.now() - started;
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !["date", "x-request-id"].includes(name)));
  return { status: response.status, headers, body: await response.text(), ms };
}

/** Send the outbox over SMTP and answer the newest reset link's token mailed to `email`. */
async function mailedResetToken(email: string) {
  await runJobs(t.db, smtp.mailer);
  const reset = smtp.to(email).filter((m) => m.subject === "Choose a new password");
  return linkToken(reset.at(-1)!, "https://tickets.college.edu/reset-password");
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("asking for a reset", () => {
  it("answers a known and an unknown email alike: status, headers, body, about the same time; only the known one gets mail", async () => {
    const known = (await signUp(t.server.url)).user.email;
    const unknown = newEmail("nobody");
    const address = newAddress();
    await askReset(newEmail("warm-up"), address); // first-request costs out of the comparison
    const answers = { known: [] as Awaited<ReturnType<typeof askReset>>[], unknown: [] as Awaited<ReturnType<typeof askReset>>[] };
    const resetsMade = async () =>
      Number((await t.db.owner.query("select count(*) from app_private.password_resets r join app_public.users u on u.id = r.user_id where u.email = $1", [known])).rows[0].count);
    for (let i = 0; i < 5; i++) {
      answers.known.push(await askReset(known, address));
      // The link is made after the answer: the next request is timed once that work is done, not beside it.
      await expect.poll(resetsMade, { timeout: 5_000 }).toBe(i + 1);
      answers.unknown.push(await askReset(unknown, address));
    }
    const { ms: _a, ...first } = answers.known[0]!;
    for (const answer of [...answers.known, ...answers.unknown]) {
      const { ms: _ms, ...rest } = answer;
      expect(rest).toEqual(first);
    }
    expect(first.status).toBe(202);
    expect(JSON.parse(first.body)).toEqual({ accepted: true, message: expect.stringContaining("If an account uses this address") });
    const knownMs = median(answers.known.map((a) => a.ms));
    const unknownMs = median(answers.unknown.map((a) => a.ms));
    expect(Math.abs(knownMs - unknownMs), `medians ${knownMs.toFixed(1)} ms and ${unknownMs.toFixed(1)} ms`).toBeLessThan(25);

    await runJobs(t.db, smtp.mailer);
    expect(smtp.to(known).filter((m) => m.subject === "Choose a new password")).toHaveLength(5);
    expect(smtp.to(unknown)).toHaveLength(0);
  });

  it("is throttled per email (429, Retry-After), known or not, on both APIs", async () => {
    for (const email of [(await signUp(t.server.url)).user.email, newEmail("nobody")]) {
      const address = newAddress();
      for (let i = 0; i < 5; i++) expect((await askReset(email, address)).status).toBe(202);
      const refused = await askReset(email, address);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body).error.code).toBe("TOO_MANY_ATTEMPTS");
    }
    const gql = await graphql(t.server.url, "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { accepted message } }", {
      e: newEmail("gql"),
    });
    expect(gql.body.data.requestPasswordReset).toEqual({ accepted: true, message: expect.stringContaining("If an account uses this address") });
  });
});

describe("the reset link", () => {
  it("sets the new password, verifies the email and signs out every device on every instance; it works once", async () => {
    const email = newEmail();
    const phone = await signUp(t.server.url, email, "Phone");
    const laptop = await logIn(t.server.url, email, "Laptop");
    await askReset(email, newAddress());
    const token = await mailedResetToken(email);

    const done = await request(t.server.url, "POST", "/password-reset/confirm", { body: { token, password: "a brand new secret" } });
    expect(done).toMatchObject({ status: 200, body: { reset: true } });
    const since = Date.now();
    for (const old of [phone.token, laptop.token]) {
      expect(await tokenStatus(t.server.url, old)).toBe(401);
      expect(await refusedWithin(second.url, old, 1_000, since)).toBeLessThan(1_000);
    }
    const fresh = await logIn(t.server.url, email, "Laptop", "a brand new secret");
    expect(fresh.user.email_verified).toBe(true);
    expect((await request(t.server.url, "POST", "/login", { body: { email, password: PASSWORD } })).status).toBe(401);

    const again = await request(t.server.url, "POST", "/password-reset/confirm", { body: { token, password: "yet another secret" } });
    expect(again).toMatchObject({ status: 400, body: { error: { code: "INVALID_TOKEN", field: "token" } } });
    await runJobs(t.db, smtp.mailer);
    expect(smtp.to(email).map((m) => m.subject)).toContain("Your password was changed");
  });

  it("refuses a bad token or a short password, changing nothing; resetPassword is its GraphQL twin", async () => {
    const email = newEmail();
    const { token: session } = await signUp(t.server.url, email);
    await askReset(email, newAddress());
    const token = await mailedResetToken(email);
    const short = await request(t.server.url, "POST", "/password-reset/confirm", { body: { token, password: "short" } });
    expect(short).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", field: "password" } } });
    const madeUp = await request(t.server.url, "POST", "/password-reset/confirm", { body: { token: "ab".repeat(32), password: "long enough 1" } });
    expect(madeUp.body.error.code).toBe("INVALID_TOKEN");
    expect(await tokenStatus(t.server.url, session)).toBe(200);

    const gql = await graphql(t.server.url, "mutation($t: String!) { resetPassword(input: { token: $t, newPassword: \"long enough 2\" }) { result } }", { t: token });
    expect(gql.body.data.resetPassword.result).toBe(true);
    expect(await tokenStatus(t.server.url, session)).toBe(401);
    expect((await logIn(t.server.url, email, "x", "long enough 2")).token).toBeTruthy();
  });
});

describe("changing the password", () => {
  it("needs the current password (401 INVALID_CREDENTIALS); then only the new session works, everywhere", async () => {
    const email = newEmail();
    const phone = await signUp(t.server.url, email, "Phone");
    const laptop = await logIn(t.server.url, email, "Laptop");
    const wrong = await request(t.server.url, "POST", "/me/password", {
      token: laptop.token,
      body: { current_password: "not it at all", new_password: "a brand new secret" },
    });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: "INVALID_CREDENTIALS", field: "current_password" } } });
    expect(await tokenStatus(t.server.url, phone.token)).toBe(200);

    const changed = await request(t.server.url, "POST", "/me/password", {
      token: laptop.token,
      headers: { "user-agent": "Laptop" },
      body: { current_password: PASSWORD, new_password: "a brand new secret" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ email });
    const since = Date.now();
    for (const old of [phone.token, laptop.token]) {
      expect(await tokenStatus(t.server.url, old)).toBe(401);
      expect(await refusedWithin(second.url, old, 1_000, since)).toBeLessThan(1_000);
    }
    expect(await tokenStatus(t.server.url, changed.body.token)).toBe(200);
    expect(await tokenStatus(second.url, changed.body.token)).toBe(200);
    const sessions = (await request(t.server.url, "GET", "/me/sessions", { token: changed.body.token })).body.sessions;
    expect(sessions).toEqual([expect.objectContaining({ user_agent: "Laptop", current: true })]);
  });

  it("changePassword is its GraphQL twin", async () => {
    const email = newEmail();
    const { token } = await signUp(t.server.url, email);
    const wrong = await graphql(
      t.server.url,
      `mutation { changePassword(input: { currentPassword: "nope nope", newPassword: "a brand new secret" }) { token } }`,
      {},
      token,
    );
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    const changed = await graphql(
      t.server.url,
      `mutation($c: String!) { changePassword(input: { currentPassword: $c, newPassword: "a brand new secret" }) { token user { email } } }`,
      { c: PASSWORD },
      token,
    );
    expect(changed.body.data.changePassword.user.email).toBe(email);
    expect(await tokenStatus(t.server.url, token)).toBe(401);
    expect(await tokenStatus(t.server.url, changed.body.data.changePassword.token)).toBe(200);
  });
});

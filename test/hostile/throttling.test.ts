// Sign-in and signup throttling against a production-mode server: counted
// atomically (concurrent guesses never get past the limit), per email and per
// client address, shared by REST and GraphQL, and every 429 says when to retry.
// Behind a trusted proxy (here: loopback) X-Forwarded-For names the client, so
// each test speaks from an address of its own.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { applyThrottleRules } from "../../src/db/throttle-rules.ts";
import { request, useTestServer } from "../helpers/app.ts";

const t = useTestServer({ production: true, overrides: { trustProxy: "loopback" } });

let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;
let nextEmail = 1;
const newEmail = () => `throttle-${process.pid}-${nextEmail++}@example.edu`;

async function post(path: string, body: unknown, address: string) {
  const response = await fetch(`${t.server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as any };
}
const login = (email: string, password: string, address: string) => post("/login", { email, password }, address);
const signup = (email: string, address: string) => post("/signup", { name: "Mallory", email, password: "correct horse" }, address);

/** Run `work` with a rule's limit lowered (as an operator would set it), then put it back. */
async function withLimit(rule: string, maxHits: number, work: () => Promise<void>) {
  const { rows } = await t.db.owner.query("select max_hits from app_private.throttle_rules where rule = $1", [rule]);
  await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, maxHits]);
  try {
    await work();
  } finally {
    await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, rows[0].max_hits]);
  }
}

function expectThrottled(answer: { status: number; retryAfter: string | null; body: any }, maxSeconds: number) {
  expect(answer.status).toBe(429);
  expect(answer.body.error.code).toBe("TOO_MANY_ATTEMPTS");
  expect(answer.body.error.message).toMatch(/try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/);
  const seconds = Number(answer.retryAfter);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
}

describe("sign-in throttling per email", () => {
  it("lets no concurrent guess past the limit", async () => {
    const address = newAddress();
    const email = newEmail();
    expect((await signup(email, address)).status).toBe(201);
    for (let i = 0; i < 9; i++) expect((await login(email, "wrong password", address)).status).toBe(401);

    // One guess is left; 21 arrive at once.
    const answers = await Promise.all(Array.from({ length: 21 }, () => login(email, "wrong password", address)));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(20);
    for (const answer of refused) expectThrottled(answer, 15 * 60);

    // The right password is refused too until the window passes.
    expectThrottled(await login(email, "correct horse", address), 15 * 60);
  });
});

describe("sign-in throttling cannot be turned against a student", () => {
  it("a stranger's wrong guesses from another address do not lock the student out", async () => {
    const email = newEmail();
    const [home, stranger] = [newAddress(), newAddress()];
    expect((await signup(email, home)).status).toBe(201);
    for (let i = 0; i < 12; i++) await login(email, "wrong password", stranger);
    expectThrottled(await login(email, "correct horse", stranger), 15 * 60);
    expect((await login(email, "correct horse", home)).status).toBe(200);
  });

  it("guessing spread over many addresses is still bounded by the email's total: one guess per fresh address", async () => {
    await withLimit("sign_in_failures_per_email_any_address", 12, async () => {
      const email = newEmail();
      const home = newAddress();
      expect((await signup(email, home)).status).toBe(201);
      const guessers = [newAddress(), newAddress(), newAddress()];
      for (const address of guessers) {
        for (let i = 0; i < 4; i++) expect((await login(email, "wrong password", address)).status).toBe(401);
      }
      // The email's total is reached: an address that guessed wrong is not heard, not even with the right password.
      expectThrottled(await login(email, "correct horse", guessers[0]!), 15 * 60);
      // A fresh address gets one guess, then none.
      const fresh = newAddress();
      expect((await login(email, "wrong password", fresh)).status).toBe(401);
      expectThrottled(await login(email, "correct horse", fresh), 15 * 60);
      // The owner, from an address that did not guess wrong, gets in.
      expect((await login(email, "correct horse", home)).status).toBe(200);
    });
  });
});

describe("throttling per client address", () => {
  it("refuses sign-ins from an address after its failures, whatever the email, and not other addresses", async () => {
    await withLimit("sign_in_failures_per_address", 5, async () => {
      const address = newAddress();
      const answers: Awaited<ReturnType<typeof login>>[] = [];
      for (let i = 0; i < 5; i++) answers.push(await login(newEmail(), "guess", address));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
      const refused = await login(newEmail(), "guess", address);
      expectThrottled(refused, 15 * 60);
      expect(refused.body.error.message).toMatch(/from your network/);
      expect((await login(newEmail(), "guess", newAddress())).status).toBe(401);
    });
  });

  it("limits signups per address, atomically, and a refused signup creates nothing", async () => {
    await withLimit("signups_per_address", 3, async () => {
      const address = newAddress();
      const emails = Array.from({ length: 8 }, newEmail);
      const answers = await Promise.all(emails.map((email) => signup(email, address)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
      for (const answer of answers.filter((a) => a.status !== 201)) expectThrottled(answer, 3600);
      const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.users where email = any($1)", [emails]);
      expect(rows[0].n).toBe(3);
      expect((await signup(newEmail(), newAddress())).status).toBe(201);
    });
  });

  it("counts GraphQL sign-ins with REST ones, and GraphQL carries the wait too", async () => {
    await withLimit("sign_in_failures_per_address", 2, async () => {
      const address = newAddress();
      expect((await login(newEmail(), "guess", address)).status).toBe(401);
      const viaGraphql = () =>
        request(t.server.url, "POST", "/graphql", {
          headers: { "x-forwarded-for": address },
          body: { query: `mutation { login(input: { email: "${newEmail()}", password: "guess" }) { token } }` },
        });
      expect((await viaGraphql()).body.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
      const refused = await viaGraphql();
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_ATTEMPTS", retryAfter: expect.any(Number) });
    });
  });
});

describe("limits set by the operator", () => {
  it("come from the environment at start, and what is not set stays as the database has it", async () => {
    const rules = async () =>
      Object.fromEntries(
        (await t.db.owner.query("select rule, max_hits from app_private.throttle_rules")).rows.map((r) => [r.rule, r.max_hits]),
      );
    const before = await rules();
    const config = loadConfig({ SIGN_IN_FAILURES_PER_EMAIL: "3" });
    await applyThrottleRules(t.db.ownerUrl, config);
    try {
      expect(await rules()).toEqual({ ...before, sign_in_failures_per_email: 3 });
      const address = newAddress();
      const email = newEmail();
      for (let i = 0; i < 3; i++) expect((await login(email, "guess", address)).status).toBe(401);
      expectThrottled(await login(email, "guess", address), 15 * 60);
    } finally {
      await applyThrottleRules(t.db.ownerUrl, { SIGN_IN_FAILURES_PER_EMAIL: before.sign_in_failures_per_email });
    }
  });
});

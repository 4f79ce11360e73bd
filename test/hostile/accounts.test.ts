// Attacks on accounts against a production-mode server, each seen from the
// victim's side: a stranger guessing from many addresses cannot lock a student
// out; signing up cannot be used to list registered emails without limit;
// look-alike emails cannot make a second account that prints like the first;
// the password rule counts what it says it counts. Behind a trusted proxy
// (loopback) X-Forwarded-For names the client, so each caller has an address.
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";

const t = useTestServer({ production: true, overrides: { trustProxy: "loopback" } });

let next = 1;
const newAddress = () => `198.18.${Math.floor(next / 250)}.${(next++ % 250) + 1}`;
const newEmail = () => `accounts-${process.pid}-${next++}@example.edu`;

const post = (path: string, body: unknown, address: string) =>
  request(t.server.url, "POST", path, { body, headers: { "x-forwarded-for": address } });
const login = (email: string, password: string, address: string) => post("/login", { email, password }, address);
const signup = (email: string, address: string, password = "correct horse") => post("/signup", { name: "Vic", email, password }, address);

/** Run `work` with throttle limits lowered (as an operator would set them), then put them back. */
async function withLimits(limits: Record<string, number>, work: () => Promise<void>) {
  const { rows } = await t.db.owner.query("select rule, max_hits from app_private.throttle_rules where rule = any($1)", [Object.keys(limits)]);
  for (const [rule, max] of Object.entries(limits)) {
    await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, max]);
  }
  try {
    await work();
  } finally {
    for (const row of rows) await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [row.rule, row.max_hits]);
  }
}

describe("a stranger guessing from many addresses", () => {
  it("cannot lock the student out: the right password works from the student's addresses, the guesser is slowed", async () => {
    // Scaled down from the attack (10 guesses from each of 11 addresses against limits of 10 and 100).
    await withLimits({ sign_in_failures_per_email: 3, sign_in_failures_per_email_any_address: 9 }, async () => {
      const email = newEmail();
      const home = newAddress();
      expect((await signup(email, home)).status).toBe(201);
      const guessers = Array.from({ length: 4 }, newAddress);
      const answers = [];
      for (const address of guessers) for (let i = 0; i < 3; i++) answers.push((await login(email, `guess ${i}`, address)).status);
      // 9 failures fill the email's window: the 4th address, fresh, gets one guess and then no more.
      expect(answers).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);

      expect((await login(email, "correct horse", home)).status).toBe(200);
      expect((await login(email, "correct horse", newAddress())).status).toBe(200); // a phone on another network

      // The guessers: an address that guessed wrong is not heard, even with the right password (no oracle) ...
      const guesser = await login(email, "correct horse", guessers[0]!);
      expect(guesser.status).toBe(429);
      expect(guesser.body.error.code).toBe("TOO_MANY_ATTEMPTS");
      // ... and a fresh address gets one guess, however many it sends at once.
      const fresh = newAddress();
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => login(email, `burst ${i}`, fresh)));
      expect(burst.map((a) => a.status).sort()).toEqual([401, 429, 429, 429, 429, 429, 429, 429]);
    });
  });
});

describe("signing up for a registered email", () => {
  it("counts against the address like any other signup, so it cannot list accounts without limit", async () => {
    await withLimits({ signups_per_address: 5 }, async () => {
      const registered = newEmail();
      expect((await signup(registered, newAddress())).status).toBe(201);
      const prober = newAddress();
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await signup(registered, prober)).status);
      expect(statuses).toEqual([409, 409, 409, 409, 409, 429, 429, 429]);
      // Refused for malformed input counts too, and GraphQL counts with REST.
      const other = newAddress();
      for (let i = 0; i < 4; i++) expect((await signup("not an email", other)).status).toBe(400);
      const viaGraphql = await request(t.server.url, "POST", "/graphql", {
        headers: { "x-forwarded-for": other },
        body: { query: `mutation { signup(input: { name: "Eve", email: "${registered}", password: "correct horse" }) { userId } }` },
      });
      expect(viaGraphql.body.errors?.[0]?.extensions?.code).toBe("EMAIL_TAKEN");
      const refused = await request(t.server.url, "POST", "/graphql", {
        headers: { "x-forwarded-for": other },
        body: { query: `mutation { signup(input: { name: "Eve", email: "${newEmail()}", password: "correct horse" }) { userId } }` },
      });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_ATTEMPTS", retryAfter: expect.any(Number) });
      // Someone else still signs up.
      expect((await signup(newEmail(), newAddress())).status).toBe(201);
    });
  });
});

describe("look-alike accounts", () => {
  it("cannot be made with a trailing dot or invisible characters, through REST or GraphQL", async () => {
    const email = newEmail();
    expect((await signup(email, newAddress())).status).toBe(201);
    for (const lookAlike of [`${email}.`, `\u200b${email}`, email.replace("@", "\u2060@"), email.replace("example", "exa\u00admple")]) {
      const answer = await signup(lookAlike, newAddress());
      expect(answer.status, JSON.stringify(lookAlike)).toBe(400);
      expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", field: "email" });
    }
    const viaGraphql = await graphql(t.server.url, "mutation($e: String!) { signup(input: { name: \"Eve\", email: $e, password: \"correct horse\" }) { userId } }", {
      e: `${email}.`,
    });
    expect(viaGraphql.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "email" });
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.users where email::text like $1", [`%${email.split("@")[0]}%`]);
    expect(rows[0].n).toBe(1);
  });
});

describe("the password rule", () => {
  it("counts characters, as its message says", async () => {
    const email = newEmail();
    const password = "mot de passe très sûr, ça va? ".repeat(2); // 60 characters, 66 bytes
    expect((await signup(email, newAddress(), password + "ééé")).status).toBe(201); // 63 characters, 72 bytes
    const longer = await signup(newEmail(), newAddress(), "ü".repeat(60)); // 60 characters, 120 bytes
    expect(longer.status).toBe(201);
    const tooLong = await signup(newEmail(), newAddress(), "ü".repeat(73));
    expect(tooLong.body.error).toMatchObject({ code: "INVALID_INPUT", field: "password", message: "Password must be 8 to 72 characters." });
    expect((await login(email, password + "ééé", newAddress())).status).toBe(200);
  });
});

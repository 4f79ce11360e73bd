// Signup and login through the real HTTP server (REST and GraphQL), and every
// way a token can be wrong.
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { graphql, request, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertUser, testJwt, tokenFor } from "../helpers/fixtures.ts";

let db: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const userCount = async () => (await db.owner.query("select count(*)::int as n from app_public.users")).rows[0].n;

describe("REST signup and login", () => {
  it("signs up a student and logs in with any email case", async () => {
    const signup = await request(server.url, "POST", "/signup", {
      body: { name: "  Ada Lovelace ", email: "Ada@Example.edu", password: "correct horse" },
    });
    expect(signup.status).toBe(201);
    expect(signup.body.user).toEqual({
      id: expect.any(Number),
      name: "Ada Lovelace",
      email: "ada@example.edu",
      role: "student",
      email_verified: false,
    });
    // Signup answers what login answers: a working token and the user.
    expect(jwt.verify(signup.body.token, testJwt.secret)).toMatchObject({ user_id: signup.body.user.id, role: "student" });

    const login = await request(server.url, "POST", "/login", { body: { email: "ADA@example.edu", password: "correct horse" } });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual(signup.body.user);
    const claims = jwt.verify(login.body.token, testJwt.secret) as jwt.JwtPayload;
    expect(claims).toMatchObject({ user_id: signup.body.user.id, role: "student" });
    // The token expires with its session (the database's clock), within a second of the TTL.
    expect(claims.exp! - claims.iat!).toBeGreaterThanOrEqual(testJwt.ttlSeconds - 1);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(testJwt.ttlSeconds);
  });

  it("refuses any attempt to sign up as an admin: role is not a signup field", async () => {
    const before = await userCount();
    const signup = await request(server.url, "POST", "/signup", {
      body: { name: "Mallory", email: "mallory@example.edu", password: "password123", role: "admin" },
    });
    expect(signup.status).toBe(400);
    expect(signup.body.error).toMatchObject({ code: "INVALID_INPUT", field: "role", message: "Unknown field: role." });
    expect(await userCount()).toBe(before);
  });

  it("refuses a taken email (in any case) with EMAIL_TAKEN", async () => {
    await request(server.url, "POST", "/signup", { body: { name: "Bo", email: "bo@example.edu", password: "password123" } });
    const before = await userCount();
    const again = await request(server.url, "POST", "/signup", {
      body: { name: "Bo Two", email: "BO@example.edu", password: "password123" },
    });
    expect(again).toEqual({ status: 409, body: { error: { code: "EMAIL_TAKEN", message: expect.any(String), field: "email" } } });
    expect(await userCount()).toBe(before);
  });

  it.each([
    ["name", { name: "", email: "x1@example.edu", password: "password123" }],
    ["name", { name: "x".repeat(101), email: "x2@example.edu", password: "password123" }],
    ["name", { name: 42, email: "x3@example.edu", password: "password123" }],
    ["email", { name: "X", email: "not-an-email", password: "password123" }],
    ["email", { name: "X", email: `${"x".repeat(250)}@example.edu`, password: "password123" }],
    ["email", { name: "X", password: "password123" }],
    ["password", { name: "X", email: "x4@example.edu", password: "short" }],
    ["password", { name: "X", email: "x5@example.edu", password: "x".repeat(73) }],
    ["password", { name: "X", email: "x6@example.edu", password: null }],
  ])("refuses a bad %s with INVALID_INPUT and writes nothing", async (field, body) => {
    const before = await userCount();
    const response = await request(server.url, "POST", "/signup", { body });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "INVALID_INPUT", field });
    expect(await userCount()).toBe(before);
  });

  it("answers malformed JSON with INVALID_INPUT, not a 500", async () => {
    const response = await request(server.url, "POST", "/signup", { body: "{not json" , headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("INVALID_INPUT");
  });

  it("gives the same INVALID_CREDENTIALS for a wrong password and an unknown email", async () => {
    await request(server.url, "POST", "/signup", { body: { name: "Cy", email: "cy@example.edu", password: "password123" } });
    const wrong = await request(server.url, "POST", "/login", { body: { email: "cy@example.edu", password: "password124" } });
    const unknown = await request(server.url, "POST", "/login", { body: { email: "nobody@example.edu", password: "password123" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
  });
});

describe("GraphQL signup and login", () => {
  it("signs up and logs in; the token works on the next request", async () => {
    const signup = await graphql(
      server.url,
      `mutation($input: SignupInput!) { signup(input: $input) { token userId role user { id name email role } result { id } } }`,
      { input: { name: "Dee", email: "dee@example.edu", password: "password123" } },
    );
    expect(signup.body.errors).toBeUndefined();
    const signedUp = signup.body.data.signup;
    expect(signedUp).toMatchObject({ role: "student", user: { name: "Dee", email: "dee@example.edu", role: "student" } });
    expect(signedUp.userId).toBe(signedUp.user.id);
    expect(signedUp.result.id).toBe(signedUp.user.id);
    const meAfterSignup = await graphql(server.url, "{ me { email } }", {}, signedUp.token);
    expect(meAfterSignup.body.data.me).toEqual({ email: "dee@example.edu" });

    const login = await graphql(
      server.url,
      `mutation { login(input: {email: "dee@example.edu", password: "password123"}) { token userId role user { id name email role } } }`,
    );
    expect(login.body.errors).toBeUndefined();
    expect(login.body.data.login).toMatchObject({ userId: signedUp.userId, role: "student", user: signedUp.user });
    const me = await graphql(server.url, "{ me { email role } }", {}, login.body.data.login.token);
    expect(me.body.data.me).toEqual({ email: "dee@example.edu", role: "student" });
  });

  it("reports EMAIL_TAKEN and INVALID_CREDENTIALS as error codes", async () => {
    const taken = await graphql(server.url, `mutation { signup(input: {name: "Dee", email: "DEE@example.edu", password: "password123"}) { result { id } } }`);
    expect(taken.body.errors?.[0]?.extensions).toMatchObject({ code: "EMAIL_TAKEN", field: "email" });
    const bad = await graphql(server.url, `mutation { login(input: {email: "dee@example.edu", password: "nope-nope"}) { token } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
  });
});

describe("tokens", () => {
  let student: Awaited<ReturnType<typeof insertUser>>;
  beforeAll(async () => {
    student = await insertUser(db);
  });

  const forged = () => ({
    "wrong secret": jwt.sign({ user_id: student.user_id, role: "student" }, "x".repeat(40), { audience: "ticketing", expiresIn: 60 }),
    "alg none": jwt.sign({ user_id: student.user_id, role: "admin" }, "", { algorithm: "none", audience: "ticketing" }),
    expired: jwt.sign({ user_id: student.user_id, role: "student", exp: Math.floor(Date.now() / 1000) - 10 }, testJwt.secret, {
      audience: "ticketing",
    }),
    "role forged to admin": (() => {
      const [header, , signature] = tokenFor(student).split(".");
      const payload = Buffer.from(JSON.stringify({ user_id: student.user_id, role: "admin", aud: "ticketing", exp: 9999999999 })).toString("base64url");
      return `${header}.${payload}.${signature}`;
    })(),
    "unknown role": jwt.sign({ user_id: student.user_id, role: "superuser" }, testJwt.secret, { audience: "ticketing", expiresIn: 60 }),
    "wrong audience": jwt.sign({ user_id: student.user_id, role: "student" }, testJwt.secret, { audience: "other", expiresIn: 60 }),
    // Signed with the right secret, but naming no session (as tokens did before sessions): it could never be ended.
    "no session": jwt.sign({ user_id: student.user_id, role: "student" }, testJwt.secret, { audience: "ticketing", expiresIn: 60 }),
    garbage: "not.a.token",
  });

  it("accepts a valid token", async () => {
    const me = await graphql(server.url, "{ me { id } }", {}, tokenFor(student));
    expect(me.body.data.me).toEqual({ id: student.user_id });
  });

  it("rejects every forged or expired token with 401 INVALID_TOKEN on REST and GraphQL", async () => {
    for (const [kind, token] of Object.entries(forged())) {
      const rest = await request(server.url, "POST", "/events", { token, body: {} });
      expect(rest.status, kind).toBe(401);
      expect(rest.body.error.code, kind).toBe("INVALID_TOKEN");
      const gql = await graphql(server.url, "{ me { id } }", {}, token);
      expect(gql.status, kind).toBe(401);
      expect(gql.body.errors?.[0]?.extensions?.code, kind).toBe("INVALID_TOKEN");
      expect(gql.body.data, kind).toBeUndefined();
    }
  });

  it("says so when a token has expired", async () => {
    const response = await request(server.url, "GET", "/events", { token: forged().expired });
    expect(response.body.error.message).toMatch(/expired/);
  });

  it("rejects a malformed Authorization header", async () => {
    const response = await request(server.url, "GET", "/events", { headers: { authorization: "Basic abc" } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("INVALID_TOKEN");
  });
});

describe("verified-token cache", () => {
  it("refuses a token it accepted before, from the moment the token expires", async () => {
    const { verifyToken } = await import("../../src/auth/jwt.ts");
    const student = await insertUser(db);
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = jwt.sign({ user_id: student.user_id, role: "student", session_id: student.session_id, exp }, testJwt.secret, { audience: "ticketing" });
    expect(verifyToken(token, testJwt)).toEqual(student);
    const realNow = Date.now;
    Date.now = () => exp * 1000 + 1; // the clock reaches the token's expiry
    try {
      expect(() => verifyToken(token, testJwt)).toThrow(/expired/);
    } finally {
      Date.now = realNow;
    }
  });
});

describe("sign-in throttling", () => {
  it("refuses an email after 10 failed sign-ins in 15 minutes, even with the right password; others are unaffected", async () => {
    await request(server.url, "POST", "/signup", { body: { name: "Eve", email: "eve@example.edu", password: "password123" } });
    await request(server.url, "POST", "/signup", { body: { name: "Fay", email: "fay@example.edu", password: "password123" } });
    for (let i = 0; i < 10; i++) {
      const wrong = await request(server.url, "POST", "/login", { body: { email: "eve@example.edu", password: `guess-${i}-wrong` } });
      expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    }
    const right = await request(server.url, "POST", "/login", { body: { email: "EVE@example.edu", password: "password123" } });
    expect(right.status).toBe(429);
    expect(right.body.error).toMatchObject({ code: "TOO_MANY_ATTEMPTS", message: expect.stringMatching(/try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/) });
    const viaGraphql = await graphql(server.url, `mutation { login(input: {email: "eve@example.edu", password: "password123"}) { token } }`);
    expect(viaGraphql.body.errors?.[0]?.extensions?.code).toBe("TOO_MANY_ATTEMPTS");

    const other = await request(server.url, "POST", "/login", { body: { email: "fay@example.edu", password: "password123" } });
    expect(other.status).toBe(200);
  });

  it("counts GraphQL failures too, and a successful sign-in starts the count again", async () => {
    await request(server.url, "POST", "/signup", { body: { name: "Gus", email: "gus@example.edu", password: "password123" } });
    const login = (password: string) =>
      graphql(server.url, `mutation($p: String!) { login(input: {email: "gus@example.edu", password: $p}) { role } }`, { p: password });
    for (let i = 0; i < 9; i++) expect((await login("nope-nope")).body.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    expect((await login("password123")).body.data.login.role).toBe("student"); // 9 failures: still allowed, and now cleared
    for (let i = 0; i < 9; i++) await login("nope-nope");
    expect((await login("password123")).body.data.login.role).toBe("student");
  });
});

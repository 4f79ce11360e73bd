// The admin bootstrap cannot be squatted: a student who signs up first with
// ADMIN_EMAIL (in any letter case) used to make the bootstrap log "exists" and
// create nothing, leaving the deployment without its admin. Now `npm start` and
// `npm run migrate` refuse, naming the account, and change nothing; an account
// that already is that admin is fine. Real processes on the test database.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ensureAdmin } from "../../src/db/admin.ts";
import { request, useTestServer } from "../helpers/app.ts";
import { testJwt } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

/** A script run to its end (it is expected to refuse), as `npm start` / `npm run migrate` run it. */
function run(script: string, env: Record<string, string>) {
  const { REDIS_URL: _redis, ...rest } = process.env;
  const child = spawn(process.execPath, [script], {
    env: {
      ...rest,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_URL: t.db.ownerUrl,
      AUTH_DATABASE_URL: t.db.authUrl,
      JWT_SECRET: testJwt.secret,
      PUBLIC_URL: "https://tickets.example.edu", // production needs it (links in emails)
      RUN_WORKER: "false",
      LOG_LEVEL: "info",
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.includes("ticketing API is listening")) child.kill("SIGTERM"); // it started: the refusal failed
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

const roleOf = async (email: string) =>
  (await t.db.owner.query<{ role: string }>("select role from app_public.users where email = $1::citext", [email])).rows.map((r) => r.role);

describe("ADMIN_EMAIL taken by a student who signed up first", () => {
  it("stops npm start and npm run migrate, naming the account, and changes nothing", { timeout: 60_000 }, async () => {
    const email = `boss-${process.pid}@example.edu`;
    const squat = await request(t.server.url, "POST", "/signup", {
      body: { name: "Not the admin", email: email.toUpperCase(), password: "squatting here" },
    });
    expect(squat.status).toBe(201);

    const env = { ADMIN_EMAIL: email, ADMIN_PASSWORD: "the real admin's secret" };
    for (const script of ["src/main.ts", "src/cli/migrate.ts"]) {
      const refused = await run(script, env);
      expect(refused.code, `${script}: ${refused.stdout}${refused.stderr}`).toBe(1);
      expect(refused.stderr).toContain(`The admin email ${email} already belongs to a student account (user ${squat.body.user.id}`);
      expect(refused.stdout).not.toContain("ticketing API is listening");
    }
    // The student is still a student, and cannot sign in as the admin.
    expect(await roleOf(email)).toEqual(["student"]);
    expect((await request(t.server.url, "POST", "/login", { body: { email, password: "the real admin's secret" } })).status).toBe(401);
  });

  it("is no conflict when the account is that admin already, and creates the admin when there is none", async () => {
    const email = `ada-${process.pid}@example.edu`;
    const admin = { name: "Ada", email, password: "a long admin secret" };
    expect(await ensureAdmin(t.db.ownerUrl, admin)).toBe("created");
    expect(await ensureAdmin(t.db.ownerUrl, { ...admin, email: email.toUpperCase() })).toBe("exists");
    expect(await roleOf(email)).toEqual(["admin"]);
  });
});

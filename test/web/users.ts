// Users for the browser tests. Accounts are made through the API's signup (real
// passwords, so the sign-in form can be used); an admin is a signed-up user the
// owner promotes, as `npm run create-admin` would. Signing in goes through the
// page's form: the app decides where it keeps the token.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { graphql } from "../helpers/app.ts";
import { visible } from "./browser.ts";
import type { TestDatabase } from "../helpers/db.ts";
import { insertUser, tokenFor } from "../helpers/fixtures.ts";

export interface WebUser {
  id: number;
  name: string;
  email: string;
  password: string;
  token: string;
}

let counter = 0;

export function newCredentials(prefix = "student") {
  const n = `${Date.now().toString(36)}${process.pid}${counter++}`;
  return { name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${n}`, email: `${prefix}-${n}@example.edu`, password: `pass-${n}-word` };
}

export async function signUpThroughApi(baseUrl: string, prefix = "student"): Promise<WebUser> {
  const credentials = newCredentials(prefix);
  const response = await graphql(
    baseUrl,
    `mutation ($input: SignupInput!) { signup(input: $input) { token userId } }`,
    { input: credentials },
  );
  const result = (response.body.data as any)?.signup;
  expect(result?.token, JSON.stringify(response.body.errors)).toBeTruthy();
  return { ...credentials, id: Number(result.userId), token: result.token };
}

export async function adminThroughApi(db: TestDatabase, baseUrl: string): Promise<WebUser> {
  const user = await signUpThroughApi(baseUrl, "admin");
  await db.owner.query("update app_public.users set role = 'admin' where id = $1", [user.id]);
  return user;
}

/** Sign in with the app's form ("Sign in" page: Email, Password, the Sign in button). */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }) {
  await page.goto(`${baseUrl}/`);
  await page.getByRole("link", { name: "Sign in" }).first().click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await visible(page.getByRole("button", { name: "Sign out" }));
}

/**
 * A signed-in user without the sign-in form, for tests where signing in is not
 * what is tested: the token is minted as login does (fixtures) and the session
 * is put where the app keeps it (web/src/auth/token.ts: localStorage
 * "tickets.session"), then the page reloads as a returning visitor's would.
 */
export async function signedIn(page: Page, db: TestDatabase, baseUrl: string, role: "student" | "admin" = "student") {
  const claims = await insertUser(db, role);
  const { rows } = await db.owner.query<{ name: string; email: string }>("select name, email::text from app_public.users where id = $1", [claims.user_id]);
  const session = { token: tokenFor(claims), userId: claims.user_id, role, name: rows[0]!.name, email: rows[0]!.email };
  await page.goto(`${baseUrl}/`);
  await page.evaluate(`localStorage.setItem("tickets.session", ${JSON.stringify(JSON.stringify(session))})`);
  await page.reload();
  await visible(page.getByRole("button", { name: "Sign out" }));
  return { ...session, claims };
}

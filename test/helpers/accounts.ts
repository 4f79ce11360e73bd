// Accounts made the way a student makes them: through the API (signup, login),
// so their tokens name real sessions. Unique emails per test process.
import { request } from "./app.ts";

let counter = 0;
export const newEmail = (name = "student") => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}@example.edu`;
export const PASSWORD = "correct horse battery";

export interface SignedIn {
  token: string;
  user: { id: number; name: string; email: string; role: string; email_verified?: boolean };
}

/** POST /signup as the device named by `userAgent`. */
export async function signUp(baseUrl: string, email = newEmail(), userAgent = "test-device/signup"): Promise<SignedIn> {
  const response = await request<SignedIn>(baseUrl, "POST", "/signup", {
    body: { name: "Sam Student", email, password: PASSWORD },
    headers: { "user-agent": userAgent },
  });
  if (response.status !== 201) throw new Error(`signup answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** POST /login as the device named by `userAgent`. */
export async function logIn(baseUrl: string, email: string, userAgent = "test-device/login", password = PASSWORD): Promise<SignedIn> {
  const response = await request<SignedIn>(baseUrl, "POST", "/login", { body: { email, password }, headers: { "user-agent": userAgent } });
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The status a token gets on a signed-in route (200 while its session works, 401 once it ended). */
export async function tokenStatus(baseUrl: string, token: string): Promise<number> {
  return (await request(baseUrl, "GET", "/me/tickets", { token })).status;
}

/**
 * Poll `baseUrl` until `token` is refused; resolves with the milliseconds it took.
 * Rejects if it is still accepted after `withinMs` (the promise of the contract).
 */
export async function refusedWithin(baseUrl: string, token: string, withinMs: number, since = Date.now()): Promise<number> {
  for (;;) {
    const status = await tokenStatus(baseUrl, token);
    const elapsed = Date.now() - since;
    if (status === 401) return elapsed;
    if (status !== 200) throw new Error(`unexpected status ${status}`);
    if (elapsed > withinMs) throw new Error(`the token still worked ${elapsed} ms later`);
  }
}

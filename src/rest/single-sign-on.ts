// Signing in with the college's account (src/auth/single-sign-on.ts), only when
// OIDC_* is set. Both routes answer a browser with a redirect, never JSON:
// start sends it to the identity provider with a fresh login cookie; the
// callback ends with the web app's PUBLIC_URL/auth/complete#token=<token>, or
// #error=<CODE> when it refused. The token rides in the fragment, which
// browsers never send to a server nor in a Referer; the page takes it and
// clears it from the address bar.
import { parseCookie } from "cookie";
import type { Request, Response } from "express";
import { signInAsProvided, SSO_CALLBACK_PATH, SSO_START_PATH } from "../auth/single-sign-on.ts";
import { toAppError } from "../errors.ts";
import type { RestDeps } from "./context.ts";
import { route } from "./route.ts";

const LOCATION = { Location: "Where the browser goes next" };

/** Where the provider sends the browser back, and the login cookie's name and flags. */
function callbackSettings({ publicUrl }: RestDeps) {
  // On https, the __Host- prefix: a cookie set by a sibling subdomain cannot stand in for it.
  const secure = publicUrl().startsWith("https:");
  return {
    redirectUri: `${publicUrl()}${SSO_CALLBACK_PATH}`,
    cookieName: secure ? "__Host-ticketing_sso" : "ticketing_sso",
    cookieOptions: { httpOnly: true, sameSite: "lax" as const, secure, path: "/" },
  };
}

function toComplete({ publicUrl }: RestDeps, res: Response, fragment: Record<string, string>) {
  res.setHeader("Cache-Control", "no-store");
  res.redirect(303, `${publicUrl()}/auth/complete#${new URLSearchParams(fragment)}`);
}

function refuse(deps: RestDeps, req: Request, res: Response, error: unknown) {
  const refusal = toAppError(error, "anonymous");
  if (!refusal) deps.log.error({ err: error, path: req.path }, "single sign-on: unexpected error");
  else deps.log.info({ code: refusal.code }, "single sign-on: refused");
  toComplete(deps, res, { error: refusal?.code ?? "INTERNAL" });
}

export const singleSignOnRoutes = [
  route({
    method: "get", path: SSO_START_PATH, only: "singleSignOn",
    summary: "Sign in with your college account: a browser is sent to the college's sign-in page", tag: "Accounts", access: "anyone",
    responses: { 303: { description: "To the identity provider (authorization code flow with PKCE, state and nonce), with a short-lived login cookie; " +
      "if the provider cannot be reached, to PUBLIC_URL/auth/complete#error=OIDC_UNAVAILABLE", headers: LOCATION } },
    errors: [],
    async handle({ req, res, deps }) {
      const sso = deps.singleSignOn!;
      const { redirectUri, cookieName, cookieOptions } = callbackSettings(deps);
      try {
        const { url, cookie } = await sso.begin(redirectUri);
        res.cookie(cookieName, cookie, { ...cookieOptions, maxAge: sso.loginMaxSeconds * 1000 });
        res.setHeader("Cache-Control", "no-store");
        res.redirect(303, url);
      } catch (error) {
        refuse(deps, req, res, error);
      }
    },
  }),
  route({
    method: "get", path: SSO_CALLBACK_PATH, only: "singleSignOn",
    summary: "Where the college's sign-in page sends the browser back: signs the person in (a student account is made on the first visit)",
    tag: "Accounts", access: "anyone",
    responses: { 303: { description: "To PUBLIC_URL/auth/complete#token=<token> (a new session, as POST /login answers), or #error=<CODE>: " +
      "EMAIL_NOT_VERIFIED (the provider does not vouch for the address), EMAIL_DOMAIN_NOT_ALLOWED (not an address of ALLOWED_EMAIL_DOMAINS), " +
      "OIDC_FAILED (the sign-in was not started in this browser, took too long, was refused or did not check out), OIDC_UNAVAILABLE, " +
      "EMAIL_TAKEN (an account with the address was made at the same moment: try again), INVALID_INPUT (the provider gave no usable address), " +
      "DATABASE_UNAVAILABLE", headers: LOCATION } },
    errors: [],
    async handle({ req, res, deps }) {
      const { redirectUri, cookieName, cookieOptions } = callbackSettings(deps);
      const cookie = parseCookie(req.headers.cookie ?? "")[cookieName];
      res.clearCookie(cookieName, cookieOptions); // one callback per sign-in, whatever its outcome
      try {
        const callbackUrl = new URL(redirectUri);
        callbackUrl.search = new URL(req.originalUrl, "http://callback.invalid").search;
        const identity = await deps.singleSignOn!.finish(callbackUrl, cookie);
        const token = await signInAsProvided(deps.pool, identity, req.headers["user-agent"], deps.jwt);
        toComplete(deps, res, { token });
      } catch (error) {
        refuse(deps, req, res, error);
      }
    },
  }),
];

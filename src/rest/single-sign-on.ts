// GET /auth/oidc/start, GET /auth/oidc/callback: signing in with the college's
// account (src/auth/single-sign-on.ts), only when OIDC_* is set. Both answer a
// browser with a redirect, never JSON: start sends it to the identity provider
// with a fresh login cookie; the callback ends with the web app's
// PUBLIC_URL/auth/complete#token=<token>, or #error=<CODE> when it refused.
// The token rides in the fragment, which browsers never send to a server nor in
// a Referer; the page takes it and clears it from the address bar.
import { parseCookie } from "cookie";
import express, { type Request, type Response } from "express";
import { signInAsProvided, SSO_CALLBACK_PATH, SSO_START_PATH, type SingleSignOn } from "../auth/single-sign-on.ts";
import { toAppError } from "../errors.ts";
import type { RestDeps } from "./context.ts";

export function singleSignOnRoutes({ pool, jwt, log, singleSignOn, publicUrl }: RestDeps) {
  const router = express.Router();
  if (!singleSignOn) return router;
  const sso: SingleSignOn = singleSignOn;

  const redirectUri = () => `${publicUrl()}${SSO_CALLBACK_PATH}`;
  // On https, the __Host- prefix: a cookie set by a sibling subdomain cannot stand in for it.
  const secure = () => publicUrl().startsWith("https:");
  const cookieName = () => (secure() ? "__Host-ticketing_sso" : "ticketing_sso");
  const cookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: secure(), path: "/" });

  function toComplete(res: Response, fragment: Record<string, string>) {
    res.setHeader("Cache-Control", "no-store");
    res.redirect(303, `${publicUrl()}/auth/complete#${new URLSearchParams(fragment)}`);
  }
  function refuse(req: Request, res: Response, error: unknown) {
    const refusal = toAppError(error, "anonymous");
    if (!refusal) log.error({ err: error, path: req.path }, "single sign-on: unexpected error");
    else log.info({ code: refusal.code }, "single sign-on: refused");
    toComplete(res, { error: refusal?.code ?? "INTERNAL" });
  }

  router.get(SSO_START_PATH, async (req, res) => {
    try {
      const { url, cookie } = await sso.begin(redirectUri());
      res.cookie(cookieName(), cookie, { ...cookieOptions(), maxAge: sso.loginMaxSeconds * 1000 });
      res.setHeader("Cache-Control", "no-store");
      res.redirect(303, url);
    } catch (error) {
      refuse(req, res, error);
    }
  });

  router.get(SSO_CALLBACK_PATH, async (req, res) => {
    const cookie = parseCookie(req.headers.cookie ?? "")[cookieName()];
    res.clearCookie(cookieName(), cookieOptions()); // one callback per sign-in, whatever its outcome
    try {
      const callbackUrl = new URL(redirectUri());
      callbackUrl.search = new URL(req.originalUrl, "http://callback.invalid").search;
      const identity = await sso.finish(callbackUrl, cookie);
      const token = await signInAsProvided(pool, identity, req.headers["user-agent"], jwt);
      toComplete(res, { token });
    } catch (error) {
      refuse(req, res, error);
    }
  });

  return router;
}

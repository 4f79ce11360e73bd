// The security headers of every answer, in one place (helmet). Whatever the
// answer, no page of ours may be framed by another site (CSP frame-ancestors
// 'none' and X-Frame-Options: DENY, against clickjacking), and each kind of
// answer gets the strictest Content-Security-Policy it can live with:
// - the web app's pages and assets: scripts and styles from this server only;
// - Swagger UI at /docs: the same, plus the inline styles it sets;
// - everything else (JSON answers, files, errors): nothing may run at all;
// - Ruru, the GraphQL IDE, in development only: its inline script may run, but
//   it is never framed. Production serves no IDE (src/graphql/preset.ts).
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/** A host as the Host header may name one (name or address, optional port): anything else is left out of the CSP. */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

const NEVER_FRAMED = { "frame-ancestors": ["'none'"] };

/**
 * The pages' CSP: scripts, styles and fonts only from this server (no inline
 * script, no CDN), images also as data: URLs (QR codes), requests to this
 * origin plus its websocket (GraphQL subscriptions: older browsers do not count
 * ws: as 'self'), never framed (clickjacking), no plugins, no foreign <base> or
 * form targets. No upgrade-insecure-requests: on http://127.0.0.1 it would send
 * the page's own requests to an https port nobody listens on (TLS belongs to
 * the proxy in front, which also sets HSTS).
 */
export const pageSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'"],
      "style-src": ["'self'"],
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'", (req, _res) => websocketOrigin(req as Request)],
      "media-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      ...NEVER_FRAMED,
    },
  },
  // Pages may be opened from links elsewhere; they only send their origin.
  referrerPolicy: { policy: "same-origin" },
  // frame-ancestors 'none' for browsers too old for CSP framing rules.
  xFrameOptions: { action: "deny" },
});

/** Swagger UI (/docs): only our own scripts; it sets inline styles and shows data: images. */
export const docsSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      ...NEVER_FRAMED,
    },
  },
  referrerPolicy: { policy: "same-origin" },
  xFrameOptions: { action: "deny" },
});

/**
 * Every other answer: nothing in it may run or load anything, should a browser
 * ever render it. Cross-origin API clients (CORS_ORIGINS) read it as before:
 * the cross-origin resource policy is left out, as it is for no-cors loads only.
 */
const apiSecurityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { "default-src": ["'none'"], ...NEVER_FRAMED } },
  crossOriginResourcePolicy: false,
  xFrameOptions: { action: "deny" },
});

/** Ruru (development only) is a page with inline script: it may run, but it is never framed. */
const ideSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { "default-src": helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc, ...NEVER_FRAMED },
  },
  crossOriginResourcePolicy: false,
  xFrameOptions: { action: "deny" },
});

function websocketOrigin(req: Request): string {
  const host = req.headers.host ?? "";
  if (!HOST.test(host)) return "'self'";
  return `${req.secure ? "wss" : "ws"}://${host}`;
}

/**
 * The baseline for every answer, mounted first: the web app's pages and /docs
 * replace its policy with their own. `idePaths`: where grafserv serves Ruru
 * (development only; none in production).
 */
export function securityHeaders(options: { idePaths: RegExp | undefined }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (options.idePaths?.test(req.path) && req.method === "GET") return ideSecurityHeaders(req, res, next);
    apiSecurityHeaders(req, res, next);
  };
}

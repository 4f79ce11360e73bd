// JWT signing and verification. PostGraphile V5 does not verify tokens: every
// request (HTTP or websocket) goes through `claimsFromAuthorization` here.
import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { AppError, appError } from "../errors.ts";

export type AppRole = "student" | "admin";

export interface Claims {
  user_id: number;
  role: AppRole;
  /** The session the token belongs to (app_private.sessions): ending it refuses the token. */
  session_id: number;
}

/** Sessions ended before their tokens expire (src/auth/ended-sessions.ts). */
export interface EndedSessionSet {
  has(sessionId: number): boolean;
}

const AUDIENCE = "ticketing";
const ALGORITHM = "HS256";

export interface JwtSettings {
  secret: string;
  ttlSeconds: number;
  /** Tokens of these sessions are refused; without it, no session has ended (tests of tokens alone). */
  endedSessions?: EndedSessionSet;
}

// Per secret: the key, made once (jsonwebtoken otherwise first tries a string
// secret as a public key, and fails, on every call), and the tokens it already
// verified. A client sends the same token with every request; re-checking its
// HMAC and re-parsing it each time was a visible share of a request's CPU.
// A cached token is still refused from the moment it expires.
interface Verifier {
  key: KeyObject;
  verified: Map<string, { claims: Claims; expiresAtMs: number }>;
}
const VERIFIED_CACHE_SIZE = 10_000;
const verifiers = new Map<string, Verifier>();
function verifierFor(secret: string): Verifier {
  let verifier = verifiers.get(secret);
  if (!verifier) verifiers.set(secret, (verifier = { key: createSecretKey(Buffer.from(secret)), verified: new Map() }));
  return verifier;
}
const keyFor = (secret: string) => verifierFor(secret).key;

/** A token for these claims, expiring at `expiresAt` (its session's end) or after the TTL. */
export function signToken(claims: Claims, settings: JwtSettings, expiresAt?: Date): string {
  const payload = { user_id: claims.user_id, role: claims.role, session_id: claims.session_id };
  const key = keyFor(settings.secret);
  if (expiresAt) {
    return jwt.sign({ ...payload, exp: Math.floor(expiresAt.getTime() / 1000) }, key, { algorithm: ALGORITHM, audience: AUDIENCE });
  }
  return jwt.sign(payload, key, { algorithm: ALGORITHM, audience: AUDIENCE, expiresIn: settings.ttlSeconds });
}

function invalid(message: string): AppError {
  return appError("INVALID_TOKEN", undefined, message);
}

/**
 * Verify a token: right secret, HS256 only (no `alg: none`), an expiry and not
 * past it, well-formed claims, and its session not ended (a lookup in memory: no query).
 */
export function verifyToken(token: string, settings: JwtSettings): Claims {
  const claims = verifySignedClaims(token, settings);
  if (settings.endedSessions?.has(claims.session_id)) throw invalid("This session has ended (signed out); sign in again.");
  return claims;
}

function verifySignedClaims(token: string, settings: JwtSettings): Claims {
  const { key, verified } = verifierFor(settings.secret);
  const known = verified.get(token);
  if (known && Date.now() < known.expiresAtMs) return known.claims;

  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, key, { algorithms: [ALGORITHM], audience: AUDIENCE });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw invalid("Your session has expired; sign in again.");
    throw invalid("The token is not valid; sign in again.");
  }
  if (
    typeof payload !== "object" ||
    !Number.isSafeInteger(payload.user_id) ||
    (payload.role !== "student" && payload.role !== "admin")
  ) {
    throw invalid("The token is not valid; sign in again.");
  }
  // jsonwebtoken checks `exp` only when there is one. Every token we sign has
  // one; a token without one (signed with a leaked or reused secret, or by an
  // older tool) would never expire, so it is refused.
  if (typeof payload.exp !== "number" || !Number.isFinite(payload.exp)) {
    throw invalid("The token has no expiry time (exp); sign in again for a new one.");
  }
  // Tokens from before sessions existed name none: they could never be ended.
  if (!Number.isSafeInteger(payload.session_id)) throw invalid("The token names no session; sign in again.");
  const claims: Claims = { user_id: payload.user_id, role: payload.role, session_id: payload.session_id };
  if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!); // oldest first
  verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
  return claims;
}

/** `Bearer <token>` (or nothing, meaning anonymous) → claims or null. */
export function claimsFromAuthorization(header: unknown, settings: JwtSettings): Claims | null {
  if (header === undefined || header === null || header === "") return null;
  const match = typeof header === "string" ? header.match(/^Bearer\s+(\S+)$/i) : null;
  if (!match) throw invalid('The Authorization header must be "Bearer <token>".');
  return verifyToken(match[1]!, settings);
}

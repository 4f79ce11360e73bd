// JWT signing and verification. PostGraphile V5 does not verify tokens: every
// request (HTTP or websocket) goes through `claimsFromAuthorization` here.
import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { AppError } from "../errors.ts";

export type AppRole = "student" | "admin";

export interface Claims {
  user_id: number;
  role: AppRole;
}

const AUDIENCE = "ticketing";
const ALGORITHM = "HS256";

export interface JwtSettings {
  secret: string;
  ttlSeconds: number;
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

export function signToken(claims: Claims, settings: JwtSettings): string {
  return jwt.sign({ user_id: claims.user_id, role: claims.role }, keyFor(settings.secret), {
    algorithm: ALGORITHM,
    audience: AUDIENCE,
    expiresIn: settings.ttlSeconds,
  });
}

function invalid(message: string): AppError {
  return new AppError(401, "INVALID_TOKEN", message);
}

/** Verify a token: right secret, HS256 only (no `alg: none`), an expiry and not past it, well-formed claims. */
export function verifyToken(token: string, settings: JwtSettings): Claims {
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
  const claims: Claims = { user_id: payload.user_id, role: payload.role };
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

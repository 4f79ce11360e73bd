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

// jsonwebtoken first tries a string secret as a public key (and fails) on every
// call; a secret KeyObject, made once, skips that (~7% of a request's CPU).
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

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

/** Verify a token: right secret, HS256 only (no `alg: none`), not expired, well-formed claims. */
export function verifyToken(token: string, settings: JwtSettings): Claims {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, keyFor(settings.secret), { algorithms: [ALGORITHM], audience: AUDIENCE });
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
  return { user_id: payload.user_id, role: payload.role };
}

/** `Bearer <token>` (or nothing, meaning anonymous) → claims or null. */
export function claimsFromAuthorization(header: unknown, settings: JwtSettings): Claims | null {
  if (header === undefined || header === null || header === "") return null;
  const match = typeof header === "string" ? header.match(/^Bearer\s+(\S+)$/i) : null;
  if (!match) throw invalid('The Authorization header must be "Bearer <token>".');
  return verifyToken(match[1]!, settings);
}

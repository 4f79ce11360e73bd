// Signing in with the college's account: OpenID Connect's authorization code
// flow with PKCE, state and nonce, through openid-client. The server keeps
// nothing between the two legs: what the browser must bring back (state, nonce,
// the PKCE verifier) travels in a short-lived cookie signed with the token
// secret, so any instance can finish a sign-in another one began. The cookie is
// HttpOnly and SameSite=Lax (src/rest/single-sign-on.ts sets it): a callback
// URL sent to someone else's browser finds no cookie there and signs nobody in.
//
// What the provider vouches for is checked by openid-client (the ID token's
// signature, issuer, audience, expiry and nonce; the code's PKCE binding; the
// response's state and issuer); which account that signs in is the database's
// rule (app_hidden.sign_in_with_identity_provider, db/schema/identity.sql).
import jwt from "jsonwebtoken";
import * as oidc from "openid-client";
import type pg from "pg";
import { AppError, appError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { JwtSettings } from "./jwt.ts";
import type { Identity } from "./pg-settings.ts";
import { startSession } from "./sessions.ts";

export interface SingleSignOnSettings {
  /** OIDC_ISSUER: the identity provider's issuer URL (its discovery document is below it). */
  issuer: string;
  /** OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: this site as registered there (client_secret_post). */
  clientId: string;
  clientSecret: string;
  /** OIDC_LOGIN_MAX_SECONDS: how long a started sign-in may take, at the provider and back. */
  loginMaxSeconds: number;
  /** OIDC_HTTP_TIMEOUT_SECONDS: each request of ours to the provider. */
  httpTimeoutSeconds: number;
}

/** What the identity provider said about the person, after every check. */
export interface ProvidedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** Only `true` (or the string "true", as some providers send it) counts. */
  emailVerified: boolean;
  name: string | null;
}

/** The sign-in a browser has begun: what it must bring back to the callback. */
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
}

/** Where a browser starts, and where the provider sends it back (src/rest/single-sign-on.ts). */
export const SSO_START_PATH = "/auth/oidc/start";
export const SSO_CALLBACK_PATH = "/auth/oidc/callback";

const SCOPE = "openid email profile";
/** The login cookie is a JWT of its own kind: never mistaken for a session token, nor one for it. */
const LOGIN_AUDIENCE = "ticketing-sso-login";

const failed = (message: string) => appError("OIDC_FAILED", undefined, message);

export class SingleSignOn {
  private configuration?: Promise<oidc.Configuration>;
  private readonly settings: SingleSignOnSettings;
  /** Signs the login cookie: the token secret, which every instance shares. */
  private readonly secret: string;
  private readonly log: Logger;

  constructor(settings: SingleSignOnSettings, secret: string, log: Logger) {
    this.settings = settings;
    this.secret = secret;
    this.log = log;
  }

  get loginMaxSeconds() {
    return this.settings.loginMaxSeconds;
  }

  /**
   * Where to send the browser, and the signed value of its login cookie. Fails
   * with OIDC_UNAVAILABLE when the provider's discovery document cannot be read.
   */
  async begin(redirectUri: string): Promise<{ url: string; cookie: string }> {
    const configuration = await this.discovered();
    const pending: Pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      response_type: "code",
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    const cookie = jwt.sign(pending, this.secret, { algorithm: "HS256", audience: LOGIN_AUDIENCE, expiresIn: this.settings.loginMaxSeconds });
    return { url: url.href, cookie };
  }

  /**
   * The provider sent the browser back to `callbackUrl` (our redirect URI with
   * the provider's parameters) carrying `cookie`: exchange the code, check
   * everything, and say who the provider vouches for. Any failure is OIDC_FAILED.
   */
  async finish(callbackUrl: URL, cookie: string | undefined): Promise<ProvidedIdentity> {
    const pending = this.pendingFrom(cookie);
    const configuration = await this.discovered();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      // The provider's own words (access_denied, invalid_grant, a bad state): no secret in them.
      this.log.warn({ err: describe(error) }, "single sign-on: the provider's answer was refused");
      throw failed("The college's sign-in did not complete; try again.");
    }
    const idToken = tokens.claims()!;
    let claims: Record<string, unknown> = idToken;
    // Many providers put the address in the ID token; others only at UserInfo.
    if (idToken.email === undefined || idToken.email_verified === undefined) {
      try {
        claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
      } catch (error) {
        this.log.warn({ err: describe(error) }, "single sign-on: reading the provider's UserInfo failed");
        throw failed("The college's sign-in did not say who you are; try again.");
      }
    }
    return {
      issuer: configuration.serverMetadata().issuer,
      subject: idToken.sub,
      email: typeof claims.email === "string" ? claims.email : null,
      emailVerified: claims.email_verified === true || claims.email_verified === "true",
      name: typeof claims.name === "string" ? claims.name : null,
    };
  }

  /** The login cookie's contents, if it is ours, intact and in time. */
  private pendingFrom(cookie: string | undefined): Pending {
    if (!cookie) throw failed("This sign-in was not started in this browser, or took too long; start again.");
    try {
      const payload = jwt.verify(cookie, this.secret, { algorithms: ["HS256"], audience: LOGIN_AUDIENCE }) as Partial<Pending>;
      if (typeof payload.state === "string" && typeof payload.nonce === "string" && typeof payload.verifier === "string") {
        return { state: payload.state, nonce: payload.nonce, verifier: payload.verifier };
      }
    } catch {
      // expired, tampered with, or not ours: as if there were none
    }
    throw failed("This sign-in was not started in this browser, or took too long; start again.");
  }

  /** The provider's metadata, read once; a failed read is tried again by the next sign-in. */
  private discovered(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret, httpTimeoutSeconds } = this.settings;
      const insecure = new URL(issuer).protocol === "http:"; // config.ts allows it only on loopback in production
      this.configuration = oidc
        .discovery(new URL(issuer), clientId, clientSecret, undefined, {
          timeout: httpTimeoutSeconds,
          execute: insecure ? [oidc.allowInsecureRequests] : [],
        })
        .catch((error: unknown) => {
          this.configuration = undefined;
          this.log.error({ err: describe(error), issuer }, "single sign-on: the identity provider's discovery document could not be read");
          throw appError("OIDC_UNAVAILABLE");
        });
    }
    return this.configuration;
  }
}

function describe(error: unknown) {
  const { name, message, code, error: oauthError, error_description } = error as Record<string, unknown>;
  return { name, message, code, error: oauthError, error_description };
}

const SIGN_IN_SQL = "select user_id, role from app_hidden.sign_in_with_identity_provider($1, $2, $3, $4, $5)";

/**
 * In one transaction, as the server's own role (no request role may ask): the
 * account the provider's answer signs in (made or linked by the database's
 * rule) and a new session for it, as login starts one. Answers its token.
 */
export async function signInAsProvided(pool: pg.Pool, identity: ProvidedIdentity, userAgent: unknown, settings: JwtSettings): Promise<string> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    const { rows } = await client.query<Identity>(SIGN_IN_SQL, [
      identity.issuer,
      identity.subject,
      identity.email,
      identity.emailVerified,
      identity.name,
    ]);
    const { token } = await startSession(client, rows[0]!, userAgent, settings);
    await client.query("commit");
    return token;
  } catch (error) {
    await client.query("rollback").catch(() => (broken = true)); // a lost connection leaves the pool
    throw error;
  } finally {
    client.release(broken);
  }
}

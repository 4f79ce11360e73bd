// A real OpenID provider (oidc-provider) on a free loopback port, standing in
// for the college's: discovery, authorization with PKCE, signed ID tokens,
// UserInfo, single-use codes, all its own. One client is registered for the
// server under test. Its login page is an interaction that signs in the person
// the test chose (`nextPerson`) with the claims chosen for them (email,
// email_verified, name), and grants the scopes asked for: the part a student
// would type into the college's page.
//
// A `CookieBrowser` stands in for the student's browser where a page is not
// needed: fetch, following redirects one by one, keeping cookies per host as a
// browser does (host only, not port), and stopping where the app's page would
// take over (PUBLIC_URL/auth/complete#…).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseSetCookie } from "cookie";
import Provider, { type Configuration } from "oidc-provider";

export interface Person {
  sub: string;
  email?: string;
  /** Left out: the provider says nothing about it. */
  email_verified?: boolean;
  name?: string;
}

export interface IdentityProvider {
  /** http://127.0.0.1:<port>: OIDC_ISSUER. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Register the server under test (its redirect URI), once it has a port: the provider then answers. */
  register(redirectUri: string): void;
  /** Who the next login signs in, with which claims (their claims stay as given here until changed). */
  nextPerson(person: Person): void;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const people = new Map<string, Person>();
  let next: Person | undefined;
  let provider: Provider | undefined;
  const clientId = "campus-tickets";
  const clientSecret = randomBytes(24).toString("hex");

  const http = createServer((req, res) => {
    if (!provider) {
      res.writeHead(503).end();
      return;
    }
    if (req.url?.startsWith("/interaction/")) {
      interaction(provider, req, res).catch((error: Error) => res.writeHead(500).end(error.message));
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  /** The provider's login and consent pages, answered at once for the chosen person. */
  async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === "login") {
      if (!next) throw new Error("no person chosen for this login (nextPerson)");
      people.set(next.sub, next);
      await provider.interactionFinished(req, res, { login: { accountId: next.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    // Consent: the scopes asked for (openid email profile), granted.
    const accountId = details.session!.accountId;
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  const signingKey = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" };

  return {
    issuer,
    clientId,
    clientSecret,
    register(redirectUri) {
      const configuration: Configuration = {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_post",
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: [randomBytes(32).toString("hex")] },
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        pkce: { required: () => true },
        // Lifetimes of its own artifacts (the provider asks for them to be chosen).
        ttl: { Interaction: 600, Session: 3_600, Grant: 3_600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        async findAccount(_ctx, sub) {
          const person = people.get(sub);
          if (!person) return undefined;
          return {
            accountId: sub,
            // As the test last described them: a changed email is what the provider says next time.
            claims: async () => {
              const { sub: _sub, ...claims } = people.get(sub)!;
              return { sub, ...claims };
            },
          };
        },
      };
      provider = new Provider(issuer, configuration);
    },
    nextPerson(person) {
      next = person;
      if (people.has(person.sub)) people.set(person.sub, person);
    },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

interface StoredCookie {
  value: string;
  path: string;
}

/** fetch with a browser's cookie jar and its one-redirect-at-a-time way of following links. */
export class CookieBrowser {
  /** host (without port, as browsers scope cookies) → name → cookie. */
  private readonly jar = new Map<string, Map<string, StoredCookie>>();
  readonly userAgent: string;

  constructor(userAgent = "test-browser/college-sign-in") {
    this.userAgent = userAgent;
  }

  /**
   * Load `url` as a page and follow its redirects until `stop` says so for the
   * next location (returned, fragment and all, not loaded), or until an answer
   * that is not a redirect (an error: returned as its status and text).
   */
  async follow(url: string | URL, stop: (next: URL) => boolean): Promise<URL> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(current, {
        redirect: "manual",
        headers: { accept: "text/html", "user-agent": this.userAgent, ...(this.cookieHeader(current) ? { cookie: this.cookieHeader(current)! } : {}) },
      });
      this.keep(current, response.headers.getSetCookie());
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`${current} answered ${response.status}, not a redirect: ${(await response.text()).slice(0, 300)}`);
      }
      await response.body?.cancel();
      const next = new URL(location, current);
      if (stop(next)) return next;
      current = next;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** The value of a cookie this browser holds for `host` (e.g. 127.0.0.1). */
  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)?.value;
  }

  /** Put a cookie in the jar, as an attacker holding one could. */
  setCookie(host: string, name: string, value: string) {
    this.jarFor(host).set(name, { value, path: "/" });
  }

  private jarFor(host: string) {
    let cookies = this.jar.get(host);
    if (!cookies) this.jar.set(host, (cookies = new Map()));
    return cookies;
  }

  private cookieHeader(url: URL): string | undefined {
    const cookies = [...(this.jar.get(url.hostname) ?? [])].filter(([, cookie]) => url.pathname.startsWith(cookie.path));
    return cookies.length ? cookies.map(([name, cookie]) => `${name}=${cookie.value}`).join("; ") : undefined;
  }

  private keep(url: URL, setCookies: string[]) {
    const cookies = this.jarFor(url.hostname);
    for (const header of setCookies) {
      const cookie = parseSetCookie(header);
      const gone = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
      if (gone) cookies.delete(cookie.name);
      else cookies.set(cookie.name, { value: cookie.value ?? "", path: cookie.path ?? "/" });
    }
  }
}

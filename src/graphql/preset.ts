// The PostGraphile preset: the schema comes from app_public; each operation
// runs as the caller's role (see auth/); errors carry our stable codes.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import type pg from "pg";
import type { IncomingMessage } from "node:http";
import { claimsFromAuthorization, type Claims, type JwtSettings } from "../auth/jwt.ts";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import type { QueueEntryStreams } from "../release/queue-streams.ts";
import { makeQueuePlugin } from "./queue-plugin.ts";
import { clientAddress } from "../http/client-address.ts";
import { connectionRequest } from "../websocket/connection.ts";
import type { Logger } from "../log.ts";
import type { BookingService } from "../booking/service.ts";
import { makeAvailabilityPlugin } from "./availability-plugin.ts";
import type { AvailabilityStreams } from "../availability/streams.ts";
import { makeSubscriptionLimitPlugin, type SubscriptionLimits } from "../websocket/subscription-limits.ts";
import { makeBookingPlugin } from "./booking-plugin.ts";
import { makeBookingRefusalPlugin } from "./booking-refusal-plugin.ts";
import type { AvailabilityCache } from "../booking/availability-cache.ts";
import {
  defaultGraphqlLimits,
  makeLimitsPlugins,
  PARSE_CACHE_SIZE,
  type DocumentBudget,
  type GraphqlLimits,
  type RequestBodyEvent,
} from "./limits/index.ts";
import { makeLoginPlugin } from "./login-plugin.ts";
import { makeMaskError } from "./mask-error.ts";
import { makePaymentPlugin } from "./payment-plugin.ts";
import { makeSignupPlugin } from "./signup-plugin.ts";
import { makeSessionEndingPlugin } from "./session-plugin.ts";
import { makeAccountPlugin } from "./account-plugin.ts";
import { makeSignInOptionsPlugin } from "./sign-in-options-plugin.ts";
import { SSO_START_PATH } from "../auth/single-sign-on.ts";
import type { EndedSessions } from "../auth/ended-sessions.ts";
import { ProtocolErrorCodesPlugin } from "./protocol-errors.ts";
import { UtcDatetimePlugin } from "./utc-datetime.ts";
import type { PaymentService } from "../payments/service.ts";
import { authorizationParam, makeWebsocketAuthPlugin } from "../websocket/auth.ts";
import { OperationNamePlugin } from "./operation-name.ts";
import { countingGraphqlErrors } from "../metrics/index.ts";

export interface PresetOptions {
  booking: BookingService;
  /** What this process knows of events' availability: a booking it would surely refuse is answered before planning. */
  availabilityCache?: AvailabilityCache;
  availability: AvailabilityStreams;
  /** Students' queue entries, live (src/release/queue-streams.ts). */
  queueEntries: QueueEntryStreams;
  payments: PaymentService;
  jwt: JwtSettings;
  /** Ended sessions this process refuses: mutations that end one wait until it is among them. */
  endedSessions: Pick<EndedSessions, "caughtUp">;
  production: boolean;
  log: Logger;
  /** Our pool (src/db/pools.ts: its error handling and connection timeout), as the authenticator role. */
  pgPool: pg.Pool;
  /** Subscriptions per websocket and per client address. */
  subscriptionLimits: SubscriptionLimits;
  /** Request bounds; any left out take their defaults (src/graphql/limits/). */
  graphqlLimits?: Partial<GraphqlLimits>;
  /** Each client's budget of documents new to this process (default: in this process's memory). */
  documentBudget?: DocumentBudget;
  /** Schema introspection (and "Did you mean" suggestions); default: off in production. */
  introspection?: boolean;
  /** Signing in with the college's account is on (OIDC_*): `collegeSignInUrl` says where it starts. */
  singleSignOn?: boolean;
}

declare global {
  namespace Grafast {
    interface Context {
      /** The client's User-Agent header (sessions show it). */
      userAgent?: string;
    }
  }
}

/** Without Relay ids, keep primary keys named `id` (PostGraphile would call them `rowId`). */
const PlainIdPlugin: GraphileConfig.Plugin = {
  name: "PlainIdPlugin",
  version: "1.0.0",
  inflection: {
    replace: {
      _attributeName(previous, _options, details) {
        return previous!({ ...details, skipRowId: true });
      },
      // A table may name its root list field (`@allRowsFieldName clubs`: `clubs` rather than `allClubs`).
      _allRows(previous, _options, resource) {
        const name = resource.extensions?.tags?.allRowsFieldName;
        return typeof name === "string" ? name : previous!(resource);
      },
    },
  },
};

const httpClientAddress = (req: IncomingMessage | undefined) => (req ? clientAddress(req) : undefined);

/**
 * Whose budget a new document spends (limits/documents.ts): a signed-in
 * caller's user, wherever they connect from; else the client address.
 */
function budgetHolder(jwt: JwtSettings) {
  return (event: RequestBodyEvent): string => {
    const ws = event.graphqlWsContext;
    const address = ws ? connectionRequest(ws.extra as { request?: unknown })?.clientAddress : httpClientAddress(event.request?.requestContext.expressv4?.req);
    let claims: Claims | null | undefined;
    try {
      // HTTP: verified by auth/http.ts. Websockets: checked at connect and at every subscribe (src/websocket/auth.ts).
      claims = ws ? claimsFromAuthorization(authorizationParam(ws.connectionParams), jwt) : event.request?.requestContext.expressv4?.req.claims;
    } catch {
      claims = null; // refused with its reason by src/websocket/auth.ts
    }
    if (claims) return `user:${claims.user_id}`;
    return `address:${address ?? "unknown"}`;
  };
}

export function makePreset(options: PresetOptions): GraphileConfig.Preset {
  const { jwt, log } = options;
  const limits = { ...defaultGraphqlLimits, ...options.graphqlLimits };
  const introspection = options.introspection ?? !options.production;
  return {
    extends: [PostGraphileAmberPreset],
    // Plain integer ids (no Relay global ids): simpler for the clients we serve.
    disablePlugins: ["NodePlugin"],
    plugins: [
      PlainIdPlugin,
      UtcDatetimePlugin,
      ProtocolErrorCodesPlugin,
      OperationNamePlugin, // the operation's name on the request's log lines
      makeLoginPlugin(jwt),
      ...makeSignupPlugin(jwt),
      makeSessionEndingPlugin(options.endedSessions),
      makeAccountPlugin({ jwt, pool: options.pgPool, log, endedSessions: options.endedSessions }),
      makeSignInOptionsPlugin(options.singleSignOn ? SSO_START_PATH : null),
      makeBookingPlugin(options.booking),
      makePaymentPlugin(options.payments),
      makeAvailabilityPlugin(options.availability),
      makeQueuePlugin(options.queueEntries),
      makeWebsocketAuthPlugin(jwt),
      makeSubscriptionLimitPlugin(options.subscriptionLimits),
      ...makeLimitsPlugins({ limits, introspection, clientOf: budgetHolder(jwt), documentBudget: options.documentBudget }),
      ...(options.availabilityCache ? [makeBookingRefusalPlugin(options.availabilityCache)] : []),
    ],
    pgServices: [
      makePgService({
        pool: options.pgPool,
        schemas: ["app_public"],
        pubsub: false, // live availability has its own LISTEN connection (src/availability/listener.ts)
      }),
    ],
    grafast: {
      context(requestContext) {
        // HTTP: claims verified by auth/http.ts. Websockets: connectionParams.authorization.
        const claims = requestContext.ws
          ? claimsFromAuthorization(authorizationParam(requestContext.ws.connectionParams), jwt)
          : (requestContext.expressv4?.req.claims ?? null);
        // The caller's address lets the database throttle sign-ins and signups per address;
        // the user agent names the device in a new session's row (login, signup).
        const caller = requestContext.ws
          ? connectionRequest(requestContext.ws)
          : { clientAddress: httpClientAddress(requestContext.expressv4?.req), userAgent: requestContext.expressv4?.req.headers["user-agent"] };
        return {
          pgSettings: pgSettingsFor(claims, caller?.clientAddress),
          userAgent: caller?.userAgent,
        };
      },
    },
    grafserv: {
      graphqlPath: "/graphql",
      // The IDE (Ruru: a page with inline script) in development only; in production
      // a browser's GET of /graphql gets the same JSON refusal as any other GET.
      graphiql: !options.production,
      graphiqlOnGraphQLGET: !options.production,
      graphiqlPath: "/graphiql",
      websockets: true,
      maxRequestLength: limits.maxBodyBytes,
      // Parsed documents kept for reuse: each may hold up to maxTokens × ~270 bytes.
      // limits/documents.ts counts a document outside it as new.
      parseAndValidateCacheSize: PARSE_CACHE_SIZE,
      maskError: countingGraphqlErrors(makeMaskError(log, { hideSuggestions: !introspection })), // errors by code at /metrics
    },
  };
}

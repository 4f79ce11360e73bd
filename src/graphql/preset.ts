// The PostGraphile preset: the schema comes from app_public; each operation
// runs as the caller's role (see auth/); errors carry our stable codes.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { claimsFromAuthorization, type JwtSettings } from "../auth/jwt.ts";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import type { Logger } from "../log.ts";
import type { BookingService } from "../booking/service.ts";
import { makeAvailabilityPlugin } from "./availability-plugin.ts";
import type { AvailabilityStreams } from "./availability-streams.ts";
import { makeBookingPlugin } from "./booking-plugin.ts";
import { makeLoginPlugin } from "./login-plugin.ts";
import { makeMaskError } from "./mask-error.ts";
import { makePaymentPlugin } from "./payment-plugin.ts";
import type { PaymentService } from "../payments/service.ts";
import { authorizationParam, makeWebsocketAuthPlugin } from "./websocket-auth.ts";

export interface PresetOptions {
  booking: BookingService;
  availability: AvailabilityStreams;
  payments: PaymentService;
  authUrl: string;
  jwt: JwtSettings;
  production: boolean;
  log: Logger;
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
    },
  },
};

export function makePreset(options: PresetOptions): GraphileConfig.Preset {
  const { jwt, log } = options;
  return {
    extends: [PostGraphileAmberPreset],
    // Plain integer ids (no Relay global ids): simpler for the clients we serve.
    disablePlugins: ["NodePlugin"],
    plugins: [
      PlainIdPlugin,
      makeLoginPlugin(jwt),
      makeBookingPlugin(options.booking),
      makePaymentPlugin(options.payments),
      makeAvailabilityPlugin(options.availability),
      makeWebsocketAuthPlugin(jwt),
    ],
    pgServices: [
      makePgService({
        connectionString: options.authUrl,
        schemas: ["app_public"],
        pubsub: false, // our AvailabilityStreams own the PgSubscriber (src/server.ts)
      }),
    ],
    grafast: {
      context(requestContext) {
        // HTTP: claims verified by auth/http.ts. Websockets: connectionParams.authorization.
        const claims = requestContext.ws
          ? claimsFromAuthorization(authorizationParam(requestContext.ws.connectionParams), jwt)
          : (requestContext.expressv4?.req.claims ?? null);
        return { pgSettings: pgSettingsFor(claims) };
      },
    },
    grafserv: {
      graphqlPath: "/graphql",
      graphiql: !options.production,
      graphiqlPath: "/graphiql",
      websockets: true,
      maskError: makeMaskError(log),
    },
  };
}

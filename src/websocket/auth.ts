// Websocket auth: the token in connectionParams ({"authorization": "Bearer …"})
// is verified exactly like the HTTP header. No token means anonymous; a forged
// or expired one closes the connection with code 4401 and the reason, at
// connection_init and at any later subscribe.
import type { JwtSettings } from "../auth/jwt.ts";
import { claimsFromAuthorization } from "../auth/jwt.ts";
import { GraphQLError } from "postgraphile/graphql";
import { AppError } from "../errors.ts";

export const UNAUTHORIZED_CLOSE_CODE = 4401;

/** connectionParams keys are case-insensitive, like headers. */
export function authorizationParam(params: Record<string, unknown> | undefined): unknown {
  const key = Object.keys(params ?? {}).find((k) => k.toLowerCase() === "authorization");
  return key === undefined ? undefined : params![key];
}

/** The close code and reason for connection parameters whose token is forged or expired; undefined when fine. */
export function refuseWebsocketToken(jwt: JwtSettings) {
  return (params: Record<string, unknown> | undefined) => {
    try {
      claimsFromAuthorization(authorizationParam(params), jwt);
      return undefined;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { code: UNAUTHORIZED_CLOSE_CODE, reason: `${error.code}: ${error.message}` };
    }
  };
}

/**
 * The token is checked when the connection opens (src/websocket/graphql.ts)
 * and again with every subscription: a token can expire while its socket stays open.
 */
export function makeWebsocketAuthPlugin(jwt: JwtSettings): GraphileConfig.Plugin {
  const refuse = refuseWebsocketToken(jwt);
  return {
    name: "WebsocketAuthPlugin",
    version: "1.0.0",
    grafserv: {
      middleware: {
        onSubscribe(next, event) {
          const refusal = refuse(event.ctx.connectionParams);
          if (!refusal) return next();
          const socket = event.ctx.extra as { socket?: { close(code: number, reason: string): void } };
          socket.socket?.close(refusal.code, refusal.reason);
          return [new GraphQLError(refusal.reason, { extensions: { code: "INVALID_TOKEN" } })];
        },
      },
    },
  };
}

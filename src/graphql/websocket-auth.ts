// Websocket auth: the token in connectionParams ({"authorization": "Bearer …"})
// is verified exactly like the HTTP header. No token means anonymous; a forged
// or expired one closes the connection with code 4401 and the reason.
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

export function makeWebsocketAuthPlugin(jwt: JwtSettings): GraphileConfig.Plugin {
  return {
    name: "WebsocketAuthPlugin",
    version: "1.0.0",
    grafserv: {
      middleware: {
        onSubscribe(next, event) {
          try {
            claimsFromAuthorization(authorizationParam(event.ctx.connectionParams), jwt);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const socket = event.ctx.extra as { socket?: { close(code: number, reason: string): void } };
            socket.socket?.close(UNAUTHORIZED_CLOSE_CODE, `${error.code}: ${error.message}`);
            return [new GraphQLError(error.message, { extensions: { code: error.code } })];
          }
          return next();
        },
      },
    },
  };
}

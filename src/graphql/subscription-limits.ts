// What a websocket may do: subscriptions only (queries and mutations go over
// HTTP, where every per-request bound applies; a socket could otherwise send
// logins one message after another), and at most N of them at once. One more
// is refused with a graphql-ws error carrying extensions.code
// TOO_MANY_SUBSCRIPTIONS; the connection and its other subscriptions carry on.
import { GraphQLError } from "postgraphile/graphql";

export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";
export const SUBSCRIPTIONS_ONLY = "SUBSCRIPTIONS_ONLY";

export function makeSubscriptionLimitPlugin(maxPerConnection: number): GraphileConfig.Plugin {
  return {
    name: "SubscriptionLimitPlugin",
    version: "1.0.0",
    grafast: {
      middleware: {
        execute(next, event) {
          // Queries and mutations (subscriptions go through `subscribe`).
          if (!event.args.requestContext?.ws) return next();
          return {
            errors: [
              new GraphQLError("Websockets carry subscriptions only; send queries and mutations over HTTP (POST /graphql).", {
                extensions: { code: SUBSCRIPTIONS_ONLY },
              }),
            ],
          };
        },
      },
    },
    grafserv: {
      middleware: {
        onSubscribe(next, event) {
          // graphql-ws has registered this operation's id already: it counts itself.
          const active = Object.keys(event.ctx.subscriptions).length;
          if (active > maxPerConnection) {
            return [
              new GraphQLError(`At most ${maxPerConnection} subscriptions per connection; stop one or open another connection.`, {
                extensions: { code: TOO_MANY_SUBSCRIPTIONS },
              }),
            ];
          }
          return next();
        },
      },
    },
  };
}

// At most N operations at once on one websocket (in practice: availability
// subscriptions). One more is refused with a graphql-ws error carrying
// extensions.code TOO_MANY_SUBSCRIPTIONS; the connection and its other
// subscriptions carry on.
import { GraphQLError } from "postgraphile/graphql";

export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

export function makeSubscriptionLimitPlugin(maxPerConnection: number): GraphileConfig.Plugin {
  return {
    name: "SubscriptionLimitPlugin",
    version: "1.0.0",
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

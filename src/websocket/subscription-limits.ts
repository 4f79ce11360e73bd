// What a GraphQL client may do with subscriptions:
//   * subscriptions run over websockets only: over HTTP they would be streams
//     that no per-socket or per-address bound covers (SUBSCRIPTIONS_OVER_WEBSOCKETS);
//   * websockets carry subscriptions only: queries and mutations go over HTTP,
//     where every per-request bound applies (SUBSCRIPTIONS_ONLY);
//   * at most N subscriptions at once per connection, and a bounded rate of
//     starting them per connection and per client address, so subscribing and
//     completing in a loop (each start sends current values) cannot keep the
//     server busy (TOO_MANY_SUBSCRIPTIONS, with retryAfter when it is the rate).
// A refused subscription gets a graphql-ws error; the connection and its
// other subscriptions carry on.
import { getOperationAST, GraphQLError } from "postgraphile/graphql";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { connectionRequest } from "./connection.ts";
import { countThrottled } from "../metrics/index.ts";

export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";
export const SUBSCRIPTIONS_ONLY = "SUBSCRIPTIONS_ONLY";
export const SUBSCRIPTIONS_OVER_WEBSOCKETS = "SUBSCRIPTIONS_OVER_WEBSOCKETS";

export interface SubscriptionLimits {
  /** Subscriptions at once on one connection; also how many it may start per 10 s. */
  maxSubscriptionsPerConnection: number;
  /** Subscriptions all connections of one client address may start per 10 s. */
  subscribesPerAddressPer10s: number;
}

const refusal = (message: string, code: string, retryAfter?: number) => [
  new GraphQLError(message, { extensions: { code, ...(retryAfter === undefined ? {} : { retryAfter }) } }),
];

const WINDOW_MS = 10_000;

export function makeSubscriptionLimitPlugin(limits: SubscriptionLimits): GraphileConfig.Plugin {
  const perAddress = new RateLimiterMemory({ points: limits.subscribesPerAddressPer10s, duration: 10 });
  /** Subscriptions each connection started in its current 10 s window (a counter, not a limiter's timer per connection). */
  const started = new WeakMap<object, { since: number; count: number }>();

  return {
    name: "SubscriptionLimitPlugin",
    version: "1.0.0",
    grafast: {
      middleware: {
        execute(next, event) {
          const { document, operationName, requestContext } = event.args;
          if (requestContext?.ws) {
            // Over a websocket this is a query or a mutation (subscriptions go through `subscribe`).
            return {
              errors: refusal("Websockets carry subscriptions only; send queries and mutations over HTTP (POST /graphql).", SUBSCRIPTIONS_ONLY),
            };
          }
          // Over HTTP grafserv executes a subscription as a never-ending stream.
          if (getOperationAST(document, operationName)?.operation === "subscription") {
            return {
              errors: refusal(
                "Subscriptions run over websockets (graphql-ws protocol on /graphql), not over HTTP.",
                SUBSCRIPTIONS_OVER_WEBSOCKETS,
              ),
            };
          }
          return next();
        },
      },
    },
    grafserv: {
      middleware: {
        async onSubscribe(next, event) {
          // graphql-ws has registered this operation's id already: it counts itself.
          const active = Object.keys(event.ctx.subscriptions).length;
          if (active > limits.maxSubscriptionsPerConnection) {
            countThrottled(TOO_MANY_SUBSCRIPTIONS, "websocket");
            return refusal(
              `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection; stop one or open another connection.`,
              TOO_MANY_SUBSCRIPTIONS,
            );
          }
          const now = performance.now();
          let window = started.get(event.ctx);
          if (!window || now - window.since >= WINDOW_MS) started.set(event.ctx, (window = { since: now, count: 0 }));
          if (++window.count > limits.maxSubscriptionsPerConnection) {
            const seconds = Math.max(1, Math.ceil((window.since + WINDOW_MS - now) / 1000));
            countThrottled(TOO_MANY_SUBSCRIPTIONS, "websocket");
            return refusal(`Too many subscriptions started; wait ${seconds} s before starting another.`, TOO_MANY_SUBSCRIPTIONS, seconds);
          }
          const request = connectionRequest(event.ctx.extra as { request?: unknown });
          try {
            if (request) await perAddress.consume(request.clientAddress);
          } catch (error) {
            if (!(error instanceof RateLimiterRes)) throw error;
            const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
            countThrottled(TOO_MANY_SUBSCRIPTIONS, "websocket");
            return refusal(`Too many subscriptions started; wait ${seconds} s before starting another.`, TOO_MANY_SUBSCRIPTIONS, seconds);
          }
          return next();
        },
      },
    },
  };
}

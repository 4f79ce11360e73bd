import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient } from "graphql-ws";

const isRefusedToken = (event: unknown) => (event as { code?: number } | null)?.code === 4401;

// One urql client per session token: signing in or out builds a new client, so
// no cached data or websocket of one user outlives their session.
export function makeClient(token: string | null, onInvalidToken: () => void): Client {
  const authorization = token ? `Bearer ${token}` : undefined;
  const wsUrl = new URL("/graphql", window.location.href);
  wsUrl.protocol = wsUrl.protocol === "https:" ? "wss:" : "ws:";
  const ws = createWsClient({
    url: wsUrl.toString(),
    connectionParams: authorization ? { authorization } : {},
    lazy: true,
    // Reconnect after a server restart or a network blip; the subscription
    // answers the current values first, so the page is correct again at once.
    // Not with a token the server refused (4401: expired, or its session ended,
    // say signed out on another device): that ends this session here too.
    retryAttempts: Infinity,
    shouldRetry: (event) => !isRefusedToken(event),
    on: {
      closed: (event) => {
        if (token && isRefusedToken(event)) onInvalidToken();
      },
    },
  });
  return new Client({
    url: "/graphql",
    exchanges: [
      // A token the server no longer accepts (expired, its session ended, secret
      // rotated) ends the session instead of leaving the user "signed in" to a
      // wall of refusals. A refused emailed link's token (verify, reset) is
      // INVALID_TOKEN too, but names its field: that one is not about the session.
      mapExchange({
        onError(error) {
          if (token && error.graphQLErrors.some((e) => e.extensions?.code === "INVALID_TOKEN" && !e.extensions?.field)) onInvalidToken();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    fetchOptions: () => (authorization ? { headers: { authorization } } : {}),
    requestPolicy: "cache-and-network",
    // The API answers POST only (GET would make queries cacheable by proxies and CSRF-able).
    preferGetMethod: false,
  });
}

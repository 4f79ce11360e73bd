// Bounds on what one GraphQL request may ask of the server, all refused before
// anything executes, with a code in `extensions.code`:
// - document size, before parsing: tokens, and characters on websockets;
// - document shape (validation rules, rules.ts): depth, aliases,
//   one login/signup per request, introspection when the schema is private;
// - cost and page size (cost.ts), judged with the request's variables;
// - a default page size when a client gives neither `first` nor `last`
//   (page-size.ts);
// - body size: grafserv's maxRequestLength (HTTP) and the same bound on a
//   websocket message's document.
import { SafeError } from "postgraphile/grafast";
import { Lexer, Source, TokenKind } from "postgraphile/graphql";
import { refuseCostlyOperation } from "./cost.ts";
import type { GraphqlLimits } from "./defaults.ts";
import { makeDefaultPageSizePlugin } from "./page-size.ts";
import { documentLimitRules, TOO_COMPLEX } from "./rules.ts";

export { defaultGraphqlLimits, type GraphqlLimits } from "./defaults.ts";

/**
 * The token check, remembering texts found within the limit (oldest first
 * out): the same few operations arrive over and over, and lexing each again is
 * a measurable part of a small request's cost (bench, sold-out scenario). As
 * many as grafserv's parse cache keeps (preset.ts), so it holds no more text
 * than that cache does. One per server: each has its own limit.
 */
const WITHIN_LIMIT_CACHE = 100;
function tokenCheck(max: number): (query: string) => boolean {
  const withinLimit = new Set<string>();
  return (query) => {
    if (withinLimit.has(query)) return false;
    if (exceedsTokens(query, max)) return true;
    if (withinLimit.size >= WITHIN_LIMIT_CACHE) withinLimit.delete(withinLimit.values().next().value!);
    withinLimit.add(query);
    return false;
  };
}

/** Whether the document has more than `max` tokens; lexes no further than that. */
function exceedsTokens(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; ) if (++count > max) return true;
  } catch {
    // A syntax error: the parser reports it, with its position.
  }
  return false;
}

/** Refused before parsing: grafserv answers a SafeError with its extensions (HTTP
 * status included) and graphql-ws hands it to maskError. */
const tooLarge = (message: string) => new SafeError(message, { code: TOO_COMPLEX, statusCode: 400 });

export interface LimitsOptions {
  limits: GraphqlLimits;
  /** Off, suggestions included, when the schema is private (production by default). */
  introspection: boolean;
}

export function makeLimitsPlugins({ limits, introspection }: LimitsOptions): GraphileConfig.Plugin[] {
  const refuse = (args: Parameters<typeof refuseCostlyOperation>[0]) => {
    const refusal = refuseCostlyOperation(args, limits);
    return refusal ? { errors: [refusal] } : undefined;
  };
  const exceedsTokenLimit = tokenCheck(limits.maxTokens);
  const limitsPlugin: GraphileConfig.Plugin = {
    name: "GraphqlLimitsPlugin",
    version: "1.0.0",
    grafserv: {
      middleware: {
        setPreset(next, event) {
          event.validationRules.push(...documentLimitRules(limits, { introspection }));
          return next();
        },
        // Before parsing: a parsed document costs about 270 bytes of heap per
        // token, and grafserv caches up to parseAndValidateCacheSize of them.
        processGraphQLRequestBody(next, event) {
          const { query } = event.body;
          if (typeof query === "string") {
            // HTTP bodies are bounded by maxRequestLength already; websocket messages are not.
            if (query.length > limits.maxBodyBytes) throw tooLarge(`Document size limit of ${limits.maxBodyBytes} characters exceeded.`);
            if (exceedsTokenLimit(query)) throw tooLarge(`Token limit of ${limits.maxTokens} exceeded.`);
          }
          return next();
        },
      },
    },
    grafast: {
      middleware: {
        execute(next, event) {
          return refuse(event.args) ?? next();
        },
        subscribe(next, event) {
          return refuse(event.args) ?? next();
        },
      },
    },
  };
  return [limitsPlugin, makeDefaultPageSizePlugin(limits.defaultPageSize)];
}

// Bounds on what one GraphQL request may ask of the server, all refused before
// anything executes, with a code in `extensions.code`:
// - document size, before parsing: tokens, and characters on websockets;
// - documents new to this process, before parsing: comments do not make a
//   document new, and new ones spend their client's budget (documents.ts);
// - document shape (validation rules, rules.ts): depth, aliases, list items,
//   one login/signup per request, introspection when the schema is private;
// - list items in variables (lists.ts), then cost and page size (cost.ts),
//   judged with the request's variables, before grafast plans;
// - a default page size when a client gives neither `first` nor `last`
//   (page-size.ts);
// - body size: grafserv's maxRequestLength (HTTP) and the same bound on a
//   websocket message's document.
import { SafeError } from "postgraphile/grafast";
import { countThrottled } from "../../metrics/index.ts";
import { refuseCostlyOperation } from "./cost.ts";
import type { GraphqlLimits } from "./defaults.ts";
import { makeDocumentBudget, type DocumentBudget } from "./document-budget.ts";
import { DocumentCache, tokensSpent } from "./documents.ts";
import { refuseLongListVariables } from "./lists.ts";
import { makeDefaultPageSizePlugin } from "./page-size.ts";
import { documentLimitRules, TOO_COMPLEX } from "./rules.ts";

export { defaultGraphqlLimits, PARSE_CACHE_SIZE, type GraphqlLimits } from "./defaults.ts";
export { makeDocumentBudget, type DocumentBudget } from "./document-budget.ts";

export const RATE_LIMITED = "RATE_LIMITED";

export type RequestBodyEvent = Parameters<NonNullable<GraphileConfig.GrafservMiddleware["processGraphQLRequestBody"]>>[0];

/** Refused before parsing: grafserv answers a SafeError with its extensions (HTTP
 * status included) and graphql-ws hands it to maskError. */
const tooLarge = (message: string) => new SafeError(message, { code: TOO_COMPLEX, statusCode: 400 });

/** A client past its budget of new documents: HTTP 429 with Retry-After; over a websocket, `extensions.retryAfter`. */
function rateLimited(event: RequestBodyEvent, seconds: number) {
  countThrottled(RATE_LIMITED, event.graphqlWsContext ? "websocket" : "graphql");
  event.request?.requestContext.expressv4?.res.setHeader("Retry-After", String(seconds));
  return new SafeError(
    `Too many GraphQL documents new to this server from this client; wait ${seconds} s, or send documents it has seen (comments do not count).`,
    { code: RATE_LIMITED, statusCode: 429, retryAfter: seconds },
  );
}

export interface LimitsOptions {
  limits: GraphqlLimits;
  /** Off, suggestions included, when the schema is private (production by default). */
  introspection: boolean;
  /** Whose budget a new document spends: the signed-in user, else the client address. */
  clientOf: (event: RequestBodyEvent) => string;
  /** Shared by instances when it lives in Redis; default: this process's memory. */
  documentBudget?: DocumentBudget;
}

export function makeLimitsPlugins({ limits, introspection, clientOf, documentBudget }: LimitsOptions): GraphileConfig.Plugin[] {
  const refuse = (args: Parameters<typeof refuseCostlyOperation>[0]) => {
    const refusal = refuseLongListVariables(args.variableValues, limits.maxListItems) ?? refuseCostlyOperation(args, limits);
    return refusal ? { errors: [refusal] } : undefined;
  };
  const documents = new DocumentCache(limits.maxTokens);
  const budget =
    documentBudget ?? makeDocumentBudget({ tokens: limits.newDocumentTokens, windowSeconds: limits.newDocumentWindowSeconds });
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
          if (typeof query !== "string") return next();
          // HTTP bodies are bounded by maxRequestLength already; websocket messages are not.
          if (query.length > limits.maxBodyBytes) throw tooLarge(`Document size limit of ${limits.maxBodyBytes} characters exceeded.`);
          const document = documents.document(query);
          if (!document) throw tooLarge(`Token limit of ${limits.maxTokens} exceeded.`);
          event.body.query = document.text;
          const admitted = documents.admit(document.text, () => budget.spend(clientOf(event), tokensSpent(document)));
          // Known: nothing to spend, nothing to wait for.
          if (!admitted) return next();
          return admitted.then((retryAfter) => {
            if (retryAfter !== undefined) throw rateLimited(event, retryAfter);
            return next();
          });
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

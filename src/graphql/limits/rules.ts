// Validation rules that bound the shape of a GraphQL document. grafserv runs
// them once per distinct document (and caches the verdict), on HTTP and
// websockets alike, after parsing and before anything is planned or executed.
// (The token count is checked before parsing, in limits.ts.)
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type FieldNode,
  type ValidationContext,
  type ValidationRule,
} from "postgraphile/graphql";
import { maxListItemsRule } from "./lists.ts";

export const TOO_COMPLEX = "QUERY_TOO_COMPLEX";
export const TOO_MANY_AUTH_OPERATIONS = "TOO_MANY_AUTH_OPERATIONS";

/** Mutations that check a password, create an account or use or mail a link: one per
 * request, so a single request cannot spray passwords or tokens through aliases or extra operations. */
const AUTH_MUTATIONS = new Set([
  "login", "signup", "changePassword", "requestPasswordReset", "resetPassword", "verifyEmail", "resendVerificationEmail",
  "deleteAccount", "requestAccountClosure", "closeAccountWithLink",
]);

export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxListItems: number;
}

/** graphql-js's suggestions (" Did you mean "x"?") name parts of the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, "");
}

/**
 * grafserv returns HTTP validation errors as they are (maskError never sees
 * them), so this rule gives every validation error our INVALID_INPUT code and,
 * when the schema is private, drops graphql-js's suggestions. It wraps the
 * context's `reportError`, which every rule reports through.
 */
function clientFacingErrors(hideSuggestions: boolean): ValidationRule {
  return (context) => {
    const report = context.reportError.bind(context);
    context.reportError = (error) =>
      report(
        new GraphQLError(hideSuggestions ? withoutSuggestions(error.message) : error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          originalError: error.originalError,
          extensions: { code: "INVALID_INPUT", ...error.extensions },
        }),
      );
    return {};
  };
}

/** graphql-armor's rules throw a "Syntax Error: …" unless told to report; report it as ours. */
const reportAs =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { code } }));

/** Counts login/signup fields in every operation and fragment of the document. */
const singleAuthMutationRule: ValidationRule = (context) => {
  const found: FieldNode[] = [];
  return {
    Field(node) {
      const mutationType = context.getSchema().getMutationType();
      if (mutationType && context.getParentType() === mutationType && AUTH_MUTATIONS.has(node.name.value)) found.push(node);
    },
    Document: {
      leave() {
        if (found.length > 1) {
          context.reportError(
            new GraphQLError(`A request may carry at most one login or signup (or other account operation: passwords, email links); this one has ${found.length}.`, {
              nodes: found,
              extensions: { code: TOO_MANY_AUTH_OPERATIONS },
            }),
          );
        }
      },
    },
  };
};

export function documentLimitRules(limits: DocumentLimits, options: { introspection: boolean }): ValidationRule[] {
  const callbacks = { propagateOnRejection: false, exposeLimits: true, onReject: [reportAs(TOO_COMPLEX)] };
  return [
    clientFacingErrors(!options.introspection),
    maxDepthRule({ n: limits.maxDepth, ...callbacks }),
    // Every alias counts, __typename included: the allow-list would let
    // thousands of `aN: __typename` through.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...callbacks }),
    maxListItemsRule(limits.maxListItems),
    singleAuthMutationRule,
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}

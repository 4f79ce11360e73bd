// At most N items in any list a client hands to an argument, refused before
// grafast plans anything. The cost model counts fields, not input values, yet
// planning does work per item: a 3,000-item `orderBy` took 140 ms to plan while
// its computed cost was 2. Lists written in the document are checked by a
// validation rule (once per distinct document, with the other rules); lists in
// variables are checked per request, before the cost (index.ts).
import { GraphQLError, type ValidationRule } from "postgraphile/graphql";

const tooLong = (what: string, max: number, found: number, field?: string) =>
  new GraphQLError(`${what} may hold at most ${max} items; this one holds ${found}.`, {
    extensions: { code: "INVALID_INPUT", ...(field ? { field } : {}) },
  });

/** Literal lists in the document: argument values and variables' defaults alike. */
export function maxListItemsRule(max: number): ValidationRule {
  return (context) => ({
    ListValue(node) {
      if (node.values.length <= max) return;
      const argument = context.getArgument()?.name;
      const error = tooLong(argument ? `\`${argument}\`` : "A list", max, node.values.length, argument);
      context.reportError(new GraphQLError(error.message, { nodes: [node], extensions: error.extensions }));
    },
  });
}

/**
 * The first list longer than `max` anywhere in the request's variables (nested
 * in input objects too), as a refusal naming the variable; undefined when none.
 * Walked with a stack of its own: a body may nest thousands of levels deep.
 */
export function refuseLongListVariables(variables: Record<string, unknown> | null | undefined, max: number): GraphQLError | undefined {
  if (!variables) return undefined;
  for (const [name, value] of Object.entries(variables)) {
    const pending: unknown[] = [value];
    while (pending.length) {
      const next = pending.pop();
      if (typeof next !== "object" || next === null) continue;
      if (Array.isArray(next)) {
        if (next.length > max) return tooLong(`Variable \`$${name}\``, max, next.length, name);
        for (const item of next) pending.push(item);
      } else {
        for (const item of Object.values(next)) pending.push(item);
      }
    }
  }
  return undefined;
}

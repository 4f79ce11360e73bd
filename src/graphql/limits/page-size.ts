// A connection asked for without `first` or `last` returns one default page,
// not the whole table. PostGraphile applies `first` only when the client gives
// it, so connection fields here plan `first` themselves: the client's value, or
// the default when neither `first` nor `last` arrives (literal, variable or null).
// The maximum is enforced before planning, in cost.ts.
import { constant, lambda } from "postgraphile/grafast";
import { getNamedType } from "postgraphile/graphql";

interface PageableStep {
  setFirst(first: unknown): void;
}

export function makeDefaultPageSizePlugin(defaultPageSize: number): GraphileConfig.Plugin {
  const pageFirst = ([first, last]: readonly [number | null | undefined, number | null | undefined]) =>
    first ?? (last == null ? defaultPageSize : null);
  return {
    name: "DefaultPageSizePlugin",
    version: "1.0.0",
    schema: {
      hooks: {
        // The fields hook sees each field with its final arguments (the
        // arguments hooks have run), so `first` is there to take over.
        GraphQLObjectType_fields(fields) {
          for (const [name, field] of Object.entries(fields)) {
            const plan = field.plan;
            const first = field.args?.first;
            if (!plan || !first?.applyPlan || !getNamedType(field.type).name.endsWith("Connection")) continue;
            const hasLast = Boolean(field.args!.last);
            fields[name] = {
              ...field,
              args: { ...field.args, first: { ...first, applyPlan: undefined } },
              plan(parent, fieldArgs, info) {
                const $connection = plan(parent, fieldArgs, info) as unknown as PageableStep;
                const $first = fieldArgs.getRaw("first");
                const $last = hasLast ? fieldArgs.getRaw("last") : constant(null);
                $connection.setFirst(lambda([$first, $last], pageFirst, true));
                return $connection as never;
              },
            };
          }
          return fields;
        },
      },
    },
  };
}

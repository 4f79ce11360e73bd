// Where REST names a field differently from its column: the one place the
// rename lives. Answers select the column under the REST name, bodies are
// passed to the column's parameter, and an error naming the column (a CHECK,
// app_public.create_event's `field`) names the REST field instead.

/** A Map: a client's field name is never a prototype key. */
const REST_NAMES = new Map([["starts_at", "datetime"]]);

/** The REST name of a column. */
export function restName(column: string): string {
  return REST_NAMES.get(column) ?? column;
}

/** `column as rest_name` where they differ, for a select list. */
export function selectAs(columns: readonly string[]): string {
  return columns.map((column) => (restName(column) === column ? column : `${column} as ${restName(column)}`)).join(", ");
}

/** The body's values by column: each read under its REST name. */
export function byColumn(columns: readonly string[], body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(columns.map((column) => [column, body[restName(column)]]));
}

/** A SQL function's named arguments (`name => $1, …`) and their values. */
export function namedArguments(args: Record<string, unknown>): { sql: string; values: unknown[] } {
  const names = Object.keys(args);
  return { sql: names.map((name, i) => `${name} => $${i + 1}`).join(", "), values: Object.values(args) };
}

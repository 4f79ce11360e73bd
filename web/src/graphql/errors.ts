import type { CombinedError } from "urql";

// The API's errors carry extensions.code and, for bad input, extensions.field.
// Forms show each message beside its field; the rest above the form.
export interface ApiErrors {
  byField: Record<string, string>;
  general: string[];
}

export function apiErrors(error: CombinedError | undefined | null): ApiErrors {
  const out: ApiErrors = { byField: {}, general: [] };
  if (!error) return out;
  if (error.networkError && error.graphQLErrors.length === 0) {
    out.general.push("The server could not be reached. Check your connection and try again.");
    return out;
  }
  for (const e of error.graphQLErrors) {
    const field = e.extensions?.field;
    const message = e.message || "Something went wrong.";
    if (typeof field === "string" && field) out.byField[camel(field)] ??= message;
    else out.general.push(message);
  }
  return out;
}

export function errorCode(error: CombinedError | undefined | null): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

// The API may name fields in snake_case (REST style); forms use camelCase.
function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

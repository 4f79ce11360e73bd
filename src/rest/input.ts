// Reading a REST request: the body must be a JSON object sent as JSON, every
// field is checked against src/rest/schemas.ts, and each refusal names the
// field and says what was expected.
import type { Request } from "express";
import type { z } from "zod";
import { AppError, appError } from "../errors.ts";

// Every number in the REST contract is an integer (ids, counts, cents, minutes).
const EXPECTED: Record<string, string> = {
  int: "an integer",
  number: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** One issue as a sentence a person understands; `input` is what was sent. */
function describe(issue: z.core.$ZodIssue, input: unknown): { field?: string; message: string } {
  const field = issue.path.length ? issue.path.join(".") : undefined;
  const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as string], input);
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        field: issue.keys[0],
        message: `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`,
      };
    case "invalid_type":
      if (value === undefined) return { field, message: `${field} is required.` };
      return { field, message: `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${typeName(value)}.` };
    case "invalid_format":
      return issue.format === "datetime"
        ? { field, message: `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-05-01T18:00:00Z.` }
        : { field, message: `${field} has the wrong format (${issue.format}).` };
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const what = issue.origin === "string" ? `${bound} characters long` : bound;
      return { field, message: `${field} must be ${what}.` };
    }
    case "invalid_value":
      return { field, message: `${field} must be one of: ${issue.values.join(", ")}.` };
    default:
      return { field, message: field ? `${field}: ${issue.message}.` : issue.message };
  }
}

function invalid(result: z.ZodSafeParseError<unknown>, input: unknown): AppError {
  // Unknown fields first: a misspelt name explains the "required" issue that follows it.
  const issues = [...result.error.issues].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"),
  );
  const described = issues.map((issue) => describe(issue, input));
  const first = described[0]!;
  return new AppError(400, "INVALID_INPUT", first.message, first.field, undefined, { issues: described });
}

function hasBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** The JSON object body of `req`, checked against `schema`. */
export function parseBody<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  if (hasBody(req) && !req.is("application/json")) {
    throw appError("UNSUPPORTED_MEDIA_TYPE");
  }
  const body: unknown = req.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw appError("INVALID_INPUT:body_object");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalid(result, body);
  return result.data;
}

export function parseQuery<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw invalid(result, req.query);
  return result.data;
}

/**
 * Path ids are positive integers: anything else is malformed (400); a
 * well-formed id beyond the 32-bit range names nothing (404).
 */
export function parseId(raw: unknown, what: string): number {
  if (typeof raw !== "string" || !/^[1-9][0-9]*$/.test(raw)) {
    throw appError("INVALID_INPUT:id", "id", what, String(raw).slice(0, 40));
  }
  const id = Number(raw);
  if (id > 2 ** 31 - 1) throw appError("NOT_FOUND:id", undefined, what);
  return id;
}

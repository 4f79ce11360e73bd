// Request body and parameter validation for the REST routes. Types and shapes
// are checked here; business limits (lengths, ranges, uniqueness) are the
// database's, so both APIs give the same answers.
import { z } from "zod";
import { AppError } from "../errors.ts";

export const signupBody = z.object({
  name: z.string(),
  email: z.string(),
  password: z.string(),
});

export const loginBody = z.object({
  email: z.string(),
  password: z.string(),
});

const eventFields = {
  name: z.string(),
  description: z.string(),
  venue: z.string(),
  datetime: z.iso.datetime({ offset: true }),
  total_tickets: z.number().int(),
  max_tickets_per_student: z.number().int(),
  category_id: z.number().int().nullable(),
  price_cents: z.number().int(),
  hold_minutes: z.number().int(),
};

export const createEventBody = z
  .object(eventFields)
  .partial({ description: true, max_tickets_per_student: true, category_id: true, price_cents: true, hold_minutes: true });
export const updateEventBody = z
  .object(eventFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Send at least one field to change.");

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".") || undefined;
  const message =
    issue.code === "invalid_type" && issue.input === undefined
      ? `${field} is required.`
      : field
        ? `Invalid value for ${field}: ${issue.message}.`
        : issue.message;
  throw new AppError(400, "INVALID_INPUT", message, field);
}

export const eventListQuery = z.object({
  category_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Path ids are positive 32-bit integers; anything else names nothing. */
export function parseId(raw: unknown, what: string): number {
  const id = typeof raw === "string" && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2 ** 31 - 1) throw new AppError(404, "NOT_FOUND", `No such ${what}.`);
  return id;
}

// What one REST route is: its method and path, what it takes (checked before
// the handler runs), who may call it (enforced before the handler runs), what
// it answers, and the handler. The table of them (src/rest/routes.ts) is all
// there is: the Express router and its 404/405 answers (src/rest/index.ts) and
// the OpenAPI document (src/rest/openapi.ts) are built from it.
import type { Request, Response } from "express";
import type { z } from "zod";
import type { ErrorReason } from "../generated/vocabulary.ts";
import type { RestDeps } from "./context.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route. signed-in, student and admin are checked against the
 * caller's token before anything else is read (401 UNAUTHENTICATED, 403
 * FORBIDDEN); the database checks again. The club roles (a club's owners,
 * managers, door staff; admins too) are rows, not claims: the router asks for a
 * sign-in (401) and the database decides the rest (403). provider and payer are
 * proven by what the request carries (a signature, a client secret), which the
 * handler checks.
 */
export type Access = "anyone" | "signed-in" | "student" | "admin" | "provider" | "payer" | "club-owner" | "club-manager" | "club-staff";

/** What this server offers beyond the fixed routes. */
export interface RouteOptions {
  /** A payment provider is configured: paying and the webhook exist. */
  payments: boolean;
  /** The mock provider: its checkout page exists. */
  mock: boolean;
  /** OIDC_* is set: signing in with the college's account exists. */
  singleSignOn?: boolean;
}

/** What a handler is given: the request read and checked. */
export interface Call<Body, Query> {
  req: Request;
  res: Response;
  deps: RestDeps;
  /** The path's {id}, a positive 32-bit integer (0 on routes without one). */
  id: number;
  /** The path's other integer parameters (`ids`), by name. */
  ids: Record<string, number>;
  body: Body;
  query: Query;
}

interface RouteFields {
  method: Method;
  /** OpenAPI form: `/events/{id}`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** student/admin routes: the catalogue's words for the other role's 403 (default FORBIDDEN), as the database would say them. */
  refusal?: ErrorReason;
  /** The route exists only when this option is on. */
  only?: keyof RouteOptions;
  /** What the path's {id} names ("event"): in the 400 and 404 answers for a bad one. */
  id?: string;
  /** The path's other integer parameters and what they name (`{ user_id: "member" }`): read after {id}, before the body. */
  ids?: Record<string, string>;
  /** The body is handed over as raw bytes, not parsed (a signature covers them). */
  rawBody?: true;
  /**
   * The body is a file (an image) of one of these media types and at most maxBytes, handed over as
   * raw bytes: another Content-Type is refused `unsupported` (415), a larger body `tooLarge` (413,
   * its message given the bound in MB), both before the body is read, and after the access check.
   */
  upload?: { mediaTypes: readonly string[]; maxBytes: number; unsupported: ErrorReason; tooLarge: ErrorReason };
  /** Served ahead of authentication and the web app (health checks). */
  first?: true;
  /** Request headers the route reads. */
  headers?: { name: string; description: string }[];
  /** Success statuses and their bodies (none for 204) or headers (a redirect's Location); error statuses (all with the Error envelope) are listed by code. */
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: Record<string, string>; mediaType?: string }>;
  errors: number[];
  /** The `error.code` values this route answers with, by status, where they go beyond the usual ones (openapi.ts). */
  codes?: Partial<Record<number, string[]>>;
  /** The 200 answer is also offered as CSV (`Accept: text/csv`): what it holds. */
  csv?: string;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> extends RouteFields {
  body?: B;
  query?: Q;
  handle(call: Call<Parsed<B>, Parsed<Q>>): Promise<void> | void;
}

export interface Route extends RouteFields {
  body?: z.ZodType;
  query?: z.ZodType;
  handle(call: Call<unknown, unknown>): Promise<void> | void;
}

/** One entry of the table, its handler typed by its schemas. */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(spec: RouteSpec<B, Q>): Route {
  return spec as unknown as Route;
}

/** Ok answers: a body's schema and what it means. */
export const ok = (schema: z.ZodType, description = "Done") => ({ description, schema });
export const done = (description: string) => ({ description });

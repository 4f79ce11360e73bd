// Express middleware: verify the Authorization header once per HTTP request,
// for REST and GraphQL alike. A bad token is refused here with 401; it never
// silently falls back to anonymous.
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.ts";
import { claimsFromAuthorization, type Claims, type JwtSettings } from "./jwt.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** Verified claims, or null for an anonymous request. */
    claims?: Claims | null;
  }
}

/**
 * The caller's role for the rest of this request's work, including code that
 * is not handed the request (GraphQL's error masking tells "sign in first" from
 * "not allowed" with it).
 */
export const callerRole = new AsyncLocalStorage<"anonymous" | "student" | "admin">();

export function authenticateRequests(jwt: JwtSettings, graphqlPath: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    let claims: Claims | null;
    try {
      claims = claimsFromAuthorization(req.headers.authorization, jwt);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const body =
        req.path === graphqlPath
          ? { errors: [{ message: error.message, extensions: { code: error.code } }] }
          : { error: error.toJSON() };
      res.status(error.status).json(body);
      return;
    }
    req.claims = claims;
    callerRole.run(claims?.role ?? "anonymous", next);
  };
}

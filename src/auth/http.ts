// Express middleware: verify the Authorization header once per HTTP request,
// for REST and GraphQL alike. A bad token is refused here with 401; it never
// silently falls back to anonymous.
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.ts";
import { claimsFromAuthorization, type Claims, type JwtSettings } from "./jwt.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** Verified claims, or null for an anonymous request. */
    claims?: Claims | null;
  }
}

export function authenticateRequests(jwt: JwtSettings, graphqlPath: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      req.claims = claimsFromAuthorization(req.headers.authorization, jwt);
      next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const body =
        req.path === graphqlPath
          ? { errors: [{ message: error.message, extensions: { code: error.code } }] }
          : { error: error.toJSON() };
      res.status(error.status).json(body);
    }
  };
}

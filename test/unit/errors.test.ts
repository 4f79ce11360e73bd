// The one map from failures to what clients see.
import { describe, expect, it } from "vitest";
import { AppError, poolSaturated, refusedConnection, toAppError } from "../../src/errors.ts";

const pgError = (fields: Record<string, string>) => Object.assign(new Error(fields.message ?? "boom"), fields);

describe("toAppError", () => {
  it("maps our SQL errors by their TKnnn errcode", () => {
    const error = toAppError(pgError({ code: "TK409", detail: "SOLD_OUT", hint: "", message: "This event is sold out." }));
    expect(error).toEqual(new AppError(409, "SOLD_OUT", "This event is sold out."));
    expect(error?.field).toBeUndefined();
  });

  it("names the field of a CHECK constraint", () => {
    expect(toAppError(pgError({ code: "23514", constraint: "events_total_tickets_valid" }))?.toJSON()).toEqual({
      code: "INVALID_INPUT",
      message: "Invalid value for total_tickets.",
      field: "total_tickets",
    });
  });

  it("tells sign-in-first from not-allowed for a permission error", () => {
    expect(toAppError(pgError({ code: "42501" }), "anonymous")?.status).toBe(401);
    expect(toAppError(pgError({ code: "42501" }), "student")?.status).toBe(403);
  });

  it("answers 503 DATABASE_UNAVAILABLE when the database is down or restarting", () => {
    for (const code of ["ECONNREFUSED", "57P01", "08006"]) {
      expect(toAppError(pgError({ code }))).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    }
    for (const message of ["timeout exceeded when trying to connect", "Connection terminated unexpectedly"]) {
      expect(toAppError(new Error(message))).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    }
  });

  it("answers 503 DATABASE_UNAVAILABLE when the database refuses connections, and 500 for the same 55000 from a query", () => {
    // Too many connections (server, database or role), out of memory, database dropped, idle session timeout.
    for (const code of ["53300", "53200", "57P02", "57P03", "57P04", "57P05"]) {
      expect(toAppError(pgError({ code })), code).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE", retryAfterSeconds: 1 });
    }
    // "database is not currently accepting connections", raised while connecting (src/db/pools.ts marks it).
    expect(toAppError(refusedConnection(pgError({ code: "55000" })))).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    expect(toAppError(pgError({ code: "55000" }))).toBeUndefined();
  });

  it("answers 503 BUSY for a pool wait that ran out behind busy connections (src/db/pools.ts marks it), DATABASE_UNAVAILABLE otherwise", () => {
    const waited = () => new Error("timeout exceeded when trying to connect");
    expect(toAppError(poolSaturated(waited()))).toMatchObject({ status: 503, code: "BUSY", retryAfterSeconds: 1 });
    expect(toAppError(waited())).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE", retryAfterSeconds: 1 });
  });

  it("answers 503 BUSY, retryable, when a lock wait times out or the database cancels a deadlock", () => {
    for (const code of ["55P03", "40P01", "40001"]) {
      expect(toAppError(pgError({ code }))).toMatchObject({ status: 503, code: "BUSY", retryAfterSeconds: 1 });
    }
  });

  it("reads the wait of a throttled request from the database's hint", () => {
    const error = toAppError(pgError({ code: "TK429", detail: "TOO_MANY_ATTEMPTS", hint: "retry_after=42", message: "Too many" }));
    expect(error).toMatchObject({ status: 429, code: "TOO_MANY_ATTEMPTS", retryAfterSeconds: 42 });
    expect(error?.field).toBeUndefined();
  });

  it("leaves anything else to be logged as a bug", () => {
    expect(toAppError(new TypeError("x is undefined"))).toBeUndefined();
    expect(toAppError(pgError({ code: "42P01" }))).toBeUndefined();
  });
});

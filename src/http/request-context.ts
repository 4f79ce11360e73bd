// Request ids and log context. Every HTTP request gets an id: the caller's
// X-Request-Id when it is sane (1-128 characters of letters, digits and
// . _ : -), else a new UUID. It comes back in the X-Request-Id header, and every
// line logged while handling the request carries it as `reqId` (src/log.ts's
// mixin reads logContext), with the GraphQL operation name once it is known
// (src/graphql/operation-name.ts).
// Websocket connections get a connection id (`connId`) the same way.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { logContext, type LogContext } from "../log.ts";

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id, if it is sane. */
function callersId(req: IncomingMessage): string | undefined {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : undefined;
}

/** pino-http's genReqId: the id, also sent back as X-Request-Id. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const id = callersId(req) ?? randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

const contexts = new WeakMap<IncomingMessage, LogContext>();

/** Express middleware (after pino-http, which set req.id): the rest of the request runs in its log context. */
export function inRequestContext(req: Request, _res: Response, next: NextFunction) {
  const context: LogContext = { reqId: String(req.id) };
  contexts.set(req, context);
  logContext.run(context, next);
}

/** The log context of a request that went through inRequestContext (GraphQL adds the operation's name to it). */
export function requestLogContext(req: IncomingMessage): LogContext | undefined {
  return contexts.get(req);
}

/** What the request line adds (pino-http's customSuccessObject / customErrorObject). */
export function requestLineFields<T extends object>(req: IncomingMessage, fields: T): T & LogContext {
  const context = contexts.get(req);
  return { ...fields, reqId: String((req as IncomingMessage & { id?: unknown }).id), ...(context?.operation ? { operation: context.operation } : {}) };
}

let nextConnectionId = 0;

/**
 * A websocket's log context: lines logged while handling its messages carry
 * `connId` (and the upgrade's X-Request-Id, when sane). Its handlers run in it
 * (src/websocket/connection.ts).
 */
export function connectionLogContext(req: IncomingMessage): LogContext {
  const context: LogContext = { connId: `ws-${process.pid}-${nextConnectionId++}` };
  const reqId = callersId(req);
  if (reqId) context.reqId = reqId;
  return context;
}

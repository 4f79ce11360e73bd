// The request's log context this writes to: src/http/request-context.ts.
import type { IncomingMessage } from "node:http";
import { getOperationAST } from "postgraphile/graphql";
import { requestLogContext } from "../http/request-context.ts";

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * GraphQL: the operation's name, bounded, in the request's log context (its
 * request line and any line logged after it). A grafast middleware.
 */
export const OperationNamePlugin: GraphileConfig.Plugin = {
  name: "OperationNamePlugin",
  version: "1.0.0",
  grafast: {
    middleware: {
      execute(next, event) {
        const { document, operationName, requestContext } = event.args;
        const req = requestContext?.expressv4?.req as IncomingMessage | undefined;
        const context = req ? requestLogContext(req) : undefined;
        if (context) {
          const name = operationName ?? getOperationAST(document, undefined)?.name?.value;
          if (name) context.operation = OPERATION_NAME.test(name) ? name : "(invalid name)";
        }
        return next();
      },
    },
  },
};

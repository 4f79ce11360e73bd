// Requests grafserv refuses before GraphQL runs (a body too large, not JSON,
// the wrong media type, a syntax error) come back as `{"errors": [...]}`
// without our `extensions.code`, because error masking only sees errors of
// operations. This gives them the code their HTTP status means, so every
// error a client can get from /graphql carries one.
const CODE_OF_STATUS: Record<number, string> = {
  400: "INVALID_INPUT",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  406: "NOT_ACCEPTABLE",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

interface ErrorBody {
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export const ProtocolErrorCodesPlugin: GraphileConfig.Plugin = {
  name: "ProtocolErrorCodesPlugin",
  version: "1.0.0",
  grafserv: {
    middleware: {
      async processRequest(next) {
        const result = await next();
        if (result?.type !== "buffer" || result.statusCode < 400 || !CODE_OF_STATUS[result.statusCode]) return result;
        let body: ErrorBody;
        try {
          body = JSON.parse(result.buffer.toString("utf8")) as ErrorBody;
        } catch {
          return result; // not a JSON answer
        }
        if (!body.errors?.some((error) => !error.extensions?.code)) return result;
        for (const error of body.errors) {
          const { statusCode: _status, ...extensions } = error.extensions ?? {};
          error.extensions = { code: CODE_OF_STATUS[result.statusCode], ...extensions };
        }
        // As JSON: the server adapter serialises it and sets the new Content-Length.
        const headers = Object.fromEntries(Object.entries(result.headers).filter(([name]) => name.toLowerCase() !== "content-length"));
        return { type: "json", statusCode: result.statusCode, headers, json: body as never };
      },
    },
  },
};

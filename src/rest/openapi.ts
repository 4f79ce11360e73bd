// GET /openapi.json: the OpenAPI 3.1 document, generated from the route list
// (src/rest/routes.ts) and the zod schemas that validate requests
// (src/rest/schemas.ts) with zod's own JSON Schema output (draft 2020-12, the
// dialect of OpenAPI 3.1). GET /docs: Swagger UI over that document, the two
// files it needs served from the swagger-ui-dist package (nothing from a CDN).
import express from "express";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { z } from "zod";
import { docsSecurityHeaders } from "../http/security-headers.ts";
import type { Access, RouteOptions } from "./route.ts";
import { routesFor } from "./routes.ts";
import { errorResponse, schemas } from "./schemas.ts";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "INVALID_INPUT (the field is named) or another refusal of the request",
  401: "UNAUTHENTICATED: sign in first; INVALID_TOKEN: the token is invalid or expired, or its session ended",
  403: "FORBIDDEN: your role may not do this; EMAIL_NOT_VERIFIED: confirm your email address first (where the college requires it)",
  404: "NOT_FOUND",
  409: "A conflict with the current state",
  413: "PAYLOAD_TOO_LARGE: the body is over 64 KiB",
  415: "UNSUPPORTED_MEDIA_TYPE: send JSON",
  429: "Too many requests (TOO_MANY_ATTEMPTS unless named): wait for Retry-After seconds",
  503: "BUSY or DATABASE_UNAVAILABLE: retry after Retry-After seconds; BOOKING_OUTCOME_UNKNOWN (booking only): the connection was lost during the booking's commit, check your tickets or retry with the same Idempotency-Key",
};

const RETRY_AFTER = { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 1 } };

const ACCESS: Record<Access, string> = {
  anyone: "Anyone.",
  "signed-in": "Signed-in users.",
  student: "Signed-in students (an admin gets 403 FORBIDDEN: admins run events, they do not book).",
  admin: "Admins.",
  provider: "The payment provider (signed with the webhook secret).",
  payer: "Whoever holds the payment's client secret.",
  "club-owner": "The club's owners, and admins (anyone else 403 FORBIDDEN).",
  "club-manager": "Admins; for a club's event or club, its owners and managers (door staff and anyone else 403 FORBIDDEN).",
  "club-staff": "Admins, and the owners, managers and door staff of the club running the event (anyone else 403 FORBIDDEN, whether or not the code exists).",
};

const ref = (schema: z.ZodType) => {
  const meta = schemas.get(schema);
  if (!meta) throw new Error("a schema in the REST contract has no name in src/rest/schemas.ts");
  return { $ref: `#/components/schemas/${meta.id}` };
};

function componentSchemas(io: "input" | "output") {
  const { schemas: all } = z.toJSONSchema(schemas, {
    target: "draft-2020-12",
    io,
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(all).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
}

export function openapiDocument(options: RouteOptions) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of routesFor(options)) {
    const parameters: unknown[] = [];
    for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
      const schema = name === "id" ? { type: "integer", minimum: 1, maximum: 2 ** 31 - 1 } : { type: "string" };
      parameters.push({ name, in: "path", required: true, schema });
    }
    if (op.query) {
      const query = z.toJSONSchema(op.query, { target: "draft-2020-12", io: "input" }) as {
        properties: Record<string, { description?: string }>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(query.properties)) {
        parameters.push({ name, in: "query", required: query.required?.includes(name) ?? false, schema, description: schema.description });
      }
    }
    for (const header of op.headers ?? []) {
      parameters.push({ name: header.name, in: "header", required: false, description: header.description, schema: { type: "string" } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, { description, schema, headers, mediaType }] of Object.entries(op.responses)) {
      responses[status] = schema
        ? { description, content: { "application/json": { schema: ref(schema) } } }
        : mediaType
          ? { description, content: { [mediaType]: { schema: { type: "string" } } } }
          : { description };
      if (op.csv && status === "200") {
        (responses[status] as { content: Record<string, unknown> }).content["text/csv"] = { schema: { type: "string", description: op.csv } };
      }
      if (headers) {
        (responses[status] as Record<string, unknown>).headers = Object.fromEntries(
          Object.entries(headers).map(([name, about]) => [name, { description: about, schema: { type: "string" } }]),
        );
      }
    }
    for (const status of op.errors) {
      const codes = op.codes?.[status];
      responses[status] = {
        description: op.upload && (status === 413 || status === 415) && codes
          ? codes.join(", ")
          : codes ? `${ERROR_DESCRIPTIONS[status]}: ${codes.join(", ")}` : ERROR_DESCRIPTIONS[status],
        ...(codes ? { "x-error-codes": codes } : {}),
        ...(status === 429 || status === 503 ? { headers: { "Retry-After": RETRY_AFTER } } : {}),
        content: { "application/json": { schema: ref(errorResponse) } },
      };
    }
    responses.default = { description: "Any other failure (same envelope)", content: { "application/json": { schema: ref(errorResponse) } } };
    const signedIn = op.access !== "anyone" && op.access !== "provider" && op.access !== "payer";
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: `Who may call it: ${ACCESS[op.access]}`,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
      ...(signedIn ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body) } } } } : {}),
      ...(op.upload
        ? { requestBody: { required: true, description: `At most ${op.upload.maxBytes / (1024 * 1024)} MB`,
            content: Object.fromEntries(op.upload.mediaTypes.map((type) => [type, { schema: { type: "string", format: "binary" } }])) } }
        : {}),
      responses,
    };
  }
  const input = componentSchemas("input");
  const output = componentSchemas("output");
  return {
    openapi: "3.1.0",
    info: {
      title: "Ticketing REST API",
      version: "1.0.0",
      description:
        "College event tickets. Bodies are JSON with snake_case names; times are ISO 8601 (answers in UTC with Z). " +
        "Every error answers `{ \"error\": { \"code\", \"message\", \"field\"?, \"details\"? } }`. " +
        "The same operations (and live availability) are in the GraphQL API at /graphql.",
    },
    tags: ["Accounts", "Sessions", "Events", "Clubs", "Tickets", "Payments", "Waitlist", "Fair release", "Check-in", "Health"].map((name) => ({ name })),
    paths,
    components: {
      // Requests are read as input (defaults optional), answers are described as output.
      schemas: Object.fromEntries(Object.keys(output).map((id) => [id, id.endsWith("Request") ? input[id] : output[id]])),
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The token from POST /login or /signup" } },
    },
  };
}

// Swagger UI is laid out for desktops: on a phone (375 px) long paths, tables
// and examples would widen the page. These rules wrap or scroll them in place.
const DOCS_PHONE_CSS = [
  "body{margin:0}",
  ".swagger-ui .wrapper{padding:0 12px;box-sizing:border-box;max-width:100%}",
  ".swagger-ui .opblock .opblock-summary{flex-wrap:wrap}",
  ".swagger-ui .opblock .opblock-summary-path{word-break:break-all;max-width:100%;flex-shrink:1}",
  ".swagger-ui .opblock-summary-description{flex-basis:100%;word-break:break-word}",
  ".swagger-ui .opblock-body,.swagger-ui .responses-wrapper,.swagger-ui .parameters-container{overflow-x:auto}",
  ".swagger-ui table{display:block;overflow-x:auto;max-width:100%}",
  ".swagger-ui pre,.swagger-ui .microlight{white-space:pre-wrap;word-break:break-word}",
  ".swagger-ui .model-box,.swagger-ui .model{overflow-x:auto;max-width:100%;display:block}",
  ".swagger-ui .info .title{font-size:28px;word-break:break-word}",
  ".swagger-ui .scheme-container{padding:12px 0}",
  ".swagger-ui .information-container .info,.swagger-ui section.models{margin:16px 0}",
].join("");

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Ticketing API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>${DOCS_PHONE_CSS}</style></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });`;
/** The only files of swagger-ui-dist the page loads: its other pages (index.html, oauth2-redirect.html) are not ours to serve. */
const DOCS_ASSETS = new Set(["swagger-ui.css", "swagger-ui-bundle.js"]);

export function docsRoutes(options: RouteOptions) {
  const router = express.Router();
  const document = openapiDocument(options);
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  router.get("/docs", docsSecurityHeaders, (_req, res) => {
    res.type("html").send(DOCS_PAGE);
  });
  router.get("/docs/init.js", (_req, res) => {
    res.type("js").send(DOCS_INIT);
  });
  const assets = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  router.get("/docs/assets/:file", (req, res, next) => {
    const file = req.params.file;
    if (!DOCS_ASSETS.has(file)) return next(); // 404
    res.sendFile(join(assets, file), { maxAge: "1d" }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}

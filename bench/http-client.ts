// GraphQL over HTTP with node:http and keep-alive agents: no extra dependency,
// and a connection pool we size ourselves (fetch's global pool would hide how
// many sockets are really open). Every answer is reduced to one outcome code:
// "OK", the GraphQL error's extensions.code (SOLD_OUT, BUSY, ...), or HTTP_<status>.
import http from "node:http";

export interface Answer {
  outcome: string;
  /** Milliseconds from just before the request was written to the end of the response body. */
  ms: number;
  /** performance.now() when the response body ended. */
  at: number;
  body: unknown;
}

// What the web app asks of a booking (web/src/booking/BookingForm.tsx): the
// payload's own fields, no read-back of the ticket.
export const BOOK_TICKET = "mutation($e:Int!){ bookTicket(input:{eventId:$e}) { ticketId status } }";
export const TYPENAME = "{ __typename }";

export class GraphqlClient {
  readonly url: URL;
  readonly agent: http.Agent;

  /** `sockets`: most connections open to this server at once (Infinity for a rush). */
  constructor(baseUrl: string, sockets: number) {
    this.url = new URL("/graphql", baseUrl);
    if (this.url.hostname !== "127.0.0.1") throw new Error(`bench traffic stays on 127.0.0.1, not ${this.url.hostname}`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
    return this.send(this.url, JSON.stringify({ query, variables }), token, outcomeOf);
  }

  /** A booking through REST (POST /events/:id/book), reduced to the same outcome codes: 201 is OK, else the envelope's code. */
  bookRest(eventId: number, token: string): Promise<Answer> {
    return this.send(new URL(`/events/${eventId}/book`, this.url), "", token, restOutcomeOf);
  }

  private send(url: URL, payload: string, token: string | undefined, outcome: (status: number, body: any) => string): Promise<Answer> {
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (outcome: string, body: unknown) => {
        const at = performance.now();
        resolve({ outcome, ms: at - started, at, body });
      };
      const req = http.request(
        url,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            ...(payload ? { "content-type": "application/json" } : {}),
            "content-length": Buffer.byteLength(payload),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            let body: any;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            } catch {
              return done(`HTTP_${res.statusCode}`, null);
            }
            done(outcome(res.statusCode ?? 0, body), body);
          });
          res.on("error", () => done("NETWORK_ERROR", null));
        },
      );
      // A connection failure is an answer too: counted, never retried (retries would hide it).
      req.on("error", (error: NodeJS.ErrnoException) => done(`NETWORK_${error.code ?? "ERROR"}`, null));
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

function outcomeOf(status: number, body: any): string {
  const code = body?.errors?.[0]?.extensions?.code;
  if (code) return String(code);
  if (body?.errors) return "GRAPHQL_ERROR";
  if (status !== 200) return `HTTP_${status}`;
  return body?.data ? "OK" : "EMPTY";
}

function restOutcomeOf(status: number, body: any): string {
  if (status === 201 || status === 200) return "OK";
  return body?.error?.code ? String(body.error.code) : `HTTP_${status}`;
}

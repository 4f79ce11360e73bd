// Shared steps of the background-flow tests (test/api/flows-*.test.ts): book,
// cancel, pay through the mock checkout, deliver a signed webhook, and the
// inventory invariant every flow checks after each step:
//   tickets_remaining + held (pending, offered) + sold (confirmed) = total_tickets
import { expect } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import type { RunningServer } from "../../src/server.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { request, testPaymentSecret } from "./app.ts";
import type { TestDatabase } from "./db.ts";
import { insertEvent, tokenFor } from "./fixtures.ts";

export function flowSteps(t: { db: TestDatabase; server: RunningServer }) {
  const steps = {
    async paidEvent(total: number, price = 1500) {
      const event = await insertEvent(t.db, { total_tickets: total });
      await t.db.owner.query("update app_public.events set price_cents = $2 where id = $1", [event.id, price]);
      return event;
    },
    book: (eventId: number, student: Claims) =>
      request(t.server.url, "POST", `/events/${eventId}/book`, { token: tokenFor(student) }),
    cancel: (ticketId: number, student: Claims) =>
      request(t.server.url, "DELETE", `/tickets/${ticketId}`, { token: tokenFor(student) }),
    ticket: async (id: number) => (await t.db.owner.query("select * from app_public.tickets where id = $1", [id])).rows[0],

    async expectInventoryAddsUp(eventId: number) {
      const { rows } = await t.db.owner.query(
        `select e.total_tickets, e.tickets_remaining,
           count(*) filter (where t.status in ('pending', 'offered'))::int as held,
           count(*) filter (where t.status = 'confirmed')::int as sold
         from app_public.events e left join app_public.tickets t on t.event_id = e.id
         where e.id = $1 group by e.id`,
        [eventId],
      );
      const r = rows[0];
      expect(r.tickets_remaining + r.held + r.sold).toBe(r.total_tickets);
      return r as { total_tickets: number; tickets_remaining: number; held: number; sold: number };
    },

    /** The payer completes the mock checkout with the client secret they were given. */
    checkout: (payment: { intent_id: string; client_secret: string }) =>
      request(t.server.url, "POST", `/payments/mock/${payment.intent_id}/confirm`, {
        body: { client_secret: payment.client_secret },
      }),

    webhook(body: unknown, signature?: string) {
      const raw = JSON.stringify(body);
      return request(t.server.url, "POST", "/webhooks/payments", {
        body: raw,
        headers: { "payment-signature": signature ?? signWebhook(raw, testPaymentSecret) },
      });
    },
  };
  return steps;
}

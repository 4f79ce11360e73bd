// GraphQL `payForTicket`: start paying for a held ticket (same flow as
// POST /tickets/:id/pay). The payment is settled by the provider's webhook.
import { context, sideEffect, type FieldArgs, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import type { PgSettings } from "../auth/pg-settings.ts";
import type { PaymentService } from "../payments/service.ts";

export function makePaymentPlugin(payments: PaymentService) {
  return extendSchema(
    () => ({
      typeDefs: gql`
        type PaymentIntent {
          intentId: String!
          "Hand this to the payment provider's checkout."
          clientSecret: String!
          amountCents: Int!
        }
        extend type Mutation {
          "Start paying for a held (pending) ticket; the amount is the ticket's. Errors: NOT_FOUND, NOT_PAYABLE, TOO_MANY_PAYMENT_ATTEMPTS, PAYMENTS_UNAVAILABLE."
          payForTicket(ticketId: Int!): PaymentIntent
        }
      `,
      objects: {
        Mutation: {
          plans: {
            payForTicket(_$root: unknown, fieldArgs: FieldArgs) {
              const $ticketId = fieldArgs.getRaw("ticketId") as Step<number>;
              const $settings = context().get("pgSettings") as Step<PgSettings>;
              return sideEffect([$ticketId, $settings], async ([ticketId, settings]) => {
                const intent = await payments.startPayment(settings, ticketId);
                return { intentId: intent.intent_id, clientSecret: intent.client_secret, amountCents: intent.amount_cents };
              });
            },
          },
        },
      },
    }),
    "PaymentPlugin",
  );
}

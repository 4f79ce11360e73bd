// The one availability message: what the database sends with pg_notify and
// returns as an event's current value (event_availability_json,
// db/schema/availability.sql). Subscribers get it as it is (GraphQL
// EventAvailability); the booking fast path reads the sales window from it.

import type { SalesState } from "../generated/vocabulary.ts";

export interface AvailabilityMessage {
  event_id: number;
  tickets_remaining: number;
  total_tickets: number;
  sold_out: boolean;
  /** Which refusal, if any, applies to every booking (events_sales_state), as of the change that sent the message; a job announces each moment of the window as it passes. */
  sales_state: SalesState;
  /** ISO 8601 UTC; sales_start / sales_end null when the window has no such bound. */
  starts_at: string;
  sales_start: string | null;
  sales_end: string | null;
  /** Rises with every change of this event's availability (inventory, window, start). */
  version: number;
  category_id: number | null;
}

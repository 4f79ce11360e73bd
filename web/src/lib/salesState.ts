// The API's salesState (the GraphQL enum SalesState, from the database's
// app_public.sales_state) plus "few_left": on sale with at most a tenth of the
// seats (and at least 3) left.
import type { EventAvailability, SalesState } from "../gql/graphql.ts";

export type DisplayState = SalesState | "few_left";

/** An availability message (GraphQL EventAvailability) or an event's own fields, as far as the pages use them. */
export type Availability = Pick<EventAvailability, "ticketsRemaining" | "totalTickets"> & {
  salesState: SalesState | null | undefined;
  version: EventAvailability["version"] | number;
};

export function displayState(a: Pick<Availability, "ticketsRemaining" | "totalTickets" | "salesState">): DisplayState {
  const s = a.salesState;
  if (s === "cancelled" || s === "not_open" || s === "sold_out" || s === "closed" || s === "started") return s;
  if (a.ticketsRemaining <= 0) return "sold_out";
  if (a.ticketsRemaining <= Math.max(3, Math.ceil(a.totalTickets / 10))) return "few_left";
  return "on_sale";
}

export const stateLabel: Record<DisplayState, string> = {
  not_open: "Sales not open yet",
  on_sale: "On sale",
  few_left: "Few left",
  sold_out: "Sold out",
  closed: "Sales closed",
  started: "Started",
  cancelled: "Cancelled",
};

/** The newer of two readings: availability messages carry a version that only rises. */
export function newer<T extends { version: string | number }>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return BigInt(b.version) > BigInt(a.version) ? b : a;
}

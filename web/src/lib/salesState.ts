// The API's salesState (not_open, on_sale, sold_out, closed, started) plus
// "few_left": on sale with at most a tenth of the seats (and at least 3) left.
export type DisplayState = "not_open" | "on_sale" | "few_left" | "sold_out" | "closed" | "started";

export interface Availability {
  ticketsRemaining: number;
  totalTickets: number;
  salesState: string | null | undefined;
  version: string | number;
}

export function displayState(a: Pick<Availability, "ticketsRemaining" | "totalTickets" | "salesState">): DisplayState {
  const s = a.salesState;
  if (s === "not_open" || s === "sold_out" || s === "closed" || s === "started") return s;
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
};

/** The newer of two readings: availability messages carry a version that only rises. */
export function newer<T extends { version: string | number }>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return BigInt(b.version) > BigInt(a.version) ? b : a;
}

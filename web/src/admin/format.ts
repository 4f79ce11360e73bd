// Dates in the admin's own time zone, with the zone named; prices in dollars.
const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
});
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const money = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "14:05" (or "2:05 PM"), as the check-in desk shows when a ticket was used. */
export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

export function formatPrice(cents: number): string {
  return cents === 0 ? "Free" : money.format(cents / 100);
}

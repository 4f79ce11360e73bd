// Dates are shown in the viewer's own time zone (the browser's), with the zone
// named. Compact: the year only when it is not this one; the time never wraps.
const sameYear = new Intl.DateTimeFormat(undefined, {
  weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
});
const otherYear = new Intl.DateTimeFormat(undefined, {
  weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
});
const dayOnly = new Intl.DateTimeFormat(undefined, { day: "numeric" });
const monthOnly = new Intl.DateTimeFormat(undefined, { month: "short" });
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return (date.getFullYear() === new Date().getFullYear() ? sameYear : otherYear).format(date);
}

/** The day of the month and the month ("9", "Dec") for a calendar-style date badge. */
export function dateBadge(iso: string): { day: string; month: string } {
  const date = new Date(iso);
  return { day: dayOnly.format(date), month: monthOnly.format(date) };
}

export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

export function formatPrice(cents: number): string {
  if (cents === 0) return "Free";
  return new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(cents / 100);
}

/** "1 ticket", "2 tickets" (English nouns with a plain -s plural). */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "4:05" or "1:02:03" left until a deadline; "0:00" once it has passed. */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.floor(msLeft / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

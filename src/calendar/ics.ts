// One event as an iCalendar file (RFC 5545), for "add to calendar" and the
// booking confirmation email. Times in UTC ("Z"); the UID names the event on
// this site, so a calendar that imports the file again updates the same entry
// (SEQUENCE rises with every change of the event).

export interface CalendarEvent {
  id: number;
  name: string;
  description: string;
  venue: string;
  startsAt: Date;
  updatedAt: Date;
  cancelled?: boolean;
}

/** Events have no end time: a calendar entry lasts this long. */
export const CALENDAR_ENTRY_MINUTES = 120;

export function eventCalendar(event: CalendarEvent, publicUrl: string, now = new Date()): string {
  const host = new URL(publicUrl).hostname || "localhost";
  const url = `${publicUrl}/events/${event.id}`;
  const end = new Date(event.startsAt.getTime() + CALENDAR_ENTRY_MINUTES * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Campus tickets//Event calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:event-${event.id}@${host}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(end)}`,
    // Seconds since 2020: rises with each change, fits the 32-bit integer calendars expect until 2088.
    `SEQUENCE:${Math.max(0, Math.floor((event.updatedAt.getTime() - Date.UTC(2020, 0, 1)) / 1000))}`,
    `SUMMARY:${text(event.name)}`,
    `LOCATION:${text(event.venue)}`,
    `DESCRIPTION:${text(event.description ? `${event.description}\n\n${url}` : url)}`,
    `URL:${url}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** 20261209T180000Z */
function utc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT values escape backslashes, semicolons, commas and newlines (RFC 5545 3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after a space (3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      parts.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

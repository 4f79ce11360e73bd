// The attendee list as a spreadsheet opens it: UTF-8 with a byte order mark (so
// Excel reads accents right), a header row, every field quoted (RFC 4180: quotes
// doubled, CRLF line ends). A name is typed by its owner, so a cell that a
// spreadsheet would run as a formula (= + - @, tab, CR) is written as text with a
// leading apostrophe (OWASP's advice on CSV injection).
interface AttendeeRow {
  ticket_id: number;
  user_id: number;
  name: string;
  email: string;
  status: string;
  booked_at: Date;
  checked_in_at: Date | null;
}

const HEADER = ["Name", "Email", "Ticket", "Status", "Booked at (UTC)", "Checked in at (UTC)"];

function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

const time = (moment: Date | null) => (moment ? moment.toISOString() : "");

export function attendeesCsv(rows: AttendeeRow[]): string {
  const lines = [HEADER, ...rows.map((r) => [r.name, r.email, String(r.ticket_id), r.status, time(r.booked_at), time(r.checked_in_at)])];
  return "\uFEFF" + lines.map((fields) => fields.map(cell).join(",")).join("\r\n") + "\r\n";
}

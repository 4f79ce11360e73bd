import { describe, expect, it } from "vitest";
import { eventCalendar } from "../../src/calendar/ics.ts";

const event = {
  id: 42,
  name: "Jazz, Blues; and \\ more",
  description: "Line one\nLine two",
  venue: "Main Quad",
  startsAt: new Date("2026-12-09T18:00:00Z"),
  updatedAt: new Date("2026-12-01T10:00:00Z"),
};

function unfold(ics: string) {
  return ics.replace(/\r\n /g, "");
}

describe("an event as an iCalendar file", () => {
  const ics = eventCalendar(event, "https://tickets.example.edu", new Date("2026-12-07T07:00:00Z"));

  it("has CRLF lines of at most 75 octets, one VEVENT with a stable UID and UTC times", () => {
    expect(ics.endsWith("\r\n")).toBe(true);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const lines = unfold(ics).split("\r\n");
    expect(lines).toContain("UID:event-42@tickets.example.edu");
    expect(lines).toContain("DTSTART:20261209T180000Z");
    expect(lines).toContain("DTEND:20261209T200000Z");
    expect(lines).toContain("DTSTAMP:20261207T070000Z");
    expect(lines).toContain("URL:https://tickets.example.edu/events/42");
    expect(lines).toContain("LOCATION:Main Quad");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("escapes commas, semicolons, backslashes and newlines in text", () => {
    const lines = unfold(ics).split("\r\n");
    expect(lines).toContain("SUMMARY:Jazz\\, Blues\\; and \\\\ more");
    expect(lines.find((l) => l.startsWith("DESCRIPTION:"))).toBe("DESCRIPTION:Line one\\nLine two\\n\\nhttps://tickets.example.edu/events/42");
  });

  it("folds long lines without splitting a character, and the same event keeps its UID while SEQUENCE rises", () => {
    const long = eventCalendar({ ...event, name: "É".repeat(100) }, "https://tickets.example.edu");
    for (const line of long.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(unfold(long)).toContain(`SUMMARY:${"É".repeat(100)}`);
    const later = eventCalendar({ ...event, updatedAt: new Date("2026-12-02T10:00:00Z") }, "https://tickets.example.edu");
    const seq = (s: string) => Number(/SEQUENCE:(\d+)/.exec(s)![1]);
    expect(seq(later)).toBeGreaterThan(seq(ics));
    expect(later).toContain("UID:event-42@tickets.example.edu");
  });
});

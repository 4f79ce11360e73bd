// GET /events/:id/calendar.ics: the event for anyone's calendar, as iCalendar
// (RFC 5545) with the event's own times in UTC and a UID that stays the same.
import { describe, expect, it } from "vitest";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent } from "../helpers/fixtures.ts";

const t = useTestServer({ overrides: { publicUrl: "https://tickets.example.edu" } });

const unfold = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n");
const utc = (date: Date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

describe("GET /events/:id/calendar.ics", () => {
  it("answers text/calendar with one VEVENT: stable UID, UTC start and end, summary, location and the event's page", async () => {
    // Last changed a minute ago: SEQUENCE counts seconds, and the move below must land in a later second.
    const { rows: [row] } = await t.db.owner.query<{ id: number; starts_at: Date }>(
      `insert into app_public.events (name, venue, starts_at, total_tickets, updated_at)
       values ('Calendar Jazz, Live', 'Main Hall', now() + interval '7 days', 100, now() - interval '1 minute') returning id, starts_at`,
    );
    const event = { id: row!.id };
    const first = await fetch(`${t.server.url}/events/${event.id}/calendar.ics`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const lines = unfold(await first.text());
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain(`UID:event-${event.id}@tickets.example.edu`);
    expect(lines).toContain(`DTSTART:${utc(row!.starts_at)}`);
    expect(lines).toContain(`DTEND:${utc(new Date(row!.starts_at.getTime() + 2 * 3600_000))}`);
    expect(lines).toContain("SUMMARY:Calendar Jazz\\, Live");
    expect(lines).toContain("LOCATION:Main Hall");
    expect(lines).toContain(`URL:https://tickets.example.edu/events/${event.id}`);

    // Moved: the same UID, a later start, a higher SEQUENCE (a calendar updates its entry).
    await t.db.owner.query("update app_public.events set starts_at = starts_at + interval '1 day' where id = $1", [event.id]);
    const moved = unfold(await (await fetch(`${t.server.url}/events/${event.id}/calendar.ics`)).text());
    expect(moved).toContain(`UID:event-${event.id}@tickets.example.edu`);
    expect(moved).toContain(`DTSTART:${utc(new Date(row!.starts_at.getTime() + 86_400_000))}`);
    const sequence = (l: string[]) => Number(l.find((x) => x.startsWith("SEQUENCE:"))!.slice(9));
    expect(sequence(moved)).toBeGreaterThan(sequence(lines));
  });

  it("a browser's page load of it gets the file, not the web app", async () => {
    const event = await insertEvent(t.db);
    const answer = await fetch(`${t.server.url}/events/${event.id}/calendar.ics`, { headers: { accept: "text/html,*/*;q=0.8" } });
    expect(answer.headers.get("content-type")).toMatch(/^text\/calendar/);
  });

  it("an unknown event is 404 and a bad id 400, in the error envelope", async () => {
    expect(await request(t.server.url, "GET", "/events/999999/calendar.ics")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await request(t.server.url, "GET", "/events/abc/calendar.ics")).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
  });
});

// Fair release through HTTP and websockets, with the real worker tasks: a student
// waits in the waiting room (live position over the queueEntry subscription), is
// admitted and books; another lapses and the next is admitted; a lottery with more
// entrants than seats: winners claim, an unclaimed win passes on, losers are told.
import { afterAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";
import { drawDue, turnsRunOut } from "../helpers/release.ts";
import { RecordingMailer, runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const clients: { dispose(): void | Promise<void> }[] = [];
afterAll(async () => {
  for (const client of clients) await client.dispose();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const as = (student: Claims) => ({ token: tokenFor(student) });

async function createEvent(body: Record<string, unknown>) {
  return request(t.server.url, "POST", "/events", {
    token: t.adminToken,
    body: { name: "Spring Concert", venue: "Main Hall", datetime: inDays(7), total_tickets: 2, ...body },
  });
}

const QUEUE_ENTRY = "subscription ($id: Int!) { queueEntry(eventId: $id) { eventId state position admittedUntil } }";

describe("event fields", () => {
  it("are created and changed over REST, validated by the database", async () => {
    const created = await createEvent({ release_mode: "queue", sales_start: inDays(1), admission_minutes: 5 });
    expect(created.status).toBe(201);
    expect(created.body.event).toMatchObject({ release_mode: "queue", admission_minutes: 5, offer_minutes: 1440, queue_opens_at: null });

    const refused = await createEvent({ release_mode: "queue" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "INVALID_INPUT", field: "sales_start" });
    const wrongMode = await createEvent({ release_mode: "raffle" });
    expect(wrongMode.body.error).toMatchObject({ code: "INVALID_INPUT", field: "release_mode" });

    const changed = await request(t.server.url, "PATCH", `/events/${created.body.event.id}`, {
      token: t.adminToken,
      body: { queue_opens_at: inDays(0.5) },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.event.queue_opens_at).toBe(new Date(changed.body.event.queue_opens_at).toISOString());
  });
});

describe("the waiting room", () => {
  it("shows each student their place live, admits from the front, and passes a lapsed turn on", async () => {
    const event = (await createEvent({ release_mode: "queue", sales_start: inDays(1), total_tickets: 1 })).body.event;
    const students = await insertUsers(t.db, 3, "student", { verified: true });
    for (const s of students) {
      const joined = await request(t.server.url, "POST", `/events/${event.id}/queue`, as(s));
      expect(joined.status).toBe(201);
      expect(joined.body.entry).toEqual({ event_id: event.id, state: "waiting", position: null, admitted_until: null });
    }
    const again = await request(t.server.url, "POST", `/events/${event.id}/queue`, as(students[0]!));
    expect(again.status).toBe(200);

    const watchers = students.map((s) => {
      const client = wsClient(t.server.url, tokenFor(s));
      clients.push(client);
      return record(client, QUEUE_ENTRY, { id: event.id }, (data) => data.queueEntry);
    });
    for (const w of watchers) await w.until((m) => m.length === 1 && m[0].state === "waiting" && m[0].position === null);

    const early = await request(t.server.url, "POST", `/events/${event.id}/book`, as(students[0]!));
    expect(early.body.error.code).toBe("SALES_NOT_OPEN");

    await drawDue(t.db, event.id);
    await runJobs(t.db);
    // Pushed, not polled: one admitted, the other two told their places 1 and 2.
    const latest = async () => Promise.all(watchers.map(async (w) => (await w.until((m) => m.at(-1)?.state !== "waiting" || m.at(-1)?.position !== null)).at(-1)));
    const after = await latest();
    const admittedIndex = after.findIndex((m) => m.state === "admitted");
    expect(admittedIndex).toBeGreaterThanOrEqual(0);
    expect(after.filter((m) => m.state === "waiting").map((m) => m.position).sort()).toEqual([1, 2]);
    expect(Date.parse(after[admittedIndex].admittedUntil)).toBeGreaterThan(Date.now());

    const order = [admittedIndex, after.findIndex((m) => m.position === 1), after.findIndex((m) => m.position === 2)];
    const [first, second, third] = order.map((i) => students[i]!);
    expect((await request(t.server.url, "POST", `/events/${event.id}/book`, as(second!))).body.error.code).toBe("NOT_YOUR_TURN");

    // The first lets the turn lapse: the second is admitted, the third moves up.
    await turnsRunOut(t.db, event.id, "queue_entries");
    await runJobs(t.db);
    await watchers[order[1]!]!.until((m) => m.at(-1).state === "admitted");
    await watchers[order[2]!]!.until((m) => m.at(-1).position === 1);
    await watchers[order[0]!]!.until((m) => m.at(-1).state === "lapsed");
    expect((await request(t.server.url, "POST", `/events/${event.id}/book`, as(first!))).body.error.code).toBe("NOT_YOUR_TURN");

    const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, as(second!));
    expect(booked.status).toBe(201);
    await watchers[order[1]!]!.until((m) => m.at(-1).state === "booked");
    // Sold out: whoever still waits is told the queue closed.
    await watchers[order[2]!]!.until((m) => m.at(-1).state === "closed");
    expect((await request(t.server.url, "GET", `/events/${event.id}/queue/me`, as(third!))).body.entry).toMatchObject({ state: "closed" });

    const stats = await request(t.server.url, "GET", `/events/${event.id}/queue`, { token: t.adminToken });
    expect(stats.body).toEqual({ joined: 3, waiting: 0, admitted: 0, booked: 1, lapsed: 1, closed: 1 });
    expect((await request(t.server.url, "GET", `/events/${event.id}/queue`, as(third!))).status).toBe(403);
    const draw = await request(t.server.url, "GET", `/events/${event.id}/queue/draw`, { token: t.adminToken });
    expect(draw.body).toMatchObject({ seed: expect.stringMatching(/^[0-9a-f]{64}$/), order_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect([...draw.body.entries].sort()).toEqual([...draw.body.order].sort());
  });

  it("lets a student leave, and answers GraphQL with the same entry", async () => {
    const event = (await createEvent({ release_mode: "queue", sales_start: inDays(1) })).body.event;
    const student = await insertUser(t.db);
    const token = tokenFor(student);
    const joined = await graphql(t.server.url, "mutation ($id: Int!) { joinQueue(input: { eventId: $id }) { result { state position } } }", { id: event.id }, token);
    expect(joined.body.data.joinQueue.result).toEqual({ state: "waiting", position: null });
    const mine = await graphql(t.server.url, "query ($id: Int!) { myQueueEntry(eventId: $id) { state eventId } }", { id: event.id }, token);
    expect(mine.body.data.myQueueEntry).toEqual({ state: "waiting", eventId: event.id });
    const left = await request(t.server.url, "DELETE", `/events/${event.id}/queue/me`, { token });
    expect(left.body.entry.state).toBe("left");
    expect((await request(t.server.url, "DELETE", `/events/${event.id}/queue/me`, { token })).status).toBe(404);
    expect((await request(t.server.url, "POST", "/events/999999/queue", { token })).status).toBe(404);
  });

  it("refuses the subscription to anyone but a signed-in student", async () => {
    const event = (await createEvent({ release_mode: "queue", sales_start: inDays(1) })).body.event;
    const anonymous = wsClient(t.server.url);
    clients.push(anonymous);
    const refused = record(anonymous, QUEUE_ENTRY, { id: event.id }, (data) => data);
    expect(await refused.ended).toMatchObject([{ extensions: { code: "UNAUTHENTICATED" } }]);
  });
});

describe("the lottery", () => {
  it("draws winners who claim; an unclaimed win passes on; every entrant is told", async () => {
    const event = (await createEvent({ release_mode: "lottery", lottery_closes_at: inDays(1), total_tickets: 2 })).body.event;
    const students = await insertUsers(t.db, 5, "student", { verified: true });
    for (const s of students) expect((await request(t.server.url, "POST", `/events/${event.id}/lottery`, as(s))).status).toBe(201);
    const again = await request(t.server.url, "POST", `/events/${event.id}/lottery`, as(students[0]!));
    expect(again).toMatchObject({ status: 200, body: { entry: { state: "entered", draw_rank: null } } });
    expect((await request(t.server.url, "POST", `/events/${event.id}/book`, as(students[0]!))).body.error.code).toBe("NOT_YOUR_TURN");

    await drawDue(t.db, event.id);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    expect((await request(t.server.url, "POST", `/events/${event.id}/lottery`, as(await insertUser(t.db)))).body.error.code).toBe("LOTTERY_CLOSED");

    const entries = await Promise.all(students.map(async (s) => (await request(t.server.url, "GET", `/events/${event.id}/lottery/me`, as(s))).body.entry));
    const byRank = students.map((s, i) => ({ s, entry: entries[i] })).sort((a, b) => a.entry.draw_rank - b.entry.draw_rank);
    expect(byRank.map((x) => x.entry.state)).toEqual(["won", "won", "lost", "lost", "lost"]);
    expect(mailer.sent.filter((m) => m.subject.startsWith("You won")).length).toBe(2);
    expect(mailer.sent.filter((m) => m.subject.startsWith("The lottery for")).length).toBe(3);

    const claimed = await request(t.server.url, "POST", `/events/${event.id}/lottery/me/claim`, as(byRank[0]!.s));
    expect(claimed.status).toBe(201);
    expect(claimed.body.ticket).toMatchObject({ status: "confirmed", event_id: event.id });
    expect((await request(t.server.url, "POST", `/events/${event.id}/lottery/me/claim`, as(byRank[0]!.s))).status).toBe(200);
    expect((await request(t.server.url, "POST", `/events/${event.id}/lottery/me/claim`, as(byRank[2]!.s))).body.error.code).toBe("NO_WIN");

    // The second winner does not claim in time: the win passes to the third in the order.
    await turnsRunOut(t.db, event.id, "lottery_entries");
    await runJobs(t.db, mailer);
    expect((await request(t.server.url, "POST", `/events/${event.id}/lottery/me/claim`, as(byRank[1]!.s))).body.error.code).toBe("OFFER_EXPIRED");
    expect((await request(t.server.url, "GET", `/events/${event.id}/lottery/me`, as(byRank[2]!.s))).body.entry.state).toBe("won");
    expect((await request(t.server.url, "POST", `/events/${event.id}/lottery/me/claim`, as(byRank[2]!.s))).status).toBe(201);

    const draw = await request(t.server.url, "GET", `/events/${event.id}/lottery/draw`, { token: t.adminToken });
    expect(draw.body.winners).toEqual(draw.body.order.slice(0, 2));
    expect((await request(t.server.url, "GET", `/events/${event.id}/lottery/draw`, as(students[0]!))).status).toBe(403);
  });
});

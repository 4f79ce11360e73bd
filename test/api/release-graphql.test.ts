// Fair release through GraphQL (what the web app speaks), with the real worker
// tasks: the release fields on createEvent; a waiting room whose students are
// pushed their place over the queueEntry subscription, admitted from the front,
// and booking with bookTicket only in turn (NOT_YOUR_TURN otherwise, and
// first-come events as before); a lottery entered, drawn, claimed; the figures
// and draws on the event for those who run it only.
import { afterAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { graphql, useTestServer } from "../helpers/app.ts";
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

const CREATE = `mutation ($input: CreateEventInput!) {
  createEvent(input: $input) { event { id releaseMode salesStart queueOpensAt admissionMinutes lotteryClosesAt offerMinutes } }
}`;
async function createEvent(fields: Record<string, unknown>) {
  return graphql(t.server.url, CREATE, { input: { name: "Spring Concert", venue: "Main Hall", startsAt: inDays(7), totalTickets: 2, ...fields } }, t.adminToken);
}

const BOOK = "mutation ($id: Int!, $key: String!) { bookTicket(input: { eventId: $id, idempotencyKey: $key }) { ticketId status } }";
let keys = 0;
const book = (student: Claims, eventId: number) => graphql(t.server.url, BOOK, { id: eventId, key: `release-${process.pid}-${keys++}` }, tokenFor(student));
const codeOf = (answer: { body: { errors?: { extensions?: { code?: string } }[] } }) => answer.body.errors?.[0]?.extensions?.code;

const QUEUE_ENTRY = "subscription ($id: Int!) { queueEntry(eventId: $id) { eventId state position admittedUntil } }";
const JOIN = "mutation ($id: Int!) { joinQueue(input: { eventId: $id }) { result { state position } } }";
const FIGURES = `query ($id: Int!) { eventById(id: $id) {
  queueStats { joined waiting admitted booked lapsed closed }
  queueDraw { seed algorithm entries order orderHash }
  lotteryDraw { seed entries order winners orderHash }
} }`;

describe("the release fields", () => {
  it("are created through createEvent and validated by the database", async () => {
    const created = await createEvent({ releaseMode: "queue", salesStart: inDays(1), admissionMinutes: 5 });
    expect(created.body.data.createEvent.event).toMatchObject({ releaseMode: "queue", admissionMinutes: 5, offerMinutes: 1440, queueOpensAt: null });
    const refused = await createEvent({ releaseMode: "lottery" });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "lotteryClosesAt" });
  });
});

describe("the waiting room", () => {
  it("pushes each student their place, admits from the front, passes a lapsed turn on, books only in turn", async () => {
    const event = (await createEvent({ releaseMode: "queue", salesStart: inDays(1), totalTickets: 1 })).body.data.createEvent.event;
    const students = await insertUsers(t.db, 3, "student", { verified: true });
    for (const s of students) {
      const joined = await graphql(t.server.url, JOIN, { id: event.id }, tokenFor(s));
      expect(joined.body.data.joinQueue.result).toEqual({ state: "waiting", position: null });
    }
    const watchers = students.map((s) => {
      const client = wsClient(t.server.url, tokenFor(s));
      clients.push(client);
      return record(client, QUEUE_ENTRY, { id: event.id }, (data) => data.queueEntry);
    });
    for (const w of watchers) await w.until((m) => m.length === 1 && m[0].state === "waiting" && m[0].position === null);
    // Before the start: the usual refusal first.
    expect(codeOf(await book(students[0]!, event.id))).toBe("SALES_NOT_OPEN");

    await drawDue(t.db, event.id);
    await runJobs(t.db);
    const after = await Promise.all(
      watchers.map(async (w) => (await w.until((m) => m.at(-1)?.state !== "waiting" || m.at(-1)?.position !== null)).at(-1)),
    );
    const order = [after.findIndex((m) => m.state === "admitted"), after.findIndex((m) => m.position === 1), after.findIndex((m) => m.position === 2)];
    expect([...order].sort()).toEqual([0, 1, 2]);
    const [first, second, third] = order.map((i) => students[i]!);
    expect(codeOf(await book(second!, event.id))).toBe("NOT_YOUR_TURN");

    // The first lets the turn lapse: the second is admitted, the third moves up, all pushed.
    await turnsRunOut(t.db, event.id, "queue_entries");
    await runJobs(t.db);
    await watchers[order[0]!]!.until((m) => m.at(-1).state === "lapsed");
    await watchers[order[1]!]!.until((m) => m.at(-1).state === "admitted");
    await watchers[order[2]!]!.until((m) => m.at(-1).position === 1);
    expect(codeOf(await book(first!, event.id))).toBe("NOT_YOUR_TURN");
    expect((await book(second!, event.id)).body.data.bookTicket.status).toBe("confirmed");
    await watchers[order[1]!]!.until((m) => m.at(-1).state === "booked");
    await watchers[order[2]!]!.until((m) => m.at(-1).state === "closed"); // sold out
    expect(codeOf(await book(third!, event.id))).toBe("SOLD_OUT");

    const figures = await graphql(t.server.url, FIGURES, { id: event.id }, t.adminToken);
    expect(figures.body.data.eventById.queueStats).toEqual({ joined: 3, waiting: 0, admitted: 0, booked: 1, lapsed: 1, closed: 1 });
    const draw = figures.body.data.eventById.queueDraw;
    expect(draw).toMatchObject({ seed: expect.stringMatching(/^[0-9a-f]{64}$/), orderHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect([...draw.order].sort()).toEqual([...draw.entries].sort());
    // A student who does not run the event sees neither.
    const asStudent = await graphql(t.server.url, FIGURES, { id: event.id }, tokenFor(third!));
    expect(asStudent.body.data.eventById).toEqual({ queueStats: null, queueDraw: null, lotteryDraw: null });
  });

  it("first pushes each subscriber its own entry, however many subscribe while the line is being read", async () => {
    const event = (await createEvent({ releaseMode: "queue", salesStart: inDays(1) })).body.data.createEvent.event;
    const students = await insertUsers(t.db, 60, "student", { verified: true });
    for (const s of students) await graphql(t.server.url, JOIN, { id: event.id }, tokenFor(s));
    // All at once: later subscribers arrive while the instance reads the entries of earlier ones.
    const watchers = students.map((s) => {
      const client = wsClient(t.server.url, tokenFor(s));
      clients.push(client);
      return record(client, QUEUE_ENTRY, { id: event.id }, (data) => data.queueEntry);
    });
    const firsts = await Promise.all(watchers.map(async (w) => (await w.until((m) => m.length >= 1))[0]));
    expect(firsts.filter((m) => m?.state !== "waiting")).toEqual([]);
  });

  it("leaves a first-come event as it was: anyone books, no queue", async () => {
    const event = (await createEvent({ totalTickets: 1 })).body.data.createEvent.event;
    expect(event.releaseMode).toBe("first_come");
    const student = await insertUser(t.db);
    expect(codeOf(await graphql(t.server.url, JOIN, { id: event.id }, tokenFor(student)))).toBe("WRONG_RELEASE_MODE");
    expect((await book(student, event.id)).body.data.bookTicket.status).toBe("confirmed");
  });

  it("lets a student leave; the subscription is for signed-in students only", async () => {
    const event = (await createEvent({ releaseMode: "queue", salesStart: inDays(1) })).body.data.createEvent.event;
    const student = await insertUser(t.db);
    const token = tokenFor(student);
    await graphql(t.server.url, JOIN, { id: event.id }, token);
    const mine = await graphql(t.server.url, "query ($id: Int!) { myQueueEntry(eventId: $id) { state eventId } }", { id: event.id }, token);
    expect(mine.body.data.myQueueEntry).toEqual({ state: "waiting", eventId: event.id });
    const LEAVE = "mutation ($id: Int!) { leaveQueue(input: { eventId: $id }) { result { state } } }";
    expect((await graphql(t.server.url, LEAVE, { id: event.id }, token)).body.data.leaveQueue.result.state).toBe("left");
    expect(codeOf(await graphql(t.server.url, LEAVE, { id: event.id }, token))).toBe("NOT_FOUND");

    for (const [caller, code] of [[undefined, "UNAUTHENTICATED"], [t.adminToken, "FORBIDDEN"]] as const) {
      const client = wsClient(t.server.url, caller);
      clients.push(client);
      const refused = record(client, QUEUE_ENTRY, { id: event.id }, (data) => data);
      expect(await refused.ended).toMatchObject([{ extensions: { code } }]);
    }
  });
});

describe("the lottery", () => {
  it("draws winners who claim; an unclaimed win passes on; losers are told their place", async () => {
    const event = (await createEvent({ releaseMode: "lottery", lotteryClosesAt: inDays(1), totalTickets: 2 })).body.data.createEvent.event;
    const students = await insertUsers(t.db, 5, "student", { verified: true });
    const ENTER = "mutation ($id: Int!) { enterLottery(input: { eventId: $id }) { result { state drawRank } } }";
    for (const s of students) {
      expect((await graphql(t.server.url, ENTER, { id: event.id }, tokenFor(s))).body.data.enterLottery.result).toEqual({ state: "entered", drawRank: null });
    }
    expect(codeOf(await book(students[0]!, event.id))).toBe("NOT_YOUR_TURN");

    await drawDue(t.db, event.id);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    expect(codeOf(await graphql(t.server.url, ENTER, { id: event.id }, tokenFor(await insertUser(t.db))))).toBe("LOTTERY_CLOSED");

    const MINE = "query ($id: Int!) { myLotteryEntry(eventId: $id) { state drawRank offerExpiresAt } }";
    const entries = await Promise.all(students.map(async (s) => (await graphql(t.server.url, MINE, { id: event.id }, tokenFor(s))).body.data.myLotteryEntry));
    const byRank = students.map((s, i) => ({ s, entry: entries[i] })).sort((a, b) => a.entry.drawRank - b.entry.drawRank);
    expect(byRank.map((x) => x.entry.state)).toEqual(["won", "won", "lost", "lost", "lost"]);
    expect(mailer.sent.filter((m) => m.subject.startsWith("You won")).length).toBe(2);
    expect(mailer.sent.filter((m) => m.subject.startsWith("The lottery for")).length).toBe(3);

    const CLAIM = "mutation ($id: Int!) { claimLotteryWin(input: { eventId: $id }) { result { status eventId } } }";
    const claim = (s: Claims) => graphql(t.server.url, CLAIM, { id: event.id }, tokenFor(s));
    expect((await claim(byRank[0]!.s)).body.data.claimLotteryWin.result).toEqual({ status: "confirmed", eventId: event.id });
    expect(codeOf(await claim(byRank[2]!.s))).toBe("NO_WIN");

    await turnsRunOut(t.db, event.id, "lottery_entries");
    await runJobs(t.db, mailer);
    expect(codeOf(await claim(byRank[1]!.s))).toBe("OFFER_EXPIRED");
    expect((await claim(byRank[2]!.s)).body.data.claimLotteryWin.result.status).toBe("confirmed");

    const figures = await graphql(t.server.url, FIGURES, { id: event.id }, t.adminToken);
    const draw = figures.body.data.eventById.lotteryDraw;
    expect(draw.winners).toEqual(draw.order.slice(0, 2));
    expect(figures.body.data.eventById.queueStats).toBeNull(); // not a queue
    expect((await graphql(t.server.url, FIGURES, { id: event.id }, tokenFor(students[0]!))).body.data.eventById.lotteryDraw).toBeNull();
  });
});

// Your data and closing your account, against a production-mode server: the
// export holds everything stored about the caller and nobody else's; closing
// the account needs the password, returns its seats (waitlist first), refunds
// what was paid, erases name and email, refuses its tokens, and frees the email.
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { logIn, newEmail, PASSWORD, signUp, tokenStatus } from "../helpers/accounts.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

/** A paid, confirmed ticket of `userId` with its succeeded payment (as the webhook leaves them). */
async function paidTicket(userId: number) {
  const event = await insertEvent(t.db, { total_tickets: 5 });
  const { rows } = await t.db.owner.query(
    `with t as (
       insert into app_public.tickets (event_id, user_id, status, price_cents, paid_at, check_in_code, confirmed_at)
       values ($1, $2, 'confirmed', 1500, now(), 'TKT-' || md5(random()::text), now()) returning id)
     insert into app_private.payments (intent_id, ticket_id, amount_cents, status)
     select 'pi_' || md5(random()::text), t.id, 1500, 'succeeded' from t returning ticket_id, intent_id`,
    [event.id, userId],
  );
  await t.db.owner.query("update app_public.events set tickets_remaining = tickets_remaining - 1 where id = $1", [event.id]);
  return rows[0] as { ticket_id: number; intent_id: string };
}

describe("GET /me/export", () => {
  it("holds the account, tickets, waitlist entries, payments, refunds and sessions, and nothing of anyone else's", async () => {
    const email = newEmail();
    const me = await signUp(t.server.url, email, "Phone");
    await logIn(t.server.url, email, "Laptop");
    const free = await insertEvent(t.db, { total_tickets: 1 });
    const booked = await request(t.server.url, "POST", `/events/${free.id}/book`, { token: me.token });
    expect(booked.status).toBe(201);
    const paid = await paidTicket(me.user.id);
    const someoneElse = await insertUser(t.db);
    await request(t.server.url, "POST", `/events/${free.id}/waitlist`, { token: tokenFor(someoneElse) });

    const exported = await request(t.server.url, "GET", "/me/export", { token: me.token });
    expect(exported.status).toBe(200);
    const data = exported.body;
    expect(data.account).toMatchObject({ id: me.user.id, email, email_verified: false, created_at: expect.stringMatching(/Z$/) });
    expect(data.tickets.map((x: { id: number }) => x.id).sort()).toEqual([booked.body.ticket.id, paid.ticket_id].sort());
    expect(data.tickets.find((x: { id: number }) => x.id === booked.body.ticket.id)).toMatchObject({
      event_name: free.name,
      check_in_code: booked.body.ticket.check_in_code,
      booked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect(data.payments).toEqual([expect.objectContaining({ intent_id: paid.intent_id, amount_cents: 1500, status: "succeeded" })]);
    expect(data.waitlist_entries).toEqual([]); // someone else's entry is not in it
    expect(data.refunds).toEqual([]);
    expect(data.sessions.map((s: { user_agent: string; current: boolean }) => [s.user_agent, s.current])).toEqual([
      ["Phone", true],
      ["Laptop", false],
    ]);

    const gql = await graphql(t.server.url, "{ exportMyData }", {}, me.token);
    const { exported_at: _a, ...viaGraphql } = gql.body.data.exportMyData;
    const { exported_at: _b, ...viaRest } = data;
    expect(viaGraphql).toEqual(viaRest);
    expect((await request(t.server.url, "GET", "/me/export")).status).toBe(401);
  });
});

describe("DELETE /me", () => {
  it("needs the password: a wrong one is 401 INVALID_CREDENTIALS and changes nothing", async () => {
    const me = await signUp(t.server.url);
    const wrong = await request(t.server.url, "DELETE", "/me", { token: me.token, body: { password: "not my password" } });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: "INVALID_CREDENTIALS", field: "password" } } });
    expect(await tokenStatus(t.server.url, me.token)).toBe(200);
    expect((await request(t.server.url, "DELETE", "/me", { token: me.token, body: {} })).body.error).toMatchObject({ code: "INVALID_INPUT", field: "password" });
  });

  it("returns the seat to the waitlist, refunds what was paid, erases name and email, refuses the token, frees the email", async () => {
    const email = newEmail();
    const me = await signUp(t.server.url, email);
    const other = await logIn(t.server.url, email, "Other device");
    const event = await insertEvent(t.db, { total_tickets: 1 });
    const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, { token: me.token });
    expect(booked.status).toBe(201);
    const waiting = await insertUser(t.db);
    expect((await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(waiting) })).status).toBe(201);
    const paid = await paidTicket(me.user.id);

    const deleted = await request(t.server.url, "DELETE", "/me", { token: me.token, body: { password: PASSWORD } });
    expect(deleted.status).toBe(204);
    for (const token of [me.token, other.token]) expect(await tokenStatus(t.server.url, token)).toBe(401);

    const tickets = await t.db.owner.query("select id, user_id, status from app_public.tickets where event_id = $1 order by id", [event.id]);
    expect(tickets.rows).toEqual([
      { id: booked.body.ticket.id, user_id: me.user.id, status: "cancelled" },
      { id: expect.any(Number), user_id: waiting.user_id, status: "offered" }, // waitlist first
    ]);
    const refund = await t.db.owner.query("select reason, amount_cents from app_private.refunds where intent_id = $1", [paid.intent_id]);
    expect(refund.rows).toEqual([{ reason: "cancelled", amount_cents: 1500 }]);
    const account = await t.db.owner.query("select name, email::text, deleted_at is not null as deleted from app_public.users where id = $1", [me.user.id]);
    expect(account.rows[0]).toEqual({ name: "Deleted account", email: `deleted-${me.user.id}@deleted.invalid`, deleted: true });
    expect((await request(t.server.url, "POST", "/login", { body: { email, password: PASSWORD } })).status).toBe(401);

    // The email is free again; the history stays, anonymous.
    const again = await signUp(t.server.url, email);
    expect(again.user.id).not.toBe(me.user.id);
  });

  it("deleteAccount is its GraphQL twin", async () => {
    const me = await signUp(t.server.url);
    const wrong = await graphql(t.server.url, `mutation { deleteAccount(input: { password: "nope nope" }) { deleted } }`, {}, me.token);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    const done = await graphql(t.server.url, "mutation($p: String!) { deleteAccount(input: { password: $p }) { deleted } }", { p: PASSWORD }, me.token);
    expect(done.body.data.deleteAccount).toEqual({ deleted: true });
    expect(await tokenStatus(t.server.url, me.token)).toBe(401);
  });
});

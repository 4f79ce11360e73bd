// When another instance holds an event's lock for longer than a booking may
// wait, the booking gets a clear, retryable 503 BUSY and nothing is written.
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { request, testRedisUrl, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ waitMs: 300 });

describe("lock wait", () => {
  it("answers 503 BUSY with Retry-After when the lock stays taken, then books once it is free", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const student = await insertUser(t.db);
    const redis = new Redis(testRedisUrl);
    const lockKey = `${t.db.name}:lock:event:${event.id}`;
    try {
      await redis.set(lockKey, "another-instance", "PX", 60_000); // a holder that is taking its time
      const response = await fetch(`${t.server.url}/events/${event.id}/book`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokenFor(student)}` },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BUSY");
      const { rows } = await t.db.owner.query("select tickets_remaining from app_public.events where id = $1", [event.id]);
      expect(rows[0].tickets_remaining).toBe(5);

      await redis.del(lockKey); // the holder finishes
      const retry = await request(t.server.url, "POST", `/events/${event.id}/book`, { token: tokenFor(student) });
      expect(retry.status).toBe(201);
    } finally {
      redis.disconnect();
    }
  });
});

// The frames a subscription cohort writes itself (src/websocket/frames.ts) are
// the bytes ws writes for the same text, at every length encoding; and the
// cohort key's premise holds: what eventAvailability and eventsAvailability
// return has only leaf fields, computed from the public message alone.
import { readFileSync } from "node:fs";
import { buildSchema, getNamedType, isLeafType, isObjectType } from "graphql";
import * as ws from "ws";
import { describe, expect, it } from "vitest";
import { framePrefix, textFrame } from "../../src/websocket/frames.ts";

describe("textFrame", () => {
  // 7-bit, 16-bit and 64-bit lengths, and each edge.
  it.each([0, 1, 124, 125, 126, 65_534, 65_535, 65_536, 200_000])("a message of %i bytes is framed as ws frames it", (length) => {
    const prefixText = '{"id":"é","type":"next","payload":';
    const prefix = Buffer.from(prefixText);
    const payload = Buffer.alloc(Math.max(0, length - prefix.length - 1), "x");
    const text = Buffer.concat([prefix, payload, Buffer.from("}")]);
    const [header, body] = (ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender.frame(text, { fin: true, mask: false, opcode: 1, readOnly: true, rsv1: false });
    expect(textFrame(framePrefix(prefixText), payload).equals(Buffer.concat([header!, body!]))).toBe(true);
  });
});

describe("the subscriptions cohorts share across callers", () => {
  it("return objects whose fields are all leaves (no nested read that could depend on who asks)", () => {
    const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
    const fields = schema.getSubscriptionType()!.getFields();
    for (const name of ["eventAvailability", "eventsAvailability"]) {
      const type = getNamedType(fields[name]!.type);
      expect(isObjectType(type)).toBe(true);
      if (!isObjectType(type)) continue;
      const notLeaves = Object.values(type.getFields()).filter((f) => !isLeafType(getNamedType(f.type)));
      expect(notLeaves.map((f) => f.name)).toEqual([]);
    }
  });
});

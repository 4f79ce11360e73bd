// The development mail transport's directory stays within its bounds: files
// and bytes, counting what was there before the process started; the oldest
// messages go first, a resend rewrites its file, and the log says so once,
// not once per file.
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { FileOutbox } from "../../src/notifications/file-outbox.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(limits: { maxFiles: number; maxBytes: number }) {
  const dir = mkdtempSync(join(tmpdir(), "file-outbox-"));
  dirs.push(dir);
  const lines: { msg: string; removed: number }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { dir, lines, outbox: new FileOutbox(dir, limits, pino({ level: "warn" }, sink)) };
}
const names = (dir: string) => readdirSync(dir).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

describe("the file outbox", () => {
  it("keeps the newest files within the count, and logs the removals once", async () => {
    const { dir, lines, outbox } = setup({ maxFiles: 3, maxBytes: 1 << 20 });
    for (let id = 1; id <= 10; id++) await outbox.write(`${id}.eml`, `message ${id}\n`);
    expect(names(dir)).toEqual(["8.eml", "9.eml", "10.eml"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: expect.stringContaining("file outbox full"), removed: 1 });
  });

  it("keeps the total size within its bound, and a resend rewrites its file instead of adding one", async () => {
    const { dir, outbox } = setup({ maxFiles: 100, maxBytes: 250 });
    const body = "x".repeat(99) + "\n"; // 100 bytes
    await outbox.write("1.eml", body);
    await outbox.write("2.eml", body);
    await outbox.write("2.eml", body); // the same message again
    expect(names(dir)).toEqual(["1.eml", "2.eml"]);
    await outbox.write("3.eml", body);
    expect(names(dir)).toEqual(["2.eml", "3.eml"]);
  });

  it("counts the files already there when it starts, oldest first", async () => {
    const { dir, outbox } = setup({ maxFiles: 2, maxBytes: 1 << 20 });
    writeFileSync(join(dir, "40.eml"), "old\n");
    writeFileSync(join(dir, "41.eml"), "older\n");
    utimesSync(join(dir, "41.eml"), new Date(2020, 0, 1), new Date(2020, 0, 1));
    writeFileSync(join(dir, "notes.txt"), "not a message\n");
    await outbox.write("42.eml", "new\n");
    expect(readdirSync(dir).sort()).toEqual(["40.eml", "42.eml", "notes.txt"]);
  });

  it("writes concurrent messages one at a time, so the bound holds", async () => {
    const { dir, outbox } = setup({ maxFiles: 4, maxBytes: 1 << 20 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => outbox.write(`${i + 1}.eml`, `message ${i + 1}\n`)));
    expect(names(dir)).toEqual(["37.eml", "38.eml", "39.eml", "40.eml"]);
  });
});

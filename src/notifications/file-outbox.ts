// The development mail transport's directory (no SMTP_URL), kept bounded: at
// most `maxFiles` message files and `maxBytes` bytes. Without a bound, a
// book/cancel loop wrote one file per booking to the server's disk (~800 MB an
// hour). When a new message would go past either bound, the oldest messages
// are removed (the newest are the ones a developer looks for), and the log says
// so: once when it starts, then at most once a minute with how many went.
import { mkdir, readdir, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../log.ts";

export interface FileOutboxLimits {
  maxFiles: number;
  maxBytes: number;
}

const LOG_EVERY_MS = 60_000;

export class FileOutbox {
  /** Message files, oldest first, once the directory has been read. */
  private files: { name: string; bytes: number }[] | undefined;
  private bytes = 0;
  /** Writes take turns, so the index always matches the directory. */
  private turn: Promise<unknown> = Promise.resolve();
  private removedSinceLog = 0;
  private lastLogAt = -Infinity;

  readonly dir: string;
  private readonly limits: FileOutboxLimits;
  private readonly log: Logger;

  constructor(dir: string, limits: FileOutboxLimits, log: Logger) {
    this.dir = dir;
    this.limits = limits;
    this.log = log;
  }

  /** Write (or rewrite, on a resend) one message file, then trim the oldest past the bounds. */
  write(name: string, content: string): Promise<void> {
    const done = this.turn.then(() => this.writeNow(name, content));
    this.turn = done.catch(() => {});
    return done;
  }

  private async writeNow(name: string, content: string) {
    const files = await this.index();
    const bytes = Buffer.byteLength(content);
    const earlier = files.findIndex((file) => file.name === name);
    if (earlier >= 0) this.bytes -= files.splice(earlier, 1)[0]!.bytes;
    await writeFile(join(this.dir, name), content);
    files.push({ name, bytes });
    this.bytes += bytes;
    let removed = 0;
    while (files.length > 1 && (files.length > this.limits.maxFiles || this.bytes > this.limits.maxBytes)) {
      const oldest = files.shift()!;
      this.bytes -= oldest.bytes;
      await unlink(join(this.dir, oldest.name)).catch(() => {}); // already gone: nothing to free
      removed++;
    }
    if (removed > 0) this.noteRemoved(removed);
  }

  private async index() {
    if (this.files) return this.files;
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((name) => name.endsWith(".eml"));
    const found = await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(this.dir, name));
        return { name, bytes: info.size, at: info.mtimeMs };
      }),
    );
    found.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name, "en", { numeric: true }));
    this.files = found.map(({ name, bytes }) => ({ name, bytes }));
    this.bytes = found.reduce((sum, file) => sum + file.bytes, 0);
    return this.files;
  }

  private noteRemoved(count: number) {
    this.removedSinceLog += count;
    const now = performance.now();
    if (now - this.lastLogAt < LOG_EVERY_MS) return;
    this.log.warn(
      { dir: this.dir, removed: this.removedSinceLog, files: this.files!.length, bytes: this.bytes, ...this.limits },
      "file outbox full: removed the oldest messages (MAIL_OUTBOX_MAX_FILES / MAIL_OUTBOX_MAX_BYTES)",
    );
    this.removedSinceLog = 0;
    this.lastLogAt = now;
  }
}

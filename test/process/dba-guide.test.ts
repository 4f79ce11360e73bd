// db/README.md's "Adding a migration", run as written: its shell block, line by
// line, in a copy of the repository (a git repository of its own), with only the
// database names changed to scratch ones and the edit it asks for made to
// db/schema/errors.sql. No DATABASE_URL is exported: the commands must find their
// databases in db/migrate.env. At the end, after the guide's own `git add` and
// `git commit`, nothing may be left changed or untracked (slow suite: ~40 s).
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { dropDatabase } from "../../src/tooling/databases.ts";

const guide = readFileSync("db/README.md", "utf8");
const block = /## Adding a migration[\s\S]*?```sh\n([\s\S]*?)```/.exec(guide)?.[1] ?? "";
const commands = block.split("\n").filter((line) => line.trim() && !line.trim().startsWith("#"));

const tag = randomBytes(4).toString("hex");
const names = { dev: `ticketing_guide_${tag}_dev`, shadow: `ticketing_guide_${tag}_shadow` };
const dir = mkdtempSync(join(tmpdir(), "ticketing-guide-"));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of Object.values(names)) await dropDatabase(inject("pgAdminUrl"), name);
});

function copyRepository() {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
  execFileSync("tar", ["-cf", join(dir, "repo.tar"), "--null", "-T", "-"], { input: files.filter((file) => existsSync(file)).join("\0") });
  execFileSync("tar", ["-xf", "repo.tar"], { cwd: dir });
  rmSync(join(dir, "repo.tar"));
  symlinkSync(join(process.cwd(), "node_modules"), join(dir, "node_modules"));
}

describe("db/README.md: Adding a migration", () => {
  it("turns an edit of db/schema/errors.sql into a committed migration, with every generated file committed", { timeout: 240_000 }, () => {
    expect(commands).toEqual(expect.arrayContaining([expect.stringMatching(/^createdb /), expect.stringMatching(/^npm run db:diff$/)]));
    copyRepository();
    // The guide's databases, on the test server, under scratch names.
    const admin = new URL(inject("pgAdminUrl"));
    const server = `postgres://${admin.username}${admin.password ? `:${admin.password}` : ""}@${admin.host}`;
    const example = join(dir, "db/migrate.env.example");
    writeFileSync(
      example,
      readFileSync(example, "utf8")
        .replaceAll("postgres://postgres@127.0.0.1:5432", server)
        .replaceAll("ticketing_dev_shadow", names.shadow)
        .replaceAll("ticketing_dev", names.dev),
    );
    const env = { ...process.env };
    for (const name of ["DATABASE_URL", "SHADOW_DATABASE_URL", "ROOT_DATABASE_URL", "TEST_DATABASE_URL"]) delete env[name];
    const childEnv = {
      ...env,
      PGPORT: admin.port || "5432",
      PGPASSWORD: decodeURIComponent(admin.password),
      GIT_AUTHOR_NAME: "DBA",
      GIT_AUTHOR_EMAIL: "dba@example.edu",
      GIT_COMMITTER_NAME: "DBA",
      GIT_COMMITTER_EMAIL: "dba@example.edu",
    };
    const run = (command: string) => {
      const result = spawnSync("bash", ["-c", command], { cwd: dir, env: childEnv, encoding: "utf8", timeout: 120_000 });
      if (result.status !== 0) expect.fail(`\`${command}\` exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    };
    run("git init -q");
    writeFileSync(join(dir, ".git/info/exclude"), "node_modules\n"); // the link to this checkout's packages
    run("git add -A && git commit -qm start");

    const committedBefore = readdirSync(join(dir, "db/migrations/committed")).length;
    for (const command of commands.map((line) => line.replaceAll("ticketing_dev", names.dev))) {
      if (command === "npm run db:diff") {
        // "edit the rule in its concern file"
        const file = join(dir, "db/schema/errors.sql");
        const before = readFileSync(file, "utf8");
        writeFileSync(file, before.replace("'This event is sold out.'", "'Every seat of this event is taken.'"));
        expect(readFileSync(file, "utf8")).not.toBe(before);
      }
      run(command);
      if (command === "npm run db:diff") {
        const generated = readFileSync(join(dir, "db/migrations/current/100-generated.sql"), "utf8");
        expect(generated).toMatch(/create or replace view "app_private"\."errors"/i);
        expect(generated).toContain("'Every seat of this event is taken.'");
      }
    }

    const committed = readdirSync(join(dir, "db/migrations/committed")).sort();
    expect(committed).toHaveLength(committedBefore + 1);
    const migration = readFileSync(join(dir, "db/migrations/committed", committed.at(-1)!), "utf8");
    expect(committed.at(-1)).toMatch(/^\d{6}-booking-say-sold-out-plainly\.sql$/);
    expect(migration).toMatch(/^--! Message: Booking: say sold out plainly$/m);
    expect(migration).toContain("'Every seat of this event is taken.'");
    expect(readFileSync(join(dir, "db/schema.sql"), "utf8")).toContain("'Every seat of this event is taken.'");
    // The server's copy of the catalogue was rewritten by the commit (and committed by the guide's `git add`).
    expect(readFileSync(join(dir, "src/generated/vocabulary.ts"), "utf8")).toContain('"SOLD_OUT": { code: "SOLD_OUT", status: 409, message: "Every seat of this event is taken." }');
    expect(readdirSync(join(dir, "db/migrations/current"))).toEqual(["1-current.sql"]);
    // The development database was migrated by the commit.
    expect(run(`psql -At -h ${admin.hostname} -U ${admin.username} -d ${names.dev} -c "select message from app_private.errors where reason = 'SOLD_OUT'"`).trim()).toBe(
      "Every seat of this event is taken.",
    );
    // The guide's `git add` named every file the commands wrote.
    expect(run("git status --porcelain")).toBe("");
    expect(run("git log -1 --format=%s").trim()).toBe("Booking: say sold out plainly");
  });
});

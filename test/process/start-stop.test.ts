// `npm start` as a user runs it: `node src/main.ts` with the embedded default
// (its own PostgreSQL in a temporary DATA_DIR), then what a user does in the
// first five minutes: create an admin while it runs, start it a second time by
// mistake, and stop it with Ctrl-C while a request is in flight and a
// websocket is open. In the slow suite (npm run test:slow): PostgreSQL's
// initdb and the migrations take several seconds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

const dataDir = mkdtempSync(join(tmpdir(), "ticketing-start-stop-"));
chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach it (as in .data/)
let pgPort: number;
let server: ChildProcess;
let url: string;
const lines: string[] = [];
let stderr = "";

function env(extra: Record<string, string> = {}) {
  const { DATABASE_URL, AUTH_DATABASE_URL, REDIS_URL, ...rest } = process.env;
  return { ...rest, NODE_ENV: "development", LOG_LEVEL: "info", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), PORT: "0", ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Run a command of the project to its end: its exit code and what it printed. */
function runScript(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [script, ...args], { env: env(extraEnv), encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Processes whose command line names our data directory (PostgreSQL and its children). */
const processesUsing = (dir: string) =>
  spawnSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((line) => line.includes(dir));

beforeAll(async () => {
  pgPort = await freePort();
  // Detached: its own process group, so a signal to the group is what a terminal's Ctrl-C sends.
  server = spawn(process.execPath, ["src/main.ts"], { env: env(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server.stderr!.on("data", (chunk) => (stderr += String(chunk)));
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.includes("ticketing API is listening")) resolve(JSON.parse(line).url);
    });
    server.once("exit", (code) => reject(new Error(`npm start exited with ${code}: ${stderr}\n${lines.join("\n")}`)));
  });
}, 120_000);

afterAll(() => {
  if (server.exitCode === null && server.signalCode === null) process.kill(-server.pid!, "SIGKILL");
  for (const line of processesUsing(dataDir)) process.kill(Number(line.trim().split(" ")[0]), "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start with the embedded default", () => {
  it("says where it really listens, where the web app and the API docs are, and what to do next on an empty database", async () => {
    // The next step is logged just after the listening line (it asks the database first).
    const messages = () => lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    await expect.poll(() => messages().find((msg) => msg?.startsWith("next step:"))).toMatch(/npm run seed .*npm run create-admin -- --email/);
    const port = new URL(url).port;
    expect(messages()).toContain(`ticketing API is listening on every network interface, port ${port} (HOST=127.0.0.1 keeps it to this machine)`);
    expect(messages()).toContain(`web app: http://localhost:${port}/ · API docs: http://localhost:${port}/docs`);
  });

  it("npm run seed fills the running server's database with demo events and prints demo accounts; a second run changes nothing", async () => {
    const first = runScript("src/cli/seed.ts", []);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^Demo data: 12 events created\.\n/);
    expect(first.stdout).toMatch(/a student: \S+@\S+ \/ \S+/);
    expect(first.stdout).toMatch(/an admin: +\S+@\S+ \/ \S+/);
    const listed = await (await fetch(`${url}/events?limit=50`)).json() as { events: unknown[] };
    expect(listed.events).toHaveLength(12);
    expect(runScript("src/cli/seed.ts", []).stdout).toMatch(/^Demo data is already there \(12 events\); nothing changed\./);
  });

  it("lets create-admin use its database while it runs", () => {
    const first = runScript("src/cli/create-admin.ts", ["--email", "ada@example.edu", "--password", "a long secret"]);
    expect(first).toMatchObject({ code: 0, stdout: "Admin ada@example.edu created.\n", stderr: "" });
    const again = runScript("src/cli/create-admin.ts", ["--email", "ada@example.edu", "--password", "a long secret"]);
    expect(again.stdout).toBe("The admin ada@example.edu already exists; nothing changed.\n");
  });

  it("refuses a second start on the same data, saying which process holds it", () => {
    const second = runScript("src/main.ts", []);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(
      new RegExp(`is in use by PostgreSQL \\(pid \\d+, port ${pgPort}\\) started by another process \\(pid ${server.pid}`),
    );
  });

  it("refuses a second start on a port already served, naming the port", () => {
    const port = new URL(url).port;
    const second = runScript("src/main.ts", [], { DATA_DIR: join(dataDir, "other"), PORT: port });
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(`PORT ${port} is already in use (another \`npm start\`?): stop that process, or set PORT to a free port.`);
  });

  it("stops on Ctrl-C: the request in flight is answered, websockets are told to reconnect, nothing is left running", async () => {
    // A graphql-ws connection, acknowledged.
    const socket = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
      socket.once("message", (data) => (JSON.parse(String(data)).type === "connection_ack" ? resolve() : reject(new Error(String(data)))));
      socket.once("error", reject);
    });
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));

    // A request the server has begun (it answered 100 Continue) whose body is not sent yet.
    const body = JSON.stringify({ email: "ada@example.edu", password: "a long secret" });
    const login = httpRequest(`${url}/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), expect: "100-continue" },
    });
    const answered = new Promise<number>((resolve, reject) => {
      login.once("response", (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      login.once("error", reject);
    });
    await new Promise((resolve) => login.once("continue", resolve));

    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    process.kill(-server.pid!, "SIGINT"); // the whole process group, as a terminal does
    await new Promise<void>((resolve) => {
      const seen = () => lines.some((line) => line.includes('"msg":"shutting down"'));
      if (seen()) return resolve();
      server.stdout!.on("data", () => seen() && resolve());
    });
    login.end(body);

    expect(await answered).toBe(200);
    expect(await closed).toBe(1001);
    expect(await exited).toBe(0);

    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.filter((line) => line.level >= 50)).toEqual([]);
    expect(stderr).toBe("");
    // The request finished after the shutdown began, and before the database went
    // (the in-process worker may log jobs it finishes meanwhile: those lines are not the order under test).
    const steps = ["shutting down", "request completed", "embedded PostgreSQL stopped", "stopped"];
    const messages = logged.map((line) => line.msg).filter((msg) => steps.includes(msg));
    const from = messages.lastIndexOf("shutting down");
    expect(messages.slice(from)).toEqual(steps);
    expect(processesUsing(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  }, 60_000);
});

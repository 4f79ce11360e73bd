// `npm run dev`: the web app with hot reload (Vite's dev server) in front of
// the API. Vite proxies /graphql (websockets too) and the REST routes to the
// API (web/vite.config.ts), so the browser sees one origin as in production.
// Uses an API that already answers at API_URL (or PORT, default 5678), e.g. an
// `npm start` in another terminal; otherwise starts one (`node src/main.ts`)
// and stops it again on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const api = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 5678}`;
const children: ChildProcess[] = [];

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env });
  children.push(child);
  child.once("exit", (code, signal) => {
    // One half gone: stop the other, and end with the same outcome.
    stopAll();
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  return child;
}

function stopAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stopAll);

if (await answers(api)) {
  console.error(`dev: using the API already running at ${api}`);
} else if (process.env.API_URL) {
  console.error(`dev: no API answers at API_URL=${api} (GET /healthz); start it, or unset API_URL to have one started here.`);
  process.exit(1);
} else {
  console.error(`dev: starting the API at ${api} (node src/main.ts)…`);
  const server = start(process.execPath, ["src/main.ts"]);
  const deadline = Date.now() + 120_000; // a first start initialises the embedded PostgreSQL
  while (!(await answers(api))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      console.error("dev: the API did not start (see its messages above).");
      stopAll();
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
start(join(root, "node_modules", ".bin", "vite"), ["--config", "web/vite.config.ts"], { ...process.env, API_URL: api });

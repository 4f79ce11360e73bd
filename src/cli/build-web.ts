// Builds the web app (web/ → web/dist) when it is missing or older than its
// sources, so that `npm install && npm start` on a fresh clone serves a working
// app and a `git pull` that changed web/ is picked up by the next start.
// Runs as npm's prestart (`--force` builds regardless); `npm run web:build` also
// type-checks the app, which a start does not wait for.
// Steps: GraphQL Code Generator (the typed documents in web/src/gql, which the
// app looks its queries up in at run time), then `vite build`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const web = join(root, "web");
const built = join(web, "dist", "index.html");
const force = process.argv.includes("--force");

/**
 * Newest modification time of the files under a path, skipping build output
 * and generated code (directories' own times change when a build adds dist/).
 */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "dist" || entry === "gql" || entry === "node_modules" || entry.startsWith(".")) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function run(bin: string, args: string[]) {
  // Always the production build: Vite honours NODE_ENV, and under a test runner
  // (NODE_ENV=test) React's development build would be bundled instead.
  const env = { ...process.env, NODE_ENV: "production" };
  const result = spawnSync(join(root, "node_modules", ".bin", bin), args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`web app: \`${bin} ${args.join(" ")}\` failed${result.error ? ` (${result.error.message})` : ""}.`);
    process.exit(result.status ?? 1);
  }
}

const sources = Math.max(newest(web), newest(join(root, "schema.graphql")), newest(join(root, "package-lock.json")));
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;

if (!force && builtAt >= sources) {
  // Up to date: nothing to say, start at once.
} else if (!existsSync(join(root, "node_modules", ".bin", "vite"))) {
  // A production install without devDependencies: serve what was built, if anything.
  const state = builtAt ? "may be out of date" : "is not built (the server says so at /)";
  console.error(`web app: vite is not installed (npm install without --omit=dev builds it); the app ${state}.`);
} else {
  console.error(builtAt ? "web app: sources changed, rebuilding…" : "web app: building (first start)…");
  const started = Date.now();
  run("graphql-codegen", ["--config", "web/codegen.ts", "--silent"]);
  run("vite", ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  console.error(`web app: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

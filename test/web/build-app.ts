// globalSetup of the `web` project: the browser tests run against the built
// app the server serves (web/dist), so build it once before any test file when
// it is missing or older than its sources, by the same step as `npm start`
// (src/cli/build-web.ts: nothing to do when the build is fresh).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export default function setup() {
  const started = Date.now();
  if (existsSync(path.join(root, "src/cli/build-web.ts"))) {
    execFileSync(process.execPath, ["src/cli/build-web.ts"], { cwd: root, stdio: "inherit" });
  } else {
    execFileSync("npm", ["run", "web:build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`web app built for the browser tests in ${seconds.toFixed(1)} s`);
}

// globalSetup of the `web` project: the browser tests run against the built
// app the server serves (web/dist), so build it once before any test file when
// it is missing or older than its sources, by the same step as `npm start`
// (src/cli/build-web.ts: nothing to do when the build is fresh).
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export default function setup() {
  const started = Date.now();
  execFileSync(process.execPath, ["src/cli/build-web.ts"], { cwd: root, stdio: "inherit" });
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`web app built for the browser tests in ${seconds.toFixed(1)} s`);
}

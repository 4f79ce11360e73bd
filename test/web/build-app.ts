// globalSetup of the `web` project: the browser tests run against the built
// app the server serves, so build it once before any test file when it is
// missing or older than its sources, by the same step as `npm start`
// (src/cli/build-web.ts: nothing to do when the build is fresh). The tests'
// servers serve a copy of it, so a rebuild during the run (`npm start`, `npm run
// web:build` in another terminal empties web/dist first) cannot pull pages from
// under them.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    webDir: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

export default function setup(project: TestProject) {
  const started = Date.now();
  execFileSync(process.execPath, ["src/cli/build-web.ts"], { cwd: root, stdio: "inherit" });
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`web app built for the browser tests in ${seconds.toFixed(1)} s`);
  const copy = mkdtempSync(path.join(os.tmpdir(), "ticketing-web-"));
  cpSync(path.join(root, "web/dist"), copy, { recursive: true });
  project.provide("webDir", copy);
  return () => rmSync(copy, { recursive: true, force: true });
}

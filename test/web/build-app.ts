// globalSetup of the `web` project: the browser tests run against the built
// app the server serves, so build it once before any test file when it is
// missing or older than its sources, by the same step as `npm start`
// (src/cli/build-web.ts: nothing to do when the build is fresh). The tests'
// servers serve a copy of it, so a rebuild during the run (`npm start`, `npm run
// web:build` in another terminal empties web/dist first) cannot pull pages from
// under them.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    webDir: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

export default async function setup(project: TestProject) {
  const started = Date.now();
  // Asynchronously: a synchronous child blocks the main process, and the other
  // projects' workers, starting meanwhile, lose their connection to it.
  const build = spawn(process.execPath, ["src/cli/build-web.ts"], { cwd: root, stdio: "inherit" });
  const [code] = await once(build, "exit");
  if (code !== 0) throw new Error(`building the web app failed (src/cli/build-web.ts exited with ${code})`);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`web app built for the browser tests in ${seconds.toFixed(1)} s`);
  const copy = await mkdtemp(path.join(os.tmpdir(), "ticketing-web-"));
  await cp(path.join(root, "web/dist"), copy, { recursive: true });
  project.provide("webDir", copy);
  return () => rm(copy, { recursive: true, force: true });
}

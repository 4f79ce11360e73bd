// `npm run lint:imports` (CI runs it): the layers of .dependency-cruiser.cjs
// hold for src/, and the check fails, naming the import, on a tree that breaks them.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const depcruise = join(ROOT, "node_modules/.bin/depcruise");
const config = join(ROOT, ".dependency-cruiser.cjs");

/** The check's exit status and output, run in `cwd` over its src/. */
async function check(cwd: string): Promise<{ status: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(depcruise, ["src", "--config", config], { cwd });
    return { status: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

const scratch = mkdtempSync(join(tmpdir(), "ticketing-layers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, "tree-"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// src/ itself is checked by `npm run lint:imports` in CI; here, that the check can fail.
describe("the import check", { timeout: 60_000 }, () => {
  it("fails on an import against the layers, on a circle and on a module in no layer, naming each", async () => {
    const dir = tree({
      // A metric that imports what it measures, which imports the metric back.
      "src/metrics/pools.ts": 'import type { LockIssuer } from "../booking/lock.ts";\nexport const watch = (issuer: LockIssuer) => issuer;\n',
      "src/booking/lock.ts": 'import { watch } from "../metrics/pools.ts";\nexport interface LockIssuer { kind: string }\nwatch({ kind: "redis" });\n',
      // Runtime code that loads tooling.
      "src/server.ts": 'import { diff } from "./tooling/schema-diff.ts";\nexport const x = diff;\n',
      "src/tooling/schema-diff.ts": "export const diff = 1;\n",
      "src/extras/helper.ts": 'import { x } from "../server.ts";\nexport const y = x;\n',
      // A module in no layer that imports nothing, used by one that is in a layer.
      "src/extras/words.ts": "export const words = 1;\n",
      "src/db/pools.ts": 'import { words } from "../extras/words.ts";\nexport const pools = words;\n',
    });
    const { status, output } = await check(dir);
    expect(status).not.toBe(0);
    expect(output).toContain("metrics-imports-higher-layer: src/metrics/pools.ts → src/booking/lock.ts");
    expect(output).toMatch(/no-circular: src\/(metrics\/pools|booking\/lock)\.ts/);
    expect(output).toContain("composition-imports-higher-layer: src/server.ts → src/tooling/schema-diff.ts");
    expect(output).toContain("not-in-a-layer: src/extras/helper.ts → src/server.ts");
    expect(output).toContain("imports-module-in-no-layer: src/db/pools.ts → src/extras/words.ts");
  });

  it("passes a tree that keeps them", async () => {
    const dir = tree({
      "src/metrics/pools.ts": "export const watch = (issuer: { kind: string }) => issuer;\n",
      "src/booking/lock.ts": 'import { watch } from "../metrics/pools.ts";\nwatch({ kind: "redis" });\n',
    });
    const { status, output } = await check(dir);
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  });
});

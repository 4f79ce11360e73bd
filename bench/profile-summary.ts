// `node bench/profile-summary.ts <file.cpuprofile>...`: where a server process
// spent its CPU, from the profiles `npm run bench -- --cpu-prof` leaves in
// bench/results/profiles. Self time is summed per function and per origin
// (our src/, each node_modules package, node internals, GC, idle), which is
// what docs/BENCHMARKS.md quotes.
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function originOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node internals";
  const src = url.match(/\/(src|bench)\/(.+)$/);
  return src ? `${src[1]}/${src[2]}` : url;
}

export function summarizeProfiles(files: string[], top = 25) {
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      const origin = originOf(url, functionName);
      const key = `${functionName || "(anonymous)"} ${origin}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
      total += us;
    });
  }
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(7)} s  ${key}`);
  return { totalSeconds: total / 1e6, origins: rows(byOrigin), functions: rows(byFunction) };
}

if (process.argv[1]?.endsWith("profile-summary.ts")) {
  const summary = summarizeProfiles(process.argv.slice(2));
  process.stdout.write(`sampled ${summary.totalSeconds.toFixed(1)} s\n\nby origin:\n${summary.origins.join("\n")}\n\nby function (self time):\n${summary.functions.join("\n")}\n`);
}

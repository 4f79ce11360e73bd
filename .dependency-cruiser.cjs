// The import layers of src/ (`npm run lint:imports`, run by CI), bottom first.
// A module may import from its own layer and the layers under it, never from a
// layer over it; no import circles; no exceptions. Type-only imports count too:
// they couple modules as much as any other.
const LAYERS = [
  // Imported by everything; imports nothing of ours. generated/: the database's words (npm run schema:update).
  { name: "base", path: "^src/(errors|log)\\.ts$|^src/generated/" },
  // Counts what the rest does; imports nothing it measures (collectors are registered at start).
  { name: "metrics", path: "^src/metrics/" },
  // Runtime database access: pools, migrations at start, settings written at start.
  { name: "db", path: "^src/db/" },
  // What the system does, whoever asks.
  { name: "domain", path: "^src/(auth|availability|booking|calendar|images|payments|notifications|release)/" },
  // How it is asked: GraphQL, REST, websockets, HTTP plumbing, background jobs.
  { name: "api", path: "^src/(graphql|rest|websocket|http|worker)/", pathNot: "^src/worker/main\\.ts$" },
  // Reads the environment and wires the parts together: the processes.
  { name: "composition", path: "^src/(config|services|server|main|start-up-summary|graphile-env|shutdown)\\.ts$|^src/worker/main\\.ts$" },
  // Commands, schema tooling and the demo data: never loaded by the server.
  { name: "tooling", path: "^src/(tooling|cli|demo)/" },
];

const everyLayer = LAYERS.map((layer) => layer.path);

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "An import circle: the modules cannot be read or tested one at a time.", from: { path: "^src/" }, to: { circular: true } },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `${layer.name}-imports-higher-layer`,
      severity: "error",
      comment: `${layer.name} may import only from ${["itself", ...LAYERS.slice(0, i).map((l) => l.name)].join(", ")} (.dependency-cruiser.cjs).`,
      from: { path: layer.path, ...(layer.pathNot ? { pathNot: layer.pathNot } : {}) },
      to: { path: LAYERS.slice(i + 1).map((l) => l.path) },
    })),
    {
      name: "not-in-a-layer",
      severity: "error",
      comment: "Every module of src/ belongs to a layer: add its folder to LAYERS in .dependency-cruiser.cjs.",
      from: { path: "^src/", pathNot: everyLayer },
      to: {},
    },
    {
      // A module in no layer that imports nothing is still caught when anything uses it.
      name: "imports-module-in-no-layer",
      severity: "error",
      comment: "This module belongs to no layer: add its folder to LAYERS in .dependency-cruiser.cjs.",
      from: { path: "^src/" },
      to: { path: "^src/", pathNot: everyLayer },
    },
    {
      name: "runtime-imports-dev-dependency",
      severity: "error",
      comment: "The server runs with production dependencies only (npm ci --omit=dev): only tooling may use devDependencies.",
      from: { path: "^src/", pathNot: "^src/(tooling|cli)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    { name: "not-to-unresolvable", severity: "error", from: { path: "^src/" }, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["es6", "cjs"],
    // Packages are resolved as Node resolves them (their "exports").
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], mainFields: ["module", "main", "types"] },
    exclude: { path: "^(node_modules|web|test|bench)/" },
  },
};

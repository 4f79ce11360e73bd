import { defineConfig } from "vitest/config";

// Four projects. `npm test` runs unit + integration + web (browser) (kept under a minute on a
// two-core machine); `npm run test:slow` runs the long ones: the benchmark
// harness, the multi-process rush, faults and the 6,000-subscription flood, and
// the real `npm start` process lifecycle.
// CI runs both (.ci/run). `npx vitest run <file>` finds a file in any project.
const slow = [
  "test/bench/smoke.test.ts",
  "test/api/concurrency.test.ts",
  "test/hostile/faults.test.ts",
  "test/hostile/subscription-flood.test.ts",
  "test/process/**/*.test.ts",
];
const unit = ["test/unit/**/*.test.ts"];
// Headless Chromium (Debian's) against the real server serving the built app.
const web = ["test/web/**/*.test.ts"];

const shared = {
  pool: "forks" as const,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // grafast's development checks, as `npm start` has them (src/graphile-env.ts).
  env: { GRAPHILE_ENV: "development" },
};

export default defineConfig({
  test: {
    projects: [
      // Fakes only: no database, no Redis.
      { test: { ...shared, name: "unit", include: unit, testTimeout: 5_000 } },
      {
        test: {
          ...shared,
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: [...slow, ...unit, ...web],
          // Each file gets its own database cloned from a migrated template.
          globalSetup: ["test/helpers/global-setup.ts"],
          fileParallelism: true,
          // Files share a worker's loaded modules (PostGraphile takes ~0.5 s to
          // import): each file still starts its own server on its own database.
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: "web",
          include: web,
          // The app is built once (when missing or stale) before any browser starts.
          globalSetup: ["test/helpers/global-setup.ts", "test/web/build-app.ts"],
          fileParallelism: true,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          ...shared,
          name: "slow",
          include: slow,
          globalSetup: ["test/helpers/global-setup.ts"],
          fileParallelism: true,
        },
      },
    ],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database cloned from a migrated template.
    fileParallelism: true,
    // grafast's development checks, as `npm start` has them (src/graphile-env.ts).
    env: { GRAPHILE_ENV: "development" },
  },
});

// The real server on a test database (test/helpers/app.ts), serving the copy of
// the built app the web project's globalSetup made (test/web/build-app.ts).
import { inject } from "vitest";
import { useTestServer } from "../helpers/app.ts";

export function useWebServer() {
  return useTestServer({ overrides: { web: { dir: inject("webDir") } } });
}

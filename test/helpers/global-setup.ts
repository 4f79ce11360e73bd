import type { TestProject } from "vitest/node";
import { prepareTemplate, startTestPostgres, type TestPostgres } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgAuthenticatorPassword: string;
  }
}

// Projects that run together (npm test: integration and web) share one server
// and one template: started once per vitest process, stopped by the last one.
// Two at once would start two embedded servers on one port, or race to build
// the same template.
interface Shared {
  ready: Promise<{ postgres: TestPostgres; template: string }>;
  users: number;
}
const holder = globalThis as { __ticketingTestPostgres?: Shared };

export default async function setup(project: TestProject) {
  const shared = (holder.__ticketingTestPostgres ??= {
    users: 0,
    ready: (async () => {
      const postgres = await startTestPostgres();
      return { postgres, template: await prepareTemplate(postgres.adminUrl, postgres.authenticatorPassword) };
    })(),
  });
  shared.users++;
  const { postgres, template } = await shared.ready;
  project.provide("pgAdminUrl", postgres.adminUrl);
  project.provide("pgTemplate", template);
  project.provide("pgAuthenticatorPassword", postgres.authenticatorPassword ?? "");
  return async () => {
    if (--shared.users > 0) return;
    delete holder.__ticketingTestPostgres;
    await postgres.stop();
  };
}

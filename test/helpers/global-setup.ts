import type { TestProject } from "vitest/node";
import { prepareTemplate, startTestPostgres } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgAuthenticatorPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  project.provide("pgAdminUrl", postgres.adminUrl);
  project.provide("pgTemplate", await prepareTemplate(postgres.adminUrl, postgres.authenticatorPassword));
  project.provide("pgAuthenticatorPassword", postgres.authenticatorPassword ?? "");
  return () => postgres.stop();
}

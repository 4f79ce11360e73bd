// The last lines of a start: where the server really listens, where a person
// goes next (the web app, the API docs), and the next step on an empty
// database: load the demo data, or make an admin.
import pg from "pg";
import type { Logger } from "./log.ts";
import type { RunningServer } from "./server.ts";

export interface StartUpFacts {
  running: RunningServer;
  /** PUBLIC_URL, or http://localhost:PORT. */
  publicUrl: string;
  production: boolean;
  ownerUrl: string;
}

export async function logStartUpSummary({ running, publicUrl, production, ownerUrl }: StartUpFacts, log: Logger): Promise<void> {
  const { address, port, everyInterface } = running.listening;
  const where = everyInterface
    ? `every network interface, port ${port} (HOST=127.0.0.1 keeps it to this machine)`
    : `${address}, port ${port}`;
  const { url } = running;
  // `url` is how this machine reaches it (tools and tests read it from this line).
  log.info(
    { url, address, port, graphql: `${url}/graphql`, ide: production ? undefined : `${url}/graphiql` },
    `ticketing API is listening on ${where}`,
  );
  log.info({ web: `${publicUrl}/`, docs: `${publicUrl}/docs` }, `web app: ${publicUrl}/ · API docs: ${publicUrl}/docs`);
  const next = await nextStep(ownerUrl, production).catch(() => undefined);
  if (next) log.info(`next step: ${next}`);
}

/** What a newcomer does next, judged from what the database holds. */
async function nextStep(ownerUrl: string, production: boolean): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ admins: boolean; events: boolean }>(
      `select exists (select 1 from app_public.users where role = 'admin') as admins,
              exists (select 1 from app_public.events) as events`,
    );
    const { admins, events } = rows[0]!;
    const makeAdmin = "make an admin with npm run create-admin -- --email you@college.edu --password '<8+ characters>'";
    if (!admins && !events && !production) return `npm run seed (demo events and a demo student and admin, printed), or ${makeAdmin}`;
    if (!admins) return makeAdmin;
    return undefined;
  } finally {
    await client.end();
  }
}

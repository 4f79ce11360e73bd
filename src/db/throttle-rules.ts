// Sign-in and signup throttling limits live in the database
// (app_private.throttle_rules, read by app_hidden.authenticate and signup), so
// every instance counts against the same limits. Operators may set them from
// the environment; what is not set stays as the database has it.
import pg from "pg";
import type { Config } from "../config.ts";

const RULES = {
  SIGN_IN_FAILURES_PER_EMAIL: "sign_in_failures_per_email",
  SIGN_IN_FAILURES_PER_EMAIL_ANY_ADDRESS: "sign_in_failures_per_email_any_address",
  SIGN_IN_FAILURES_PER_ADDRESS: "sign_in_failures_per_address",
  SIGNUPS_PER_ADDRESS: "signups_per_address",
} as const;

export async function applyThrottleRules(ownerUrl: string, config: Partial<Pick<Config, keyof typeof RULES>>) {
  const changes = Object.entries(RULES).filter(([setting]) => config[setting as keyof typeof RULES] !== undefined);
  if (changes.length === 0) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const [setting, rule] of changes) {
      await client.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [
        rule,
        config[setting as keyof typeof RULES],
      ]);
    }
  } finally {
    await client.end();
  }
}

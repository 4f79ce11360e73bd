// Sign-in and signup throttling limits, and the booking email window, live in
// the database (app_private.throttle_rules, read by app_hidden.authenticate,
// signup and the booking functions), so every instance counts against the same
// limits. Operators may set them from the environment; what is not set stays
// as the database has it.
import pg from "pg";

/** Settings that set a rule's max_hits. */
const LIMITS = {
  SIGN_IN_FAILURES_PER_EMAIL: "sign_in_failures_per_email",
  SIGN_IN_FAILURES_PER_EMAIL_ANY_ADDRESS: "sign_in_failures_per_email_any_address",
  SIGN_IN_FAILURES_PER_ADDRESS: "sign_in_failures_per_address",
  SIGNUPS_PER_ADDRESS: "signups_per_address",
  VERIFICATION_EMAILS_PER_USER: "verification_emails_per_user",
  PASSWORD_RESETS_PER_EMAIL: "password_resets_per_email",
  PASSWORD_RESETS_PER_ADDRESS: "password_resets_per_address",
} as const;

/** Settings that set a rule's window (`per`), in minutes. */
const WINDOWS = {
  BOOKING_EMAIL_WINDOW_MINUTES: "booking_confirmation_emails",
} as const;

type Setting = keyof typeof LIMITS | keyof typeof WINDOWS;

/** As src/config.ts reads them from the environment; unset ones are left as the database has them. */
export type ThrottleSettings = Partial<Record<Setting, number>>;

export async function applyThrottleRules(ownerUrl: string, config: ThrottleSettings) {
  const set = <T extends Record<string, string>>(rules: T) =>
    Object.entries(rules).flatMap(([setting, rule]) => {
      const value = config[setting as Setting];
      return value === undefined ? [] : [{ rule, value }];
    });
  const limits = set(LIMITS);
  const windows = set(WINDOWS);
  if (limits.length + windows.length === 0) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const { rule, value } of limits) {
      await client.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, value]);
    }
    for (const { rule, value } of windows) {
      await client.query("update app_private.throttle_rules set per = make_interval(mins => $2) where rule = $1", [rule, value]);
    }
  } finally {
    await client.end();
  }
}

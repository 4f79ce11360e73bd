// Development secrets for the embedded default, generated once and kept in the
// git-ignored data directory so tokens and passwords survive restarts.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const NAMES = ["jwtSecret", "postgresPassword", "authenticatorPassword", "paymentWebhookSecret"] as const;
export type LocalSecrets = Record<(typeof NAMES)[number], string>;

export function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, "secrets.json");
  let saved: Partial<LocalSecrets> = {};
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>;
  } catch {
    // first start
  }
  if (NAMES.every((name) => saved[name])) return saved as LocalSecrets;
  // Fill in whatever is missing (a data directory from an older version keeps its secrets).
  const secrets = Object.fromEntries(
    NAMES.map((name) => [name, saved[name] ?? randomBytes(32).toString("base64url")]),
  ) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

// Development secrets for the embedded default, generated once and kept in the
// git-ignored data directory so tokens and passwords survive restarts.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface LocalSecrets {
  jwtSecret: string;
  postgresPassword: string;
  authenticatorPassword: string;
}

export function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, "secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  } catch {
    const secret = () => randomBytes(32).toString("base64url");
    const secrets = { jwtSecret: secret(), postgresPassword: secret(), authenticatorPassword: secret() };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

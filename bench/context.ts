// What every scenario gets: the options, the scratch database, the running
// server instances and a pool of students with tokens. Scenarios talk to the
// servers only over HTTP/websockets and read the truth only from the tables,
// so they keep working whatever the booking code looks like inside.
import type { JwtSettings } from "../src/auth/jwt.ts";
import type { BenchDatabase } from "./database.ts";
import type { Student } from "./fixtures.ts";
import type { Instance } from "./instances.ts";
import type { BenchOptions } from "./options.ts";

export interface BenchContext {
  options: BenchOptions;
  db: BenchDatabase;
  instances: Instance[];
  jwt: JwtSettings;
  /** Distinct students; a timed load never books twice with one of them on one event. */
  students: Student[];
  redis: boolean;
}

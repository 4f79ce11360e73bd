// The deployment files, read as Docker would read them (no Docker engine runs
// here: see README.md#deploy): docker-compose.yml parsed with its YAML merge
// keys resolved, the Dockerfile's runtime stage, .dockerignore. What is checked
// is what a careless edit would break: instances must not install at start or
// share a node_modules volume, must not migrate at start, must wait for the one
// migration run; PostgreSQL and Redis stay off the host's ports; the image runs
// the server as a non-root user with a health check and a drain on SIGTERM.
// Style is dclint's, dockerfilelint's and dockerfile-utils' job (npm run lint:deploy).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../src/config.ts";

interface Service {
  build?: unknown;
  image?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  ports?: unknown[];
  volumes?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  healthcheck?: { disable?: boolean };
  profiles?: string[];
}

const compose = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const appServices = Object.entries(services).filter(([, service]) => service.build !== undefined);
const instances = appServices.filter(([name]) => name !== "migrate");

const words = (command: string | string[] | undefined) => (Array.isArray(command) ? command.join(" ") : (command ?? ""));
const seconds = (duration: string) => {
  const match = /^(\d+)(s|m)$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1]) * (match[2] === "m" ? 60 : 1);
};

describe("docker-compose.yml", () => {
  it("has the services a deployment needs, the app ones built from this directory's image", () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(["postgres", "redis", "migrate", "api", "worker"]));
    expect(appServices.map(([name]) => name)).toEqual(expect.arrayContaining(["migrate", "api", "worker"]));
    for (const [, service] of appServices) expect(service.build).toBe(".");
  });

  it("installs nothing at container start and shares no source or node_modules volume", () => {
    for (const [name, service] of Object.entries(services)) {
      const command = `${words(service.entrypoint)} ${words(service.command)}`;
      expect(command, name).not.toMatch(/\bnpm (ci|install|i)\b|\byarn\b|\bpnpm\b/);
    }
    for (const [name, service] of appServices) expect(service.volumes ?? [], name).toEqual([]);
  });

  it("publishes no PostgreSQL or Redis port to the host", () => {
    expect(services.postgres!.ports).toBeUndefined();
    expect(services.redis!.ports).toBeUndefined();
  });

  it("gives the app PostgreSQL's password as PGPASSWORD, not inside DATABASE_URL, where @ / : would break it", () => {
    for (const [name, service] of appServices) {
      expect(new URL(service.environment!.DATABASE_URL!).password, name).toBe("");
      expect(service.environment?.PGPASSWORD, name).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    }
  });

  it("calls PostgreSQL healthy over TCP only (a fresh volume's initialisation server listens on a socket)", () => {
    const test = (services.postgres as Service & { healthcheck: { test: string[] } }).healthcheck.test.join(" ");
    expect(test).toMatch(/pg_isready -h 127\.0\.0\.1\b/);
  });

  it("migrates once, in a one-shot service the instances wait for, and the instances do not migrate", () => {
    const migrate = services.migrate!;
    expect(migrate.restart).toBe("no");
    expect(words(migrate.command)).toBe("node src/cli/migrate.ts");
    expect(existsSync("src/cli/migrate.ts")).toBe(true);
    expect(instances.length).toBeGreaterThanOrEqual(2);
    for (const [name, service] of instances) {
      expect(service.depends_on?.migrate, name).toEqual({ condition: "service_completed_successfully" });
      expect(service.environment?.MIGRATE_ON_START, name).toBe("false");
      expect(service.restart, name).toMatch(/^(unless-stopped|always|on-failure)/);
    }
  });

  it("runs the worker as its own service, and the API without an in-process worker", () => {
    expect(words(services.worker!.command)).toBe("node src/worker/main.ts");
    expect(existsSync("src/worker/main.ts")).toBe(true);
    expect(services.worker!.healthcheck?.disable).toBe(true); // no HTTP listener for the image's /readyz check
    expect(services.api!.environment?.RUN_WORKER).toBe("false");
    // Every interface, port 5678, unless .env says otherwise (API_BIND, API_PORT).
    expect(services.api!.ports).toEqual(["${API_BIND:-0.0.0.0}:${API_PORT:-5678}:5678"]);
  });

  it("gives every instance's shutdown time to finish before docker kills it", () => {
    for (const [name, service] of instances) {
      // What src/main.ts bounds the whole shutdown by: delay + timeout + 10 s.
      const config = loadConfig(composedEnvironment(service));
      const bound = (config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_TIMEOUT_MS + 10_000) / 1000;
      expect(seconds(service.stop_grace_period ?? "10s"), name).toBeGreaterThan(bound);
    }
  });

  it("has settings the server accepts, once .env gives every secret", () => {
    for (const [name, service] of appServices) {
      expect(() => loadConfig(composedEnvironment(service)), name).not.toThrow();
    }
  });

  it("has no secret of its own: each comes from .env, and the example's placeholders are refused", () => {
    const secrets = ["POSTGRES_PASSWORD", "AUTHENTICATOR_PASSWORD", "JWT_SECRET", "PAYMENT_WEBHOOK_SECRET", "ADMIN_PASSWORD"];
    const text = readFileSync("docker-compose.yml", "utf8");
    for (const name of secrets) {
      expect(text, name).toContain(`\${${name}:?`);
      expect(text, name).not.toContain(`\${${name}:-`);
    }
    const example = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^\w+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    for (const name of ["JWT_SECRET", "AUTHENTICATOR_PASSWORD", "ADMIN_PASSWORD"]) {
      expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32), [name]: example[name] }), name).toThrow(
        new RegExp(`${name}: is still the example's placeholder`),
      );
    }
  });
});

/**
 * A service's environment as compose would pass it: ${VAR:-default} gives the
 * default, ${VAR:?error} (every secret) a value from .env, here one of ours.
 */
function composedEnvironment(service: Service): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      String(value).replace(/\$\{\w+:-([^}]*)\}/g, "$1").replace(/\$\{\w+:\?[^}]*\}/g, "a-secret-of-our-own-".repeat(2)),
    ]),
  );
}

describe("Dockerfile", () => {
  const lines = readFileSync("Dockerfile", "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages = lines.reduce<string[][]>((all, line) => (line.startsWith("FROM ") ? [...all, [line]] : (all.at(-1)!.push(line), all)), []);
  const runtime = stages.at(-1)!;

  it("builds the web app in a build stage and copies only its output into the runtime stage", () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]!.join("\n")).toMatch(/RUN npm ci\b/);
    expect(stages[0]!.join("\n")).toMatch(/RUN npm run web:build/);
    expect(runtime).toContain("COPY --from=build /app/web/dist ./web/dist");
  });

  it("runs production dependencies only, on Node 24 from the base image, as a non-root user", () => {
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM node:24-[a-z]+-slim AS \w+$/);
    expect(runtime.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(runtime.filter((line) => line.startsWith("RUN npm ")).join("\n")).not.toMatch(/npm (install|ci)(?!.*--omit=dev)/);
    const user = runtime.filter((line) => line.startsWith("USER ")).at(-1);
    expect(user).toBe("USER node");
    expect(runtime.find((line) => line.startsWith("ENV "))).toMatch(/\bNODE_ENV=production\b/);
  });

  it("checks /readyz, stops on SIGTERM, and starts node itself (exec form: the signal reaches it)", () => {
    const healthcheck = runtime.find((line) => line.startsWith("HEALTHCHECK "));
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/readyz/);
    expect(runtime).toContain("STOPSIGNAL SIGTERM");
    expect(runtime.at(-1)).toBe('CMD ["node", "src/main.ts"]');
  });
});

describe(".dockerignore", () => {
  it("keeps local state, installed modules and secrets out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n").map((line) => line.trim());
    for (const entry of ["node_modules", ".git", ".data", ".env", "web/dist"]) expect(ignored).toContain(entry);
  });
});

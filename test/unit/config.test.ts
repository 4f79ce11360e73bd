import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("configuration", () => {
  it("has working defaults with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 5678, NODE_ENV: "development" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad value in one message", () => {
    const attempt = () =>
      loadConfig({ PORT: "abc", DATABASE_URL: "mysql://x", JWT_SECRET: "short", REDIS_URL: "http://x", NODE_ENV: "prod" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ["PORT", "DATABASE_URL", "JWT_SECRET", "REDIS_URL", "NODE_ENV"]) expect(message).toContain(`${name}:`);
    }
  });

  it("requires JWT_SECRET in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/JWT_SECRET: is required/);
  });

  it("bounds what one websocket makes the server hold, with defaults, and refuses ids shorter than a client's UUIDs", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ WS_MAX_BUFFERED_BYTES: 1_048_576, WS_MAX_OPERATION_ID_LENGTH: 64, WS_MAX_CONNECTION_PARAMS_BYTES: 4_096 });
    // Unset: four per subscription a connection may start, at least 100 (src/websocket/limits.ts).
    expect(config.WS_MESSAGES_PER_CONNECTION_PER_10S).toBeUndefined();
    expect(() => loadConfig({ WS_MAX_OPERATION_ID_LENGTH: "20" })).toThrow(/WS_MAX_OPERATION_ID_LENGTH: must be at least 36/);
    expect(() => loadConfig({ WS_MAX_BUFFERED_BYTES: "1000" })).toThrow(/WS_MAX_BUFFERED_BYTES:/);
  });

  it("treats empty values as unset", () => {
    const config = loadConfig({ PORT: "", DATABASE_URL: "" });
    expect(config.PORT).toBe(5678);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("takes the booking bounds, and refuses a connection wait as long as the lock it is held under", () => {
    expect(loadConfig({})).toMatchObject({ BOOKING_MAX_IN_FLIGHT_PER_STUDENT: 4, BOOKING_POOL_WAIT_MS: 1_000, BOOKING_FENCE_TTL_MS: 86_400_000 });
    expect(loadConfig({ BOOKING_MAX_IN_FLIGHT_PER_STUDENT: "8", BOOKING_POOL_WAIT_MS: "500" })).toMatchObject({
      BOOKING_MAX_IN_FLIGHT_PER_STUDENT: 8,
      BOOKING_POOL_WAIT_MS: 500,
    });
    expect(() => loadConfig({ BOOKING_POOL_WAIT_MS: "5000" })).toThrow(/BOOKING_POOL_WAIT_MS: must be less than BOOKING_LOCK_TTL_MS/);
    expect(() => loadConfig({ BOOKING_FENCE_TTL_MS: "1000" })).toThrow(/BOOKING_FENCE_TTL_MS:/);
    expect(() => loadConfig({ BOOKING_MAX_IN_FLIGHT_PER_STUDENT: "0" })).toThrow(/BOOKING_MAX_IN_FLIGHT_PER_STUDENT:/);
  });

  it("bounds the file outbox and takes the booking email window, refusing what makes no sense", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ MAIL_OUTBOX_MAX_FILES: 1_000, MAIL_OUTBOX_MAX_BYTES: 16 * 1024 * 1024 });
    expect(config.BOOKING_EMAIL_WINDOW_MINUTES).toBeUndefined(); // the database's (60) stays
    expect(loadConfig({ BOOKING_EMAIL_WINDOW_MINUTES: "15", MAIL_OUTBOX_MAX_FILES: "50" })).toMatchObject({
      BOOKING_EMAIL_WINDOW_MINUTES: 15,
      MAIL_OUTBOX_MAX_FILES: 50,
    });
    expect(() => loadConfig({ MAIL_OUTBOX_MAX_FILES: "0" })).toThrow(/MAIL_OUTBOX_MAX_FILES:/);
    expect(() => loadConfig({ MAIL_OUTBOX_MAX_BYTES: "1000" })).toThrow(/MAIL_OUTBOX_MAX_BYTES:/);
    expect(() => loadConfig({ BOOKING_EMAIL_WINDOW_MINUTES: "0" })).toThrow(/BOOKING_EMAIL_WINDOW_MINUTES:/);
  });
});

describe("identity settings", () => {
  it("requires PUBLIC_URL in production, naming it; elsewhere links point at this server", () => {
    const production = { NODE_ENV: "production", JWT_SECRET: "x".repeat(32) };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL: is required when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, PUBLIC_URL: "ftp://tickets.example.edu" })).toThrow(/PUBLIC_URL: must be a URL starting with http:\/\/ or https:\/\//);
    expect(loadConfig({ ...production, PUBLIC_URL: "https://tickets.example.edu/" }).PUBLIC_URL).toBe("https://tickets.example.edu");
    expect(loadConfig({ PORT: "8080" }).PUBLIC_URL).toBe("http://localhost:8080");
  });

  it("requires verified emails by default in production only", () => {
    const production = { NODE_ENV: "production", JWT_SECRET: "x".repeat(32), PUBLIC_URL: "https://tickets.example.edu" };
    expect(loadConfig(production).REQUIRE_EMAIL_VERIFICATION).toBe(true);
    expect(loadConfig({ ...production, REQUIRE_EMAIL_VERIFICATION: "false" }).REQUIRE_EMAIL_VERIFICATION).toBe(false);
    expect(loadConfig({}).REQUIRE_EMAIL_VERIFICATION).toBe(false);
    expect(loadConfig({ REQUIRE_EMAIL_VERIFICATION: "true" }).REQUIRE_EMAIL_VERIFICATION).toBe(true);
  });

  it("reads ALLOWED_EMAIL_DOMAINS as domains or *.subdomains, and refuses anything else", () => {
    expect(loadConfig({ ALLOWED_EMAIL_DOMAINS: " College.edu, *.uni.ac.uk ," }).ALLOWED_EMAIL_DOMAINS).toEqual(["college.edu", "*.uni.ac.uk"]);
    expect(loadConfig({}).ALLOWED_EMAIL_DOMAINS).toEqual([]);
    for (const bad of ["@college.edu", "college", "*college.edu", "col lege.edu", "a.*.edu"]) {
      expect(() => loadConfig({ ALLOWED_EMAIL_DOMAINS: bad }), bad).toThrow(/ALLOWED_EMAIL_DOMAINS: must be comma-separated domains/);
    }
  });

  it("takes single sign-on's three settings together, naming each one missing", () => {
    const oidc = { OIDC_ISSUER: "https://login.college.edu", OIDC_CLIENT_ID: "tickets", OIDC_CLIENT_SECRET: "s3cret-from-the-provider" };
    expect(loadConfig(oidc)).toMatchObject({ ...oidc, OIDC_LOGIN_MAX_SECONDS: 600, OIDC_HTTP_TIMEOUT_SECONDS: 10 });
    expect(loadConfig({}).OIDC_ISSUER).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: is required for single sign-on[^\n]*\n\s+OIDC_CLIENT_SECRET: is required for single sign-on/,
    );
    expect(() => loadConfig({ OIDC_CLIENT_ID: "tickets", OIDC_CLIENT_SECRET: "x" })).toThrow(/OIDC_ISSUER: is required for single sign-on/);
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: "login.college.edu" })).toThrow(/OIDC_ISSUER: must be a URL starting with http:\/\/ or https:\/\//);
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: "https://login.college.edu/?tenant=1" })).toThrow(/OIDC_ISSUER: must be the provider's issuer URL/);
    expect(() => loadConfig({ ...oidc, OIDC_LOGIN_MAX_SECONDS: "30" })).toThrow(/OIDC_LOGIN_MAX_SECONDS:/);
    expect(() => loadConfig({ ...oidc, OIDC_HTTP_TIMEOUT_SECONDS: "0" })).toThrow(/OIDC_HTTP_TIMEOUT_SECONDS:/);
  });

  it("in production, wants the provider over https (but on this machine) and a secret that is not the placeholder", () => {
    const production = { NODE_ENV: "production", JWT_SECRET: "x".repeat(32), PUBLIC_URL: "https://tickets.example.edu" };
    const oidc = { OIDC_CLIENT_ID: "tickets", OIDC_CLIENT_SECRET: "s3cret-from-the-provider" };
    expect(() => loadConfig({ ...production, ...oidc, OIDC_ISSUER: "http://login.college.edu" })).toThrow(/OIDC_ISSUER: must be an https:\/\/ URL when NODE_ENV=production/);
    for (const local of ["http://localhost:8080", "http://127.0.0.1:8080/realms/college", "http://[::1]:8080"]) {
      expect(loadConfig({ ...production, ...oidc, OIDC_ISSUER: local }).OIDC_ISSUER, local).toBe(local);
    }
    expect(loadConfig({ ...oidc, OIDC_ISSUER: "http://login.college.edu" }).OIDC_ISSUER).toBe("http://login.college.edu");
    expect(() => loadConfig({ ...production, ...oidc, OIDC_ISSUER: "https://login.college.edu", OIDC_CLIENT_SECRET: "change-me" })).toThrow(
      /OIDC_CLIENT_SECRET: is still the example's placeholder/,
    );
  });
});

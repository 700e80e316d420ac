import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "./env";
import { DEMO_APP_SECRET, DEMO_MATON_API_KEY, DEMO_VERIFY_TOKEN } from "./whatsapp/demo";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "env-test-"));

describe("parseEnv", () => {
  it("runs in demo mode against the local simulator when no Maton key is set", () => {
    const dir = dataDir();
    const env = parseEnv({}, dir);
    expect(env).toMatchObject({
      demoMode: true,
      matonApiKey: DEMO_MATON_API_KEY,
      matonGatewayUrl: "http://127.0.0.1:4010",
      matonCtrlUrl: "http://127.0.0.1:4010",
      whatsappAppSecret: DEMO_APP_SECRET,
      whatsappVerifyToken: DEMO_VERIFY_TOKEN,
      databaseUrl: undefined,
      appUrl: "http://127.0.0.1:3000",
      port: 3000,
    });
    expect(env.pgliteDir).toBe(path.resolve(".data/pglite"));
    // The generated secret is kept, so a restart does not sign everyone out.
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(env.authSecret);
    expect(parseEnv({}, dir).authSecret).toBe(env.authSecret);
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("follows SIM_PORT and SIM_API_KEY in demo mode", () => {
    const env = parseEnv({ SIM_PORT: "4110", SIM_API_KEY: "sim-key" }, dataDir());
    expect(env.matonGatewayUrl).toBe("http://127.0.0.1:4110");
    expect(env.matonApiKey).toBe("sim-key");
  });

  it("uses Maton's public endpoints in production and needs AUTH_SECRET there", () => {
    expect(() => parseEnv({ MATON_API_KEY: "key" }, dataDir())).toThrow(/AUTH_SECRET: required/);
    const env = parseEnv({ MATON_API_KEY: "key", AUTH_SECRET: "x".repeat(40) }, dataDir());
    expect(env).toMatchObject({
      demoMode: false,
      matonApiKey: "key",
      matonGatewayUrl: "https://gateway.maton.ai",
      matonCtrlUrl: "https://ctrl.maton.ai",
      whatsappAppSecret: undefined,
      whatsappVerifyToken: undefined,
    });
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ MATON_API_KEY: "", DATABASE_URL: "" }, dataDir())).toMatchObject({
      demoMode: true,
      databaseUrl: undefined,
    });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must start with postgres://"],
    [{ MATON_GATEWAY_URL: "not a url" }, "MATON_GATEWAY_URL: must be an http(s) URL"],
    [{ PORT: "70000" }, "PORT:"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET: must be at least 32 characters"],
    [{ GRAPH_API_VERSION: "21" }, "GRAPH_API_VERSION: must be a Graph API version such as v21.0"],
    [{ ADMIN_EMAIL: "boss@example.com" }, "ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither"],
    [{ MATON_REQUESTS_PER_SECOND: "0" }, "MATON_REQUESTS_PER_SECOND:"],
    [{ MATON_REQUESTS_PER_SECOND: "ten" }, "MATON_REQUESTS_PER_SECOND:"],
    [{ API_RATE_LIMIT_PER_MINUTE: "0" }, "API_RATE_LIMIT_PER_MINUTE:"],
    [{ API_RATE_LIMIT_PER_MINUTE: "1.5" }, "API_RATE_LIMIT_PER_MINUTE:"],
    [{ TRUSTED_PROXIES: "10.0.0.1, proxy.internal" }, 'TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range'],
    [{ TRUSTED_PROXIES: "10.0.0.0/33" }, 'TRUSTED_PROXIES: "10.0.0.0/33" has a prefix length out of range'],
    [{ TRUSTED_PROXIES: "10.0.0.0/8/8" }, "TRUSTED_PROXIES:"],
    [{ OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: "yes" }, "OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: must be true or false"],
  ])("names the variable that is wrong: %o", (source, message) => {
    expect(() => parseEnv(source, dataDir())).toThrow(EnvError);
    expect(() => parseEnv(source, dataDir())).toThrow(message);
  });

  it("takes the Graph API version as a setting, v21.0 unless told", () => {
    expect(parseEnv({}, dataDir()).graphApiVersion).toBe("v21.0");
    expect(parseEnv({ GRAPH_API_VERSION: "v24.0" }, dataDir()).graphApiVersion).toBe("v24.0");
  });

  it("takes Maton's request budget as a setting, 10 per second unless told", () => {
    expect(parseEnv({}, dataDir()).matonRequestsPerSecond).toBe(10);
    expect(parseEnv({ MATON_REQUESTS_PER_SECOND: "25" }, dataDir()).matonRequestsPerSecond).toBe(25);
  });

  it("allows each API token 300 requests a minute unless told", () => {
    expect(parseEnv({}, dataDir()).apiRateLimitPerMinute).toBe(300);
    expect(parseEnv({ API_RATE_LIMIT_PER_MINUTE: "60" }, dataDir()).apiRateLimitPerMinute).toBe(60);
  });

  it("refuses outbound webhooks to private addresses unless OUTBOUND_WEBHOOKS_ALLOW_PRIVATE is true", () => {
    expect(parseEnv({}, dataDir()).outboundWebhooksAllowPrivate).toBe(false);
    expect(parseEnv({ OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: "true" }, dataDir()).outboundWebhooksAllowPrivate).toBe(true);
    expect(parseEnv({ OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: "1" }, dataDir()).outboundWebhooksAllowPrivate).toBe(true);
    expect(parseEnv({ OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: "false" }, dataDir()).outboundWebhooksAllowPrivate).toBe(false);
  });

  it("trusts no proxy unless TRUSTED_PROXIES names them, by address or CIDR range", () => {
    expect(parseEnv({}, dataDir()).trustedProxies).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: " 10.0.0.0/8, 192.0.2.1 ,,::1, 2001:db8::/32 " }, dataDir()).trustedProxies).toEqual([
      "10.0.0.0/8",
      "192.0.2.1",
      "::1",
      "2001:db8::/32",
    ]);
  });

  it("strips a trailing slash from URLs", () => {
    expect(parseEnv({ APP_URL: "https://wa.example.com/" }, dataDir()).appUrl).toBe("https://wa.example.com");
  });
});

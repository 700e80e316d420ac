import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "@/lib/zod";

import { DEMO_APP_SECRET, DEMO_MATON_API_KEY, DEMO_SIM_PORT, DEMO_VERIFY_TOKEN, GRAPH_API_VERSION } from "@/lib/whatsapp/demo";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const port = z.coerce.number().int().min(1).max(65_535);
const httpUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .transform((value) => value.replace(/\/+$/, ""));

/** One entry of TRUSTED_PROXIES, an address or a CIDR range, or why it is neither. */
function proxyEntryProblem(entry: string): string | undefined {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`;
  if (prefix === undefined) return undefined;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits <= (family === 4 ? 32 : 128) ? undefined : `"${entry}" has a prefix length out of range`;
}

const proxyList = z.string().transform((value, context) => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    const problem = proxyEntryProblem(entry);
    if (problem) context.addIssue({ code: "custom", message: problem });
  }
  return entries;
});

const rawEnvSchema = z.object({
  MATON_API_KEY: optionalText,
  MATON_GATEWAY_URL: httpUrl.optional(),
  MATON_CTRL_URL: httpUrl.optional(),
  /** The Graph API version in every gateway path; Meta retires a version about two years after its release. */
  GRAPH_API_VERSION: z
    .string()
    .trim()
    .regex(/^v\d{1,3}\.\d$/, "must be a Graph API version such as v21.0")
    .default(GRAPH_API_VERSION),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  MEDIA_DIR: z.string().min(1).default(".data/media"),
  APP_URL: httpUrl.optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  WHATSAPP_APP_SECRET: optionalText,
  WHATSAPP_VERIFY_TOKEN: optionalText,
  PORT: port.default(3000),
  SIM_PORT: port.default(DEMO_SIM_PORT),
  SIM_API_KEY: optionalText,
  SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Maton's request budget per account and second, shared by every instance on one DATABASE_URL. */
  MATON_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Requests each API token may make per minute, counted by every instance together. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(300),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated).
   * None by default: the address of the connection itself is the client's.
   */
  TRUSTED_PROXIES: proxyList.default([]),
  /**
   * Outbound webhooks may go to private, loopback and link-local addresses, and over plain http (the
   * demo and tests, with receivers on this machine). Off by default: such URLs are refused (SSRF).
   */
  OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: z
    .enum(["true", "false", "1", "0"], { message: "must be true or false" })
    .transform((value) => value === "true" || value === "1")
    .default(false),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
});

export interface Env {
  /** No MATON_API_KEY: the dashboard talks to the local simulator with the shared demo values. */
  demoMode: boolean;
  matonApiKey: string;
  matonGatewayUrl: string;
  matonCtrlUrl: string;
  /** Graph API version of the gateway paths (e.g. v21.0). */
  graphApiVersion: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  mediaDir: string;
  appUrl: string;
  authSecret: string;
  whatsappAppSecret: string | undefined;
  whatsappVerifyToken: string | undefined;
  port: number;
  /** How often template statuses and number quality are polled; 0 turns polling off. */
  syncIntervalSeconds: number;
  /** Requests per second the gateway client lets through for the Maton account (all instances together). */
  matonRequestsPerSecond: number;
  /** Requests per minute each API token is allowed (all instances together); more answer 429. */
  apiRateLimitPerMinute: number;
  /** Addresses and CIDR ranges of the reverse proxies whose X-Forwarded-For is believed; empty: none. */
  trustedProxies: string[];
  initialAdmin: { email: string; password: string } | undefined;
  /** Outbound webhooks may target private and loopback addresses, and plain http (demo, tests). */
  outboundWebhooksAllowPrivate: boolean;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Turns the process environment into the dashboard's configuration, or explains what is wrong. */
export function parseEnv(source: Record<string, string | undefined>, dataDir = ".data"): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = rawEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const raw = result.data;
  const demoMode = raw.MATON_API_KEY === undefined;
  const simulatorUrl = `http://127.0.0.1:${raw.SIM_PORT}`;

  if (!demoMode && raw.AUTH_SECRET === undefined) {
    throw new EnvError(
      "Invalid configuration:\n  AUTH_SECRET: required when MATON_API_KEY is set (generate one with `openssl rand -base64 33`)",
    );
  }
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    throw new EnvError("Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither");
  }

  return {
    demoMode,
    matonApiKey: raw.MATON_API_KEY ?? raw.SIM_API_KEY ?? DEMO_MATON_API_KEY,
    matonGatewayUrl: raw.MATON_GATEWAY_URL ?? (demoMode ? simulatorUrl : "https://gateway.maton.ai"),
    matonCtrlUrl: raw.MATON_CTRL_URL ?? (demoMode ? simulatorUrl : "https://ctrl.maton.ai"),
    graphApiVersion: raw.GRAPH_API_VERSION,
    databaseUrl: raw.DATABASE_URL,
    pgliteDir: path.resolve(raw.PGLITE_DIR),
    mediaDir: path.resolve(raw.MEDIA_DIR),
    appUrl: raw.APP_URL ?? `http://127.0.0.1:${raw.PORT}`,
    authSecret: raw.AUTH_SECRET ?? demoAuthSecret(dataDir),
    whatsappAppSecret: raw.WHATSAPP_APP_SECRET ?? (demoMode ? DEMO_APP_SECRET : undefined),
    whatsappVerifyToken: raw.WHATSAPP_VERIFY_TOKEN ?? (demoMode ? DEMO_VERIFY_TOKEN : undefined),
    port: raw.PORT,
    syncIntervalSeconds: raw.SYNC_INTERVAL_SECONDS,
    matonRequestsPerSecond: raw.MATON_REQUESTS_PER_SECOND,
    apiRateLimitPerMinute: raw.API_RATE_LIMIT_PER_MINUTE,
    trustedProxies: raw.TRUSTED_PROXIES,
    initialAdmin:
      raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD } : undefined,
    outboundWebhooksAllowPrivate: raw.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE,
  };
}

/** Demo mode keeps one generated secret on disk so sessions survive restarts. */
function demoAuthSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(33).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const globalForEnv = globalThis as unknown as { dashboardEnv?: Env };

/** The validated configuration, read once per process. */
export function env(): Env {
  globalForEnv.dashboardEnv ??= parseEnv(process.env);
  return globalForEnv.dashboardEnv;
}

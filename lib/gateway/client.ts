/**
 * The gateway client: configured with plain values (the lead wires it to the environment), one
 * namespace per resource. Every call shares the account's rate limiter, timeouts and retry policy;
 * `withPriority` gives the same client for callers nobody waits on (campaigns, polling).
 */
import { GRAPH_API_VERSION } from "@/lib/whatsapp/demo";

import { createAccountsApi } from "./accounts";
import { createConnectionsApi } from "./connections";
import {
  type Clock,
  type GatewayPriority,
  type RateLimiter,
  type RateLimiterOptions,
  AccountRateLimiter,
  limiterForAccount,
  realClock,
  unlimited,
  withDefaultPriority,
} from "./limiter";
import { createMediaApi, mediaDownloadTarget } from "./media";
import { createMessagesApi } from "./messages";
import { createPhoneNumbersApi } from "./phone-numbers";
import { createProfileApi } from "./profile";
import { type RequestSettings, createTransport } from "./request";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { createTemplatesApi } from "./templates";
import { createUploadsApi } from "./uploads";
import { createWebhooksApi } from "./webhooks";

export interface GatewayClientConfig {
  apiKey: string;
  /** e.g. https://gateway.maton.ai (demo: the simulator's URL). */
  gatewayUrl: string;
  /** e.g. https://ctrl.maton.ai (demo: the simulator's URL). */
  ctrlUrl: string;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  /** Uploads and downloads; default 120 s. */
  mediaTimeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Default: the process-wide limiter of this API key (10 requests/s). Options build a private one;
   * a RateLimiter (e.g. `sharedLimiterForAccount`, held in PostgreSQL for several instances) is used
   * as is; false disables it.
   */
  limiter?: RateLimiter | RateLimiterOptions | false;
  /** The priority of calls that name none; default "interactive". */
  priority?: GatewayPriority;
  retry?: Partial<RetryPolicy>;
  /** For tests: a clock drives backoff waits (and the default limiter when options are given). */
  clock?: Clock;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** For tests: the jitter source, in [0, 1). */
  random?: () => number;
  graphVersion?: string;
  /** Where a media URL's bytes are fetched; default: mediaDownloadTarget. */
  resolveMediaDownloadUrl?: (url: string) => string;
}

function isRateLimiter(value: unknown): value is RateLimiter {
  return typeof (value as RateLimiter | undefined)?.acquire === "function";
}

export function createGatewayClient(config: GatewayClientConfig): GatewayClient {
  if (!config.apiKey) throw new TypeError("createGatewayClient: apiKey is required (MATON_API_KEY)");
  for (const name of ["gatewayUrl", "ctrlUrl"] as const) {
    if (!/^https?:\/\//.test(config[name] ?? "")) throw new TypeError(`createGatewayClient: ${name} must be an http(s) URL`);
  }
  const clock: Clock = {
    now: config.now ?? config.clock?.now ?? realClock.now,
    sleep: config.sleep ?? config.clock?.sleep ?? realClock.sleep,
  };
  const sharedLimiter: RateLimiter =
    config.limiter === false
      ? unlimited
      : isRateLimiter(config.limiter)
        ? config.limiter
        : config.limiter
          ? new AccountRateLimiter({ clock, ...config.limiter })
          : limiterForAccount(config.apiKey);
  const gatewayUrl = config.gatewayUrl.replace(/\/+$/, "");
  const settings: RequestSettings = {
    apiKey: config.apiKey,
    gatewayUrl,
    ctrlUrl: config.ctrlUrl.replace(/\/+$/, ""),
    graphVersion: config.graphVersion ?? GRAPH_API_VERSION,
    timeoutMs: config.timeoutMs ?? 15_000,
    mediaTimeoutMs: config.mediaTimeoutMs ?? 120_000,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    limiter: config.priority ? withDefaultPriority(sharedLimiter, config.priority) : sharedLimiter,
    retry: { ...DEFAULT_RETRY_POLICY, ...config.retry },
    clock,
    random: config.random ?? Math.random,
    wallClock: Date.now,
  };
  const resolveDownloadUrl = config.resolveMediaDownloadUrl ?? ((url: string) => mediaDownloadTarget(url, gatewayUrl));
  return clientOver(settings, sharedLimiter, resolveDownloadUrl);
}

/** A client over these settings; `limiter` is the account's, before any default priority. */
function clientOver(settings: RequestSettings, limiter: RateLimiter, resolveDownloadUrl: (url: string) => string): GatewayClient {
  return {
    ...resourcesOver(settings, resolveDownloadUrl),
    withPriority: (priority) => clientOver({ ...settings, limiter: withDefaultPriority(limiter, priority) }, limiter, resolveDownloadUrl),
  };
}

/** One namespace per resource, all calls through one transport. */
function resourcesOver(settings: RequestSettings, resolveDownloadUrl: (url: string) => string) {
  const transport = createTransport(settings);
  const { gatewayUrl } = settings;
  return {
    messages: createMessagesApi(transport),
    media: createMediaApi(transport, resolveDownloadUrl),
    templates: createTemplatesApi(transport),
    phoneNumbers: createPhoneNumbersApi(transport),
    profile: createProfileApi(transport),
    /** Meta's Resumable Upload API (profile pictures); Maton's proxying of it is not documented. */
    uploads: createUploadsApi(transport),
    webhooks: createWebhooksApi(transport),
    connections: createConnectionsApi(transport),
    accounts: createAccountsApi(transport),
    /** The raw typed call, for Graph paths without a function yet. */
    request: transport.request,
    /** Where calls go (hosts and Graph version; never the key), for the health panel. */
    target: { gatewayUrl, ctrlUrl: settings.ctrlUrl, graphVersion: settings.graphVersion },
  };
}

export type GatewayClient = ReturnType<typeof resourcesOver> & {
  /** The same client (same limiter, budget and settings) whose calls default to `priority`, e.g. "background" for polling. */
  withPriority(priority: GatewayPriority): GatewayClient;
};

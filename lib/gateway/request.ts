/**
 * The one place that speaks HTTP to Maton: builds the URL and headers, waits for the account's rate
 * limiter, applies the timeout, retries what is safe to retry, and turns every answer into typed data
 * or a typed error.
 */
import type { z } from "zod";

import { issuesToProblems } from "@/lib/whatsapp/message-builders";

import {
  type CallContext,
  type GatewayError,
  GatewayNetworkError,
  GatewayTimeoutError,
  UnexpectedResponseError,
  errorFromResponse,
  isNotSentNetworkError,
} from "./errors";
import type { Clock, GatewayPriority, RateLimiter } from "./limiter";
import { type AttemptFailure, type RetryPolicy, decideRetry, parseRetryAfter } from "./retry";

/** What every gateway function accepts besides its own arguments. */
export interface CallOptions {
  /** Maton connection to use; left out, Maton picks the oldest ACTIVE one. */
  connectionId?: string;
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /** The caller's idempotency key, carried into errors so an unknown outcome can be reconciled. */
  idempotencyKey?: string;
  /**
   * Who waits for this call, for the account's rate limiter: "interactive" (a person in the dashboard),
   * "api", "campaign" or "background". Left out: the client's default (interactive unless `withPriority`).
   */
  priority?: GatewayPriority;
}

export type QueryValue = string | number | boolean | undefined | readonly string[];

export interface RequestSpec<T> {
  /** "graph": `{gatewayUrl}/whatsapp-business/{graphVersion}/{path}`; "ctrl": `{ctrlUrl}/{path}`; "absolute": path is a full URL. */
  plane: "graph" | "ctrl" | "absolute";
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: FormData;
  /** Validates the 2xx body; undefined accepts anything (and an empty body). */
  schema?: z.ZodType<T>;
  /** Repeating it cannot do harm; defaults to true for GET and DELETE, false for POST. */
  idempotent?: boolean;
  /** "media" uses the longer media timeout. */
  timeoutKind?: "default" | "media";
}

export interface RequestSettings {
  apiKey: string;
  gatewayUrl: string;
  ctrlUrl: string;
  graphVersion: string;
  timeoutMs: number;
  mediaTimeoutMs: number;
  fetch: typeof fetch;
  limiter: RateLimiter;
  retry: RetryPolicy;
  clock: Clock;
  random: () => number;
  /** Wall-clock time for Retry-After dates. */
  wallClock: () => number;
}

export interface StreamedResponse {
  status: number;
  headers: Headers;
  /** Read it to the end or cancel it: the timeout keeps running until then. */
  body: ReadableStream<Uint8Array>;
}

/** What resource modules use: typed calls bound to one client's settings. */
export interface GatewayTransport {
  request<T>(spec: RequestSpec<T>, options?: CallOptions): Promise<T>;
  stream(spec: RequestSpec<unknown>, options?: CallOptions): Promise<StreamedResponse>;
  readonly settings: Readonly<RequestSettings>;
}

export function createTransport(settings: RequestSettings): GatewayTransport {
  return {
    settings,
    request: (spec, options) => request(settings, spec, options),
    stream: (spec, options) => request(settings, { ...spec, stream: true }, options),
  };
}

/** Marks an abort caused by our own timer, so it is told apart from the caller's abort. */
class TimeoutSignal extends Error {}

export function encodeSegment(id: string): string {
  if (id.length === 0) throw new TypeError("an id in the path is empty");
  return encodeURIComponent(id);
}

export function buildUrl(settings: RequestSettings, spec: Pick<RequestSpec<unknown>, "plane" | "path" | "query">): string {
  const trim = (base: string) => base.replace(/\/+$/, "");
  const path = spec.path.replace(/^\/+/, "");
  const base =
    spec.plane === "absolute"
      ? spec.path
      : spec.plane === "graph"
        ? `${trim(settings.gatewayUrl)}/whatsapp-business/${settings.graphVersion}/${path}`
        : `${trim(settings.ctrlUrl)}/${path}`;
  const url = new URL(base);
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value === undefined) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return url.toString();
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Sends one call with limiter, timeout and retries; returns the parsed body or the open stream. */
export async function request<T>(settings: RequestSettings, spec: RequestSpec<T>, options?: CallOptions): Promise<T>;
export async function request<T>(
  settings: RequestSettings,
  spec: RequestSpec<T> & { stream: true },
  options?: CallOptions,
): Promise<StreamedResponse>;
export async function request<T>(
  settings: RequestSettings,
  spec: RequestSpec<T> & { stream?: boolean },
  options: CallOptions = {},
): Promise<T | StreamedResponse> {
  const url = buildUrl(settings, spec);
  const idempotent = spec.idempotent ?? spec.method !== "POST";
  const call: CallContext = {
    method: spec.method,
    path: spec.plane === "absolute" ? new URL(url).pathname : spec.path,
    idempotencyKey: options.idempotencyKey,
  };
  const timeoutMs = options.timeoutMs ?? (spec.timeoutKind === "media" ? settings.mediaTimeoutMs : settings.timeoutMs);
  const headers: Record<string, string> = { Authorization: `Bearer ${settings.apiKey}`, Accept: spec.stream ? "*/*" : "application/json" };
  if (options.connectionId && spec.plane !== "ctrl") headers["Maton-Connection"] = options.connectionId;
  if (spec.json !== undefined) headers["Content-Type"] = "application/json";
  const body = spec.json !== undefined ? JSON.stringify(spec.json) : spec.form;

  for (let attempt = 1; ; attempt += 1) {
    await settings.limiter.acquire(options.signal, options.priority);
    if (options.signal?.aborted) throw options.signal.reason;
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onCallerAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onCallerAbort);
    };
    let failure: AttemptFailure;
    let failedWith: () => GatewayError;
    try {
      const response = await settings.fetch(url, { method: spec.method, headers, body, signal: controller.signal });
      if (response.ok && spec.stream) {
        return { status: response.status, headers: response.headers, body: guardStream(response, cleanup, () => new GatewayTimeoutError(timeoutMs, call, false)) };
      }
      const parsed = await readBody(response);
      cleanup();
      if (response.ok) return validate(spec, parsed, response.status, call, idempotent);
      const retryAfterMs = response.status === 429 ? parseRetryAfter(response.headers.get("retry-after"), settings.wallClock()) : undefined;
      failure = { kind: "status", status: response.status, retryAfterMs };
      failedWith = () => errorFromResponse(response.status, parsed, call, { outcomeUnknown: outcomeOf(failure, idempotent), retryAfterMs });
    } catch (error) {
      cleanup();
      if (error instanceof UnexpectedResponseError) throw error;
      if (controller.signal.reason instanceof TimeoutSignal) {
        failure = { kind: "timeout" };
        failedWith = () => new GatewayTimeoutError(timeoutMs, call, !idempotent);
      } else if (options.signal?.aborted) {
        throw options.signal.reason; // the caller gave up: not a gateway failure
      } else {
        const notSent = isNotSentNetworkError(error);
        failure = { kind: "network", notSent };
        failedWith = () => new GatewayNetworkError(error, call, !idempotent && !notSent);
      }
    }
    const decision = decideRetry(failure, attempt, idempotent, settings.retry, settings.random);
    if (!decision.retry) {
      const error = failedWith();
      error.attempts = attempt;
      throw error;
    }
    await settings.clock.sleep(decision.delayMs, options.signal);
  }
}

function outcomeOf(failure: AttemptFailure, idempotent: boolean): boolean {
  return !idempotent && failure.kind === "status" && failure.status >= 500;
}

function validate<T>(spec: RequestSpec<T>, body: unknown, status: number, call: CallContext, idempotent: boolean): T {
  if (!spec.schema) return body as T;
  const result = spec.schema.safeParse(body);
  if (result.success) return result.data;
  // A 2xx on a send means it probably went out: the caller must not resend blindly.
  throw new UnexpectedResponseError(status, issuesToProblems(result.error.issues), body, call, !idempotent);
}

/** Passes the body through, ends the timer when it is read or cancelled, and names a timeout as such. */
function guardStream(response: Response, cleanup: () => void, timeoutError: () => Error): ReadableStream<Uint8Array> {
  const source = response.body;
  if (!source) {
    cleanup();
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          cleanup();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        cleanup();
        controller.error(error instanceof TimeoutSignal || (error as { cause?: unknown })?.cause instanceof TimeoutSignal ? timeoutError() : error);
      }
    },
    cancel(reason) {
      cleanup();
      return reader.cancel(reason);
    },
  });
}

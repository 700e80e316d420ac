/** Shared test doubles: a fake clock and a scripted fetch. Used by tests only. */
import type { Clock } from "./limiter";

export interface FakeClock extends Clock {
  time: number;
  sleeps: number[];
}

/** A clock whose sleep advances time after one macrotask turn (so woken callers run first) and costs nothing. */
export function fakeClock(start = 0): FakeClock {
  const clock: FakeClock = {
    time: start,
    sleeps: [],
    now: () => clock.time,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      await new Promise((resolve) => setTimeout(resolve, 0));
      clock.time += ms;
    },
  };
  return clock;
}

/** Largest number of timestamps inside any window [t, t + windowMs). */
export function maxInAnyWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let count = 0;
    for (let j = i; j < sorted.length && sorted[j]! - sorted[i]! < windowMs; j += 1) count += 1;
    max = Math.max(max, count);
  }
  return max;
}

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
}

export type Scripted = Response | Error | ((call: RecordedCall, signal: AbortSignal | undefined) => Response | Promise<Response>);

/** A fetch that answers from a script, one entry per call (the last repeats), and records the calls. */
export function scriptedFetch(script: Scripted[]) {
  const calls: RecordedCall[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: init?.body,
    };
    calls.push(call);
    const step = script[Math.min(calls.length - 1, script.length - 1)]!;
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(call, init?.signal ?? undefined);
    return step.clone();
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function graphErrorBody(code: number, extra: Record<string, unknown> = {}) {
  return { error: { message: `(#${code}) error`, type: "OAuthException", code, fbtrace_id: "AbC123", ...extra } };
}

/** A fetch error like undici's for a socket failure with this code. */
export function socketError(code: string): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
}

/** A response that never comes, until the signal aborts. */
export function hang(_call: RecordedCall, signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** The simulator's `/_sim/` control API (contract tests only). */
export interface SimPhoneNumber {
  id: string;
  display_phone_number: string;
}
export interface SimState {
  connections: { connection_id: string; status: string; wabas: { id: string; phone_numbers: SimPhoneNumber[] }[] }[];
  customers: { id: string; wa_id: string | null; user_id: string | null; username: string | null; name: string }[];
  templates: { id: string; waba_id: string; name: string; language: string; status: string }[];
  not_on_whatsapp_prefix: string;
}

export function simControl(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/_sim/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  return {
    state: async () => (await call("GET", "state")) as unknown as SimState,
    reset: () => call("POST", "reset"),
    inbound: async (body: Record<string, unknown>) => (await call("POST", "inbound", body)) as { wamid: string },
    advanceClock: (seconds: number) => call("POST", "clock", { advance_seconds: seconds }),
    faults: (faults: Record<string, number | string | null>) => call("POST", "faults", faults),
    /** Status webhooks the simulator delivered (or tried to), newest first. */
    statuses: async (limit = 200) => {
      const body = (await call("GET", `webhooks?limit=${limit}`)) as {
        deliveries: Array<{ payload?: { entry?: Array<{ changes?: Array<{ value?: { statuses?: Array<Record<string, unknown>> } }> }> } }>;
      };
      return body.deliveries.flatMap((delivery) =>
        (delivery.payload?.entry ?? []).flatMap((entry) => (entry.changes ?? []).flatMap((change) => change.value?.statuses ?? [])),
      );
    },
    clearFaults: () => call("DELETE", "faults"),
    decideTemplate: (id: string, status: string, reason?: string) => call("POST", `templates/${id}/decide`, { status, ...(reason ? { reason } : {}) }),
  };
}

import { z } from "zod";
import type { ErrorForm } from "./errors";
import { ERROR_TABLE, injectableCodes } from "./errors";

export const MEDIA_DOWNLOAD_FAULTS = ["expired", "unreachable", "too_large"] as const;
export type MediaDownloadFault = (typeof MEDIA_DOWNLOAD_FAULTS)[number];

/** The longest a send's answer may be held (`timeout_ms`): well past any client's timeout. */
export const MAX_TIMEOUT_MS = 300_000;
/** The 5xx answers a send that went out may get instead of its wamid (`server_error_after_send`). */
export const AFTER_SEND_STATUSES = [500, 502, 503, 504] as const;
/** The longest the status webhooks of a send may be held back (`status_delay_ms`). */
export const MAX_STATUS_DELAY_MS = 600_000;

/**
 * `POST /_sim/faults`: gateway faults (429, 5xx, latency), webhook faults (duplicates, reordering, delayed
 * statuses), errors, held answers or 5xx answers after the send armed for the next sends, the form of 131047, and media download failures.
 */
export const faultsSchema = z.strictObject({
  rate_429: z.number().min(0).max(1).optional(),
  rate_5xx: z.number().min(0).max(1).optional(),
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  duplicate_webhooks: z.number().min(0).max(1).optional(),
  reorder_webhooks: z.number().min(0).max(1).optional(),
  error_code: z.number().int().refine((code) => ERROR_TABLE[code]?.form !== undefined, {
    message: `error_code must be one of ${injectableCodes().map(({ code }) => code).join(", ")}`,
  }).optional(),
  timeout_ms: z.number().int().min(1).max(MAX_TIMEOUT_MS).optional(),
  server_error_after_send: z.union(AFTER_SEND_STATUSES.map((status) => z.literal(status)) as [z.ZodLiteral<500>, z.ZodLiteral<502>, z.ZodLiteral<503>, z.ZodLiteral<504>]).optional(),
  status_delay_ms: z.number().int().min(0).max(MAX_STATUS_DELAY_MS).optional(),
  count: z.number().int().min(1).max(10_000).optional(),
  to: z.string().min(1).max(140).optional(),
  details: z.string().min(1).max(2000).optional(),
  window_error: z.enum(["sync", "async"]).optional(),
  media_download: z.enum([...MEDIA_DOWNLOAD_FAULTS, "none"]).nullable().optional(),
}).refine((faults) => [faults.error_code, faults.timeout_ms, faults.server_error_after_send].filter((armed) => armed !== undefined).length <= 1, {
  message: "error_code, timeout_ms and server_error_after_send arm different faults: send them in separate requests (count and to would apply to all)",
  path: ["timeout_ms"],
}).refine((faults) => faults.error_code !== undefined || faults.timeout_ms !== undefined || faults.server_error_after_send !== undefined || (faults.count === undefined && faults.to === undefined), {
  message: "count and to only go with error_code, timeout_ms or server_error_after_send",
  path: ["error_code"],
}).refine((faults) => faults.error_code !== undefined || faults.details === undefined, {
  message: "details only goes with error_code",
  path: ["error_code"],
});

export type FaultsRequest = z.infer<typeof faultsSchema>;

/** An error armed for the next sends (optionally only those to one customer). */
export interface SendErrorFault {
  error_code: number;
  form: ErrorForm;
  title: string;
  remaining: number;
  /** As given; null = any recipient. */
  to: string | null;
  details: string | null;
}

/**
 * A send whose answer is held for `timeout_ms` although the message goes out (counted, statuses sent):
 * the client times out not knowing the outcome.
 */
export interface SendTimeoutFault {
  timeout_ms: number;
  remaining: number;
  /** As given; null = any recipient. */
  to: string | null;
}

/**
 * A send that goes out (counted, statuses sent) but is answered with a 5xx instead of its wamid, as when
 * the gateway loses WhatsApp's answer: the client learns an error although the message was delivered.
 */
export interface SendLostAnswerFault {
  status: (typeof AFTER_SEND_STATUSES)[number];
  remaining: number;
  /** As given; null = any recipient. */
  to: string | null;
}

export interface Faults {
  rate_429: number;
  rate_5xx: number;
  latency_ms: number;
  duplicate_webhooks: number;
  reorder_webhooks: number;
  /** How a free-form send outside the 24-hour window fails: async (200, then a failed status) or sync (400). */
  window_error: "sync" | "async";
  media_download: MediaDownloadFault | null;
  /** Added to the delays of every status webhook (sent, delivered, read, failed) of sends accepted while set. */
  status_delay_ms: number;
  send_errors: SendErrorFault[];
  send_timeouts: SendTimeoutFault[];
  send_lost_answers: SendLostAnswerFault[];
}

export function noFaults(): Faults {
  return { rate_429: 0, rate_5xx: 0, latency_ms: 0, duplicate_webhooks: 0, reorder_webhooks: 0, window_error: "async", media_download: null, status_delay_ms: 0, send_errors: [], send_timeouts: [], send_lost_answers: [] };
}

/**
 * Applies a `POST /_sim/faults` body: rates and switches replace; an error_code (or a timeout_ms) is armed
 * after those already armed.
 */
export function applyFaultsRequest(faults: Faults, request: FaultsRequest): Faults {
  const { error_code: code, timeout_ms: timeout, server_error_after_send: lostAnswer, count, to, details, media_download: media, ...rest } = request;
  const next: Faults = {
    ...faults,
    ...rest,
    send_errors: [...faults.send_errors],
    send_timeouts: [...faults.send_timeouts],
    send_lost_answers: [...faults.send_lost_answers],
  };
  if (timeout !== undefined) next.send_timeouts.push({ timeout_ms: timeout, remaining: count ?? 1, to: to ?? null });
  if (lostAnswer !== undefined) next.send_lost_answers.push({ status: lostAnswer, remaining: count ?? 1, to: to ?? null });
  if (media !== undefined) next.media_download = media === "none" ? null : media;
  if (code !== undefined) {
    const entry = ERROR_TABLE[code];
    next.send_errors.push({ error_code: code, form: entry?.form ?? "sync", title: entry?.title ?? "", remaining: count ?? 1, to: to ?? null, details: details ?? null });
  }
  return next;
}

/** How long a reordered delivery is held back, enough to let the next status overtake it. */
export const REORDER_HOLD_MS = 1500;

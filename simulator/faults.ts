import { z } from "zod";
import type { ErrorForm } from "./errors";
import { ERROR_TABLE, injectableCodes } from "./errors";

export const MEDIA_DOWNLOAD_FAULTS = ["expired", "unreachable", "too_large"] as const;
export type MediaDownloadFault = (typeof MEDIA_DOWNLOAD_FAULTS)[number];

/**
 * `POST /_sim/faults`: gateway faults (429, 5xx, latency), webhook faults (duplicates, reordering),
 * errors armed for the next sends, the form of 131047, and media download failures.
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
  count: z.number().int().min(1).max(10_000).optional(),
  to: z.string().min(1).max(140).optional(),
  details: z.string().min(1).max(2000).optional(),
  window_error: z.enum(["sync", "async"]).optional(),
  media_download: z.enum([...MEDIA_DOWNLOAD_FAULTS, "none"]).nullable().optional(),
}).refine((faults) => faults.error_code !== undefined || (faults.count === undefined && faults.to === undefined && faults.details === undefined), {
  message: "count, to and details only go with error_code",
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

export interface Faults {
  rate_429: number;
  rate_5xx: number;
  latency_ms: number;
  duplicate_webhooks: number;
  reorder_webhooks: number;
  /** How a free-form send outside the 24-hour window fails: async (200, then a failed status) or sync (400). */
  window_error: "sync" | "async";
  media_download: MediaDownloadFault | null;
  send_errors: SendErrorFault[];
}

export function noFaults(): Faults {
  return { rate_429: 0, rate_5xx: 0, latency_ms: 0, duplicate_webhooks: 0, reorder_webhooks: 0, window_error: "async", media_download: null, send_errors: [] };
}

/** Applies a `POST /_sim/faults` body: rates and switches replace, an error_code is armed after those already armed. */
export function applyFaultsRequest(faults: Faults, request: FaultsRequest): Faults {
  const { error_code: code, count, to, details, media_download: media, ...rest } = request;
  const next: Faults = { ...faults, ...rest, send_errors: [...faults.send_errors] };
  if (media !== undefined) next.media_download = media === "none" ? null : media;
  if (code !== undefined) {
    const entry = ERROR_TABLE[code];
    next.send_errors.push({ error_code: code, form: entry?.form ?? "sync", title: entry?.title ?? "", remaining: count ?? 1, to: to ?? null, details: details ?? null });
  }
  return next;
}

/** How long a reordered delivery is held back, enough to let the next status overtake it. */
export const REORDER_HOLD_MS = 1500;

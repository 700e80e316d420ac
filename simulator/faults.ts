import { z } from "zod";

/** Faults injected on the gateway (429, 5xx, latency) and on webhook deliveries (duplicates, reordering). */
export const faultsSchema = z.strictObject({
  rate_429: z.number().min(0).max(1).optional(),
  rate_5xx: z.number().min(0).max(1).optional(),
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  duplicate_webhooks: z.number().min(0).max(1).optional(),
  reorder_webhooks: z.number().min(0).max(1).optional(),
});

export type Faults = Required<z.infer<typeof faultsSchema>>;

export const NO_FAULTS: Faults = { rate_429: 0, rate_5xx: 0, latency_ms: 0, duplicate_webhooks: 0, reorder_webhooks: 0 };

/** How long a reordered delivery is held back, enough to let the next status overtake it. */
export const REORDER_HOLD_MS = 1500;

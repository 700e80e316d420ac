import "server-only";

import { describeGatewayFailure, failureMessage, isGatewayError } from "@/lib/gateway";
import type { GatewayClient } from "@/lib/gateway/client";
import { gateway } from "@/lib/gateway/server";

import { SharedCheck, timedCheck } from "./checks";

/** A gateway check is answered for this long before a health request starts another one. */
export const GATEWAY_CHECK_MAX_AGE_MS = 30_000;
/** One check, its wait for the rate limiter and its retries included, gives up after this long. */
const GATEWAY_CHECK_DEADLINE_MS = 10_000;

/**
 * A failure told in plain words (e.g. a rejected Maton key), without what the gateway said: the
 * health answer is public.
 */
export function gatewayFailureMessage(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `The Maton gateway did not answer within ${GATEWAY_CHECK_DEADLINE_MS / 1000} seconds.`;
  }
  if (!isGatewayError(error)) return error instanceof Error ? error.message : String(error);
  const { title, explanation, action } = describeGatewayFailure(error);
  return failureMessage({ title, explanation, action });
}

/**
 * Whether the Maton control plane accepts the key, checked with one call at background priority (it
 * queues behind every person's and job's call) and shared: health requests, public and unauthenticated,
 * read the last result and start at most one call per 30 seconds, never two at once. Only the very
 * first request waits for a result.
 */
export function createGatewayCheck(client: () => GatewayClient, options: { maxAgeMs?: number; deadlineMs?: number; now?: () => number } = {}): SharedCheck {
  return new SharedCheck({
    maxAgeMs: options.maxAgeMs ?? GATEWAY_CHECK_MAX_AGE_MS,
    refresh: "background",
    now: options.now,
    check: () =>
      timedCheck(
        () =>
          client()
            .withPriority("background")
            .connections.listConnections(
              { status: "ACTIVE" },
              { timeoutMs: 5000, signal: AbortSignal.timeout(options.deadlineMs ?? GATEWAY_CHECK_DEADLINE_MS) },
            ),
        gatewayFailureMessage,
      ),
  });
}

const globalForCheck = globalThis as unknown as { dashboardGatewayCheck?: SharedCheck };

/** The process's gateway check (on globalThis, so every route bundle shares one). */
export function gatewayCheck(): SharedCheck {
  globalForCheck.dashboardGatewayCheck ??= createGatewayCheck(gateway);
  return globalForCheck.dashboardGatewayCheck;
}

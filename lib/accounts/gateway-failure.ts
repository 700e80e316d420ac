import type { GatewayError } from "@/lib/gateway";

import type { ProblemView } from "./views";

/**
 * A gateway failure, recognised by its shape as well as its class: under Next the process's one
 * gateway client (kept on globalThis) may come from another bundle (instrumentation, a route)
 * whose copy of the error classes fails `instanceof` here.
 */
export function asGatewayError(error: unknown): GatewayError | undefined {
  if (!(error instanceof Error)) return undefined;
  const candidate = error as Partial<GatewayError>;
  const looksLikeOne =
    typeof candidate.kind === "string" &&
    typeof candidate.title === "string" &&
    typeof candidate.explanation === "string" &&
    typeof candidate.action === "string";
  return looksLikeOne ? (error as GatewayError) : undefined;
}

/** The HTTP status of a Maton answer (401 bad key, 404 unknown connection), if it is one. */
export function matonStatusOf(error: unknown): number | undefined {
  const failure = asGatewayError(error);
  if (failure?.kind !== "maton") return undefined;
  const status = (failure as GatewayError & { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** What the admin is shown for a gateway failure: title, meaning, what to do. */
export function problemOf(error: GatewayError): ProblemView {
  const withCode = error as GatewayError & { status?: unknown; code?: unknown };
  const code = error.kind === "maton" ? withCode.status : withCode.code;
  return {
    kind: error.kind === "maton" && withCode.status === 401 ? "key" : error.kind === "network" || error.kind === "timeout" ? "unreachable" : "other",
    code: code === undefined || code === null ? null : String(code),
    title: error.title,
    explanation: error.explanation,
    action: error.action,
  };
}

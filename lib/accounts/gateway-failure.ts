import { GatewayError } from "@/lib/gateway";

import type { ProblemView } from "./views";

/** The error as a gateway failure, if it is one (recognised across Next's server bundles). */
export function asGatewayError(error: unknown): GatewayError | undefined {
  return error instanceof GatewayError ? error : undefined;
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

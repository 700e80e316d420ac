import { describeGatewayFailure, type GatewayError } from "@/lib/gateway";

import type { ProblemView } from "./views";

/** What the admin is shown for a gateway failure: its description, sorted into a rejected key, an unreachable gateway, or anything else. */
export function problemOf(error: GatewayError): ProblemView {
  const { kind, code, title, explanation, action } = describeGatewayFailure(error);
  return {
    kind: kind === "maton" && code === 401 ? "key" : kind === "network" || kind === "timeout" ? "unreachable" : "other",
    code: code === null ? null : String(code),
    title,
    explanation,
    action,
  };
}

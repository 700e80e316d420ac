import { describeGatewayFailure, type GatewayError } from "@/lib/gateway";
import type { Translate } from "@/lib/i18n/translatable";
import { explanationWords } from "@/lib/whatsapp/errors";

import type { ProblemView } from "./views";

/**
 * What the admin is shown for a gateway failure: its description, sorted into a rejected key, an
 * unreachable gateway, or anything else. Its words are English until {@link problemInWords} (it may be
 * kept for a while and read by several people).
 */
export function problemOf(error: GatewayError): ProblemView {
  const { kind, code, explanationKey, title, explanation, action } = describeGatewayFailure(error);
  return {
    kind: kind === "maton" && code === 401 ? "key" : kind === "network" || kind === "timeout" ? "unreachable" : "other",
    code: code === null ? null : String(code),
    explanationKey,
    title,
    explanation,
    action,
  };
}

/** A problem in the reader's words (`t`: the page's or the request's translator of the whole catalog). */
export function problemInWords<Problem extends ProblemView>(t: Translate, problem: Problem): Problem {
  return problem.explanationKey ? { ...problem, ...explanationWords(t, problem.explanationKey) } : problem;
}

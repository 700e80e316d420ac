/** One answer of a WhatsApp Flow form, as the inbox shows it. */
export interface FormAnswer {
  key: string;
  value: string;
}

/** Flow plumbing, not something the customer answered. */
const HIDDEN_KEYS = new Set(["flow_token"]);

function answerText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(answerText).filter(Boolean).join(", ");
  return JSON.stringify(value);
}

/**
 * The answers of a form reply (`interactive.nfm_reply.response_json`, a JSON string), in the order
 * sent, without the flow token. Null when it is not a JSON object: then the reply's body is shown.
 */
export function formAnswers(responseJson: unknown): FormAnswer[] | null {
  let parsed: unknown = responseJson;
  if (typeof responseJson === "string") {
    try {
      parsed = JSON.parse(responseJson);
    } catch {
      return null;
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, value]) => ({ key, value: answerText(value) }));
}

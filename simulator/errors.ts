import { fbtraceId } from "./ids";

/** Meta's titles for the codes the simulator raises (Cloud API error-code reference). */
const GRAPH_TITLES: Record<number, string> = {
  2: "Service temporarily unavailable",
  100: "Invalid parameter",
  2200: "Callback verification failed",
  131026: "Message undeliverable",
  131047: "Re-engagement message",
  131050: "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
  131051: "Unsupported message type",
  131052: "Media download error",
  131053: "Media upload error",
  131062: "Business-scoped User ID recipients are not supported for this message",
  132000: "Number of parameters does not match the expected number of params",
  132001: "Template name does not exist in the translation",
  132005: "Translated text too long",
  132012: "Parameter format does not match format in the created template",
  132015: "Template is Paused",
  132016: "Template is Disabled",
};

export const ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

export function graphErrorTitle(code: number): string {
  return GRAPH_TITLES[code] ?? "Unknown error";
}

export interface GraphErrorOptions {
  status?: number;
  details?: string;
  subcode?: number;
  type?: string;
  message?: string;
  userTitle?: string;
  userMessage?: string;
}

/** An error answered in Meta's Graph shape: `{"error":{message,type,code,…,fbtrace_id}}`. */
export class GraphError extends Error {
  readonly code: number;
  readonly status: number;
  readonly options: GraphErrorOptions;

  constructor(code: number, options: GraphErrorOptions = {}) {
    super(options.message ?? `(#${code}) ${graphErrorTitle(code)}`);
    this.code = code;
    this.status = options.status ?? (code === 132001 ? 404 : 400);
    this.options = options;
  }

  toBody(): { error: Record<string, unknown> } {
    const { details, subcode, type, userTitle, userMessage } = this.options;
    const error: Record<string, unknown> = { message: this.message, type: type ?? "OAuthException", code: this.code };
    if (subcode !== undefined) error.error_subcode = subcode;
    if (userTitle !== undefined) error.error_user_title = userTitle;
    if (userMessage !== undefined) error.error_user_msg = userMessage;
    if (details !== undefined) error.error_data = { messaging_product: "whatsapp", details };
    error.fbtrace_id = fbtraceId();
    return { error };
  }
}

/** A field error (code 100) naming the field in error_data.details, as the Cloud API does. */
export function invalidParameter(details: string, message = "(#100) Invalid parameter"): GraphError {
  return new GraphError(100, { details, message });
}

/** Meta's answer when an object is unknown or belongs to an account the token cannot see. */
export function objectNotFound(id: string, method: string): GraphError {
  return new GraphError(100, {
    subcode: 33,
    type: "GraphMethodException",
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  });
}

/** The webhook `errors[]` item for the same code. */
export function webhookError(code: number, details: string): Record<string, unknown> {
  const title = graphErrorTitle(code);
  return { code, title, message: title, error_data: { details }, href: ERROR_CODES_HREF };
}

/** An error answered by Maton itself (not forwarded from Meta). */
export class MatonError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }

  toBody(): { error: { message: string; type: "MatonError"; code: number } } {
    return { error: { message: this.message, type: "MatonError", code: this.status } };
  }
}

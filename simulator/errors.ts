import { fbtraceId } from "./ids";

/**
 * How an error reaches the business when it is injected on a send (`POST /_sim/faults {"error_code"}`):
 * - `sync`: the send is refused with a Graph error (HTTP status from the table);
 * - `async`: the send is accepted (200, wamid), then a single `failed` status webhook carries the error;
 * - `window`: like the 24-hour window itself (131047): async by default, sync after `{"window_error":"sync"}`.
 * Codes without a form are only raised by the simulator's own rules, never injected.
 */
export type ErrorForm = "sync" | "async" | "window";

export interface ErrorEntry {
  /** Meta's title: in `message` as `(#code) title`, and the webhook error's `title`. */
  title: string;
  /** HTTP status of the synchronous form (contract section 7); default 400. */
  status?: number;
  form?: ErrorForm;
  /** `error_data.details` of an injected error, worded as Meta words it. */
  details?: string;
  /** A `message` other than `(#code) title`, where Graph words it differently. */
  message?: string;
  subcode?: number;
}

/** The one table of codes: Meta's titles (Cloud API error-code reference), HTTP status and form. */
export const ERROR_TABLE: Readonly<Record<number, ErrorEntry>> = {
  0: { title: "AuthException", status: 401, form: "sync", message: "(#0) We were unable to authenticate the app user.", details: "We were unable to authenticate the app user. The access token has expired, been invalidated, or the app user changed settings to block apps." },
  2: { title: "Service temporarily unavailable", status: 503 },
  100: { title: "Invalid parameter", form: "sync", details: "Invalid parameter" },
  190: { title: "Access token has expired", status: 401, form: "sync", subcode: 463, message: "Error validating access token: Session has expired.", details: "Your access token has expired." },
  368: { title: "Temporarily blocked for policies violations", status: 403, form: "sync", details: "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy." },
  2200: { title: "Callback verification failed" },
  80007: { title: "Rate limit issues", form: "sync", details: "The WhatsApp Business Account has reached its rate limit." },
  130429: { title: "Rate limit hit", form: "sync", details: "Cloud API message throughput has been reached." },
  130472: { title: "User's number is part of an experiment", form: "async", details: "Failed to send message because this user's phone number is part of an experiment." },
  131000: { title: "Something went wrong", status: 500, form: "sync", details: "Message failed to send due to an unknown error." },
  131008: { title: "Required parameter is missing", form: "sync", details: "The request is missing a required parameter." },
  131009: { title: "Parameter value is not valid", form: "sync", details: "One or more parameter values are invalid." },
  131026: { title: "Message undeliverable", form: "async", details: "Message Undeliverable." },
  131030: { title: "Recipient phone number not in allowed list", form: "sync", details: "Recipient phone number not in allowed list: add the recipient phone number to the recipient list and try again." },
  131031: { title: "Account has been locked", form: "sync", details: "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy, or the data in the request could not be verified against the account." },
  131042: { title: "Business eligibility payment issue", form: "sync", details: "Message failed to send because there were one or more errors related to your payment method." },
  131047: { title: "Re-engagement message", form: "window", details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
  131048: { title: "Spam rate limit hit", form: "sync", details: "Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam." },
  131049: { title: "This message was not delivered to maintain healthy ecosystem engagement.", form: "async", details: "In order to maintain a healthy ecosystem engagement, the message failed to be delivered." },
  131050: { title: "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.", form: "async", details: "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business." },
  131051: { title: "Unsupported message type" },
  131052: { title: "Media download error" },
  131053: { title: "Media upload error", form: "async", details: "Media download failed: the media could not be fetched or is of an unsupported type." },
  131056: { title: "(Business Account, Consumer Account) pair rate limit hit", form: "sync", details: "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time." },
  131057: { title: "Account in maintenance mode", form: "sync", details: "Business Account is in maintenance mode. It is likely undergoing a throughput upgrade." },
  131062: { title: "Business-scoped User ID recipients are not supported for this message" },
  132000: { title: "Number of parameters does not match the expected number of params", form: "sync", details: "body: number of localizable_params (0) does not match the expected number of params (1)" },
  132001: { title: "Template name does not exist in the translation", status: 404, form: "sync", details: "template name does not exist in the translation" },
  132005: { title: "Translated text too long", form: "sync", details: "body: hydrated text is longer than 1024 characters" },
  132007: { title: "Template Format Character Policy Violated", form: "sync", details: "Template content violates a WhatsApp policy." },
  132012: { title: "Parameter format does not match format in the created template", form: "sync", details: "header: Format mismatch, expected IMAGE, received TEXT" },
  132015: { title: "Template is Paused", form: "sync", details: "Template is paused because of low quality." },
  132016: { title: "Template is Disabled", form: "sync", details: "Template has been disabled because of low quality." },
  133010: { title: "Account not registered", form: "sync", details: "Phone number not registered on the WhatsApp Business Platform." },
};

export const ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

export function graphErrorTitle(code: number): string {
  return ERROR_TABLE[code]?.title ?? "Unknown error";
}

/** Codes `POST /_sim/faults {"error_code"}` accepts, with the form each takes. */
export function injectableCodes(): Array<{ code: number; form: ErrorForm }> {
  return Object.entries(ERROR_TABLE).flatMap(([code, entry]) => (entry.form ? [{ code: Number(code), form: entry.form }] : []));
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
    this.status = options.status ?? ERROR_TABLE[code]?.status ?? 400;
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

/** The table's `error_data.details` for a code (its title when it has none). */
export function errorDetails(code: number): string {
  return ERROR_TABLE[code]?.details ?? graphErrorTitle(code);
}

/** The synchronous form of a code from the table, as an injected fault answers it; `details` replaces the table's. */
export function tableError(code: number, details = errorDetails(code)): GraphError {
  const entry = ERROR_TABLE[code];
  return new GraphError(code, { message: entry?.message, subcode: entry?.subcode, details });
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

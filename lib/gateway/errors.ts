/**
 * Every failure of a gateway call is one of these classes, each carrying the plain explanation and the
 * suggested action from the table in lib/whatsapp/errors.ts: in English on the error itself (for logs),
 * in the reader's language wherever a person reads it (translateFailure, failureSentence).
 */

import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";
import {
  type ErrorExplanation,
  type ErrorWords,
  type ExplanationKey,
  explainGraphError,
  explainKey,
  explainMatonError,
  explanationWords,
} from "@/lib/whatsapp/errors";
import type { FieldProblem } from "@/lib/whatsapp/message-builders";

/** English, for what is logged and for the callers that still write a failure as one English string. */

export interface CallContext {
  method: string;
  /** Graph path or control-plane path, without host or key. */
  path: string;
  /** Set when the call created something (a send): the outcome may need reconciling. */
  idempotencyKey?: string;
}

/** Marks gateway errors, so `instanceof` holds across bundles that each carry a copy of these classes. */
const GATEWAY_ERROR = Symbol.for("whatsapp-dashboard.gateway-error");

export type GatewayErrorKind = "graph" | "maton" | "network" | "timeout" | "unexpected_response" | "invalid_request";

export abstract class GatewayError extends Error {
  abstract readonly kind: GatewayErrorKind;
  /** The kind a subclass stands for; left out on the base class, which matches every kind. */
  static readonly errorKind: GatewayErrorKind | undefined = undefined;
  readonly [GATEWAY_ERROR] = true;

  /**
   * Next bundles server code more than once (instrumentation, each route): an error thrown by the
   * process's shared client may come from another copy of these classes. Recognise it by its mark.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null || !(GATEWAY_ERROR in value)) return false;
    const kind = (this as { errorKind?: GatewayErrorKind }).errorKind;
    return kind === undefined || (value as { kind?: unknown }).kind === kind;
  }
  /** The table's entry: where its words are in the catalogs. */
  readonly explained: ErrorExplanation;
  /** In English, for logs; people read the words in their language (describeGatewayFailure, translateFailure). */
  readonly title: string;
  readonly explanation: string;
  readonly action: string;
  /** Waiting and retrying can help. */
  readonly retryLater: boolean;
  /** A send may or may not have gone out: reconcile by idempotency key before sending again. */
  readonly outcomeUnknown: boolean;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  /** Attempts made, retries included. */
  attempts = 1;

  constructor(message: string, explained: ErrorExplanation, call: CallContext, outcomeUnknown: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    const words = explanationWords(inEnglish, explained);
    this.explained = explained;
    this.title = words.title;
    this.explanation = words.explanation;
    this.action = words.action;
    this.retryLater = explained.retryLater;
    this.outcomeUnknown = outcomeUnknown;
    this.method = call.method;
    this.path = call.path;
    this.idempotencyKey = call.idempotencyKey;
  }
}

/** Meta's error object, passed through by the gateway. */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  error_data?: { messaging_product?: string; details?: string };
  fbtrace_id?: string;
}

export class GraphError extends GatewayError {
  override name = "GraphError";
  readonly kind = "graph" as const;
  static override readonly errorKind = "graph" as const;
  readonly status: number;
  readonly code: number;
  readonly subcode: number | undefined;
  readonly type: string | undefined;
  /** Meta's own title (error_user_title, else its message). */
  readonly graphTitle: string;
  readonly graphMessage: string;
  readonly userMessage: string | undefined;
  /** error_data.details: often names the offending field. */
  readonly details: string | undefined;
  readonly fbtraceId: string | undefined;
  readonly rawBody: unknown;

  constructor(status: number, body: GraphErrorBody, rawBody: unknown, call: CallContext, outcomeUnknown = false) {
    const explained = explainGraphError(body.code, status);
    super(`${body.code} ${explanationWords(inEnglish, explained).title}: ${body.message}`, explained, call, outcomeUnknown);
    this.status = status;
    this.code = body.code;
    this.subcode = body.error_subcode;
    this.type = body.type;
    this.graphTitle = body.error_user_title ?? body.message;
    this.graphMessage = body.message;
    this.userMessage = body.error_user_msg;
    this.details = body.error_data?.details;
    this.fbtraceId = body.fbtrace_id;
    this.rawBody = rawBody;
  }
}

/** An answer of the Maton gateway or control plane itself (its bodies are not published: any JSON or text). */
export class MatonError extends GatewayError {
  override name = "MatonError";
  readonly kind = "maton" as const;
  static override readonly errorKind = "maton" as const;
  readonly status: number;
  /** The code in the body when there is one, else the HTTP status. */
  readonly code: number;
  readonly serverMessage: string | undefined;
  readonly rawBody: unknown;
  /** From Retry-After on 429, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, rawBody: unknown, call: CallContext, options: { outcomeUnknown?: boolean; retryAfterMs?: number } = {}) {
    const explained = explainMatonError(status);
    const serverMessage = messageOf(rawBody);
    super(`Maton ${status} ${explanationWords(inEnglish, explained).title}${serverMessage ? `: ${serverMessage}` : ""}`, explained, call, options.outcomeUnknown ?? false);
    this.status = status;
    this.code = codeOf(rawBody) ?? status;
    this.serverMessage = serverMessage;
    this.rawBody = rawBody;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The gateway could not be reached, or the connection broke. */
export class GatewayNetworkError extends GatewayError {
  override name = "GatewayNetworkError";
  readonly kind = "network" as const;
  static override readonly errorKind = "network" as const;
  /** e.g. ECONNREFUSED, ECONNRESET, ENOTFOUND */
  readonly code: string | undefined;
  /** Nothing reached the server (refused, unresolvable): a send is safe to retry. */
  readonly notSent: boolean;

  constructor(cause: unknown, call: CallContext, outcomeUnknown: boolean) {
    const code = networkErrorCode(cause);
    super(`Could not reach the gateway (${code ?? "network error"}) for ${call.method} ${call.path}`, explainKey("network"), call, outcomeUnknown, cause);
    this.code = code;
    this.notSent = code !== undefined && NOT_SENT_CODES.has(code);
  }
}

export class GatewayTimeoutError extends GatewayError {
  override name = "GatewayTimeoutError";
  readonly kind = "timeout" as const;
  static override readonly errorKind = "timeout" as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, call: CallContext, outcomeUnknown: boolean) {
    super(`No answer from the gateway within ${timeoutMs} ms for ${call.method} ${call.path}`, explainKey("timeout"), call, outcomeUnknown);
    this.timeoutMs = timeoutMs;
  }
}

/** A 2xx answer whose shape is not what Graph documents: caught here, not deep in the app. */
export class UnexpectedResponseError extends GatewayError {
  override name = "UnexpectedResponseError";
  readonly kind = "unexpected_response" as const;
  static override readonly errorKind = "unexpected_response" as const;
  readonly status: number;
  readonly problems: FieldProblem[];
  readonly rawBody: unknown;

  constructor(status: number, problems: FieldProblem[], rawBody: unknown, call: CallContext, outcomeUnknown: boolean) {
    const summary = problems.slice(0, 3).map((problem) => `${problem.field || "(root)"}: ${translateMessage(inEnglish, problem.message)}`).join("; ");
    super(`Unexpected answer to ${call.method} ${call.path}: ${summary}`, explainKey("unexpected_response"), call, outcomeUnknown);
    this.status = status;
    this.problems = problems;
    this.rawBody = rawBody;
  }
}

/** The request breaks WhatsApp's rules (a limit, a required field): refused before anything was sent. */
export class InvalidRequestError extends GatewayError {
  override name = "InvalidRequestError";
  readonly kind = "invalid_request" as const;
  static override readonly errorKind = "invalid_request" as const;
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[], call: CallContext) {
    const summary = problems.map((problem) => `${problem.field || "(message)"}: ${translateMessage(inEnglish, problem.message)}`).join("; ");
    super(`Not sent: ${summary}`, explainKey("invalid_request"), call, false);
    this.problems = problems;
  }
}

/** The one recogniser of a gateway failure, whichever of Next's server bundles threw it. */
export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/**
 * A gateway failure described once, as plain browser-safe data: what the person is told, whichever door
 * it leaves by (an action's result, an API problem, a stored message, a view's problem). Nothing secret.
 * Its words (title, explanation, action) are English as described; a door puts them in its reader's
 * language with {@link translateFailure}. Meta's and Maton's own words stay as they wrote them.
 */
export interface GatewayFailure {
  kind: GatewayErrorKind;
  /** Graph code, Maton status, or the network code (ECONNREFUSED…); null when there is none (a timeout). */
  code: number | string | null;
  /** Where the words below are in the catalogs (`gateway.<explanationKey>.title|explanation|action`). */
  explanationKey: ExplanationKey;
  /** Our title from the table (e.g. "24-hour window closed"). */
  title: string;
  explanation: string;
  /** What to do about it. */
  action: string;
  /** The request's field the failure names, when it names one (our own checks do). */
  field?: string;
  /** Waiting and trying again can succeed. */
  retryable: boolean;
  /** Meta's own title, shown beside ours (the contract asks for both). */
  graphTitle?: string;
  /** Meta's own words (its message for people, or error_data.details), Maton's message, or what our check found. */
  details?: string;
  /** What our own check found wrong (an invalid request), each in words put into the reader's language at the door. */
  problems?: FieldProblem[];
  /** Meta's error_subcode, which places some refusals (a template's). */
  subcode?: number;
  /** A send may or may not have gone out: reconciled by idempotency key before sending again. */
  outcomeUnknown: boolean;
  fbtraceId?: string;
}

/** Builds the description of any gateway failure: the one place its fields are read. */
export function describeGatewayFailure(error: GatewayError): GatewayFailure {
  const common = {
    kind: error.kind,
    explanationKey: error.explained.key,
    title: error.title,
    explanation: error.explanation,
    action: error.action,
    retryable: error.retryLater,
    outcomeUnknown: error.outcomeUnknown,
  };
  if (error instanceof GraphError) {
    const otherMessage = error.graphMessage !== error.graphTitle ? error.graphMessage : undefined;
    return {
      ...common,
      code: error.code,
      graphTitle: error.graphTitle,
      details: error.userMessage ?? error.details ?? otherMessage,
      subcode: error.subcode,
      fbtraceId: error.fbtraceId,
    };
  }
  if (error instanceof MatonError) return { ...common, code: error.status, details: error.serverMessage };
  if (error instanceof GatewayNetworkError) return { ...common, code: error.code ?? null };
  if (error instanceof InvalidRequestError || error instanceof UnexpectedResponseError) {
    const field = error instanceof InvalidRequestError ? error.problems.find((problem) => problem.field)?.field : undefined;
    const problems = error.problems.map((problem) => ({ field: problem.field, message: problem.message }));
    return { ...common, code: null, field, problems, details: problemsInWords(inEnglish, problems) };
  }
  return { ...common, code: null };
}

/**
 * A failure with its words in the reader's language (`t`: the door's translator); the other side's words
 * unchanged. One kept from before its words moved into the catalogs (no explanationKey) stays as it is.
 */
export function translateFailure(t: Translate, failure: GatewayFailure): GatewayFailure {
  if (!failure.explanationKey) return failure;
  const { title, explanation, action } = explanationWords(t, failure.explanationKey);
  const details = failure.problems ? problemsInWords(t, failure.problems) : failure.details;
  return { ...failure, title, explanation, action, details };
}

/** Our own checks' findings, "field: problem; …", in the reader's words. */
function problemsInWords(t: Translate, problems: readonly FieldProblem[]): string | undefined {
  const words = problems.map((problem) => (problem.field ? `${problem.field}: ${translateMessage(t, problem.message)}` : translateMessage(t, problem.message))).join("; ");
  return words || undefined;
}

/** The words of a failure: a description, or words of one's own (the server's own refusals). */
export type FailureWords = Pick<GatewayFailure, "title" | "explanation" | "action"> &
  Partial<Pick<GatewayFailure, "graphTitle" | "details" | "explanationKey">>;

/** What a failure's sentence is written from: a description (or words), or an entry of lib/whatsapp's table. */
export type FailureSource = FailureWords | ErrorExplanation;

export interface FailureSentenceOptions {
  /** What did not happen ("Not deleted."), said first. */
  lead?: Translatable | string;
  /** Replaces the table's advice where the caller knows better. */
  action?: Translatable | string;
  /** false: the title is left out, for a view that shows it on its own line. */
  withTitle?: boolean;
}

/**
 * The one way a failure is written out, in the reader's language (`t`: the door's translator):
 * "[lead] Title (Meta's words): what happened. What to do." A failure that names its table entry
 * (explanationKey) is worded from the catalog; words of one's own are used as they are.
 */
export function failureSentence(t: Translate, failure: FailureSource, options: FailureSentenceOptions = {}): string {
  const fromTable = "key" in failure;
  const key = fromTable ? failure.key : failure.explanationKey;
  const words: ErrorWords = key ? explanationWords(t, key) : (failure as FailureWords);
  const said = fromTable ? "" : theirWords(failure, key ? [words.title, explanationWords(inEnglish, key).title] : [words.title]);
  const action = (options.action === undefined ? "" : translateMessage(t, options.action)) || words.action;
  const values = { title: words.title, explanation: words.explanation, action, said };
  const sentence =
    options.withTitle === false
      ? t(said ? "gateway.failure.withoutTitleAndTheirWords" : "gateway.failure.withoutTitle", values)
      : t(said ? "gateway.failure.withTitleAndTheirWords" : "gateway.failure.withTitle", values);
  const lead = options.lead === undefined ? "" : translateMessage(t, options.lead);
  return lead ? t("gateway.failure.withLead", { lead, sentence }) : sentence;
}

/**
 * A failure's sentence in English, for the callers that write it into one string (logs, stored
 * messages); a door that answers a person uses {@link failureSentence} with its reader's translator.
 */
export function failureMessage(failure: FailureSource, options: FailureSentenceOptions = {}): string {
  return failureSentence(inEnglish, failure, options);
}

/** Meta's title (without its "(#100)" prefix) and details, each once and only when they add to our title (in any language). */
function theirWords(failure: FailureWords, ourTitles: string[]): string {
  const plain = (words: string) => words.trim().replace(/\.$/, "").toLowerCase();
  const ours = new Set(ourTitles.map(plain));
  const parts: string[] = [];
  for (const words of [failure.graphTitle?.replace(/^\(#\d+\)\s*/, ""), failure.details]) {
    if (words && !ours.has(plain(words)) && !parts.some((part) => plain(part) === plain(words))) parts.push(words);
  }
  return parts.join(": ");
}

/** Connection-level failures where the request never reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/** fetch wraps the socket error: TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === "object"; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const errors = (current as { errors?: unknown }).errors; // AggregateError from happy-eyeballs connects
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isNotSentNetworkError(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

function errorObjectOf(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const inner = (body as { error?: unknown }).error;
  return inner !== null && typeof inner === "object" ? (inner as Record<string, unknown>) : undefined;
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 300) || undefined;
  if (body === null || typeof body !== "object") return undefined;
  const candidates = [errorObjectOf(body)?.message, (body as { message?: unknown }).message, (body as { error?: unknown }).error];
  return candidates.find((candidate): candidate is string => typeof candidate === "string");
}

function codeOf(body: unknown): number | undefined {
  const code = errorObjectOf(body)?.code;
  return typeof code === "number" ? code : undefined;
}

/** Meta's body: `{"error":{"message","code",…}}` with a numeric code and not tagged as Maton's own. */
export function asGraphErrorBody(body: unknown): GraphErrorBody | undefined {
  const inner = errorObjectOf(body);
  if (!inner || typeof inner.code !== "number" || typeof inner.message !== "string") return undefined;
  if (inner.type === "MatonError") return undefined;
  const num = (value: unknown) => (typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined);
  const str = (value: unknown) => (typeof value === "string" ? value : undefined);
  const data = inner.error_data !== null && typeof inner.error_data === "object" ? (inner.error_data as Record<string, unknown>) : undefined;
  return {
    message: inner.message,
    code: inner.code,
    type: str(inner.type),
    error_subcode: num(inner.error_subcode),
    error_user_title: str(inner.error_user_title),
    error_user_msg: str(inner.error_user_msg),
    error_data: data ? { messaging_product: str(data.messaging_product), details: str(data.details) } : undefined,
    fbtrace_id: str(inner.fbtrace_id),
  };
}

/** Gateway statuses Maton answers itself (contract section 1). */
const MATON_STATUSES = new Set([400, 401, 404, 429]);

/**
 * Turns a non-2xx answer into GraphError or MatonError. Meta-shaped bodies are Meta's; a Maton-tagged or
 * unshaped body is Maton's (any JSON or text is kept as rawBody).
 */
export function errorFromResponse(
  status: number,
  rawBody: unknown,
  call: CallContext,
  options: { outcomeUnknown?: boolean; retryAfterMs?: number } = {},
): GraphError | MatonError {
  const graphBody = asGraphErrorBody(rawBody);
  // Meta passes 401 for token problems with a Graph body: still Meta's error (code 190).
  if (graphBody && !(MATON_STATUSES.has(status) && graphBody.fbtrace_id === undefined && graphBody.type === undefined)) {
    return new GraphError(status, graphBody, rawBody, call, options.outcomeUnknown ?? false);
  }
  return new MatonError(status, rawBody, call, options);
}

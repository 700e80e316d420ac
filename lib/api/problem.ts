/**
 * The public API's failures, as RFC 9457 problems (`application/problem+json`): one shape for every
 * refusal, with a `code` to branch on, a `detail` in the caller's language, and the fields at fault.
 */
import "server-only";

import { translateMessage, type MessageKey, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";
import { z } from "@/lib/zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** One input the caller got wrong: `field` as they wrote it (`text.body`, `limit`, `Idempotency-Key`). */
export interface ProblemFieldError {
  field: string;
  detail: Translatable | string;
}

/**
 * A refusal an operation (or the kit) answers with: the HTTP status, a stable code, and what the
 * caller is told (a Translatable, put into their language when answered; a plain string is used as it is).
 */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: HeadersInit | undefined;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: Translatable | string,
    options: { errors?: ProblemFieldError[]; headers?: HeadersInit } = {},
  ) {
    super(`${status} ${code}: ${translateMessage(inEnglish, detail)}`);
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/**
 * The codes the kit answers with, each with its status and its title in the catalogs. Operations may
 * use others: their title is the one of their status.
 */
export const PROBLEM_CODES = {
  UNAUTHENTICATED: { status: 401, title: "api.problemTitles.unauthenticated" },
  FORBIDDEN: { status: 403, title: "api.problemTitles.forbidden" },
  NOT_FOUND: { status: 404, title: "api.problemTitles.notFound" },
  INVALID_REQUEST: { status: 400, title: "api.problemTitles.invalidRequest" },
  INVALID_CURSOR: { status: 400, title: "api.problemTitles.invalidCursor" },
  RATE_LIMITED: { status: 429, title: "api.problemTitles.rateLimited" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "api.problemTitles.idempotencyKeyReused" },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: "api.problemTitles.idempotencyKeyInUse" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "api.problemTitles.unsupportedMediaType" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "api.problemTitles.payloadTooLarge" },
  INVALID_INPUT: { status: 422, title: "api.problemTitles.invalidInput" },
  WINDOW_CLOSED: { status: 422, title: "api.problemTitles.windowClosed" },
  OPTED_OUT: { status: 422, title: "api.problemTitles.optedOut" },
  UNSUPPORTED_TEMPLATE: { status: 422, title: "api.problemTitles.unsupportedTemplate" },
  NOT_RETRYABLE: { status: 422, title: "api.problemTitles.notRetryable" },
  CONFLICT: { status: 409, title: "api.problemTitles.conflict" },
  OUTCOME_UNKNOWN: { status: 409, title: "api.problemTitles.outcomeUnknown" },
  GATEWAY_ERROR: { status: 502, title: "api.problemTitles.gatewayError" },
  GATEWAY_BUSY: { status: 503, title: "api.problemTitles.gatewayBusy" },
  INTERNAL_ERROR: { status: 500, title: "api.problemTitles.internalError" },
} as const satisfies Record<string, { status: number; title: MessageKey }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

const STATUS_TITLES: Record<number, MessageKey> = {
  400: "api.problemTitles.badRequest",
  401: "api.problemTitles.unauthenticated",
  403: "api.problemTitles.forbidden",
  404: "api.problemTitles.notFound",
  409: "api.problemTitles.conflict",
  413: "api.problemTitles.payloadTooLarge",
  415: "api.problemTitles.unsupportedMediaType",
  422: "api.problemTitles.unprocessable",
  429: "api.problemTitles.rateLimited",
  502: "api.problemTitles.gatewayError",
  503: "api.problemTitles.unavailable",
};

function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}

/** Where a code's title is in the catalogs: its own, else its status's. */
export function problemTitleKey(status: number, code: string): MessageKey {
  if (isProblemCode(code)) return PROBLEM_CODES[code].title;
  return STATUS_TITLES[status] ?? (status >= 500 ? "api.problemTitles.internalError" : "api.problemTitles.badRequest");
}

/** The problem type's URI: one per code, on the reference page, which explains them. */
export function problemType(appUrl: string, code: string): string {
  return `${appUrl}/docs/api#problem-${code.toLowerCase().replaceAll("_", "-")}`;
}

/** A problem as its JSON says it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; detail: string }>;
  request_id: string;
}

/** The problem in the caller's words. */
export function problemBody(problem: ApiProblem, t: Translate, context: { appUrl: string; requestId: string }): ProblemBody {
  return {
    type: problemType(context.appUrl, problem.code),
    title: t(problemTitleKey(problem.status, problem.code)),
    status: problem.status,
    detail: translateMessage(t, problem.detail),
    code: problem.code,
    ...(problem.errors && problem.errors.length > 0
      ? { errors: problem.errors.map((error) => ({ field: error.field, detail: translateMessage(t, error.detail) })) }
      : {}),
    request_id: context.requestId,
  };
}

/** The problem as the OpenAPI document describes it (a shared component). */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem: one per `code`, on the API reference.", format: "uri" }),
    title: z.string().meta({ description: "The kind of problem in a few words, in the caller's language." }),
    status: z.number().int().meta({ description: "The HTTP status, repeated." }),
    detail: z.string().meta({ description: "What went wrong and what to do, written for a person, in the caller's language." }),
    code: z.string().meta({ description: "A stable code to branch on (RATE_LIMITED, WINDOW_CLOSED, …)." }),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ description: "The input at fault, named as the caller wrote it: `text.body`, `limit`, `cursor`, `Idempotency-Key`." }),
          detail: z.string().meta({ description: "What is wrong with it." }),
        }),
      )
      .optional()
      .meta({ description: "Each field at fault, when the problem is with the input." }),
    request_id: z.string().meta({ description: "The request's id, also in the X-Request-Id header: quote it when asking for help." }),
  })
  .meta({
    id: "Problem",
    description: "A failure, as RFC 9457 problem details (`application/problem+json`).",
    example: {
      type: "https://dashboard.example.com/docs/api#problem-invalid-request",
      title: "Invalid request",
      status: 400,
      detail: "Some values are not accepted: see each field in errors.",
      code: "INVALID_REQUEST",
      errors: [{ field: "limit", detail: "The largest value allowed is 100." }],
      request_id: "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
    },
  });

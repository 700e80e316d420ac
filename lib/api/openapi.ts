/**
 * The OpenAPI 3.1 document of the public API, generated from the operations themselves: the same zod
 * schemas that check the input and shape the answers describe them here, so the two cannot drift.
 */
import "server-only";

import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from "zod-openapi";
import type { oas31 } from "zod-openapi";

import { CAPABILITIES, ROLES } from "@/lib/auth/permissions";
import { inEnglish } from "@/lib/i18n/translators";
import { z } from "@/lib/zod";

import { JSON_BODY_MAX_BYTES, type ApiOperation } from "./operation";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "./pagination";
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, problemSchema } from "./problem";

export const API_TITLE = "WhatsApp Business dashboard API";
export const API_VERSION = "1.0.0";
/** Where the operations' paths start, as the document's one server. */
export const API_BASE_PATH = "/api/v1";

const TAG_DESCRIPTIONS: Record<string, string> = {
  Conversations: "Conversations between your business numbers and customers: list, read, and reply.",
  Messages: "Messages of conversations, and messages to customers you have no conversation with yet.",
  Templates: "Message templates, as Meta approved them: what may be sent outside the 24-hour window.",
  "Phone numbers": "The business phone numbers of your connections.",
  Media: "The media library: files to send in messages.",
};

/** Response headers every answer carries, documented once. */
const HEADERS: Record<string, oas31.HeaderObject> = {
  RateLimitLimit: { description: "Requests this token may make per minute.", schema: { type: "integer" } },
  RateLimitRemaining: { description: "Requests left in the current minute.", schema: { type: "integer" } },
  RateLimitReset: { description: "Seconds until the current minute's count starts again.", schema: { type: "integer" } },
  RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
  IdempotentReplayed: {
    description: "`true` when this is the kept answer to an earlier request with the same Idempotency-Key.",
    schema: { type: "string", enum: ["true"] },
  },
  RequestId: { description: "The request's id: quote it when asking for help.", schema: { type: "string" } },
  WwwAuthenticate: { description: "The scheme to authenticate with: `Bearer`.", schema: { type: "string" } },
};

const header = (name: keyof typeof HEADERS): oas31.ReferenceObject => ({ $ref: `#/components/headers/${name}` });

const rateLimitHeaders = {
  "RateLimit-Limit": header("RateLimitLimit"),
  "RateLimit-Remaining": header("RateLimitRemaining"),
  "RateLimit-Reset": header("RateLimitReset"),
  "X-Request-Id": header("RequestId"),
};

/** A shared problem answer, registered once as a component and referred to by every operation that may give it. */
function problemResponse(id: string, description: string, extraHeaders: Record<string, oas31.ReferenceObject> = {}): ZodOpenApiResponseObject {
  return {
    id,
    description,
    headers: { ...rateLimitHeaders, ...extraHeaders },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
  };
}

const PROBLEM_RESPONSES = {
  400: problemResponse("InvalidRequest", "The input was not accepted: `errors` names each field at fault (`INVALID_REQUEST`, `INVALID_CURSOR`)."),
  401: problemResponse("Unauthenticated", "No API token, or one that is not valid, revoked or expired, or whose user is disabled (`UNAUTHENTICATED`).", {
    "WWW-Authenticate": header("WwwAuthenticate"),
  }),
  403: problemResponse("Forbidden", "The token's user has a role that may not do this (`FORBIDDEN`)."),
  404: problemResponse("NotFound", "No such thing, or not in a connection you work in: the two are never told apart (`NOT_FOUND`)."),
  409: problemResponse(
    "Conflict",
    "The same Idempotency-Key's first request is still running (`IDEMPOTENCY_KEY_IN_USE`), or the outcome of an earlier attempt is not known yet (`OUTCOME_UNKNOWN`, `CONFLICT`). Try again in a moment.",
  ),
  413: problemResponse("PayloadTooLarge", "The body is larger than allowed (`PAYLOAD_TOO_LARGE`)."),
  415: problemResponse("UnsupportedMediaType", "The body is not in the content type this operation takes (`UNSUPPORTED_MEDIA_TYPE`)."),
  422: problemResponse(
    "Unprocessable",
    "Understood but not carried out: the 24-hour window is closed (`WINDOW_CLOSED`), the customer opted out (`OPTED_OUT`), a value breaks WhatsApp's rules (`INVALID_INPUT`), or the Idempotency-Key was used for another request (`IDEMPOTENCY_KEY_REUSED`).",
  ),
  429: problemResponse("RateLimited", "Too many requests with this token this minute (`RATE_LIMITED`).", { "Retry-After": header("RetryAfter") }),
  500: problemResponse("InternalError", "A failure on the dashboard's side (`INTERNAL_ERROR`): retry; quote `request_id` if it lasts."),
  502: problemResponse("GatewayError", "WhatsApp (through the Maton gateway) refused or failed; `detail` explains it in plain words (`GATEWAY_ERROR`)."),
  503: problemResponse("GatewayBusy", "WhatsApp's request budget is used up for the moment (`GATEWAY_BUSY`).", { "Retry-After": header("RetryAfter") }),
} as const;

type ProblemStatus = keyof typeof PROBLEM_RESPONSES;

/** The problems an operation may answer, from what it takes and does. */
function problemStatuses(operation: ApiOperation): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>([401, 429, 500]);
  const hasInput = operation.params || operation.query || operation.body || operation.multipart || operation.idempotent;
  if (hasInput) statuses.add(400);
  if ((CAPABILITIES[operation.capability] as readonly string[]).length < ROLES.length) statuses.add(403);
  if (operation.params) statuses.add(404);
  if (operation.body || operation.multipart) [413, 415, 422].forEach((status) => statuses.add(status as ProblemStatus));
  if (operation.idempotent) [409, 422].forEach((status) => statuses.add(status as ProblemStatus));
  // Operations that change something go through WhatsApp.
  if (operation.method !== "GET") [502, 503].forEach((status) => statuses.add(status as ProblemStatus));
  return [...statuses].sort((a, b) => a - b);
}

const idempotencyKeyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({
      description: "Any unique value (a UUID): sending the request again with the same key gives the first answer again, without doing it twice.",
      example: "7c4f2e1a-0b9d-4c3e-8f6a-5d2b1e0c9a87",
    }),
});

function operationObject(operation: ApiOperation): ZodOpenApiOperationObject {
  const success: ZodOpenApiResponseObject = {
    description: operation.success.description,
    headers: operation.idempotent ? { ...rateLimitHeaders, "Idempotent-Replayed": header("IdempotentReplayed") } : rateLimitHeaders,
    ...(operation.success.schema && operation.success.status !== 204 ? { content: { "application/json": { schema: operation.success.schema } } } : {}),
  };
  const responses: ZodOpenApiOperationObject["responses"] = { [String(operation.success.status)]: success };
  for (const status of problemStatuses(operation)) responses[`${status}`] = PROBLEM_RESPONSES[status];
  const requestBody = operation.body
    ? { required: true, content: { "application/json": { schema: operation.body } } }
    : operation.multipart
      ? { required: true, content: { "multipart/form-data": { schema: operation.multipart } } }
      : undefined;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    requestParams: {
      ...(operation.params ? { path: operation.params } : {}),
      ...(operation.query ? { query: operation.query } : {}),
      ...(operation.idempotent ? { header: idempotencyKeyHeader } : {}),
    },
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** The guide at the top of the reference: what every operation has in common. */
function guide(rateLimitPerMinute: number): string {
  const codes = Object.entries(PROBLEM_CODES)
    .map(([code, { status, title }]) => `| \`${code}\` | ${status} | ${inEnglish(title)} |`)
    .join("\n");
  return `The dashboard's REST API: the conversations, messages, templates, phone numbers and media of the WhatsApp Business accounts you work in, acting as you, with your role.

## Authentication

Create a token in **Settings › API tokens** (it is shown once) and send it with every request:

\`\`\`
Authorization: Bearer wbd_…
\`\`\`

A token acts as its user: the same role, the same connections. It stops working when it is revoked, when it expires, or when its user is disabled. Without a valid token the answer is \`401 UNAUTHENTICATED\`; a role that may not do something gets \`403 FORBIDDEN\`.

## Requests and answers

JSON in and out (\`Content-Type: application/json\`, bodies up to ${JSON_BODY_MAX_BYTES / (1024 * 1024)} MB); media uploads are \`multipart/form-data\`. Fields are snake_case, times are ISO 8601 in UTC, ids are strings. Answers are never cached (\`Cache-Control: no-store\`). Send \`Accept-Language\` (en, zh-CN, es, pt-BR, ar) to get error details in that language; without it, your language setting is used.

## Pagination

Lists take \`limit\` (1–${PAGE_LIMIT_MAX}, default ${PAGE_LIMIT_DEFAULT}) and \`cursor\`, and answer

\`\`\`json
{ "data": [ … ], "next_cursor": "eyJ…", "total": 42 }
\`\`\`

Pass \`next_cursor\` as \`cursor\` (with the same filters) for the next page; it is \`null\` on the last page. A cursor marks a place in the list: rows added before it do not shift the pages after it.

## Idempotency

Operations that send or create take an \`Idempotency-Key\` header (1 to 255 printable ASCII characters; a UUID is a good choice). The first answer is kept for 24 hours: sending the same request with the same key answers it again, with \`Idempotent-Replayed: true\`, and nothing is sent or created twice. The same key on a different method, path or body is refused (\`422 IDEMPOTENCY_KEY_REUSED\`); while the first request is still running, \`409 IDEMPOTENCY_KEY_IN_USE\`. Server errors (5xx) and conflicts (409) are not kept, so a retry with the same key is safe. Without the header the request works all the same, without that protection.

## Rate limits

Each token may make ${rateLimitPerMinute} requests a minute, counted across every dashboard instance, in fixed one-minute windows. Every answer carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds until the window ends); over the limit the answer is \`429 RATE_LIMITED\` with \`Retry-After\`. When WhatsApp's own request budget is used up, the answer is \`503 GATEWAY_BUSY\`, also with \`Retry-After\`.

## Errors

Every failure is a problem (RFC 9457, \`application/problem+json\`): \`code\` is stable, branch on it; \`detail\` says what happened and what to do, for a person; \`errors\` names each field at fault as you wrote it; quote \`request_id\` (also the \`X-Request-Id\` header) when asking for help.

\`\`\`json
{
  "type": "https://dashboard.example.com/docs/api#problem-window-closed",
  "title": "24-hour window closed",
  "status": 422,
  "detail": "The customer last wrote more than 24 hours ago: only templates can be sent.",
  "code": "WINDOW_CLOSED",
  "request_id": "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
}
\`\`\`

| code | status | title |
|---|---|---|
${codes}
`;
}

export interface ApiDocumentOptions {
  rateLimitPerMinute: number;
}

/** The OpenAPI document of these operations. */
export function createApiDocument(operations: readonly ApiOperation[], options: ApiDocumentOptions): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    const method = operation.method.toLowerCase() as "get" | "post" | "patch" | "delete";
    paths[operation.path] = { ...paths[operation.path], [method]: operationObject(operation) };
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}),
  }));
  return createDocument({
    openapi: "3.1.0",
    info: { title: API_TITLE, version: API_VERSION, description: guide(options.rateLimitPerMinute) },
    servers: [{ url: API_BASE_PATH, description: "This dashboard" }],
    security: [{ bearerAuth: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wbd_…",
          description: "A personal API token from Settings › API tokens.",
        },
      },
      schemas: { Problem: problemSchema },
      headers: HEADERS,
    },
  });
}

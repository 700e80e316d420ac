/**
 * The one door of every public API operation: a route file is only `export const GET = serve(op)`.
 * In order: the request id, the Bearer token, the token's rate limit, the role, the input (params,
 * query, body) against the operation's schemas, the Idempotency-Key, the handler, and every failure
 * as a problem in the caller's language.
 */
import "server-only";

import { createHash } from "node:crypto";

import type { ZodError, ZodType } from "zod";

import { getDb, type Database } from "@/db";
import { claimIdempotencyKey, recordIdempotentAnswer, releaseIdempotencyKey, type IdempotencyKeyRef } from "@/db/queries/api-idempotency";
import { countApiRequest } from "@/db/queries/api-rate-windows";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/locales";
import { negotiateLocale } from "@/i18n/negotiate";
import { ActionError } from "@/lib/actions/errors";
import { authenticateApiToken } from "@/lib/api-tokens/service";
import { NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { describeGatewayFailure, failureSentence, isGatewayError, MatonError, type GatewayFailure } from "@/lib/gateway/errors";
import { readBodyCapped } from "@/lib/http/body";
import { formatFileSize } from "@/lib/i18n/format";
import { message, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { formatterFor, translatorFor } from "@/lib/i18n/translators";
import { OutboundRefusal } from "@/lib/inbox/outbound";
import { logger, requestIdFrom, runWithRequestContext } from "@/lib/log";

import { JSON_BODY_MAX_BYTES, type ApiOperation } from "./operation";
import { ApiProblem, PROBLEM_CONTENT_TYPE, problemBody, type ProblemFieldError } from "./problem";

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const log = logger("api");

type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/** Which operation each handler serves: how the contract test checks a route file against OPERATIONS. */
const served = new WeakMap<RouteHandler, ApiOperation>();

/** The route handler of an operation. */
export function serve(operation: ApiOperation): RouteHandler {
  const handler: RouteHandler = (request, context) => {
    const requestId = requestIdFrom(request.headers);
    return runWithRequestContext({ requestId }, () => answer(operation, request, context, requestId));
  };
  served.set(handler, operation);
  return handler;
}

/** The operation a route file's export serves, if it is one made by {@link serve}. */
export function operationServedBy(handler: unknown): ApiOperation | undefined {
  return typeof handler === "function" ? served.get(handler as RouteHandler) : undefined;
}

/** What is known of the caller so far, for the answer's words and headers. */
interface Exchange {
  requestId: string;
  /** The language Accept-Language asked for, if it named one of ours. */
  askedLocale: Locale | undefined;
  user: SessionUser | undefined;
  headers: Headers;
}

async function answer(operation: ApiOperation, request: Request, context: RouteContext, requestId: string): Promise<Response> {
  const exchange: Exchange = {
    requestId,
    askedLocale: askedLocale(request.headers.get("accept-language")),
    user: undefined,
    headers: new Headers({ "Cache-Control": "no-store", "X-Request-Id": requestId }),
  };
  let db: Database;
  try {
    db = await getDb();
  } catch (error) {
    return failure(exchange, error, operation);
  }
  let claim: IdempotencyKeyRef | undefined;
  try {
    const caller = await authenticate(db, request);
    exchange.user = caller.user;
    await limitRate(db, caller.tokenId, exchange.headers);
    if (!can(caller.user.role, operation.capability)) {
      throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: caller.user.role }));
    }
    const t = await translatorFor(localeOf(exchange));
    const input = await readInput(operation, request, context, localeOf(exchange));

    if (input.idempotencyKey !== undefined) {
      const ref = { userId: caller.user.id, key: input.idempotencyKey };
      const known = await claimIdempotencyKey(db, { ...ref, requestHash: requestHash(request, input.rawBody) });
      if (known.kind === "mismatch") throw new ApiProblem(422, "IDEMPOTENCY_KEY_REUSED", message("api.problems.idempotencyKeyReused"));
      if (known.kind === "in_progress") throw new ApiProblem(409, "IDEMPOTENCY_KEY_IN_USE", message("api.problems.idempotencyKeyInUse"));
      if (known.kind === "answered") {
        exchange.headers.set("Idempotent-Replayed", "true");
        return respond(exchange, known.status, known.body);
      }
      claim = ref;
    }

    let response: { status: number; body: unknown };
    try {
      const result = await operation.handle({
        user: caller.user,
        tokenId: caller.tokenId,
        params: input.params,
        query: input.query,
        body: input.body,
        request,
        idempotencyKey: input.idempotencyKey,
        t,
        db,
      });
      const { schema, status } = operation.success;
      response = { status, body: status === 204 ? null : schema ? schema.parse(result) : result ?? null };
    } catch (error) {
      const problem = asProblem(error, operation, t);
      response = { status: problem.status, body: problemBody(problem, t, { appUrl: env().appUrl, requestId }) };
      for (const [name, value] of new Headers(problem.headers)) exchange.headers.set(name, value);
    }
    if (claim) {
      // A failure on our side (5xx) or a conflict of the moment (409) may end differently next time: the key stays free.
      if (response.status >= 500 || response.status === 409) await releaseIdempotencyKey(db, claim);
      else await recordIdempotentAnswer(db, claim, response);
      claim = undefined;
    }
    return respond(exchange, response.status, response.body);
  } catch (error) {
    if (claim) await releaseIdempotencyKey(db, claim).catch((releaseError: unknown) => log.error({ err: releaseError }, "idempotency key not released"));
    return failure(exchange, error, operation);
  }
}

function respond(exchange: Exchange, status: number, body: unknown): Response {
  if (status === 204 || body === null || body === undefined) return new Response(null, { status, headers: exchange.headers });
  exchange.headers.set("Content-Type", status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json");
  return new Response(JSON.stringify(body), { status, headers: exchange.headers });
}

/** Any failure as a problem answer, in the caller's language. */
async function failure(exchange: Exchange, error: unknown, operation: ApiOperation): Promise<Response> {
  const t = await translatorFor(localeOf(exchange));
  const problem = asProblem(error, operation, t);
  for (const [name, value] of new Headers(problem.headers)) exchange.headers.set(name, value);
  return respond(exchange, problem.status, problemBody(problem, t, { appUrl: env().appUrl, requestId: exchange.requestId }));
}

/** The answer's language: what Accept-Language asked for, else the user's setting, else English. */
function localeOf(exchange: Exchange): Locale {
  const userLocale = exchange.user?.locale;
  return exchange.askedLocale ?? (isLocale(userLocale) ? userLocale : DEFAULT_LOCALE);
}

/** One of our languages when Accept-Language names one (English included); undefined when it names none. */
function askedLocale(header: string | null): Locale | undefined {
  if (!header?.trim()) return undefined;
  const negotiated = negotiateLocale(header);
  if (negotiated !== DEFAULT_LOCALE) return negotiated;
  // negotiateLocale also answers English when nothing matched: tell "asked for English" from "asked for none of ours".
  const asked = header.split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  return asked.some((tag) => tag === "en" || tag.startsWith("en-")) ? DEFAULT_LOCALE : undefined;
}

// --- the caller ----------------------------------------------------------------------------------

const TOKEN_REFUSALS = {
  malformed: "api.problems.malformedToken",
  unknown: "api.problems.unknownToken",
  revoked: "api.problems.revokedToken",
  expired: "api.problems.expiredToken",
  user_disabled: "api.problems.disabledUser",
} as const;

async function authenticate(db: Database, request: Request): Promise<{ user: SessionUser; tokenId: string }> {
  const header = request.headers.get("authorization")?.trim();
  if (!header) throw unauthenticated(message("api.problems.missingToken"), false);
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated(message(TOKEN_REFUSALS.malformed), true);
  const outcome = await authenticateApiToken(db, match[1]!);
  if (!outcome.ok) throw unauthenticated(message(TOKEN_REFUSALS[outcome.reason]), true);
  return { user: outcome.user, tokenId: outcome.tokenId };
}

function unauthenticated(said: Translatable, tokenGiven: boolean): ApiProblem {
  // RFC 6750: a request without credentials gets the scheme only; a bad token is "invalid_token".
  const challenge = tokenGiven ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"';
  return new ApiProblem(401, "UNAUTHENTICATED", said, { headers: { "WWW-Authenticate": challenge } });
}

/** Counts the request against its token's budget; over it, 429 with when to come back. */
async function limitRate(db: Database, tokenId: string, headers: Headers): Promise<void> {
  const limit = env().apiRateLimitPerMinute;
  const { count, resetSeconds } = await countApiRequest(db, tokenId);
  headers.set("RateLimit-Limit", String(limit));
  headers.set("RateLimit-Remaining", String(Math.max(0, limit - count)));
  headers.set("RateLimit-Reset", String(resetSeconds));
  if (count > limit) {
    throw new ApiProblem(429, "RATE_LIMITED", message("api.problems.rateLimited", { limit, seconds: resetSeconds }), {
      headers: { "Retry-After": String(resetSeconds) },
    });
  }
}

// --- the input -----------------------------------------------------------------------------------

interface Input {
  params: unknown;
  query: unknown;
  body: unknown;
  /** The JSON body as sent (for the Idempotency-Key's comparison); undefined without one. */
  rawBody: unknown;
  idempotencyKey: string | undefined;
}

/** Params, query, body and Idempotency-Key, each checked; every field at fault in one 400. */
async function readInput(operation: ApiOperation, request: Request, context: RouteContext, locale: Locale): Promise<Input> {
  const errors: ProblemFieldError[] = [];
  const check = (schema: ZodType | undefined, value: unknown, prefix: string): unknown => {
    if (!schema) return value;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    errors.push(...fieldErrors(parsed.error, prefix));
    return undefined;
  };

  const params = check(operation.params, await context.params, "");
  const query = check(operation.query, queryObject(new URL(request.url).searchParams), "");

  let rawBody: unknown;
  let body: unknown;
  if (operation.body) {
    rawBody = await readJsonBody(request, locale);
    body = check(operation.body, rawBody, "");
  } else if (operation.multipart && !isMultipart(request.headers.get("content-type"))) {
    throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", message("api.problems.multipartOnly"));
  }

  let idempotencyKey: string | undefined;
  if (operation.idempotent) {
    const key = request.headers.get("idempotency-key");
    if (key !== null) {
      if (IDEMPOTENCY_KEY.test(key)) idempotencyKey = key;
      else errors.push({ field: "Idempotency-Key", detail: message("api.problems.idempotencyKeyFormat") });
    }
  }

  if (errors.length > 0) throw new ApiProblem(400, "INVALID_REQUEST", message("api.problems.invalidRequest"), { errors });
  return { params, query, body, rawBody, idempotencyKey };
}

/** The query string as an object: a name given more than once becomes a list. */
function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

function isMultipart(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "multipart/form-data";
}

/** The JSON body, at most 1 MB; an empty body stands for `{}`, so the schema names every missing field. */
async function readJsonBody(request: Request, locale: Locale): Promise<unknown> {
  const read = await readBodyCapped(request, JSON_BODY_MAX_BYTES);
  if (!read.ok) {
    if (read.reason === "too large") {
      const size = formatFileSize(formatterFor(locale), JSON_BODY_MAX_BYTES);
      throw new ApiProblem(413, "PAYLOAD_TOO_LARGE", message("api.problems.bodyTooLarge", { size }));
    }
    throw new ApiProblem(400, "INVALID_REQUEST", message("api.problems.invalidJson"));
  }
  if (read.bytes.length === 0) return {};
  if (!isJson(request.headers.get("content-type"))) throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", message("api.problems.jsonOnly"));
  try {
    return JSON.parse(read.bytes.toString("utf8"));
  } catch {
    throw new ApiProblem(400, "INVALID_REQUEST", message("api.problems.invalidJson"));
  }
}

/** zod's issues as the caller's fields: `text.body`, `components.0.type`; the message travels encoded (lib/i18n/validation.ts). */
function fieldErrors(error: ZodError, prefix: string): ProblemFieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return { field: [prefix, path].filter(Boolean).join(".") || "body", detail: issue.message };
  });
}

/**
 * What an Idempotency-Key is bound to: the method, the path and the body. The body compares by its
 * JSON value, keys in any order; a multipart body is not read here (the handler streams it), so its
 * key is bound to the method and path.
 */
function requestHash(request: Request, rawBody: unknown): string {
  const body = createHash("sha256").update(JSON.stringify(canonical(rawBody ?? null))).digest("hex");
  return `${request.method} ${new URL(request.url).pathname} ${body}`;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

// --- failures ------------------------------------------------------------------------------------

/** camelCase names of the services' fields as the API writes them (`phoneNumberId` → `phone_number_id`). */
function apiField(field: string): string {
  return field
    .split(".")
    .map((part) => part.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`))
    .join(".");
}

const REFUSAL_STATUS: Record<OutboundRefusal["code"], number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  WINDOW_CLOSED: 422,
  OPTED_OUT: 422,
  UNSUPPORTED_TEMPLATE: 422,
  NOT_RETRYABLE: 422,
  CONFLICT: 409,
  OUTCOME_UNKNOWN: 409,
  GATEWAY_ERROR: 502,
};

/** A gateway failure the caller can wait out (Maton's 429): 503 with when to come back; any other is a 502. */
function gatewayProblem(failure: GatewayFailure, detail: string, retryAfterMs?: number): ApiProblem {
  if (failure.kind === "maton" && failure.code === 429) {
    const seconds = Math.max(1, Math.ceil((retryAfterMs ?? 1000) / 1000));
    return new ApiProblem(503, "GATEWAY_BUSY", detail, { headers: { "Retry-After": String(seconds) } });
  }
  return new ApiProblem(502, "GATEWAY_ERROR", detail);
}

/** Any failure as the problem to answer; `t` writes the sentences composed for each reader (a gateway failure's). */
function asProblem(error: unknown, operation: ApiOperation, t: Translate): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof AuthorizationError) {
    return new ApiProblem(error.status, error.code, error.said, error.status === 401 ? { headers: { "WWW-Authenticate": 'Bearer realm="api"' } } : {});
  }
  if (error instanceof OutboundRefusal) {
    const status = REFUSAL_STATUS[error.code];
    const detail = error.toActionFailure(t).message;
    if (error.code === "GATEWAY_ERROR" && error.failure) return gatewayProblem(error.failure, detail);
    const errors = error.field && status === 422 ? [{ field: apiField(error.field), detail }] : undefined;
    return new ApiProblem(status, error.code, detail, { errors });
  }
  if (error instanceof ActionError) {
    // NotFoundError included: a missing thing and one outside the caller's connections answer alike.
    const detail = error.toActionFailure(t).message;
    if (error.failure) return gatewayProblem(error.failure, detail);
    const errors = error.field ? [{ field: apiField(error.field), detail }] : undefined;
    if (error instanceof NotFoundError || error.code === "NOT_FOUND") return new ApiProblem(404, "NOT_FOUND", detail, { errors });
    return new ApiProblem(422, error.code ?? "INVALID_INPUT", detail, { errors });
  }
  if (isGatewayError(error)) {
    const failure = describeGatewayFailure(error);
    const detail = failureSentence(t, failure);
    if (error.kind === "invalid_request") {
      // Our own check of WhatsApp's rules, before anything was sent: the caller's input, field by field.
      const errors = (failure.problems ?? []).map((problem) => ({ field: apiField(problem.field || "body"), detail: problem.message }));
      return new ApiProblem(422, "INVALID_INPUT", detail, { errors });
    }
    return gatewayProblem(failure, detail, error instanceof MatonError ? error.retryAfterMs : undefined);
  }
  log.error({ err: error, operationId: operation.operationId }, "API operation failed");
  return new ApiProblem(500, "INTERNAL_ERROR", message("api.problems.internalError"));
}

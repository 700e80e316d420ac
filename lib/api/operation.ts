/**
 * One operation of the public API, declared once: its method and path, who may call it, the zod
 * schemas of its input and answer, and its handler. `serve` answers it, the OpenAPI document
 * describes it, the contract test checks the two agree.
 */
import "server-only";

import type { ZodObject, ZodType, z } from "zod";

import type { Database } from "@/db";
import type { Capability } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import type { Translate } from "@/lib/i18n/translatable";

/** The largest JSON body an operation accepts. */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

export type ApiMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type ApiSuccessStatus = 200 | 201 | 202 | 204;

/** What a handler is given: the caller, and the input already checked against the operation's schemas. */
export interface ApiContext<Params, Query, Body> {
  user: SessionUser;
  tokenId: string;
  params: Params;
  query: Query;
  body: Body;
  /** For multipart bodies, read by the handler itself (`formData()` or the stream). */
  request: Request;
  /** The Idempotency-Key header of an idempotent POST; a send derives its own key from it (`api:<user id>:<key>`). */
  idempotencyKey: string | undefined;
  /** The caller's language: Accept-Language, else the user's setting, else English. */
  t: Translate;
  db: Database;
}

export interface ApiOperationDefinition<P extends ZodObject, Q extends ZodObject, B extends ZodType, R extends ZodType> {
  method: ApiMethod;
  /** OpenAPI path below /api/v1, e.g. "/conversations/{conversation_id}/messages". */
  path: `/${string}`;
  /** camelCase, unique. */
  operationId: string;
  summary: string;
  description?: string;
  /** "Conversations", "Messages", "Templates", "Phone numbers", "Media". */
  tag: string;
  /** Checked for the token's user. */
  capability: Capability;
  params?: P;
  query?: Q;
  /** A JSON body. */
  body?: B;
  /** Instead of `body`: documented only; the handler reads `ctx.request.formData()` or the stream. */
  multipart?: ZodObject;
  /** A POST that sends or creates: its Idempotency-Key is honoured. */
  idempotent?: boolean;
  success: { status: ApiSuccessStatus; description: string; schema?: R };
  handle(ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R> | undefined>;
}

/** An operation as the kit holds it, whatever its schemas. */
export interface ApiOperation {
  readonly method: ApiMethod;
  readonly path: `/${string}`;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tag: string;
  readonly capability: Capability;
  readonly params: ZodObject | undefined;
  readonly query: ZodObject | undefined;
  readonly body: ZodType | undefined;
  readonly multipart: ZodObject | undefined;
  readonly idempotent: boolean;
  readonly success: { status: ApiSuccessStatus; description: string; schema: ZodType | undefined };
  readonly handle: (ctx: ApiContext<unknown, unknown, unknown>) => Promise<unknown>;
}

export function defineOperation<
  P extends ZodObject = ZodObject,
  Q extends ZodObject = ZodObject,
  B extends ZodType = ZodType,
  R extends ZodType = ZodType,
>(def: ApiOperationDefinition<P, Q, B, R>): ApiOperation {
  if (def.body && def.multipart) throw new Error(`${def.operationId}: a body is JSON or multipart, not both`);
  if (def.idempotent && def.method !== "POST") throw new Error(`${def.operationId}: only a POST takes an Idempotency-Key`);
  return {
    method: def.method,
    path: def.path,
    operationId: def.operationId,
    summary: def.summary,
    description: def.description,
    tag: def.tag,
    capability: def.capability,
    params: def.params,
    query: def.query,
    body: def.body,
    multipart: def.multipart,
    idempotent: def.idempotent ?? false,
    success: { status: def.success.status, description: def.success.description, schema: def.success.schema },
    // serve checks the input against these very schemas before calling.
    handle: (ctx) => def.handle(ctx as ApiContext<z.output<P>, z.output<Q>, z.output<B>>),
  };
}

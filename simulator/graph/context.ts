import type { IncomingMessage } from "node:http";
import { GraphError, invalidParameter, objectNotFound } from "../errors";
import type { JsonRecord } from "../http";
import { BodyTooLargeError, isRecord, readBody } from "../http";
import type { Simulator } from "../sim";
import type { Business, Connection, MediaObject, PhoneNumber, Template, Waba } from "../state";

/** One Graph call after the gateway has checked the key and picked the connection. */
export interface GraphRequest {
  sim: Simulator;
  connection: Connection;
  method: string;
  segments: string[];
  query: URLSearchParams;
  req: IncomingMessage;
  /** The gateway base the caller used, e.g. http://127.0.0.1:4010/whatsapp-business/v21.0 */
  gatewayBase: string;
}

export type GraphObject =
  | { kind: "phone"; phone: PhoneNumber }
  | { kind: "waba"; waba: Waba }
  | { kind: "business"; business: Business }
  | { kind: "template"; template: Template }
  | { kind: "media"; media: MediaObject };

/** Resolves an id to an object of the caller's connection; anything else is Meta's "does not exist" (100/33). */
export function findObjectOrThrow(request: GraphRequest, id: string): GraphObject {
  const { state, clock } = request.sim;
  const mine = (owner: string) => owner === request.connection.connectionId;
  const phone = state.phoneNumbers.get(id);
  if (phone && mine(phone.connectionId)) return { kind: "phone", phone };
  const waba = state.wabas.get(id);
  if (waba && mine(waba.connectionId)) return { kind: "waba", waba };
  const business = state.businesses.get(id);
  if (business && mine(business.connectionId)) return { kind: "business", business };
  const template = state.templates.get(id);
  const templateWaba = template ? state.wabas.get(template.wabaId) : undefined;
  if (template && templateWaba && mine(templateWaba.connectionId)) return { kind: "template", template };
  const media = state.media.get(id);
  if (media && mine(media.connectionId) && media.expiresAt > clock.now()) return { kind: "media", media };
  throw objectNotFound(id, request.method);
}

const JSON_BODY_LIMIT = 2 * 1024 * 1024;

/** The request body as Graph reads it: JSON, or form-encoded fields (JSON-looking values decoded), merged over the query. */
export async function readGraphBody(request: GraphRequest): Promise<JsonRecord> {
  let raw: Buffer;
  try {
    raw = await readBody(request.req, JSON_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw invalidParameter(`Request body is larger than ${JSON_BODY_LIMIT} bytes`);
    throw error;
  }
  const fields: JsonRecord = {};
  for (const [key, value] of request.query) fields[key] = decodeFormValue(value);
  const text = raw.toString("utf8").trim();
  if (!text) return fields;
  const contentType = request.req.headers["content-type"] ?? "";
  if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(text)) fields[key] = decodeFormValue(value);
    return fields;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GraphError(100, { message: "(#100) Invalid parameter", details: "The request body could not be parsed as JSON" });
  }
  if (!isRecord(parsed)) throw invalidParameter("The request body must be a JSON object");
  return { ...fields, ...parsed };
}

function decodeFormValue(value: string): unknown {
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** Meta's answer for an edge a node does not have. */
export function unknownEdge(edge: string, nodeType: string): GraphError {
  return new GraphError(100, { message: `(#100) Tried accessing nonexisting field (${edge}) on node type (${nodeType})` });
}

/** Applies Graph's `fields=` selection; `id` is always kept. */
export function selectFields(object: JsonRecord, fieldsParam: string | null): JsonRecord {
  if (!fieldsParam) return object;
  const wanted = new Set(fieldsParam.split(",").map((field) => field.trim()).filter(Boolean));
  const selected: JsonRecord = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === "id" || wanted.has(key)) selected[key] = value;
  }
  return selected;
}

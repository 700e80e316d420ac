import { invalidParameter } from "../errors";
import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import type { Business, Waba } from "../state";
import { businessesOf, ownedWabasOf } from "../state";
import type { GraphRequest } from "./context";
import { selectFields } from "./context";

const DEFAULT_LIMIT = 25;

const cursorOf = (kind: string, id: string) => Buffer.from(`${kind}:${id}`).toString("base64url");

/**
 * Graph's cursor paging over a list: `limit` (default 25) and `after`; `paging.next` only when more
 * follow (an absolute URL on the gateway base, as Graph gives one on graph.facebook.com).
 */
function page(request: GraphRequest, kind: string, items: { id: string }[], toJson: (item: never) => JsonRecord): Reply {
  const limitParam = request.query.get("limit");
  const limit = limitParam === null ? DEFAULT_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidParameter("limit must be an integer from 1 to 100");
  const after = request.query.get("after");
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => cursorOf(kind, item.id) === after);
    if (index < 0) throw invalidParameter("Invalid cursor: after");
    start = index + 1;
  }
  const slice = items.slice(start, start + limit);
  const fields = request.query.get("fields");
  const data = slice.map((item) => selectFields(toJson(item as never), fields));
  const paging: JsonRecord = {};
  if (slice.length > 0) paging.cursors = { before: cursorOf(kind, slice[0]!.id), after: cursorOf(kind, slice[slice.length - 1]!.id) };
  if (start + limit < items.length) {
    const next = new URLSearchParams(request.query);
    next.set("after", cursorOf(kind, slice[slice.length - 1]!.id));
    next.set("limit", String(limit));
    paging.next = `${request.gatewayBase}/${request.segments.join("/")}?${next.toString()}`;
  }
  return json({ data, paging });
}

export function businessJson(business: Business): JsonRecord {
  return { id: business.id, name: business.name };
}

export function ownedWabaJson(waba: Waba): JsonRecord {
  return { id: waba.id, name: waba.name, timezone_id: waba.timezoneId, message_template_namespace: waba.namespace, currency: waba.currency };
}

/** `GET /me/businesses`: the businesses the connection's token can see (one per simulated connection). */
export function listBusinesses(request: GraphRequest): Reply {
  const businesses = businessesOf(request.sim.state, request.connection.connectionId).sort((a, b) => a.id.localeCompare(b.id));
  return page(request, "business", businesses, businessJson);
}

/** `GET /{business_id}`. */
export function getBusiness(request: GraphRequest, business: Business): Reply {
  return json(selectFields(businessJson(business), request.query.get("fields")));
}

/** `GET /{business_id}/owned_whatsapp_business_accounts`. */
export function listOwnedWabas(request: GraphRequest, business: Business): Reply {
  const wabas = ownedWabasOf(request.sim.state, business.id).sort((a, b) => a.id.localeCompare(b.id));
  return page(request, "waba", wabas, ownedWabaJson);
}

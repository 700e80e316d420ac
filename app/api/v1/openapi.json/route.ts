import { createHash } from "node:crypto";

import { createApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

import { OPERATIONS } from "../_operations";

export const dynamic = "force-dynamic";

let built: { json: string; etag: string } | undefined;

/** Built on first request, once per process: the operations do not change while it runs. */
function document(): { json: string; etag: string } {
  if (!built) {
    const json = JSON.stringify(createApiDocument(OPERATIONS, { rateLimitPerMinute: env().apiRateLimitPerMinute }));
    built = { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"` };
  }
  return built;
}

/**
 * The API's OpenAPI 3.1 document: public (it describes, it grants nothing), cacheable, and readable
 * by tools on other sites (code generators, API clients).
 */
export function GET(request: Request): Response {
  const { json, etag } = document();
  const headers = {
    "Cache-Control": "public, max-age=300",
    ETag: etag,
    "Access-Control-Allow-Origin": "*",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(json, { headers: { ...headers, "Content-Type": "application/json" } });
}

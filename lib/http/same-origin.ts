import { env } from "@/lib/env";

const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Route handlers a page of another site must not call with the user's cookie: every mutating one
 * under /api, except Meta's webhook deliveries (they come from Meta) and Auth.js, which checks its
 * own CSRF token. Server actions need nothing here: Next checks their Origin itself.
 */
export function needsSameOrigin(method: string, pathname: string): boolean {
  return MUTATING_METHODS.has(method.toUpperCase()) && /^\/api\//.test(pathname) && !/^\/api\/(webhooks|auth)(\/|$)/.test(pathname);
}

/**
 * Whether a request's `Origin` (when it has one) is the dashboard's own: the host the request was
 * sent to (behind a proxy, `X-Forwarded-Host`, as Next compares for server actions), or APP_URL's
 * origin. Scripts and servers send no Origin and pass; `Origin: null` (sandboxed pages, some
 * redirects) does not.
 */
export function isSameOrigin(headers: Headers, requestUrl: string, appUrl: string): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  if (from.origin === new URL(appUrl).origin) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || new URL(requestUrl).host;
  try {
    // Through URL, so "example.com:443" and "https://example.com" compare equal.
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/** The answer to a mutating request from another site. */
export function crossOriginResponse(): Response {
  return Response.json(
    { error: { message: "This request came from another site and was refused.", code: "CROSS_ORIGIN" } },
    { status: 403 },
  );
}

/**
 * For route handlers the proxy does not see (it skips streamed uploads): the 403 to answer when the
 * request must come from the dashboard's own pages and does not, else undefined.
 */
export function crossOriginRefusal(request: Request, appUrl = env().appUrl): Response | undefined {
  const url = new URL(request.url);
  if (!needsSameOrigin(request.method, url.pathname) || isSameOrigin(request.headers, request.url, appUrl)) return undefined;
  return crossOriginResponse();
}

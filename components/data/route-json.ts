/**
 * Reading the dashboard's own JSON routes from the browser (TanStack Query's `queryFn`s): one way to
 * fetch, and one error for a refusal, whichever page asks.
 */

/** A route's refusal: its message (already in the reader's words) when it sent one, the HTTP status, and the field it names if any. */
export class RouteError extends Error {
  constructor(
    readonly serverMessage: string | undefined,
    readonly status: number,
    readonly field?: string,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
  }
}

/** The route's JSON answer; a refusal throws a {@link RouteError} with the route's own words (`{ "error": { "message" } }`). */
export async function getRouteJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string; field?: string } } | null;
    throw new RouteError(body?.error?.message, response.status, body?.error?.field);
  }
  return (await response.json()) as T;
}

/**
 * Reading the dashboard's own JSON routes from the browser (TanStack Query's `queryFn`s): one way to
 * fetch, and one error for a refusal, whichever page asks.
 */

/** A route's refusal: its message (already in the reader's words) when it sent one, and the HTTP status. */
export class RouteError extends Error {
  constructor(
    readonly serverMessage: string | undefined,
    readonly status: number,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
  }
}

/** The route's JSON answer; a refusal throws a {@link RouteError} with the route's own words (`{ "error": { "message" } }`). */
export async function getRouteJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new RouteError(body?.error?.message, response.status);
  }
  return (await response.json()) as T;
}

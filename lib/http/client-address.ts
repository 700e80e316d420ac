/** The address a request came from, as the sign-in throttle, the audit log and rate limits count it. */
export function clientAddressOf(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

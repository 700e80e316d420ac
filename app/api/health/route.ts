import { healthReport } from "@/lib/health/report";
import { clientAddressOf } from "@/lib/http/client-address";
import { publicRateLimit, tooManyRequests } from "@/lib/http/rate-limit";
import { withRequestContext } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * Public on purpose (load balancers call it): whether the database answers and what the last check of
 * the Maton control plane found. No request here calls the gateway itself (see lib/health/). The
 * database decides the HTTP status.
 */
export const GET = withRequestContext(async (request: Request) => {
  const limit = publicRateLimit("health").take(clientAddressOf(request.headers));
  if (!limit.allowed) return tooManyRequests(limit);
  const report = await healthReport();
  return Response.json(report, { status: report.status === "error" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});

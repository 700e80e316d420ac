import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { listRates } from "@/lib/campaigns/pricing";

export const dynamic = "force-dynamic";

/** The price table → PriceRateView[] by country and category (amount null: unknown). */
export const GET = withCapability("pricing.manage", async (_user, _request: Request) =>
  Response.json(await listRates(await getDb()), { headers: { "Cache-Control": "no-store" } }),
);

import { campaignsReport } from "@/lib/analytics/campaigns";

import { answerReport } from "../answer";

export const dynamic = "force-dynamic";

/** Campaigns' funnels, reply rates and costs, for the search → CampaignsReport. Marketers and admins. */
export const GET = (request: Request) => answerReport(request, "campaigns", campaignsReport);

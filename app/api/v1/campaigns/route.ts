import { serve } from "@/lib/api/serve";

import { createCampaignOperation, listCampaignsOperation } from "../_operations/campaigns";

export const dynamic = "force-dynamic";

export const GET = serve(listCampaignsOperation);
export const POST = serve(createCampaignOperation);

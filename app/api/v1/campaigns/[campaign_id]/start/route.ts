import { serve } from "@/lib/api/serve";

import { startCampaignOperation } from "../../../_operations/campaigns";

export const dynamic = "force-dynamic";

export const POST = serve(startCampaignOperation);

import { serve } from "@/lib/api/serve";

import { getCampaignOperation } from "../../_operations/campaigns";

export const dynamic = "force-dynamic";

export const GET = serve(getCampaignOperation);

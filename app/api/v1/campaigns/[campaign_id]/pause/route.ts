import { serve } from "@/lib/api/serve";

import { pauseCampaignOperation } from "../../../_operations/campaigns";

export const dynamic = "force-dynamic";

export const POST = serve(pauseCampaignOperation);

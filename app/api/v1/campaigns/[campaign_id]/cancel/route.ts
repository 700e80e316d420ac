import { serve } from "@/lib/api/serve";

import { cancelCampaignOperation } from "../../../_operations/campaigns";

export const dynamic = "force-dynamic";

export const POST = serve(cancelCampaignOperation);

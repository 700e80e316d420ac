import { serve } from "@/lib/api/serve";

import { resumeCampaignOperation } from "../../../_operations/campaigns";

export const dynamic = "force-dynamic";

export const POST = serve(resumeCampaignOperation);

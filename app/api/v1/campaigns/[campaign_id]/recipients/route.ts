import { serve } from "@/lib/api/serve";

import { listCampaignRecipientsOperation } from "../../../_operations/campaigns";

export const dynamic = "force-dynamic";

export const GET = serve(listCampaignRecipientsOperation);

import { serve } from "@/lib/api/serve";

import { addConversationLabelOperation } from "../../../_operations/conversations";

export const dynamic = "force-dynamic";

export const POST = serve(addConversationLabelOperation);

import { serve } from "@/lib/api/serve";

import { removeConversationLabelOperation } from "../../../../_operations/conversations";

export const dynamic = "force-dynamic";

export const DELETE = serve(removeConversationLabelOperation);

import { serve } from "@/lib/api/serve";

import { getConversationOperation } from "../../_operations/conversations";

export const dynamic = "force-dynamic";

export const GET = serve(getConversationOperation);

import { serve } from "@/lib/api/serve";

import { listConversationsOperation } from "../_operations/conversations";

export const dynamic = "force-dynamic";

export const GET = serve(listConversationsOperation);

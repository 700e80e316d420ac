import { serve } from "@/lib/api/serve";

import { listMessagesOperation, sendMessageOperation } from "../../../_operations/messages";

export const dynamic = "force-dynamic";

export const GET = serve(listMessagesOperation);
export const POST = serve(sendMessageOperation);

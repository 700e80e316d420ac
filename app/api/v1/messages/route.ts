import { serve } from "@/lib/api/serve";

import { startMessageOperation } from "../_operations/messages";

export const dynamic = "force-dynamic";

export const POST = serve(startMessageOperation);

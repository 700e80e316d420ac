import { serve } from "@/lib/api/serve";

import { listLabelsOperation } from "../_operations/conversations";

export const dynamic = "force-dynamic";

export const GET = serve(listLabelsOperation);

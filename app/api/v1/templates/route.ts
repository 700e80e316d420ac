import { serve } from "@/lib/api/serve";

import { listTemplates } from "../_operations/templates";

export const dynamic = "force-dynamic";

export const GET = serve(listTemplates);

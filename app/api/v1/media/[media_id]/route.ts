import { serve } from "@/lib/api/serve";

import { deleteMediaOperation } from "../../_operations/media";

export const dynamic = "force-dynamic";

export const DELETE = serve(deleteMediaOperation);

import { serve } from "@/lib/api/serve";

import { listMediaOperation, uploadMediaOperation } from "../_operations/media";

export const dynamic = "force-dynamic";

export const GET = serve(listMediaOperation);
export const POST = serve(uploadMediaOperation);

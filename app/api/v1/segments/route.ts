import { serve } from "@/lib/api/serve";

import { createSegmentOperation, listSegmentsOperation } from "../_operations/segments";

export const dynamic = "force-dynamic";

export const GET = serve(listSegmentsOperation);
export const POST = serve(createSegmentOperation);

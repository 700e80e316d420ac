import { serve } from "@/lib/api/serve";

import { addNoteOperation } from "../../../_operations/messages";

export const dynamic = "force-dynamic";

export const POST = serve(addNoteOperation);

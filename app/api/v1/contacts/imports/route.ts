import { serve } from "@/lib/api/serve";

import { createContactImportOperation } from "../../_operations/contact-imports";

export const dynamic = "force-dynamic";

export const POST = serve(createContactImportOperation);

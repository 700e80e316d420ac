import { serve } from "@/lib/api/serve";

import { listContactImportRejectsOperation } from "../../../../_operations/contact-imports";

export const dynamic = "force-dynamic";

export const GET = serve(listContactImportRejectsOperation);

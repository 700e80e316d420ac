import { serve } from "@/lib/api/serve";

import { createContactOperation } from "../_operations/contacts";
import { listContactsOperation } from "../_operations/segments";

export const dynamic = "force-dynamic";

export const GET = serve(listContactsOperation);
export const POST = serve(createContactOperation);

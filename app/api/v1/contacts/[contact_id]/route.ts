import { serve } from "@/lib/api/serve";

import { deleteContactOperation, getContactOperation, updateContactOperation } from "../../_operations/contacts";

export const dynamic = "force-dynamic";

export const GET = serve(getContactOperation);
export const PATCH = serve(updateContactOperation);
export const DELETE = serve(deleteContactOperation);

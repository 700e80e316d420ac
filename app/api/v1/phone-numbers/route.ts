import { serve } from "@/lib/api/serve";

import { listPhoneNumbers } from "../_operations/phone-numbers";

export const dynamic = "force-dynamic";

export const GET = serve(listPhoneNumbers);

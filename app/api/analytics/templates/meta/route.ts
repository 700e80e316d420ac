import { metaTemplatesReport } from "@/lib/analytics/meta-templates";

import { answerReport } from "../../answer";

export const dynamic = "force-dynamic";

/** Meta's own template figures through the gateway, for the search → MetaTemplatesReport. Marketers and admins. */
export const GET = (request: Request) => answerReport(request, "templates-meta", metaTemplatesReport);

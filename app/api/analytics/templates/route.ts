import { templatesReport } from "@/lib/analytics/templates";

import { answerReport } from "../answer";

export const dynamic = "force-dynamic";

/** Each template's sends from our own messages, for the search → TemplatesReport. Marketers and admins. */
export const GET = (request: Request) => answerReport(request, "templates", templatesReport);

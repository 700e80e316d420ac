import { costsReport } from "@/lib/analytics/costs";

import { answerReport } from "../answer";

export const dynamic = "force-dynamic";

/** Charged and free messages by category and country, the month's total and forecast → CostsReport. Marketers and admins. */
export const GET = (request: Request) => answerReport(request, "costs", costsReport);

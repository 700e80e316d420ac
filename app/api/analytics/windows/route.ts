import { windowsReport } from "@/lib/analytics/windows";

import { answerReport } from "../answer";

export const dynamic = "force-dynamic";

/** Customer waits and the 24-hour windows that closed without a reply, for the search → WindowsReport. */
export const GET = (request: Request) => answerReport(request, "windows", windowsReport);

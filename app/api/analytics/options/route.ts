import { analyticsOptions } from "@/lib/analytics/options";

import { answerReader } from "../answer";

export const dynamic = "force-dynamic";

/** The numbers, agents, labels and campaigns the reader may filter /analytics by → AnalyticsOptions. */
export const GET = (request: Request) => answerReader(request, "options", ({ db, user, scope }) => analyticsOptions(db, user, scope));

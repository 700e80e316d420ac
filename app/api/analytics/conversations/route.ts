import { conversationsReport } from "@/lib/analytics/conversations";

import { answerReport } from "../answer";

export const dynamic = "force-dynamic";

/** Volume, response and resolution times for the search (`preset`, `from`, `to`, `number`, `agent`, `label`, `campaign`, `tz`) → ConversationsReport. */
export const GET = (request: Request) => answerReport(request, "conversations", conversationsReport);

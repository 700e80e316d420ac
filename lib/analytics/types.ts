import type { AnalyticsQuery } from "@/db/queries/analytics-filters";

import type { ResolvedRange } from "./views";

/**
 * One report asked for by one reader, checked (lib/analytics/request.ts builds it from the URL and the
 * session): every report service takes it.
 */
export interface AnalyticsRequest {
  query: AnalyticsQuery;
  range: ResolvedRange;
  /** False for agents: `query.agentId` is then their own id, and only the conversation reports are theirs to read. */
  viewAll: boolean;
  userId: string;
  now: Date;
}

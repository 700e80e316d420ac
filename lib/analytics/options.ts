import "server-only";

import type { Database } from "@/db/client";
import { findUserTimeZone, listAnalyticsAgents, listAnalyticsCampaigns, listAnalyticsLabels } from "@/db/queries/analytics-options";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { listInboxPhoneNumbers } from "@/db/queries/conversations";
import { can, type Role } from "@/lib/auth/permissions";

import type { AnalyticsOptions } from "./views";

/** The filter bar lists this many campaigns at most, the newest. */
export const CAMPAIGN_OPTIONS_MAX = 200;

/** How a business number is named in the filter: its verified name and display number, as far as known. */
export function numberLabel(number: { id: string; displayPhoneNumber: string | null; verifiedName: string | null }): string {
  const parts = [number.verifiedName?.trim(), number.displayPhoneNumber?.trim()].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(" · ") : number.id;
}

/**
 * What a reader may filter analytics by: the business numbers of their connections (`scope`), the
 * labels, and for those who see everyone's figures the agents who may work there and the campaigns
 * (past their draft) sent from those numbers. An agent sees their own figures only, so no agent and
 * no campaign to pick. With the reader's saved time zone, which the report's days are counted in.
 */
export async function analyticsOptions(db: Database, user: { id: string; role: Role }, scope: ConnectionScope): Promise<AnalyticsOptions> {
  const viewAll = can(user.role, "analytics.viewAll");
  const [numbers, labels, agents, campaigns, timeZone] = await Promise.all([
    listInboxPhoneNumbers(db, scope),
    listAnalyticsLabels(db),
    viewAll ? listAnalyticsAgents(db, scope) : [],
    viewAll ? listAnalyticsCampaigns(db, scope, CAMPAIGN_OPTIONS_MAX) : [],
    findUserTimeZone(db, user.id),
  ]);
  return {
    viewAll,
    timeZone,
    numbers: numbers.map((number) => ({ id: number.id, label: numberLabel(number) })),
    agents,
    labels,
    campaigns,
  };
}

/**
 * What a campaign actually cost: its messages as WhatsApp billed them (the pricing their statuses
 * reported: billable, of the regular type, with the category charged) by the recipient's country,
 * priced from the same table as the estimate. A message whose pricing has not come yet is not counted.
 */
import "server-only";

import type { Database } from "@/db";
import { billedMessages } from "@/db/queries/campaign-recipients";

import { estimateCost } from "./pricing";
import type { CostSummary } from "./types";

export async function actualCost(db: Database, campaignId: string): Promise<CostSummary> {
  return estimateCost(db, await billedMessages(db, campaignId));
}

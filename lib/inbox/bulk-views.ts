/** What a bulk change of the conversation list answers (no server code: the browser imports it). */

/** Why a conversation was left as it was: not visible (or gone), already so, the assignee may not work on its number, at the label limit. */
export type BulkSkipReason = "notFound" | "unchanged" | "noAccess" | "labelLimit";

export interface BulkResult {
  changed: number;
  skipped: Partial<Record<BulkSkipReason, number>>;
}

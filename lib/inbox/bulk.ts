/**
 * Bulk actions of the conversation list: assign, resolve or reopen, label and unlabel the ticked
 * conversations. Each conversation goes through the same rules as one changed alone (who may see it,
 * who may be assigned it, the label limit), with the same events, notifications and webhooks; what
 * cannot change is skipped and counted by reason, never a reason to refuse the rest.
 */
import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { visibleConversationStates } from "@/db/queries/conversation-labels";
import { findUserById } from "@/db/queries/users";
import { ActionError } from "@/lib/actions/errors";
import type { SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

import type { BulkResult, BulkSkipReason } from "./bulk-views";
import { assignConversationTo, setConversationStatusBy } from "./assignment";
import { LABEL_LIMITS } from "./label-views";
import { applyLabelChange, assertLabelCapability, existingLabels } from "./labels";

export type BulkChange =
  | { kind: "assign"; assigneeId: string | null }
  | { kind: "status"; status: "open" | "resolved" }
  | { kind: "labels"; add?: string[]; remove?: string[] };

export type { BulkResult, BulkSkipReason };

function skippedCount(reasons: BulkSkipReason[]): BulkResult["skipped"] {
  const counts: BulkResult["skipped"] = {};
  for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}

/**
 * Applies one change to up to LABEL_LIMITS.bulkIds conversations: those the actor may not see (or that
 * do not exist) are skipped as "notFound", those already so as "unchanged".
 */
export async function bulkChangeConversations(db: Database, actor: SessionUser, conversationIds: readonly string[], change: BulkChange): Promise<BulkResult> {
  assertLabelCapability(actor, "inbox.use");
  const ids = [...new Set(conversationIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0) throw new ActionError(message("labels.errors.noneSelected"), { code: "INVALID_INPUT", field: "conversationIds" });
  if (ids.length > LABEL_LIMITS.bulkIds) {
    throw new ActionError(message("labels.errors.tooManyConversations", { maximum: LABEL_LIMITS.bulkIds }), { code: "INVALID_INPUT", field: "conversationIds" });
  }
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const visible = await visibleConversationStates(
    db,
    actor.connections,
    ids.filter((id) => UUID.test(id)),
  );
  const reasons: BulkSkipReason[] = ids.filter((id) => !visible.some((row) => row.id === id)).map(() => "notFound");
  let changed = 0;

  if (change.kind === "assign") {
    if (change.assigneeId) {
      // One unknown assignee is a refusal of the whole request, not 500 skips.
      const assignee = await findUserById(db, change.assigneeId);
      if (!assignee || assignee.disabled) throw new ActionError(message("conversation.assign.unknownAssignee"), { code: "INVALID_INPUT", field: "assigneeId" });
    }
    for (const conversation of visible) {
      if (conversation.assigneeId === change.assigneeId) {
        reasons.push("unchanged");
        continue;
      }
      try {
        await assignConversationTo(db, actor, conversation.id, change.assigneeId);
        changed += 1;
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        // The assignee may not work on this conversation's number, or it went away meanwhile.
        reasons.push(error.code === "NOT_FOUND" ? "notFound" : "noAccess");
      }
    }
  } else if (change.kind === "status") {
    for (const conversation of visible) {
      if (conversation.status === change.status) {
        reasons.push("unchanged");
        continue;
      }
      try {
        await setConversationStatusBy(db, actor, conversation.id, change.status);
        changed += 1;
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        reasons.push("notFound");
      }
    }
  } else {
    if ((change.add?.length ?? 0) + (change.remove?.length ?? 0) === 0) {
      throw new ActionError(message("labels.errors.noneChosen"), { code: "INVALID_INPUT", field: "add" });
    }
    // Checked once up front, so an unknown label refuses the whole request with its field.
    await existingLabels(db, change.add ?? [], "add");
    await existingLabels(db, change.remove ?? [], "remove");
    changed = await db.transaction(async (tx) => {
      const changedIds: string[] = [];
      const names = new Set<string>();
      for (const conversation of visible) {
        try {
          // A savepoint each: a conversation over the limit is skipped, the others keep their change.
          const result = await tx.transaction((savepoint) => applyLabelChange(savepoint, [conversation.id], change));
          if (result.changed.length === 0) reasons.push("unchanged");
          else changedIds.push(conversation.id);
          for (const label of [...result.added, ...result.removed]) names.add(label.name);
        } catch (error) {
          if (!(error instanceof ActionError) || error.code !== "LIMIT") throw error;
          reasons.push("labelLimit");
        }
      }
      if (changedIds.length > 0) {
        await recordAudit(tx, {
          actor,
          action: "conversations.bulk_labels_changed",
          details: { count: changedIds.length, add: change.add ?? [], remove: change.remove ?? [], labels: [...names] },
        });
      }
      return changedIds.length;
    });
  }
  return { changed, skipped: skippedCount(reasons) };
}

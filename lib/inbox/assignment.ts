import "server-only";

import type { Database } from "@/db";
import { assignConversation, setConversationStatus } from "@/db/queries/conversations";
import { insertNotifications } from "@/db/queries/notifications";
import { findUserById } from "@/db/queries/users";
import { ActionError } from "@/lib/actions/errors";
import { assertConversationVisible, connectionScopeOf, isPhoneNumberVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { withOutboundEvents } from "@/lib/outbound-webhooks/emit";

const conversationGone = () => new ActionError(message("conversation.refusals.conversationGone"), { code: "NOT_FOUND", field: "conversationId" });

/**
 * Assigns a conversation the actor may see to a teammate (or to nobody): an enabled user who may work
 * on the conversation's number. Announced to outbound webhooks (`conversation.assigned`) when it changes,
 * and the new assignee, when someone else, is notified.
 */
export async function assignConversationTo(db: Database, actor: SessionUser, conversationId: string, assigneeId: string | null): Promise<void> {
  const conversation = await assertConversationVisible(db, actor.connections, conversationId);
  if (assigneeId) {
    const assignee = await findUserById(db, assigneeId);
    if (!assignee || assignee.disabled) throw new ActionError(message("conversation.assign.unknownAssignee"), { code: "INVALID_INPUT", field: "assigneeId" });
    if (!(await isPhoneNumberVisible(db, await connectionScopeOf(db, assignee), conversation.phoneNumber.id))) {
      throw new ActionError(message("conversation.assign.noAccess", { name: assignee.name }), { code: "INVALID_INPUT", field: "assigneeId" });
    }
  }
  const assigned = await withOutboundEvents(db, (outbound) =>
    assignConversation(db, conversationId, assigneeId, {
      by: actor.id,
      // Told only of a real change of assignee, in the assignment's transaction: the new assignee is
      // notified there too (insertNotifications skips an actor assigning to themself).
      outbound: async (tx, changes) => {
        await outbound(tx, changes);
        if (assigneeId && changes.some((change) => change.type === "conversation.assigned")) {
          await insertNotifications(tx, [{ userId: assigneeId, kind: "assignment", conversationId, actorId: actor.id }]);
        }
      },
    }),
  );
  if (!assigned) throw conversationGone();
}

/** Resolves or reopens a conversation the actor may see; a resolution is announced (`conversation.resolved`). */
export async function setConversationStatusBy(db: Database, actor: SessionUser, conversationId: string, status: "open" | "resolved"): Promise<void> {
  await assertConversationVisible(db, actor.connections, conversationId);
  if (!(await withOutboundEvents(db, (outbound) => setConversationStatus(db, conversationId, status, { by: actor.id, outbound })))) {
    throw conversationGone();
  }
}

/**
 * Auto-assignment of a customer's conversation, round-robin among the number's chosen agents who are
 * available, enabled and may work on the number. Like Chatwoot, any open conversation without an
 * assignee is assigned when the customer writes (a new one, a reopened one, one left unassigned);
 * one already assigned, or resolved, is left alone.
 */
import "server-only";

import type { Database } from "@/db";
import { assignConversation } from "@/db/queries/conversations";
import { chosenAgents, lockAutoAssignment, lockConversationForAssignment, recordTurn } from "@/db/queries/inbox-settings";
import { insertNotifications } from "@/db/queries/notifications";
import { connectionScopeOf, isPhoneNumberVisible } from "@/lib/auth/connection-access";
import { withOutboundEvents } from "@/lib/outbound-webhooks/emit";

import { nextAssignee, type AgentAvailability } from "./round-robin";

export type AutoAssignOutcome =
  | { assigned: true; assigneeId: string }
  | { assigned: false; reason: "off" | "gone" | "not_open" | "already_assigned" | "nobody_available" };

/**
 * Takes the number's next turn for the conversation, in one transaction: the auto-assignment row is
 * locked (one turn at a time, across instances), the conversation re-read under its lock, the assignee
 * stored with the turn, notified (`assignment`, no actor) and announced (conversation.updated).
 */
export async function autoAssignConversation(db: Database, conversationId: string): Promise<AutoAssignOutcome> {
  return withOutboundEvents(db, (outbound) =>
    db.transaction(async (tx): Promise<AutoAssignOutcome> => {
      const conversation = await lockConversationForAssignment(tx, conversationId);
      if (!conversation) return { assigned: false, reason: "gone" };
      const settings = await lockAutoAssignment(tx, conversation.phoneNumberId);
      if (!settings?.enabled) return { assigned: false, reason: "off" };
      if (conversation.status !== "open") return { assigned: false, reason: "not_open" };
      if (conversation.assigneeId) return { assigned: false, reason: "already_assigned" };
      const agents = await chosenAgents(tx, conversation.phoneNumberId);
      const availability = new Map<string, AgentAvailability>();
      for (const agent of agents) {
        const mayWork = !agent.disabled && (await isPhoneNumberVisible(tx, await connectionScopeOf(tx, agent), conversation.phoneNumberId));
        availability.set(agent.id, !mayWork ? "disabled" : agent.availability);
      }
      const assigneeId = nextAssignee(
        agents.map((agent) => agent.id),
        settings.lastAssignedUserId,
        availability,
      );
      if (!assigneeId) return { assigned: false, reason: "nobody_available" };
      await assignConversation(tx, conversationId, assigneeId, { by: null, outbound });
      await recordTurn(tx, conversation.phoneNumberId, assigneeId);
      await insertNotifications(tx, [{ userId: assigneeId, kind: "assignment", conversationId, actorId: null }]);
      return { assigned: true, assigneeId };
    }),
  );
}

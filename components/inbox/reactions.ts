import type { InboxMessage } from "@/lib/inbox/views";

/** The reactions on one message: WhatsApp keeps one per side (the customer, the business). */
export interface MessageReactions {
  customer?: string;
  business?: string;
}

/**
 * The reactions in force on each message, by the reacted message's wamid. Reactions arrive as messages
 * of their own (`type: "reaction"`); the latest of each side wins, an empty emoji removes it, and a
 * reaction WhatsApp refused never took effect. `messages` are newest first, as the server pages them.
 */
export function reactionsByMessage(messages: readonly InboxMessage[]): Map<string, MessageReactions> {
  const result = new Map<string, MessageReactions>();
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.type !== "reaction" || message.status === "failed") continue;
    const reaction = message.content.reaction as { message_id?: unknown; emoji?: unknown } | undefined;
    if (typeof reaction?.message_id !== "string" || !reaction.message_id) continue;
    const side = message.direction === "outbound" ? "business" : "customer";
    const current = { ...result.get(reaction.message_id) };
    const emoji = typeof reaction.emoji === "string" ? reaction.emoji : "";
    if (emoji) current[side] = emoji;
    else delete current[side];
    if (current.customer || current.business) result.set(reaction.message_id, current);
    else result.delete(reaction.message_id);
  }
  return result;
}

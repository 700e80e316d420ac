/** Inputs of the snooze actions, shared by the snooze menu and the server. Browser-safe. */
import { encodeMessage, message } from "@/lib/i18n/translatable";
import { z } from "@/lib/zod";

const conversationId = z.uuid({ error: () => encodeMessage(message("conversation.inputs.invalidId", { field: "conversationId" })) });

export const snoozeInputSchema = z.object({
  conversationId,
  /** The instant the conversation comes back, as the menu computed it in the agent's time zone. */
  until: z.iso.datetime({ offset: true, error: () => encodeMessage(message("snooze.refusals.invalidTime")) }),
});
export type SnoozeInput = z.input<typeof snoozeInputSchema>;

export const snoozeConversationInputSchema = z.object({ conversationId });

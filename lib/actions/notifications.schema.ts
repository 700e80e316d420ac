import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

/** Marks all the reader's notifications read, or only those of one conversation. */
export const markNotificationsReadSchema = z.object({
  conversationId: z.uuid(invalid("notifications.validation.conversationId")).optional(),
});
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadSchema>;

export const setDesktopNotificationsSchema = z.object({ enabled: z.boolean() });
export type SetDesktopNotificationsInput = z.infer<typeof setDesktopNotificationsSchema>;

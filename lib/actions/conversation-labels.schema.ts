/**
 * The label actions' inputs, shared by the forms and the actions. The services check the same limits
 * again (whatever the door) and name the field they refuse.
 */
import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";
import { LABEL_COLOURS, LABEL_LIMITS } from "@/lib/inbox/label-views";

const labelId = z.uuid(invalid("labels.errors.notFound"));
const conversationId = z.uuid(invalid("common.notFound.conversation"));
const labelIds = z.array(labelId).max(LABEL_LIMITS.perConversation, invalid("labels.errors.tooManyInChange"));
const name = z.string().trim().min(1, invalid("labels.errors.nameRequired")).max(LABEL_LIMITS.name, invalid("labels.errors.nameTooLong"));
const color = z.enum(LABEL_COLOURS, invalid("labels.errors.colourInvalid"));

export const createLabelSchema = z.object({ name, color });
export const updateLabelSchema = z.object({ labelId, name: name.optional(), color: color.optional() });
export const deleteLabelSchema = z.object({ labelId });

export const setConversationLabelsSchema = z.object({ conversationId, add: labelIds.optional(), remove: labelIds.optional() });

const conversationIds = z
  .array(conversationId)
  .min(1, invalid("labels.errors.noneSelected"))
  .max(LABEL_LIMITS.bulkIds, invalid("labels.errors.tooManyConversations"));

export const bulkConversationsSchema = z.object({
  conversationIds,
  change: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("assign"), assigneeId: z.uuid(invalid("conversation.assign.unknownAssignee")).nullable() }),
    z.object({ kind: z.literal("status"), status: z.enum(["open", "resolved"]) }),
    z.object({ kind: z.literal("labels"), add: labelIds.optional(), remove: labelIds.optional() }),
  ]),
});
export type BulkConversationsInput = z.infer<typeof bulkConversationsSchema>;

/** Conversations of the public API: the inbox's list and one conversation, on the inbox's own queries. */
import { labelsOfConversations } from "@/db/queries/conversation-labels";
import { listConversations, listMessages } from "@/db/queries/conversations";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import {
  apiConversation,
  apiConversationDetail,
  conversationCursorSchema,
  conversationFilters,
  conversationIdParam,
  conversationSchema,
} from "@/lib/api/resources/conversations";
import { assertConversationVisible } from "@/lib/auth/connection-access";
import { LABEL_COLOURS, LABEL_LIMITS } from "@/lib/inbox/label-views";
import { changeConversationLabels, labelOf, listConversationLabels } from "@/lib/inbox/labels";
import { z } from "@/lib/zod";

export const conversationParams = z.object({ conversation_id: conversationIdParam });

const labelSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ description: "The label's name, unique whatever its case.", example: "Billing" }),
    color: z.enum(LABEL_COLOURS).meta({ description: "One of the palette's colours.", example: "blue" }),
  })
  .meta({ id: "ConversationLabel" });
const labelsField = z.array(labelSchema).meta({ description: "The conversation's labels, by name." });
/** A conversation with its labels. */
const labelledConversationSchema = conversationSchema.extend({ labels: labelsField });
const labelsOf = (labels: ReadonlyArray<{ id: string; name: string; color: string }>) => labels.map(labelOf);

export const listConversationsOperation = defineOperation({
  method: "GET",
  path: "/conversations",
  operationId: "listConversations",
  summary: "List conversations",
  description:
    "The conversations of the business numbers you may work with, newest activity first, with the inbox's filters. Every filter defaults to `all`.",
  tag: "Conversations",
  capability: "inbox.use",
  query: pageQuery.extend(conversationFilters).extend({
    label: z.uuid().optional().meta({ description: "Only conversations carrying this label (its id, from `GET /labels`)." }),
  }),
  success: { status: 200, description: "A page of conversations.", schema: listOf(labelledConversationSchema) },
  async handle({ db, user, query }) {
    const cursor = decodeCursor(query.cursor, conversationCursorSchema);
    const { assignee } = query;
    // Assigned to one person (the caller, or a team member by id): the query's "mine", asked for that person.
    const everyoneOrNobody = assignee === "all" || assignee === "unassigned" ? assignee : undefined;
    const page = await listConversations(db, {
      userId: everyoneOrNobody || assignee === "me" ? user.id : assignee,
      scope: user.connections,
      filters: {
        assignee: everyoneOrNobody ?? "mine",
        status: query.status,
        window: query.window,
        search: query.q,
        phoneNumberId: query.phone_number_id,
        labelId: query.label,
      },
      cursor,
      limit: query.limit,
    });
    const now = new Date();
    return {
      data: page.conversations.map((row) => ({ ...apiConversation(row, now), labels: labelsOf(row.labels) })),
      next_cursor: encodeCursor(page.nextCursor),
    };
  },
});

export const getConversationOperation = defineOperation({
  method: "GET",
  path: "/conversations/{conversation_id}",
  operationId: "getConversation",
  summary: "Get a conversation",
  description: "One conversation of a business number you may work with; any other answers 404, like one that does not exist.",
  tag: "Conversations",
  capability: "inbox.use",
  params: conversationParams,
  success: { status: 200, description: "The conversation.", schema: labelledConversationSchema },
  async handle({ db, user, params }) {
    const conversation = await assertConversationVisible(db, user.connections, params.conversation_id);
    const { messages } = await listMessages(db, conversation.id, { limit: 1 });
    const labels = (await labelsOfConversations(db, [conversation.id])).get(conversation.id) ?? [];
    return { ...apiConversationDetail(conversation, messages[0]), labels: labelsOf(labels) };
  },
});

export const addConversationLabelOperation = defineOperation({
  method: "POST",
  path: "/conversations/{conversation_id}/labels",
  operationId: "addConversationLabel",
  summary: "Add a label to a conversation",
  description: `Puts an existing label (\`GET /labels\`) on the conversation; adding one it already carries changes nothing. A conversation carries at most ${LABEL_LIMITS.perConversation} labels.`,
  tag: "Conversations",
  capability: "inbox.use",
  params: conversationParams,
  body: z.object({ label_id: z.uuid().meta({ description: "The label's id." }) }),
  success: { status: 200, description: "The conversation's labels as they are now.", schema: z.object({ labels: labelsField }) },
  async handle({ db, user, params, body }) {
    return { labels: await changeConversationLabels(db, user, params.conversation_id, { add: [body.label_id] }) };
  },
});

export const removeConversationLabelOperation = defineOperation({
  method: "DELETE",
  path: "/conversations/{conversation_id}/labels/{label_id}",
  operationId: "removeConversationLabel",
  summary: "Remove a label from a conversation",
  description: "Takes the label off the conversation; removing one it does not carry changes nothing.",
  tag: "Conversations",
  capability: "inbox.use",
  params: conversationParams.extend({ label_id: z.uuid().meta({ description: "The label's id." }) }),
  success: { status: 200, description: "The conversation's labels as they are now.", schema: z.object({ labels: labelsField }) },
  async handle({ db, user, params }) {
    return { labels: await changeConversationLabels(db, user, params.conversation_id, { remove: [params.label_id] }) };
  },
});

export const listLabelsOperation = defineOperation({
  method: "GET",
  path: "/labels",
  operationId: "listLabels",
  summary: "List conversation labels",
  description: "The team's conversation labels, by name, with how many conversations carry each. Marketers and admins manage them in Settings › Labels.",
  tag: "Conversations",
  capability: "inbox.use",
  success: {
    status: 200,
    description: "Every label.",
    schema: z.object({ data: z.array(labelSchema.extend({ conversation_count: z.number().int() })) }),
  },
  async handle({ db, user }) {
    const labels = await listConversationLabels(db, user);
    return { data: labels.map((label) => ({ id: label.id, name: label.name, color: label.color, conversation_count: label.conversationCount })) };
  },
});

export const CONVERSATION_OPERATIONS = [listConversationsOperation, getConversationOperation, addConversationLabelOperation, removeConversationLabelOperation, listLabelsOperation];

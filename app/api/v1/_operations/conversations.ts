/** Conversations of the public API: the inbox's list and one conversation, on the inbox's own queries. */
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
import { z } from "@/lib/zod";

export const conversationParams = z.object({ conversation_id: conversationIdParam });

export const listConversationsOperation = defineOperation({
  method: "GET",
  path: "/conversations",
  operationId: "listConversations",
  summary: "List conversations",
  description:
    "The conversations of the business numbers you may work with, newest activity first, with the inbox's filters. Every filter defaults to `all`.",
  tag: "Conversations",
  capability: "inbox.use",
  query: pageQuery.extend(conversationFilters),
  success: { status: 200, description: "A page of conversations.", schema: listOf(conversationSchema) },
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
      },
      cursor,
      limit: query.limit,
    });
    const now = new Date();
    return { data: page.conversations.map((row) => apiConversation(row, now)), next_cursor: encodeCursor(page.nextCursor) };
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
  success: { status: 200, description: "The conversation.", schema: conversationSchema },
  async handle({ db, user, params }) {
    const conversation = await assertConversationVisible(db, user.connections, params.conversation_id);
    const { messages } = await listMessages(db, conversation.id, { limit: 1 });
    return apiConversationDetail(conversation, messages[0]);
  },
});

export const CONVERSATION_OPERATIONS = [listConversationsOperation, getConversationOperation];

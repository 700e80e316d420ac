import "server-only";

import type { Database } from "@/db";
import { findConversation, listMessages } from "@/db/queries/conversations";
import {
  customersForEvents,
  messagesForEvents,
  usersForEvents,
  WEBHOOK_TEST_EVENT,
  type CustomerForEvent,
  type MessageForEvent,
  type OutboundChange,
  type OutboundEventToRecord,
} from "@/db/queries/outbound-webhooks";
import { apiConversationDetail, type ApiConversation } from "@/lib/api/resources/conversations";
import { apiMessage } from "@/lib/api/resources/messages";

/*
 * What receivers get: `{ "type", "timestamp", "data" }`, the data in snake_case with the public
 * API's objects (Message, Conversation, Customer), so a receiver and an API client read the same
 * shapes. Built in the transaction of the change, from what it just wrote.
 */

/** The envelope every event has; `timestamp` is when the change happened. */
export function eventPayload(type: string, at: Date, data: Record<string, unknown>): OutboundEventToRecord {
  return { type, payload: { type, timestamp: at.toISOString(), data } };
}

type Customer = ApiConversation["customer"];

function customerOf(customer: { phone: string | null; userId: string | null; username: string | null; name: string | null }): Customer {
  return { wa_id: customer.phone, user_id: customer.userId, username: customer.username, name: customer.name };
}

function messageData(row: MessageForEvent) {
  return {
    message: apiMessage(row.message, { senderName: row.senderName }),
    conversation_id: row.message.conversationId,
    phone_number_id: row.phoneNumberId,
    customer: customerOf(row.customer),
  };
}

/**
 * A consent change's data: the contact as the API names it (its public id, never its key), the new
 * state, its source and time, and the customer's conversations. `customer`, `category` and
 * `opted_out_at` are kept as the first receivers of `contact.opted_out` read them.
 */
function consentData(row: CustomerForEvent, change: { type: "contact.opted_out" | "contact.opted_in"; source: string; at: Date }) {
  const conversations: unknown = JSON.parse(row.conversations);
  const at = change.at.toISOString();
  return {
    contact: { id: row.contactId, phone_number: row.phone ? `+${row.phone}` : null, user_id: row.userId, name: row.displayName ?? row.name },
    consent: change.type === "contact.opted_out" ? "opted_out" : "opted_in",
    source: change.source,
    at,
    conversations: Array.isArray(conversations) ? conversations : [],
    customer: customerOf(row),
    category: "marketing_messages",
    ...(change.type === "contact.opted_out" ? { opted_out_at: at } : {}),
  };
}

const person = (user: { id: string; name: string } | undefined) => (user ? { id: user.id, name: user.name } : null);

/**
 * The events of the changes, in their order. A change whose subject is gone by now (or that is not
 * what its type announces: a status of an inbound message) makes none.
 */
export async function buildEvents(db: Database, changes: OutboundChange[], at: Date): Promise<OutboundEventToRecord[]> {
  const messageIds = changes.flatMap((change) => (change.type === "message.received" || change.type === "message.status" ? [change.messageId] : []));
  const customerKeys = changes.flatMap((change) => (change.type === "contact.opted_out" || change.type === "contact.opted_in" ? [change.contactKey] : []));
  const userIds = changes.flatMap((change) => {
    if (change.type === "conversation.assigned") return [change.assigneeId, change.assignedById];
    if (change.type === "conversation.resolved") return [change.resolvedById];
    return [];
  });
  const [messageRows, customerRows, userRows] = [
    await messagesForEvents(db, [...new Set(messageIds)]),
    await customersForEvents(db, [...new Set(customerKeys)]),
    await usersForEvents(db, [...new Set(userIds.filter((id): id is string => id !== null))]),
  ];
  const messagesById = new Map(messageRows.map((row) => [row.message.id, row]));
  const customersByKey = new Map(customerRows.map((row) => [row.waId, row]));
  const usersById = new Map(userRows.map((row) => [row.id, row]));

  const events: OutboundEventToRecord[] = [];
  for (const change of changes) {
    switch (change.type) {
      case "message.received": {
        const row = messagesById.get(change.messageId);
        if (row?.message.direction === "inbound") events.push(eventPayload(change.type, at, messageData(row)));
        break;
      }
      case "message.status": {
        const row = messagesById.get(change.messageId);
        // The status this event announces: a batch can move a message twice (sent, then delivered).
        if (row?.message.direction === "outbound") {
          events.push(eventPayload(change.type, at, { ...messageData(row), status: change.status, status_at: change.at.toISOString() }));
        }
        break;
      }
      case "conversation.assigned": {
        const conversation = await conversationObject(db, change.conversationId, at);
        if (conversation) {
          const assignee = change.assigneeId ? usersById.get(change.assigneeId) : undefined;
          events.push(eventPayload(change.type, at, { conversation, assignee: person(assignee), assigned_by: person(change.assignedById ? usersById.get(change.assignedById) : undefined) }));
        }
        break;
      }
      case "conversation.resolved": {
        const conversation = await conversationObject(db, change.conversationId, at);
        if (conversation) {
          events.push(eventPayload(change.type, at, { conversation, resolved_by: person(change.resolvedById ? usersById.get(change.resolvedById) : undefined) }));
        }
        break;
      }
      case "contact.opted_out":
      case "contact.opted_in": {
        const row = customersByKey.get(change.contactKey);
        if (row) events.push(eventPayload(change.type, at, consentData(row, change)));
        break;
      }
    }
  }
  return events;
}

/** The conversation as the API shows it (its preview from its newest message). */
async function conversationObject(db: Database, id: string, at: Date): Promise<ApiConversation | undefined> {
  const conversation = await findConversation(db, id);
  if (!conversation) return undefined;
  const { messages } = await listMessages(db, id, { limit: 1 });
  return apiConversationDetail(conversation, messages[0], at);
}

/** The test event's data: which endpoint it was sent to, and by whom. */
export function testEventPayload(endpointId: string, actor: { id: string; email: string }, at: Date): OutboundEventToRecord {
  return eventPayload(WEBHOOK_TEST_EVENT, at, { endpoint_id: endpointId, requested_by: { id: actor.id, email: actor.email } });
}

/** A campaign as receivers get it when it starts or finishes (its counts as they stand). */
export interface CampaignForEvent {
  id: string;
  name: string;
  phoneNumberId: string;
  template: { name: string; language: string; category: string };
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: Record<string, number>;
}

/** `campaign.started` / `campaign.finished`: the campaign, snake_case like the public API's. */
export function campaignEventPayload(type: "campaign.started" | "campaign.finished", campaign: CampaignForEvent, at: Date): OutboundEventToRecord {
  return eventPayload(type, at, {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      phone_number_id: campaign.phoneNumberId,
      template: campaign.template,
      status: campaign.status,
      started_at: campaign.startedAt?.toISOString() ?? null,
      finished_at: campaign.finishedAt?.toISOString() ?? null,
      counts: campaign.counts,
    },
  });
}

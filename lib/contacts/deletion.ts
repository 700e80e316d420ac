/**
 * Deleting contacts for a privacy request: their personal data, attributes, tags, notes and consent
 * history go; their conversations and messages stay with an anonymised contact ("Deleted contact").
 * If the customer writes again, they are a new contact.
 */
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { anonymiseContacts, conversationCounts, visibleContactsByIds } from "@/db/queries/contacts";
import { publishLiveEvents, type LiveEventInput } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import { message } from "@/lib/i18n/translatable";

import { visibleContact, type ContactActor } from "./access";
import { assertContactCapability } from "./records";
import { CONTACT_LIMITS } from "./views";

/** Contacts one bulk delete may name. */
export const BULK_DELETE_MAX = CONTACT_LIMITS.bulkIds;

/** What deleting the contact keeps, for the confirmation: its conversations and their messages. */
export async function deletionSummary(db: Database, actor: ContactActor, contactId: string): Promise<{ conversations: number; messages: number }> {
  assertContactCapability(actor, "contacts.manage");
  const contact = await visibleContact(db, actor, contactId);
  return conversationCounts(db, [contact.waId]);
}

function eventsOf(contactIds: string[], conversationIds: string[]): LiveEventInput[] {
  return [
    ...contactIds.map((contactId): LiveEventInput => ({ kind: "contact.updated", payload: { contactId } })),
    ...conversationIds.map((conversationId): LiveEventInput => ({ kind: "conversation.updated", payload: { conversationId } })),
  ];
}

/** Deletes one contact (contacts.manage); what was kept. Audited with the counts only. */
export async function deleteContact(db: Database, actor: ContactActor, contactId: string): Promise<{ conversationsKept: number; messagesKept: number }> {
  assertContactCapability(actor, "contacts.manage");
  const contact = await visibleContact(db, actor, contactId);
  return db.transaction(async (tx) => {
    const kept = await conversationCounts(tx, [contact.waId]);
    const { conversationIds } = await anonymiseContacts(tx, [contact]);
    await recordAudit(tx, {
      actor,
      action: "contact.deleted",
      target: { type: "contact", id: contact.id },
      details: { conversationsKept: kept.conversations, messagesKept: kept.messages },
    });
    await publishLiveEvents(tx, eventsOf([contact.id], conversationIds));
    return { conversationsKept: kept.conversations, messagesKept: kept.messages };
  });
}

/** Deletes up to 1000 contacts at once (contacts.manage); ids out of sight or already gone are skipped. */
export async function bulkDeleteContacts(db: Database, actor: ContactActor, input: { ids: string[] }): Promise<{ deleted: number }> {
  assertContactCapability(actor, "contacts.manage");
  const ids = [...new Set(input.ids)];
  if (ids.length > BULK_DELETE_MAX) {
    throw new ActionError(message("contacts.errors.tooManyIds", { maximum: BULK_DELETE_MAX }), { code: "INVALID_INPUT", field: "ids" });
  }
  if (ids.length === 0) return { deleted: 0 };
  return db.transaction(async (tx) => {
    const targets = await visibleContactsByIds(tx, actor.connections, ids);
    const kept = await conversationCounts(
      tx,
      targets.map((target) => target.waId),
    );
    const { conversationIds, deleted } = await anonymiseContacts(tx, targets);
    await recordAudit(tx, {
      actor,
      action: "contacts.bulk_deleted",
      details: { count: deleted, conversationsKept: kept.conversations, messagesKept: kept.messages },
    });
    // One event for the lists; the conversations moved each say so to the inbox.
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: {} }, ...eventsOf([], conversationIds)]);
    return { deleted };
  });
}

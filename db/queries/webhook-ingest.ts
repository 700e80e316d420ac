import { and, eq, sql } from "drizzle-orm";

import { messagePreview, type DeliveryRecords, type InboundRecord, type StatusRecord } from "@/lib/whatsapp/inbound";

import type { Database } from "../client";
import { contacts, conversations, messages, messageStatusEvents, phoneNumbers, templates } from "../schema";
import { publishLiveEvents, type LiveEventInput } from "./live-events";

export interface IngestSummary {
  messages: number;
  duplicates: number;
  statuses: number;
  templates: number;
  qualityUpdates: number;
  unhandled: number;
}

const REFERRAL_ENTRY_POINT_MS = 72 * 60 * 60 * 1000;

/** Later statuses win; a late "delivered" never replaces "read", and "failed" is final. */
const STATUS_RANK = sql`case ${messages.status} when 'pending' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'failed' then 4 else -1 end`;
const RANKS: Record<StatusRecord["status"], number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return [...seen.values()];
}

/**
 * Applies one webhook delivery in one transaction: contacts, conversations, messages (once per
 * wamid), statuses (forward only), template and quality updates, and the live events they cause.
 */
export async function ingestDelivery(db: Database, records: DeliveryRecords): Promise<IngestSummary> {
  return db.transaction(async (tx) => {
    const events: LiveEventInput[] = [];
    await upsertPhoneNumbers(tx, records.phoneNumbers);
    await upsertContacts(tx, records.contacts);
    const { inserted, duplicates } = await insertInbound(tx, records.inbound, events);
    const statuses = await applyStatuses(tx, records.statuses, events);
    const templateCount = await applyTemplateUpdates(tx, records.templateUpdates, events);
    const qualityCount = await applyQualityUpdates(tx, records.qualityUpdates, events);
    await publishLiveEvents(tx, events);
    return {
      messages: inserted,
      duplicates,
      statuses,
      templates: templateCount,
      qualityUpdates: qualityCount,
      unhandled: records.unhandled,
    };
  });
}

async function upsertPhoneNumbers(db: Database, numbers: DeliveryRecords["phoneNumbers"]) {
  const rows = uniqueBy(numbers, (number) => number.id);
  if (rows.length === 0) return;
  await db
    .insert(phoneNumbers)
    .values(rows)
    .onConflictDoUpdate({
      target: phoneNumbers.id,
      set: { displayPhoneNumber: sql`coalesce(${phoneNumbers.displayPhoneNumber}, excluded.display_phone_number)` },
    });
}

async function upsertContacts(db: Database, people: DeliveryRecords["contacts"]) {
  // The last name WhatsApp reported wins; a delivery without a name keeps the one we have.
  const names = new Map<string, string | undefined>();
  for (const person of people) names.set(person.waId, person.profileName ?? names.get(person.waId));
  const rows = [...names].map(([waId, profileName]) => ({ waId, profileName }));
  if (rows.length === 0) return;
  await db
    .insert(contacts)
    .values(rows)
    .onConflictDoUpdate({
      target: contacts.waId,
      set: { profileName: sql`coalesce(excluded.profile_name, ${contacts.profileName})`, updatedAt: new Date() },
    });
}

async function insertInbound(db: Database, inbound: InboundRecord[], events: LiveEventInput[]) {
  const unique = uniqueBy(inbound, (message) => message.wamid);
  if (unique.length === 0) return { inserted: 0, duplicates: inbound.length };

  const pairs = uniqueBy(unique, (message) => `${message.phoneNumberId}:${message.from}`);
  const conversationRows = await db
    .insert(conversations)
    .values(pairs.map((message) => ({ phoneNumberId: message.phoneNumberId, waId: message.from })))
    .onConflictDoUpdate({
      target: [conversations.phoneNumberId, conversations.waId],
      set: { updatedAt: new Date() },
    })
    .returning({ id: conversations.id, phoneNumberId: conversations.phoneNumberId, waId: conversations.waId });
  const conversationId = new Map(conversationRows.map((row) => [`${row.phoneNumberId}:${row.waId}`, row.id]));

  const insertedRows = await db
    .insert(messages)
    .values(
      unique.map((message) => ({
        conversationId: conversationId.get(`${message.phoneNumberId}:${message.from}`)!,
        wamid: message.wamid,
        direction: "inbound" as const,
        type: message.type,
        content: message.content,
        sentAt: message.sentAt,
        replyToWamid: message.replyToWamid,
      })),
    )
    .onConflictDoNothing({ target: messages.wamid })
    .returning({ id: messages.id, wamid: messages.wamid, conversationId: messages.conversationId });

  const byWamid = new Map(unique.map((message) => [message.wamid, message]));
  const perConversation = new Map<string, InboundRecord[]>();
  for (const row of insertedRows) {
    const message = byWamid.get(row.wamid!)!;
    perConversation.set(row.conversationId, [...(perConversation.get(row.conversationId) ?? []), message]);
    events.push({ kind: "message.created", payload: { conversationId: row.conversationId, messageId: row.id } });
  }
  for (const [id, received] of perConversation) {
    await updateConversationAfterInbound(db, id, received);
    events.push({ kind: "conversation.updated", payload: { conversationId: id } });
  }
  return { inserted: insertedRows.length, duplicates: inbound.length - insertedRows.length };
}

async function updateConversationAfterInbound(db: Database, id: string, received: InboundRecord[]) {
  const latest = received.reduce((a, b) => (b.sentAt > a.sentAt ? b : a));
  const referral = received.filter((message) => message.referral).at(-1);
  const latestAt = latest.sentAt.toISOString();
  await db
    .update(conversations)
    .set({
      // A new message reopens a resolved conversation; the window restarts at the newest one.
      status: "open",
      unreadCount: sql`${conversations.unreadCount} + ${received.length}`,
      lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${latestAt}::timestamptz)`,
      lastMessagePreview: sql`case when ${conversations.lastMessageAt} is null or ${conversations.lastMessageAt} <= ${latestAt}::timestamptz then ${messagePreview(latest.type, latest.content)} else ${conversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${conversations.lastMessageAt} is null or ${conversations.lastMessageAt} <= ${latestAt}::timestamptz then 'inbound' else ${conversations.lastMessageDirection} end`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${latestAt}::timestamptz)`,
      ...(referral ? { referralExpiresAt: new Date(referral.sentAt.getTime() + REFERRAL_ENTRY_POINT_MS) } : {}),
      updatedAt: new Date(),
    })
    .where(eq(conversations.id, id));
}

async function applyStatuses(db: Database, statuses: StatusRecord[], events: LiveEventInput[]) {
  if (statuses.length === 0) return 0;
  await db
    .insert(messageStatusEvents)
    .values(
      statuses.map((status) => ({
        wamid: status.wamid,
        status: status.status,
        at: status.at,
        recipientId: status.recipientId,
        errors: status.errors ?? null,
        pricingCategory: status.pricingCategory ?? null,
      })),
    )
    .onConflictDoNothing();
  let applied = 0;
  for (const status of statuses) {
    const updated = await applyStatus(db, status);
    if (updated) {
      applied += 1;
      events.push({
        kind: "message.status",
        payload: { conversationId: updated.conversationId, messageId: updated.id, status: status.status },
      });
    }
  }
  return applied;
}

/** Moves one message forward to the reported status; returns the message when it moved. */
export async function applyStatus(db: Database, status: StatusRecord) {
  const error = status.errors?.[0];
  const at = status.at;
  const [updated] = await db
    .update(messages)
    .set({
      status: status.status,
      statusAt: at,
      deliveredAt: status.status === "delivered" || status.status === "read" ? sql`coalesce(${messages.deliveredAt}, ${at.toISOString()}::timestamptz)` : undefined,
      readAt: status.status === "read" ? at : undefined,
      ...(status.status === "failed"
        ? {
            errorCode: error?.code ?? null,
            errorTitle: error?.title ?? error?.message ?? null,
            errorDetails: error?.error_data?.details ?? null,
          }
        : {}),
    })
    .where(and(eq(messages.wamid, status.wamid), sql`${STATUS_RANK} < ${RANKS[status.status]}`))
    .returning({ id: messages.id, conversationId: messages.conversationId });
  return updated;
}

async function applyTemplateUpdates(db: Database, updates: DeliveryRecords["templateUpdates"], events: LiveEventInput[]) {
  let applied = 0;
  for (const update of updates) {
    // A template not mirrored yet is picked up by the next sync; the raw event is kept meanwhile.
    const [row] = await db
      .update(templates)
      .set({ status: update.status, rejectedReason: update.reason ?? null, updatedAt: new Date() })
      .where(eq(templates.id, update.templateId))
      .returning({ id: templates.id });
    if (row) {
      applied += 1;
      events.push({ kind: "template.updated", payload: { templateId: row.id, status: update.status } });
    }
  }
  return applied;
}

async function applyQualityUpdates(db: Database, updates: DeliveryRecords["qualityUpdates"], events: LiveEventInput[]) {
  let applied = 0;
  for (const update of updates) {
    const rows = await db
      .update(phoneNumbers)
      .set({
        messagingLimitTier: update.currentLimit ?? sql`${phoneNumbers.messagingLimitTier}`,
        qualityRating: qualityFromEvent(update.event) ?? sql`${phoneNumbers.qualityRating}`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(phoneNumbers.wabaId, update.wabaId),
          // Quality webhooks name the number as digits, the phone-number API with spaces and a "+".
          sql`regexp_replace(${phoneNumbers.displayPhoneNumber}, '[^0-9]', '', 'g') = ${update.displayPhoneNumber.replace(/\D/g, "")}`,
        ),
      )
      .returning({ id: phoneNumbers.id });
    for (const row of rows) events.push({ kind: "phone_number.updated", payload: { phoneNumberId: row.id } });
    applied += rows.length;
  }
  return applied;
}

function qualityFromEvent(event: string): string | undefined {
  if (event === "FLAGGED") return "RED";
  if (event === "UNFLAGGED") return "GREEN";
  return undefined;
}

import { and, eq, sql } from "drizzle-orm";

import { messagePreview, type DeliveryRecords, type InboundRecord, type StatusRecord } from "@/lib/whatsapp/inbound";

import type { Database } from "../client";
import { contacts, conversations, messages, messageStatusEvents, phoneNumbers, templates } from "../schema";
import { publishLiveEvents, type LiveEventInput } from "./live-events";

/** What one ingest changed, item by item, so a batch of deliveries can be credited to each one. */
export interface IngestResult {
  summary: IngestSummary;
  insertedWamids: Set<string>;
  appliedStatuses: boolean[];
  appliedTemplates: boolean[];
  appliedQuality: number[];
}

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
export async function ingestDelivery(
  db: Database,
  records: DeliveryRecords,
  options: { beforeCommit?: (tx: Database, result: IngestResult) => Promise<void> } = {},
): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const events: LiveEventInput[] = [];
    await upsertPhoneNumbers(tx, records.phoneNumbers);
    await upsertContacts(tx, records.contacts);
    const insertedWamids = await insertInbound(tx, records.inbound, events);
    const appliedStatuses = await applyStatuses(tx, records.statuses, events);
    const appliedTemplates = await applyTemplateUpdates(tx, records.templateUpdates, events);
    const appliedQuality = await applyQualityUpdates(tx, records.qualityUpdates, events);
    const result: IngestResult = {
      summary: {
        messages: insertedWamids.size,
        duplicates: records.inbound.length - insertedWamids.size,
        statuses: appliedStatuses.filter(Boolean).length,
        templates: appliedTemplates.filter(Boolean).length,
        qualityUpdates: appliedQuality.reduce((sum, n) => sum + n, 0),
        unhandled: records.unhandled,
      },
      insertedWamids,
      appliedStatuses,
      appliedTemplates,
      appliedQuality,
    };
    // e.g. marking the stored deliveries processed in the same commit as what they changed.
    await options.beforeCommit?.(tx, result);
    await publishLiveEvents(tx, events);
    return result;
  });
}

async function upsertPhoneNumbers(db: Database, numbers: DeliveryRecords["phoneNumbers"]) {
  const rows = uniqueBy(numbers, (number) => number.id);
  if (rows.length === 0) return;
  // Do nothing on conflict: an update would lock the number's row and queue every delivery behind it.
  await db.insert(phoneNumbers).values(rows).onConflictDoNothing({ target: phoneNumbers.id });
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
  if (unique.length === 0) return new Set<string>();

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
  await updateConversationsAfterInbound(db, perConversation);
  for (const id of perConversation.keys()) events.push({ kind: "conversation.updated", payload: { conversationId: id } });
  return new Set(insertedRows.map((row) => row.wamid!));
}

/** One statement for every conversation that received messages: counts, window anchor, last message. */
async function updateConversationsAfterInbound(db: Database, received: Map<string, InboundRecord[]>) {
  if (received.size === 0) return;
  const rows = [...received].map(([id, messages]) => {
    const latest = messages.reduce((a, b) => (b.sentAt > a.sentAt ? b : a));
    const referral = messages.filter((message) => message.referral).at(-1);
    return sql`(${id}::uuid, ${messages.length}::int, ${latest.sentAt.toISOString()}::timestamptz, ${messagePreview(latest.type, latest.content)}::text, ${
      referral ? new Date(referral.sentAt.getTime() + REFERRAL_ENTRY_POINT_MS).toISOString() : null
    }::timestamptz)`;
  });
  const newer = sql`(c.last_message_at is null or c.last_message_at <= v.latest_at)`;
  // A new message reopens a resolved conversation; the window restarts at the newest message only.
  await db.execute(sql`
    update ${conversations} as c set
      status = 'open',
      unread_count = c.unread_count + v.received,
      last_inbound_at = greatest(c.last_inbound_at, v.latest_at),
      last_message_preview = case when ${newer} then v.preview else c.last_message_preview end,
      last_message_direction = case when ${newer} then 'inbound' else c.last_message_direction end,
      last_message_at = greatest(c.last_message_at, v.latest_at),
      referral_expires_at = coalesce(v.referral_expires_at, c.referral_expires_at),
      updated_at = now()
    from (values ${sql.join(rows, sql`, `)}) as v(id, received, latest_at, preview, referral_expires_at)
    where c.id = v.id`);
}

async function applyStatuses(db: Database, statuses: StatusRecord[], events: LiveEventInput[]): Promise<boolean[]> {
  if (statuses.length === 0) return [];
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
  const applied: boolean[] = [];
  for (const status of statuses) {
    const updated = await applyStatus(db, status);
    applied.push(updated !== undefined);
    if (updated) {
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

async function applyTemplateUpdates(
  db: Database,
  updates: DeliveryRecords["templateUpdates"],
  events: LiveEventInput[],
): Promise<boolean[]> {
  const applied: boolean[] = [];
  for (const update of updates) {
    // A template not mirrored yet is picked up by the next sync; the raw event is kept meanwhile.
    const [row] = await db
      .update(templates)
      .set({ status: update.status, rejectedReason: update.reason ?? null, updatedAt: new Date() })
      .where(eq(templates.id, update.templateId))
      .returning({ id: templates.id });
    applied.push(row !== undefined);
    if (row) events.push({ kind: "template.updated", payload: { templateId: row.id, status: update.status } });
  }
  return applied;
}

async function applyQualityUpdates(
  db: Database,
  updates: DeliveryRecords["qualityUpdates"],
  events: LiveEventInput[],
): Promise<number[]> {
  const applied: number[] = [];
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
    applied.push(rows.length);
  }
  return applied;
}

function qualityFromEvent(event: string): string | undefined {
  if (event === "FLAGGED") return "RED";
  if (event === "UNFLAGGED") return "GREEN";
  return undefined;
}

import { and, eq, sql } from "drizzle-orm";

import { messagePreview, type DeliveryRecords, type InboundRecord, type StatusRecord } from "@/lib/whatsapp/inbound";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { contacts, conversations, messages, messageStatusEvents, phoneNumbers, templates } from "../schema";
import { publishLiveEvents, type LiveEventInput } from "./live-events";
import { storeProcessedDeliveries } from "./webhook-events";

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

/** Raw deliveries to store with what they changed, in the same statement as the live events. */
export interface DeliveriesToStore {
  rows: Array<{ body: string; authenticatedBy: "signature" | "token"; wabaId: string | null }>;
  /** Each stored delivery's summary, from what the whole batch changed. */
  summarize: (result: IngestResult) => IngestSummary[];
}

/**
 * Applies webhook records in one transaction: contacts, conversations, messages (once per wamid),
 * statuses (forward only), template and quality updates, and the live events they cause. With
 * `store`, the raw deliveries are written in the same commit, already marked processed, and their
 * ids returned in the order given. Few statements whatever the batch's size: a batch of inbound
 * messages costs three between BEGIN and COMMIT; statuses and updates add one each, sent together.
 */
export async function ingestDelivery(
  db: Database,
  records: DeliveryRecords,
  options: {
    store?: DeliveriesToStore;
    /** Runs last, in the same transaction (e.g. marking a stored delivery processed in the same commit). */
    beforeCommit?: (tx: Database, result: IngestResult) => Promise<void>;
  } = {},
): Promise<IngestResult & { storedIds: number[] }> {
  const known = knownRows(db);
  let learn = () => {};
  const outcome = await db.transaction(async (tx) => {
    const events: LiveEventInput[] = [];
    const upserted = await upsertConversations(tx, records, known);
    learn = upserted.learn;
    const conversationIds = upserted.ids;
    const [inserted, appliedStatuses, appliedTemplates, appliedQuality] = await Promise.all([
      insertInbound(tx, records.inbound, conversationIds),
      applyStatuses(tx, records.statuses),
      applyTemplateUpdates(tx, records.templateUpdates),
      applyQualityUpdates(tx, records.qualityUpdates),
    ]);
    // Live events in the order of the changes: messages, then statuses, templates, numbers.
    for (const row of inserted) {
      events.push({ kind: "message.created", payload: { conversationId: row.conversationId, messageId: row.id } });
    }
    for (const [i, updated] of appliedStatuses.entries()) {
      if (!updated) continue;
      events.push({ kind: "message.status", payload: { conversationId: updated.conversationId, messageId: updated.id, status: records.statuses[i]!.status } });
    }
    for (const [i, updated] of appliedTemplates.entries()) {
      if (updated) events.push({ kind: "template.updated", payload: { templateId: updated.id, status: records.templateUpdates[i]!.status } });
    }
    for (const rows of appliedQuality) {
      for (const row of rows) events.push({ kind: "phone_number.updated", payload: { phoneNumberId: row.id } });
    }

    const insertedWamids = new Set(inserted.map((row) => row.wamid));
    const result: IngestResult = {
      summary: {
        messages: insertedWamids.size,
        duplicates: records.inbound.length - insertedWamids.size,
        statuses: appliedStatuses.filter(Boolean).length,
        templates: appliedTemplates.filter(Boolean).length,
        qualityUpdates: appliedQuality.reduce((sum, rows) => sum + rows.length, 0),
        unhandled: records.unhandled,
      },
      insertedWamids,
      appliedStatuses: appliedStatuses.map(Boolean),
      appliedTemplates: appliedTemplates.map(Boolean),
      appliedQuality: appliedQuality.map((rows) => rows.length),
    };
    if (!options.store) {
      await Promise.all([publishLiveEvents(tx, events), options.beforeCommit?.(tx, result)]);
      return { ...result, storedIds: [] };
    }
    const summaries = options.store.summarize(result);
    const storedIds = await storeProcessedDeliveries(
      tx,
      options.store.rows.map((row, i) => ({ ...row, summary: summaries[i]! })),
      events,
    );
    return { ...result, storedIds };
  }).catch((error: unknown) => {
    knownRowsByDatabase.delete(db);
    throw error;
  });
  learn();
  return outcome;
}

const conversationKey = (phoneNumberId: string, waId: string) => `${phoneNumberId}:${waId}`;

/**
 * What this process has seen committed, per database: phone numbers, contacts with the name last
 * stored, and conversation ids (rows the dashboard never deletes, ids that never change). A batch
 * from people and numbers it knows skips the upsert statement, and a conversation is written once
 * per batch instead of twice. Learned after each commit; forgotten whole when a batch fails.
 */
interface KnownRows {
  phoneNumbers: Set<string>;
  names: Map<string, string | null>;
  conversations: Map<string, string>;
}

const KNOWN_ROWS_LIMIT = 50_000;
const knownRowsByDatabase = new WeakMap<Database, KnownRows>();

function knownRows(db: Database): KnownRows {
  let known = knownRowsByDatabase.get(db);
  if (!known || known.conversations.size > KNOWN_ROWS_LIMIT || known.names.size > KNOWN_ROWS_LIMIT) {
    known = { phoneNumbers: new Set(), names: new Map(), conversations: new Map() };
    knownRowsByDatabase.set(db, known);
  }
  return known;
}

/**
 * The delivery's phone numbers, contacts and conversations that are new or changed, in one
 * statement (the conversation rows' foreign keys see the rows its first parts insert). Answers
 * each conversation's id, and what to remember once the transaction has committed.
 */
async function upsertConversations(
  db: Database,
  records: DeliveryRecords,
  known: KnownRows,
): Promise<{ ids: Map<string, string>; learn: () => void }> {
  const pairs = uniqueBy(records.inbound, (message) => conversationKey(message.phoneNumberId, message.from));
  const numbers = uniqueBy(records.phoneNumbers, (number) => number.id).filter((number) => !known.phoneNumbers.has(number.id));
  // The last name WhatsApp reported wins; a delivery without a name keeps the one we have. A name
  // that did not change writes nothing (most messages come from people the dashboard knows).
  const reported = new Map<string, string | undefined>();
  for (const person of records.contacts) reported.set(person.waId, person.profileName ?? reported.get(person.waId));
  for (const message of pairs) if (!reported.has(message.from)) reported.set(message.from, undefined);
  const names = [...reported].filter(
    ([waId, name]) => !known.names.has(waId) || (name !== undefined && known.names.get(waId) !== name),
  );
  const ids = new Map<string, string>();
  const missing = pairs.filter((message) => {
    const id = known.conversations.get(conversationKey(message.phoneNumberId, message.from));
    if (id) ids.set(conversationKey(message.phoneNumberId, message.from), id);
    return id === undefined;
  });
  const learn = () => {
    for (const number of numbers) known.phoneNumbers.add(number.id);
    for (const [waId, name] of names) known.names.set(waId, name ?? known.names.get(waId) ?? null);
    for (const [key, id] of ids) known.conversations.set(key, id);
  };
  if (numbers.length === 0 && names.length === 0 && missing.length === 0) return { ids, learn };

  const parts = [];
  if (numbers.length > 0) {
    // Do nothing on conflict: an update would lock the number's row and queue every delivery behind it.
    const rows = numbers.map((number) => sql`(${number.id}, ${number.displayPhoneNumber ?? null}, ${number.wabaId ?? null})`);
    parts.push(sql`numbers as (
      insert into ${phoneNumbers} (id, display_phone_number, waba_id) values ${sql.join(rows, sql`, `)}
      on conflict (id) do nothing)`);
  }
  if (names.length > 0) {
    const rows = names.map(([waId, profileName]) => sql`(${waId}, ${profileName ?? null})`);
    parts.push(sql`people as (
      insert into ${contacts} (wa_id, profile_name) values ${sql.join(rows, sql`, `)}
      on conflict (wa_id) do update set profile_name = excluded.profile_name, updated_at = now()
      where excluded.profile_name is distinct from ${contacts.profileName} and excluded.profile_name is not null)`);
  }
  const withParts = parts.length > 0 ? sql`with ${sql.join(parts, sql`, `)}` : sql``;
  if (missing.length === 0) {
    await db.execute(sql`${withParts} select 1`);
    return { ids, learn };
  }
  const pairRows = missing.map((message) => sql`(${message.phoneNumberId}, ${message.from})`);
  const result = await db.execute(sql`
    ${withParts}
    insert into ${conversations} (phone_number_id, wa_id) values ${sql.join(pairRows, sql`, `)}
    on conflict (phone_number_id, wa_id) do update set updated_at = now()
    returning id, phone_number_id, wa_id`);
  for (const row of rowsOf<{ id: string; phone_number_id: string; wa_id: string }>(result)) {
    ids.set(conversationKey(row.phone_number_id, row.wa_id), row.id);
  }
  return { ids, learn };
}

interface InsertedMessage {
  id: string;
  wamid: string;
  conversationId: string;
}

/**
 * Inserts the messages not stored yet (once per wamid) and, in the same statement, moves each
 * conversation that received some: unread count, window anchor, last message, ad entry point.
 * A new message reopens a resolved conversation; the window restarts at the newest message only.
 */
async function insertInbound(db: Database, inbound: InboundRecord[], conversationIds: Map<string, string>): Promise<InsertedMessage[]> {
  const unique = uniqueBy(inbound, (message) => message.wamid);
  if (unique.length === 0) return [];
  const rows = unique.map((message, ordinal) => {
    const referralExpiresAt = message.referral ? new Date(message.sentAt.getTime() + REFERRAL_ENTRY_POINT_MS).toISOString() : null;
    return sql`(${ordinal}::int, ${conversationIds.get(conversationKey(message.phoneNumberId, message.from))!}::uuid, ${message.wamid}::text,
      ${message.type}::text, ${JSON.stringify(message.content)}::jsonb, ${message.sentAt.toISOString()}::timestamptz,
      ${message.replyToWamid ?? null}::text, ${messagePreview(message.type, message.content)}::text, ${referralExpiresAt}::timestamptz)`;
  });
  // Newer than the conversation's last message: later, or of the same time and arrived after it.
  const newer = sql`(c.last_message_at is null or (c.last_message_at, c.last_message_seq) < (v.latest_at, v.latest_seq))`;
  const result = await db.execute(sql`
    with incoming (ordinal, conversation_id, wamid, type, content, sent_at, reply_to_wamid, preview, referral_expires_at) as (
      values ${sql.join(rows, sql`, `)}
    ),
    inserted as (
      insert into ${messages} (conversation_id, wamid, direction, type, content, sent_at, reply_to_wamid)
      select conversation_id, wamid, 'inbound', type, content, sent_at, reply_to_wamid from incoming order by ordinal
      on conflict (wamid) do nothing
      returning id, wamid, conversation_id, seq
    ),
    received as (
      -- The conversation's newest message: the latest time, and of one second the last to arrive.
      select i.conversation_id, count(*)::int as received, max(m.referral_expires_at) as referral_expires_at,
        (array_agg(m.sent_at order by m.sent_at desc, i.seq desc))[1] as latest_at,
        (array_agg(i.seq order by m.sent_at desc, i.seq desc))[1] as latest_seq,
        (array_agg(m.preview order by m.sent_at desc, i.seq desc))[1] as preview
      from inserted i join incoming m on m.wamid = i.wamid
      group by i.conversation_id
    ),
    moved as (
      update ${conversations} as c set
        status = 'open',
        unread_count = c.unread_count + v.received,
        last_inbound_at = greatest(c.last_inbound_at, v.latest_at),
        last_message_preview = case when ${newer} then v.preview else c.last_message_preview end,
        last_message_direction = case when ${newer} then 'inbound' else c.last_message_direction end,
        last_message_seq = case when ${newer} then v.latest_seq else c.last_message_seq end,
        last_message_at = greatest(c.last_message_at, v.latest_at),
        referral_expires_at = coalesce(v.referral_expires_at, c.referral_expires_at),
        updated_at = now()
      from received as v
      where c.id = v.conversation_id
    )
    select i.id, i.wamid, i.conversation_id from inserted i join incoming m on m.wamid = i.wamid order by m.ordinal`);
  return rowsOf<{ id: string; wamid: string; conversation_id: string }>(result).map((row) => ({
    id: row.id,
    wamid: row.wamid,
    conversationId: row.conversation_id,
  }));
}

/** Each status's message when it moved forward, else undefined; applied in the order they came. */
async function applyStatuses(db: Database, statuses: StatusRecord[]) {
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
  const applied = [];
  for (const status of statuses) applied.push(await applyStatus(db, status));
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

/** Each update's template when it is mirrored here, else undefined. */
async function applyTemplateUpdates(db: Database, updates: DeliveryRecords["templateUpdates"]) {
  const applied = [];
  for (const update of updates) {
    // A template not mirrored yet is picked up by the next sync; the raw event is kept meanwhile.
    const [row] = await db
      .update(templates)
      .set({ status: update.status, rejectedReason: update.reason ?? null, updatedAt: new Date() })
      .where(eq(templates.id, update.templateId))
      .returning({ id: templates.id });
    applied.push(row);
  }
  return applied;
}

/** Each update's phone numbers (none when the number is not linked here). */
async function applyQualityUpdates(db: Database, updates: DeliveryRecords["qualityUpdates"]) {
  const applied = [];
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
    applied.push(rows);
  }
  return applied;
}

function qualityFromEvent(event: string): string | undefined {
  if (event === "FLAGGED") return "RED";
  if (event === "UNFLAGGED") return "GREEN";
  return undefined;
}

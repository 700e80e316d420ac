import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { contacts, conversations, messages, messageStatusEvents, phoneNumbers, templates, type MESSAGE_STATUSES } from "../schema";
import { advanceRecipients, markReplies } from "./campaign-recipients";
import { applyConsentChange } from "./contact-consent";
import { publishLiveEvents, type LiveEventInput } from "./live-events";
import type { OutboundChange, OutboundEventsRecorder } from "./outbound-webhooks";
import { storeProcessedDeliveries } from "./webhook-events";

/*
 * What a delivery asks to store, as the domain read it (lib/whatsapp/inbound.ts makes these records,
 * with everything the domain decides already computed: previews, the referral window, status order).
 */

/** A customer as a delivery names them: a phone number, a user id or both, and the names reported. */
export interface ReportedCustomer {
  phone?: string;
  userId?: string;
  username?: string;
  profileName?: string;
}

/** A message to keep once per wamid; an edit or a revoke changes the message it names instead. */
export interface MessageToStore {
  wamid: string;
  phoneNumberId: string;
  customer: ReportedCustomer;
  direction: "inbound" | "outbound";
  origin: string | undefined;
  sentAt: Date;
  type: string;
  content: Record<string, unknown>;
  replyToWamid: string | undefined;
  /** The conversation list's one-line summary of it: what it is, and its own words (searched). */
  preview: MessagePreviewToStore;
  /** Set when the customer came from an ad: the conversation is a free entry point until then. */
  referralExpiresAt: Date | undefined;
  /** The customer wrote it: the 24-hour window restarts at it. */
  opensWindow: boolean;
  revises: { originalWamid: string; kind: "edit" | "revoke"; content: Record<string, unknown> | undefined; preview: MessagePreviewToStore | undefined } | undefined;
}

/** The domain's `messagePreview`: the kind is worded by the reader's list, the detail kept as written. */
export interface MessagePreviewToStore {
  kind: string;
  detail: string;
}

type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A status WhatsApp reported; it moves the message forward only from the statuses in `movesFrom`. */
export interface StatusToApply {
  wamid: string;
  status: Exclude<MessageStatus, "pending">;
  at: Date;
  recipientId: string | undefined;
  errors: Array<{ code?: number; title?: string; message?: string; error_data?: { details?: string } }> | undefined;
  pricing: { category: string | undefined; type: string | undefined; billable: boolean | undefined; pricingModel: string | undefined } | undefined;
  movesFrom: readonly MessageStatus[];
}

/** Everything one or more deliveries ask to store or apply. */
export interface DeliveryToIngest {
  phoneNumbers: Array<{ id: string; wabaId: string; displayPhoneNumber: string | undefined }>;
  contacts: ReportedCustomer[];
  inbound: MessageToStore[];
  statuses: StatusToApply[];
  identityChanges: Array<{ customer: ReportedCustomer; phone: string | undefined; userId: string | undefined }>;
  /**
   * The customer's word on marketing: WhatsApp's `user_preferences` stop / resume (no `source`), or an
   * opt-out keyword they wrote (`source: "keyword"`, `detail` the keyword, `ref` the message's wamid).
   */
  preferences: Array<{
    customer: ReportedCustomer;
    category: string;
    value: "stop" | "resume";
    at: Date;
    source?: "whatsapp" | "keyword";
    detail?: string;
    /** What the change is recorded once by; WhatsApp's are named by customer, time and value. */
    ref?: string;
  }>;
  templateUpdates: Array<{ templateId: string; status: string | undefined; reason: string | undefined }>;
  qualityUpdates: Array<{ wabaId: string; displayPhoneNumber: string; event: string; currentLimit: string | undefined }>;
  /** Items that cannot be applied, where and why: kept on the stored delivery. */
  problems: Array<{ at: string; problem: string }>;
  ignored: number;
}

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
  /** Messages kept as "can't be shown" (their raw JSON is on the message). */
  unreadable: number;
  statuses: number;
  templates: number;
  qualityUpdates: number;
  preferences: number;
  /** Items not applied: they need attention (listed on the stored delivery). */
  skipped: number;
  /** Changes of fields the product stores but does not act on. */
  ignored: number;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return [...seen.values()];
}

/** Raw deliveries to store with what they changed, in the same statement as the live events. */
export interface DeliveriesToStore {
  rows: Array<{ body: string; authenticatedBy: "signature" | "token"; wabaId: string | null; problems: DeliveryToIngest["problems"] }>;
  /** Each stored delivery's summary, from what the whole batch changed. */
  summarize: (result: IngestResult) => IngestSummary[];
}

/**
 * Applies webhook records in one transaction: customers, conversations, messages (once per wamid),
 * edits and revokes, statuses (forward only), identity and preference changes, template and quality
 * updates, and the live events they cause. With `store`, the raw deliveries are written in the same
 * commit, already marked processed, and their ids returned in the order given. Few statements
 * whatever the batch's size: a batch of inbound messages from known customers costs three between
 * BEGIN and COMMIT; new customers, statuses and updates add one each.
 */
export async function ingestDelivery(
  db: Database,
  records: DeliveryToIngest,
  options: {
    store?: DeliveriesToStore;
    /** Runs last, in the same transaction (e.g. marking a stored delivery processed in the same commit). */
    beforeCommit?: (tx: Database, result: IngestResult) => Promise<void>;
    /** Told, in the transaction, of the messages received, statuses applied and consent changes: outbound webhooks' events. */
    outbound?: OutboundEventsRecorder;
  } = {},
): Promise<IngestResult & { storedIds: number[] }> {
  const known = knownRows(db);
  let learn = () => {};
  const outcome = await db
    .transaction(async (tx) => {
      const events: LiveEventInput[] = [];
      const customers = await resolveCustomers(tx, records, known);
      const upserted = await upsertConversations(tx, records, customers, known);
      learn = () => {
        customers.learn();
        upserted.learn();
      };
      const keyOf = (message: MessageToStore) => conversationKey(message.phoneNumberId, customers.keyOf(message.customer));
      const plain = records.inbound.filter((message) => !message.revises);
      const [inserted, appliedStatuses, appliedTemplates, appliedQuality, customerChanges] = await Promise.all([
        insertMessages(tx, plain, (message) => upserted.ids.get(keyOf(message))!),
        applyStatuses(tx, records.statuses),
        applyTemplateUpdates(tx, records.templateUpdates),
        applyQualityUpdates(tx, records.qualityUpdates),
        applyCustomerChanges(tx, records, customers.keyOf),
      ]);
      // Edits and revokes once the messages they change (maybe in this very batch) are stored.
      const revisions = await applyRevisions(tx, records.inbound.filter((message) => message.revises), (message) => upserted.ids.get(keyOf(message))!);

      // Live events in the order of the changes: messages, then statuses, templates, numbers.
      for (const row of [...inserted, ...revisions.inserted]) {
        events.push({ kind: "message.created", payload: { conversationId: row.conversationId, messageId: row.id } });
      }
      for (const row of [...inserted.filter((row) => row.upgraded), ...revisions.revised]) {
        events.push({ kind: "message.status", payload: { conversationId: row.conversationId, messageId: row.id } });
      }
      for (const [i, updated] of appliedStatuses.entries()) {
        if (!updated) continue;
        events.push({ kind: "message.status", payload: { conversationId: updated.conversationId, messageId: updated.id, status: records.statuses[i]!.status } });
      }
      for (const conversationId of customerChanges.conversationIds) events.push({ kind: "conversation.updated", payload: { conversationId } });
      for (const contactId of new Set(customerChanges.consent.map((change) => change.contactId))) {
        events.push({ kind: "contact.updated", payload: { contactId } });
      }
      for (const updated of appliedTemplates) {
        if (updated) events.push({ kind: "template.updated", payload: { templateId: updated.id, status: updated.status } });
      }
      for (const rows of appliedQuality) {
        for (const row of rows) events.push({ kind: "phone_number.updated", payload: { phoneNumberId: row.id } });
      }

      const created = [...inserted.filter((row) => !row.upgraded), ...revisions.inserted];
      for (const touched of await moveCampaignRecipients(tx, records, appliedStatuses, created)) {
        events.push({ kind: "campaign.updated", payload: touched });
      }
      const insertedWamids = new Set([...created.map((row) => row.wamid), ...revisions.revised.map((row) => row.wamid)]);
      if (options.outbound) await options.outbound(tx, outboundChanges(records, created, appliedStatuses, customerChanges.consent));
      const result: IngestResult = {
        summary: {
          messages: insertedWamids.size,
          duplicates: records.inbound.length - insertedWamids.size,
          unreadable: records.inbound.filter((message) => message.type === "unreadable" && insertedWamids.has(message.wamid)).length,
          statuses: appliedStatuses.filter(Boolean).length,
          templates: appliedTemplates.filter(Boolean).length,
          qualityUpdates: appliedQuality.reduce((sum, rows) => sum + rows.length, 0),
          preferences: records.preferences.filter((preference) => preference.source !== "keyword").length,
          skipped: records.problems.length,
          ignored: records.ignored,
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
    })
    .catch((error: unknown) => {
      knownRowsByDatabase.delete(db);
      throw error;
    });
  learn();
  return outcome;
}

const conversationKey = (phoneNumberId: string, customerKey: string) => `${phoneNumberId}:${customerKey}`;

/** What is stored of a customer: the key (`contacts.wa_id`) and the identities and names WhatsApp reported. */
interface StoredCustomer {
  key: string;
  phone: string | null;
  userId: string | null;
  username: string | null;
  profileName: string | null;
}

/**
 * What this process has seen committed, per database: phone numbers, customers by each of their
 * identities ("p:" number, "u:" user id), and conversation ids (rows the dashboard never deletes,
 * ids that never change). A batch from people and numbers it knows skips the look-up and the
 * upsert, and a conversation is written once per batch instead of twice. Learned after each
 * commit; forgotten whole when a batch fails.
 */
interface KnownRows {
  phoneNumbers: Set<string>;
  customers: Map<string, StoredCustomer>;
  conversations: Map<string, string>;
}

const KNOWN_ROWS_LIMIT = 50_000;
const knownRowsByDatabase = new WeakMap<Database, KnownRows>();

function knownRows(db: Database): KnownRows {
  let known = knownRowsByDatabase.get(db);
  if (!known || known.conversations.size > KNOWN_ROWS_LIMIT || known.customers.size > KNOWN_ROWS_LIMIT) {
    known = { phoneNumbers: new Set(), customers: new Map(), conversations: new Map() };
    knownRowsByDatabase.set(db, known);
  }
  return known;
}

const identityKeys = (customer: { phone?: string | null; userId?: string | null }) =>
  [customer.phone ? `p:${customer.phone}` : undefined, customer.userId ? `u:${customer.userId}` : undefined].filter(
    (key): key is string => key !== undefined,
  );

/** Whether storing what was reported would change the stored customer. */
function reportsMore(stored: StoredCustomer, reported: ReportedCustomer): boolean {
  return (
    (reported.phone !== undefined && stored.phone === null) ||
    (reported.userId !== undefined && stored.userId === null) ||
    (reported.username !== undefined && reported.username !== stored.username) ||
    (reported.profileName !== undefined && reported.profileName !== stored.profileName)
  );
}

/**
 * Finds or creates the customer of every identity in the records. A customer known by a number
 * who now also has a user id (or the reverse) is the same customer: the identities are linked on
 * one row, so no second conversation appears. Customers to create or complete are written in one
 * statement; everything already known with nothing new costs nothing.
 */
async function resolveCustomers(db: Database, records: DeliveryToIngest, known: KnownRows) {
  const reported = [
    ...records.contacts,
    ...records.inbound.map((message) => message.customer),
    ...records.preferences.map((preference) => preference.customer),
  ];
  // Everyone of the batch by identity: the stored row (from memory or the database) or a new one.
  const byIdentity = new Map<string, StoredCustomer>();
  const lookups = new Set<string>();
  for (const person of reported) {
    for (const key of identityKeys(person)) {
      const stored = known.customers.get(key);
      if (stored) byIdentity.set(key, { ...stored });
      else lookups.add(key);
    }
  }
  if (lookups.size > 0) {
    const phones = [...lookups].filter((key) => key.startsWith("p:")).map((key) => key.slice(2));
    const userIds = [...lookups].filter((key) => key.startsWith("u:")).map((key) => key.slice(2));
    const rows = await db
      .select({ key: contacts.waId, phone: contacts.phoneNumber, userId: contacts.userId, username: contacts.username, profileName: contacts.profileName })
      .from(contacts)
      .where(or(inArray(contacts.phoneNumber, phones), inArray(contacts.userId, userIds)));
    for (const row of rows) for (const key of identityKeys(row)) if (!byIdentity.has(key)) byIdentity.set(key, { ...row });
  }

  const changed = new Map<string, StoredCustomer>();
  for (const person of reported) {
    const keys = identityKeys(person);
    if (keys.length === 0) continue;
    const found = keys.map((key) => byIdentity.get(key)).filter((row): row is StoredCustomer => row !== undefined);
    // The number is the stronger identity: when a number and a user id name two different stored
    // customers, the message goes to the number's, and neither row takes the other's identity.
    const target = found[0] ?? { key: person.phone ?? person.userId!, phone: null, userId: null, username: null, profileName: null };
    const conflict = found.length === 2 && found[0]!.key !== found[1]!.key;
    if (found.length === 0 || reportsMore(target, person)) {
      if (person.phone && target.phone === null && !conflict) target.phone = person.phone;
      if (person.userId && target.userId === null && !conflict) target.userId = person.userId;
      if (person.username) target.username = person.username;
      if (person.profileName) target.profileName = person.profileName;
      changed.set(target.key, target);
    }
    for (const key of identityKeys(target)) byIdentity.set(key, target);
    if (conflict) byIdentity.set(keys[1]!, found[1]!);
  }

  if (changed.size > 0) {
    const rows = [...changed.values()].map(
      (row) => sql`(${row.key}, ${row.phone}::text, ${row.userId}::text, ${row.username}::text, ${row.profileName}::text)`,
    );
    // The last name and username WhatsApp reported win; a delivery without them keeps what we have.
    await db.execute(sql`
      insert into ${contacts} (wa_id, phone_number, user_id, username, profile_name) values ${sql.join(rows, sql`, `)}
      on conflict (wa_id) do update set
        phone_number = coalesce(${contacts.phoneNumber}, excluded.phone_number),
        user_id = coalesce(${contacts.userId}, excluded.user_id),
        username = coalesce(excluded.username, ${contacts.username}),
        profile_name = coalesce(excluded.profile_name, ${contacts.profileName}),
        updated_at = now()`);
  }

  return {
    /** The customer's key (`contacts.wa_id`) for an identity of the batch. */
    keyOf(person: ReportedCustomer): string {
      for (const key of identityKeys(person)) {
        const row = byIdentity.get(key);
        if (row) return row.key;
      }
      return person.phone ?? person.userId ?? "";
    },
    learn() {
      for (const [key, row] of byIdentity) known.customers.set(key, row);
    },
  };
}

/**
 * The delivery's phone numbers and conversations that are new, in one statement (the conversation
 * rows' foreign keys see the rows its first part inserts). Answers each conversation's id, and
 * what to remember once the transaction has committed.
 */
async function upsertConversations(
  db: Database,
  records: DeliveryToIngest,
  customers: { keyOf: (person: ReportedCustomer) => string },
  known: KnownRows,
): Promise<{ ids: Map<string, string>; learn: () => void }> {
  const pairs = uniqueBy(
    records.inbound.map((message) => ({ phoneNumberId: message.phoneNumberId, customerKey: customers.keyOf(message.customer) })),
    (pair) => conversationKey(pair.phoneNumberId, pair.customerKey),
  );
  const numbers = uniqueBy(records.phoneNumbers, (number) => number.id).filter((number) => !known.phoneNumbers.has(number.id));
  const ids = new Map<string, string>();
  const missing = pairs.filter((pair) => {
    const id = known.conversations.get(conversationKey(pair.phoneNumberId, pair.customerKey));
    if (id) ids.set(conversationKey(pair.phoneNumberId, pair.customerKey), id);
    return id === undefined;
  });
  const learn = () => {
    for (const number of numbers) known.phoneNumbers.add(number.id);
    for (const [key, id] of ids) known.conversations.set(key, id);
  };
  if (numbers.length === 0 && missing.length === 0) return { ids, learn };

  // Do nothing on conflict: an update would lock the number's row and queue every delivery behind it.
  const numberRows = numbers.map((number) => sql`(${number.id}, ${number.displayPhoneNumber ?? null}, ${number.wabaId ?? null})`);
  const insertNumbers = sql`insert into ${phoneNumbers} (id, display_phone_number, waba_id) values ${sql.join(numberRows, sql`, `)}
      on conflict (id) do nothing`;
  if (missing.length === 0) {
    await db.execute(insertNumbers);
    return { ids, learn };
  }
  const pairRows = missing.map((pair) => sql`(${pair.phoneNumberId}, ${pair.customerKey})`);
  const result = await db.execute(sql`
    ${numbers.length > 0 ? sql`with numbers as (${insertNumbers})` : sql``}
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
  /** A message stored as unreadable, read again (a replay after a fix): not new, but changed. */
  upgraded: boolean;
}

/**
 * Inserts the messages not stored yet (once per wamid) and, in the same statement, moves each
 * conversation that received some: unread count, window anchor, last message, ad entry point.
 * A customer's new message reopens a resolved conversation; the window restarts at the newest
 * message the customer wrote (not at notices, edits or echoes of the business's own messages).
 * A message stored as unreadable is replaced when it is read again and now understood.
 */
async function insertMessages(db: Database, incoming: MessageToStore[], conversationOf: (message: MessageToStore) => string): Promise<InsertedMessage[]> {
  const unique = uniqueBy(incoming, (message) => message.wamid);
  if (unique.length === 0) return [];
  const rows = unique.map((message, ordinal) => {
    const referralExpiresAt = message.referralExpiresAt?.toISOString() ?? null;
    return sql`(${ordinal}::int, ${conversationOf(message)}::uuid, ${message.wamid}::text, ${message.direction}::message_direction,
      ${message.origin ?? null}::text, ${message.type}::text, ${JSON.stringify(message.content)}::jsonb, ${message.sentAt.toISOString()}::timestamptz,
      ${message.replyToWamid ?? null}::text, ${message.preview.detail}::text, ${message.preview.kind}::text, ${referralExpiresAt}::timestamptz,
      ${message.opensWindow}::boolean)`;
  });
  // Newer than the conversation's last message: later, or of the same time and arrived after it.
  const newer = sql`(c.last_message_at is null or (c.last_message_at, c.last_message_seq) < (v.latest_at, v.latest_seq))`;
  const result = await db.execute(sql`
    with incoming (ordinal, conversation_id, wamid, direction, origin, type, content, sent_at, reply_to_wamid, preview, preview_kind, referral_expires_at, opens_window) as (
      values ${sql.join(rows, sql`, `)}
    ),
    inserted as (
      insert into ${messages} (conversation_id, wamid, direction, origin, type, content, sent_at, reply_to_wamid, status)
      select conversation_id, wamid, direction, origin, type, content, sent_at, reply_to_wamid,
        case when direction = 'outbound' then 'sent'::message_status end
      from incoming order by ordinal
      on conflict (wamid) do update set type = excluded.type, content = excluded.content
        where ${messages.type} = 'unreadable' and excluded.type <> 'unreadable'
      returning id, wamid, conversation_id, seq, (xmax = 0) as created
    ),
    received as (
      -- The conversation's newest message: the latest time, and of one second the last to arrive.
      select i.conversation_id,
        count(*) filter (where m.direction = 'inbound')::int as received,
        bool_or(m.direction = 'inbound') as from_customer,
        max(m.sent_at) filter (where m.opens_window) as written_at,
        max(m.referral_expires_at) as referral_expires_at,
        (array_agg(m.sent_at order by m.sent_at desc, i.seq desc))[1] as latest_at,
        (array_agg(i.seq order by m.sent_at desc, i.seq desc))[1] as latest_seq,
        (array_agg(m.preview order by m.sent_at desc, i.seq desc))[1] as preview,
        (array_agg(m.preview_kind order by m.sent_at desc, i.seq desc))[1] as preview_kind,
        (array_agg(m.direction::text order by m.sent_at desc, i.seq desc))[1] as direction
      from inserted i join incoming m on m.wamid = i.wamid
      where i.created
      group by i.conversation_id
    ),
    moved as (
      update ${conversations} as c set
        status = case when v.from_customer then 'open' else c.status end,
        unread_count = c.unread_count + v.received,
        last_inbound_at = greatest(c.last_inbound_at, v.written_at),
        last_message_preview = case when ${newer} then v.preview else c.last_message_preview end,
        last_message_preview_kind = case when ${newer} then v.preview_kind else c.last_message_preview_kind end,
        last_message_direction = case when ${newer} then v.direction else c.last_message_direction end,
        last_message_seq = case when ${newer} then v.latest_seq else c.last_message_seq end,
        last_message_at = greatest(c.last_message_at, v.latest_at),
        referral_expires_at = coalesce(v.referral_expires_at, c.referral_expires_at),
        updated_at = now()
      from received as v
      where c.id = v.conversation_id
    )
    select i.id, i.wamid, i.conversation_id, i.created from inserted i join incoming m on m.wamid = i.wamid order by m.ordinal`);
  return rowsOf<{ id: string; wamid: string; conversation_id: string; created: boolean }>(result).map((row) => ({
    id: row.id,
    wamid: row.wamid,
    conversationId: row.conversation_id,
    upgraded: !row.created,
  }));
}

/**
 * Edits and revokes change the message they name, in its conversation: an edit replaces the
 * content and keeps the earlier version in `revisions`; a revoke marks the message deleted and
 * keeps what it said for the team's record. Each is applied once (its wamid is kept in
 * `revisions`). One whose message is not here is stored as a message of its own.
 */
async function applyRevisions(db: Database, revisions: MessageToStore[], conversationOf: (message: MessageToStore) => string) {
  const revised: InsertedMessage[] = [];
  const orphans: MessageToStore[] = [];
  for (const revision of revisions) {
    const { originalWamid, kind, content, preview } = revision.revises!;
    const conversationId = conversationOf(revision);
    const [original] = await db
      .select({ id: messages.id, seq: messages.seq, type: messages.type, content: messages.content, revisions: messages.revisions })
      .from(messages)
      .where(and(eq(messages.wamid, originalWamid), eq(messages.conversationId, conversationId)));
    if (!original) {
      orphans.push(revision);
      continue;
    }
    if (original.revisions?.some((earlier) => earlier.wamid === revision.wamid)) continue;
    const at = revision.sentAt.toISOString();
    const editedPart = kind === "edit" && content ? (content[original.type] as Record<string, unknown> | undefined) : undefined;
    const newContent =
      editedPart && typeof editedPart === "object"
        ? { ...original.content, [original.type]: { ...(original.content[original.type] as object), ...editedPart } }
        : original.content;
    await db
      .update(messages)
      .set({
        content: newContent,
        revisions: [...(original.revisions ?? []), { wamid: revision.wamid, at, content: original.content }],
        ...(kind === "edit" ? { editedAt: revision.sentAt } : { revokedAt: revision.sentAt }),
      })
      .where(eq(messages.id, original.id));
    if (kind === "edit" && editedPart && preview !== undefined) {
      // The list's preview follows an edit of the conversation's last message.
      await db
        .update(conversations)
        .set({ lastMessagePreview: preview.detail, lastMessagePreviewKind: preview.kind })
        .where(and(eq(conversations.id, conversationId), eq(conversations.lastMessageSeq, original.seq)));
    }
    revised.push({ id: original.id, wamid: revision.wamid, conversationId, upgraded: false });
  }
  const inserted = orphans.length > 0 ? await insertMessages(db, orphans, conversationOf) : [];
  return { revised, inserted: inserted.filter((row) => !row.upgraded) };
}

/** A consent change the ingest applied: whose, to what, from where and when (for the live and outbound events). */
interface AppliedConsent {
  key: string;
  contactId: string;
  state: "opted_in" | "opted_out";
  source: string;
  at: Date;
}

/**
 * A customer's new number or user id (system messages) and their word on marketing: WhatsApp's
 * `user_preferences` (stop → opted out, resume → opted in) and opt-out keywords they wrote, applied
 * in order, newest wins (./contact-consent.ts `applyConsentChange`), each recorded once by its ref.
 * Answers the conversations whose customer changed and the consent changes applied.
 */
async function applyCustomerChanges(
  db: Database,
  records: DeliveryToIngest,
  keyOf: (person: ReportedCustomer) => string,
): Promise<{ conversationIds: string[]; consent: AppliedConsent[] }> {
  const consent: AppliedConsent[] = [];
  const changedKeys = new Set<string>();
  for (const change of records.identityChanges) {
    const key = keyOf(change.customer);
    // Another customer may hold the new identity already: then only the notice is kept.
    const taken = await db
      .select({ key: contacts.waId })
      .from(contacts)
      .where(
        change.phone
          ? and(eq(contacts.phoneNumber, change.phone), sql`${contacts.waId} <> ${key}`)
          : and(eq(contacts.userId, change.userId!), sql`${contacts.waId} <> ${key}`),
      );
    if (taken.length > 0) continue;
    await db
      .update(contacts)
      .set(change.phone ? { phoneNumber: change.phone } : { userId: change.userId! })
      .where(eq(contacts.waId, key));
    changedKeys.add(key);
  }
  for (const preference of records.preferences) {
    if (preference.category !== "marketing_messages") continue;
    const key = keyOf(preference.customer);
    const source = preference.source ?? "whatsapp";
    const state = preference.value === "stop" ? "opted_out" : "opted_in";
    const outcome = await applyConsentChange(
      db,
      { waId: key },
      {
        state,
        source,
        actorId: null,
        detail: preference.detail ?? preference.value,
        sourceRef: preference.ref ?? `pref:${key}:${Math.floor(preference.at.getTime() / 1000)}:${preference.value}`,
        at: preference.at,
      },
      { touchWhenSame: true },
    );
    if (!outcome?.applied) continue;
    changedKeys.add(key);
    consent.push({ key, contactId: outcome.contactId, state, source, at: preference.at });
  }
  if (changedKeys.size === 0) return { conversationIds: [], consent };
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(inArray(conversations.waId, [...changedKeys]));
  return { conversationIds: rows.map((row) => row.id), consent };
}

/**
 * What outbound webhooks may announce of an ingest: each inbound message stored for the first time
 * (not a duplicate, not an echo of the business's own), each status that moved a message forward,
 * each consent change applied (opted out, opted in).
 */
function outboundChanges(
  records: DeliveryToIngest,
  created: InsertedMessage[],
  appliedStatuses: Array<{ id: string } | undefined>,
  consent: AppliedConsent[],
): OutboundChange[] {
  const inboundWamids = new Set(records.inbound.filter((message) => message.direction === "inbound").map((message) => message.wamid));
  return [
    ...created.filter((row) => inboundWamids.has(row.wamid)).map((row): OutboundChange => ({ type: "message.received", messageId: row.id })),
    ...appliedStatuses.flatMap((moved, i): OutboundChange[] => {
      const status = records.statuses[i]!;
      return moved ? [{ type: "message.status", messageId: moved.id, status: status.status, at: status.at }] : [];
    }),
    ...consent.map(
      ({ key, state, source, at }): OutboundChange => ({ type: state === "opted_out" ? "contact.opted_out" : "contact.opted_in", contactKey: key, source, at }),
    ),
  ];
}

/**
 * Campaign recipients follow their messages: the statuses that moved a message move its recipient
 * (one statement for the batch), and a customer's new message marks the campaign message it answers
 * as replied. Answers the campaigns touched, once each.
 */
async function moveCampaignRecipients(
  db: Database,
  records: DeliveryToIngest,
  appliedStatuses: Array<{ id: string } | undefined>,
  created: InsertedMessage[],
): Promise<Array<{ campaignId: string; phoneNumberId: string }>> {
  const moved = appliedStatuses.flatMap((message, i) => {
    const status = records.statuses[i]!;
    const error = status.errors?.[0];
    return message
      ? [{ messageId: message.id, status: status.status, at: status.at, errorCode: error?.code ?? null, errorTitle: error?.title ?? error?.message ?? null }]
      : [];
  });
  const inboundByWamid = new Map(records.inbound.filter((message) => message.direction === "inbound").map((message) => [message.wamid, message]));
  const replies = created.flatMap((row) => {
    const message = inboundByWamid.get(row.wamid);
    return message ? [{ conversationId: row.conversationId, sentAt: message.sentAt }] : [];
  });
  const touched = [...(await advanceRecipients(db, moved)), ...(await markReplies(db, replies))];
  return uniqueBy(touched, (campaign) => campaign.campaignId);
}

/**
 * Locks the given wamids for this transaction: shared for the statuses' ingest (deliveries do not wait for
 * each other), exclusive for storing a sent message's wamid (recordOutboundSent). Either the ingest finds
 * the wamid stored or the sender finds the status recorded: never neither.
 */
export async function lockWamids(db: Database, wamids: readonly string[], mode: "shared" | "exclusive" = "shared"): Promise<void> {
  const keys = [...new Set(wamids)].sort().map((wamid) => sql`hashtext(${`wamid:${wamid}`})`);
  if (keys.length === 0) return;
  const lock = mode === "shared" ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
  await db.execute(sql`select ${lock}(key) from (values ${sql.join(keys.map((key) => sql`(${key})`), sql`, `)}) as wanted (key)`);
}

/** Each status's message when it moved forward, else undefined; applied in the order they came. */
async function applyStatuses(db: Database, statuses: StatusToApply[]) {
  if (statuses.length === 0) return [];
  // Shared with other deliveries, exclusive with recordOutboundSent storing the same wamid (see there).
  await lockWamids(db, statuses.map((status) => status.wamid));
  await db
    .insert(messageStatusEvents)
    .values(
      statuses.map((status) => ({
        wamid: status.wamid,
        status: status.status,
        at: status.at,
        recipientId: status.recipientId ?? null,
        errors: status.errors ?? null,
        pricingCategory: status.pricing?.category ?? null,
        pricing: status.pricing ? { ...status.pricing } : null,
      })),
    )
    .onConflictDoNothing();
  const applied = [];
  for (const status of statuses) applied.push(await applyStatus(db, status));
  return applied;
}

/**
 * Moves one message forward to the reported status; returns the message when it moved. A success
 * after a failure clears the failure. The message's price is kept from whichever status tells it.
 */
export async function applyStatus(db: Database, status: StatusToApply) {
  if (status.movesFrom.length === 0) return undefined;
  const error = status.errors?.[0];
  const at = status.at;
  const pricing = status.pricing ? sql`${JSON.stringify(status.pricing)}::jsonb` : undefined;
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
        : { errorCode: null, errorTitle: null, errorDetails: null }),
      ...(pricing ? { pricing: sql`coalesce(${pricing}, ${messages.pricing})` } : {}),
    })
    // An inbound message (no status) takes any; a later status is never replaced by an earlier one.
    .where(and(eq(messages.wamid, status.wamid), or(isNull(messages.status), inArray(messages.status, [...status.movesFrom]))))
    .returning({ id: messages.id, conversationId: messages.conversationId });
  if (!updated && pricing) {
    // A status that arrived late still tells the price when no earlier one did.
    await db.update(messages).set({ pricing: sql`${pricing}` }).where(and(eq(messages.wamid, status.wamid), sql`${messages.pricing} is null`));
  }
  return updated;
}

/**
 * Each update's template when it is mirrored here, else undefined. An event that is not a status
 * (FLAGGED, LOCKED) leaves the status as it is; the raw event is kept on the delivery.
 */
async function applyTemplateUpdates(db: Database, updates: DeliveryToIngest["templateUpdates"]) {
  const applied: Array<{ id: string; status: string } | undefined> = [];
  for (const update of updates) {
    if (update.status === undefined) {
      applied.push(undefined);
      continue;
    }
    // A template not mirrored yet is picked up by the next sync; the raw event is kept meanwhile.
    const [row] = await db
      .update(templates)
      .set({ status: update.status, rejectedReason: update.reason ?? null, updatedAt: new Date() })
      .where(eq(templates.id, update.templateId))
      .returning({ id: templates.id, status: templates.status });
    applied.push(row);
  }
  return applied;
}

/** Each update's phone numbers (none when the number is not linked here). */
async function applyQualityUpdates(db: Database, updates: DeliveryToIngest["qualityUpdates"]) {
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

import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { campaignRecipients, campaigns, contacts, conversations, messages, type Campaign, type CampaignRecipient, type CampaignRecipientStatus, type CampaignStatus } from "../schema";
import { contactMatches, type Search } from "./search";

/*
 * A campaign's recipients as the sending side moves them: fixed once at the start, claimed by a worker
 * for a lease, settled from the message their send made, moved forward by WhatsApp's statuses and
 * replies. Every change of a recipient is conditional on the state it expects, so two workers (of one
 * instance or several) never both act on one recipient.
 */

/** One recipient as the start fixes it. */
export interface RecipientToInsert {
  contactId: string;
  phoneNumber: string | null;
  country: string | null;
  status: "pending" | "skipped";
  skipReason: string | null;
  values: Record<string, unknown> | null;
  clientKey: string;
  conversationId?: string | null;
}

/** Inserts a batch of recipients; a contact already there (a second start) is left as it is. Answers how many were new. */
export async function insertRecipients(db: Database, campaignId: string, rows: RecipientToInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(campaignRecipients)
    .values(rows.map((row) => ({ campaignId, ...row, conversationId: row.conversationId ?? null })))
    .onConflictDoNothing()
    .returning({ id: campaignRecipients.id });
  return inserted.length;
}

/** The campaign row locked for a change of its status (the caller's transaction). */
export async function findCampaignForUpdate(db: Database, campaignId: string): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).for("update");
  return row;
}

export async function findCampaignRow(db: Database, campaignId: string): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return row;
}

/** Moves a campaign from one of `from` to `to` with the given fields; undefined when it was not in one of them. */
export async function moveCampaign(
  db: Database,
  campaignId: string,
  from: readonly CampaignStatus[],
  to: CampaignStatus,
  set: Partial<Pick<Campaign, "scheduledAt" | "timeZone" | "estimate" | "startedAt" | "pausedAt" | "finishedAt" | "cancelledAt" | "error">> = {},
): Promise<Campaign | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ ...set, status: to, updatedAt: new Date() })
    .where(and(eq(campaigns.id, campaignId), inArray(campaigns.status, [...from])))
    .returning();
  return row;
}

/**
 * A sending worker's look at its campaign, which also tells the others it is alive: its status now,
 * and `updated_at` moved (the sweep requeues a sending campaign nobody touched for a while).
 */
export async function campaignHeartbeat(db: Database, campaignId: string): Promise<CampaignStatus | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ updatedAt: new Date() })
    .where(eq(campaigns.id, campaignId))
    .returning({ status: campaigns.status });
  return row?.status;
}

/** A recipient a worker may take now: pending and not waiting out a delay, or sending under an expired claim (a worker that died). */
const claimable = (campaignId: string): SQL => sql`${campaignRecipients.campaignId} = ${campaignId} and (
  (${campaignRecipients.status} = 'pending' and (${campaignRecipients.claimedUntil} is null or ${campaignRecipients.claimedUntil} <= now()))
  or (${campaignRecipients.status} = 'sending' and ${campaignRecipients.claimedUntil} <= now()))`;

/**
 * Claims up to `limit` recipients for `leaseMs`, in id order, skipping rows other workers hold
 * (FOR UPDATE SKIP LOCKED), and only while the campaign is sending. Each claim counts as an attempt.
 */
export async function claimRecipients(db: Database, campaignId: string, limit: number, leaseMs: number): Promise<CampaignRecipient[]> {
  const result = await db.execute(sql`
    update ${campaignRecipients} set status = 'sending', claimed_until = now() + ${`${leaseMs} milliseconds`}::interval,
      attempts = ${campaignRecipients.attempts} + 1, updated_at = now()
    where ${campaignRecipients.id} in (
      select ${campaignRecipients.id} from ${campaignRecipients}
      where ${claimable(campaignId)}
        and exists (select 1 from ${campaigns} where ${campaigns.id} = ${campaignId} and ${campaigns.status} = 'sending')
      order by ${campaignRecipients.id}
      limit ${limit}
      for update skip locked)
    returning ${campaignRecipients.id}`);
  const ids = rowsOf<{ id: number | string }>(result).map((row) => Number(row.id));
  if (ids.length === 0) return [];
  return db.select().from(campaignRecipients).where(inArray(campaignRecipients.id, ids)).orderBy(asc(campaignRecipients.id));
}

/** Keeps a live worker's claims from expiring. */
export async function extendClaims(db: Database, ids: number[], leaseMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(campaignRecipients)
    .set({ claimedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(inArray(campaignRecipients.id, ids), eq(campaignRecipients.status, "sending")));
}

/** Hands claimed recipients not sent yet back: to pending (a pause, a stop) or cancelled (a cancel). */
export async function releaseClaims(db: Database, ids: number[], to: "pending" | "cancelled"): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(campaignRecipients)
    .set({ status: to, claimedUntil: null, attempts: to === "pending" ? sql`greatest(${campaignRecipients.attempts} - 1, 0)` : undefined, updatedAt: new Date() })
    .where(and(inArray(campaignRecipients.id, ids), eq(campaignRecipients.status, "sending")))
    .returning({ id: campaignRecipients.id });
  return rows.length;
}

/** A claimed recipient waits (an unknown outcome, a rate limit) and goes back to pending, not taken before `until`. */
export async function deferRecipient(
  db: Database,
  id: number,
  until: Date,
  link: { messageId?: string | null; conversationId?: string | null } = {},
): Promise<boolean> {
  const rows = await db
    .update(campaignRecipients)
    .set({
      status: "pending",
      claimedUntil: until,
      ...(link.messageId ? { messageId: link.messageId } : {}),
      ...(link.conversationId ? { conversationId: link.conversationId } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(campaignRecipients.id, id), eq(campaignRecipients.status, "sending")))
    .returning({ id: campaignRecipients.id });
  return rows.length > 0;
}

/** A claimed recipient the send refused for good. */
export async function failRecipient(
  db: Database,
  id: number,
  failure: { code: number | null; title: string; messageId?: string | null; conversationId?: string | null },
): Promise<boolean> {
  const rows = await db
    .update(campaignRecipients)
    .set({
      status: "failed",
      claimedUntil: null,
      errorCode: failure.code,
      errorTitle: failure.title,
      failedAt: new Date(),
      ...(failure.messageId ? { messageId: failure.messageId } : {}),
      ...(failure.conversationId ? { conversationId: failure.conversationId } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(campaignRecipients.id, id), eq(campaignRecipients.status, "sending")))
    .returning({ id: campaignRecipients.id });
  return rows.length > 0;
}

/**
 * Settles a claimed recipient from its message, read under the message's lock: a status the webhook
 * ingest applies at the same moment is either seen here or, once this commits, moves the recipient
 * itself (it finds the message id). Accepted by the gateway (a wamid) → sent at least; a failure
 * WhatsApp reported → failed with its code.
 */
export async function settleRecipientFromMessage(db: Database, id: number, messageId: string, conversationId: string): Promise<CampaignRecipientStatus | undefined> {
  const result = await db.execute(sql`
    with message as (
      select ${messages.id} as id, ${messages.status} as status, ${messages.statusAt} as status_at, ${messages.deliveredAt} as delivered_at,
        ${messages.readAt} as read_at, ${messages.errorCode} as error_code, ${messages.errorTitle} as error_title
      from ${messages} where ${messages.id} = ${messageId} for update
    )
    update ${campaignRecipients} as r set
      status = case message.status when 'failed' then 'failed' when 'delivered' then 'delivered' when 'read' then 'read' else 'sent' end,
      message_id = message.id, conversation_id = ${conversationId}, claimed_until = null,
      sent_at = coalesce(r.sent_at, now()),
      delivered_at = coalesce(r.delivered_at, message.delivered_at),
      read_at = coalesce(r.read_at, message.read_at),
      failed_at = case when message.status = 'failed' then coalesce(message.status_at, now()) end,
      error_code = case when message.status = 'failed' then message.error_code end,
      error_title = case when message.status = 'failed' then message.error_title end,
      updated_at = now()
    from message
    where r.id = ${id} and r.status = 'sending'
    returning r.status`);
  return rowsOf<{ status: CampaignRecipientStatus }>(result)[0]?.status;
}

/** Ends a sending campaign once nobody is left to send to; answers the row when this call ended it. */
export async function finishCampaignIfDone(db: Database, campaignId: string): Promise<Campaign | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ status: "finished", finishedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(campaigns.id, campaignId),
        eq(campaigns.status, "sending"),
        sql`not exists (select 1 from ${campaignRecipients} where ${campaignRecipients.campaignId} = ${campaignId}
          and ${campaignRecipients.status} in ('pending', 'sending'))`,
      ),
    )
    .returning();
  return row;
}

/** What is left of a sending campaign: recipients to take now, and when the earliest waiting one may be taken. */
export async function remainingWork(db: Database, campaignId: string): Promise<{ claimable: number; open: number; nextAt: Date | null }> {
  const [row] = await db
    .select({
      claimable: sql<number>`count(*) filter (where ${claimable(campaignId)})::int`,
      open: sql<number>`count(*)::int`,
      nextAt: sql<string | null>`min(${campaignRecipients.claimedUntil})`,
    })
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaignId), inArray(campaignRecipients.status, ["pending", "sending"])));
  return { claimable: row?.claimable ?? 0, open: row?.open ?? 0, nextAt: row?.nextAt ? new Date(row.nextAt) : null };
}

/** Pending recipients of a cancelled campaign are cancelled too (claimed ones are left to their worker, which sees the cancel). */
export async function cancelPendingRecipients(db: Database, campaignId: string): Promise<number> {
  const rows = await db
    .update(campaignRecipients)
    .set({ status: "cancelled", claimedUntil: null, updatedAt: new Date() })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, "pending")))
    .returning({ id: campaignRecipients.id });
  return rows.length;
}

/** Failed recipients with their error codes, for "retry failed" to choose from. */
export async function failedRecipientCodes(db: Database, campaignId: string): Promise<Array<{ code: number | null; count: number }>> {
  return db
    .select({ code: campaignRecipients.errorCode, count: sql<number>`count(*)::int` })
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, "failed")))
    .groupBy(campaignRecipients.errorCode);
}

/** Failed recipients with one of `codes` back to pending, their key and message kept (the send retries that message). */
export async function requeueFailedRecipients(db: Database, campaignId: string, codes: number[]): Promise<number> {
  if (codes.length === 0) return 0;
  const rows = await db
    .update(campaignRecipients)
    .set({ status: "pending", claimedUntil: null, attempts: 0, errorCode: null, errorTitle: null, failedAt: null, updatedAt: new Date() })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, "failed"), inArray(campaignRecipients.errorCode, codes)))
    .returning({ id: campaignRecipients.id });
  return rows.length;
}

/** Scheduled campaigns whose time has come. */
export async function dueScheduledCampaigns(db: Database, now: Date, limit = 20): Promise<Campaign[]> {
  return db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.status, "scheduled"), sql`${campaigns.scheduledAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(campaigns.scheduledAt))
    .limit(limit);
}

/**
 * Sending campaigns no worker has looked at since `staleBefore` (a restart, a killed instance), taken
 * for a new dispatch in one statement: their `updated_at` moves, so the next sweeps (of this instance
 * or another) leave them alone while the queued dispatch gets going.
 */
export async function takeUnattendedSendingCampaigns(db: Database, staleBefore: Date, limit = 20): Promise<Array<{ id: string }>> {
  const stale = db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.status, "sending"), sql`${campaigns.updatedAt} < ${staleBefore.toISOString()}::timestamptz`))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(campaigns)
    .set({ updatedAt: new Date() })
    .where(and(inArray(campaigns.id, stale), eq(campaigns.status, "sending")))
    .returning({ id: campaigns.id });
}

// ---------------------------------------------------------------------------------------------
// From the webhook ingest (its transaction).
// ---------------------------------------------------------------------------------------------

/** A message a status moved: which, to what, when, and the failure WhatsApp reported. */
export interface MovedMessage {
  messageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  at: Date;
  errorCode: number | null;
  errorTitle: string | null;
}

const RECIPIENT_RANK = sql.raw(`case r.status when 'sending' then 0 when 'sent' then 1 when 'failed' then 2 when 'delivered' then 3 when 'read' then 4 else 99 end`);
const INCOMING_RANK = sql.raw(`case v.status when 'sent' then 1 when 'failed' then 2 when 'delivered' then 3 when 'read' then 4 end`);

/**
 * Moves the recipients of the messages a batch of statuses moved, in one statement: forward only (as
 * messages move: a later success wins over a failure), times kept once. Answers the campaigns touched.
 */
export async function advanceRecipients(db: Database, moved: MovedMessage[]): Promise<Array<{ campaignId: string; phoneNumberId: string }>> {
  if (moved.length === 0) return [];
  // The furthest status of each message in the batch, with the earliest time of each step.
  const rows = moved.map(
    (move) => sql`(${move.messageId}::uuid, ${move.status}::text, ${move.at.toISOString()}::timestamptz, ${move.errorCode}::int, ${move.errorTitle}::text)`,
  );
  const result = await db.execute(sql`
    with input (message_id, status, at, error_code, error_title) as (values ${sql.join(rows, sql`, `)}),
    v as (
      select distinct on (message_id) message_id, status, at, error_code, error_title,
        min(at) filter (where status in ('delivered', 'read')) over (partition by message_id) as delivered_at,
        min(at) filter (where status = 'read') over (partition by message_id) as read_at
      from input
      order by message_id, case status when 'sent' then 1 when 'failed' then 2 when 'delivered' then 3 when 'read' then 4 end desc
    ),
    moved as (
      update ${campaignRecipients} as r set
        status = v.status,
        sent_at = coalesce(r.sent_at, v.at),
        delivered_at = coalesce(r.delivered_at, v.delivered_at),
        read_at = coalesce(r.read_at, v.read_at),
        failed_at = case when v.status = 'failed' then v.at end,
        error_code = case when v.status = 'failed' then v.error_code end,
        error_title = case when v.status = 'failed' then v.error_title end,
        updated_at = now()
      from v
      where r.message_id = v.message_id and r.status in ('sent', 'delivered', 'read', 'failed') and ${INCOMING_RANK} > ${RECIPIENT_RANK}
      returning r.campaign_id
    )
    select distinct moved.campaign_id, c.phone_number_id from moved join ${campaigns} c on c.id = moved.campaign_id`);
  return rowsOf<{ campaign_id: string; phone_number_id: string }>(result).map((row) => ({ campaignId: row.campaign_id, phoneNumberId: row.phone_number_id }));
}

/** An inbound message as the replies need it. */
export interface InboundForReplies {
  conversationId: string;
  sentAt: Date;
}

/**
 * A customer's message marks the latest campaign recipient of that conversation sent before it and
 * not yet replied as replied, in one statement for the batch. Answers the campaigns touched.
 */
export async function markReplies(db: Database, inbound: InboundForReplies[]): Promise<Array<{ campaignId: string; phoneNumberId: string }>> {
  if (inbound.length === 0) return [];
  const rows = inbound.map((message) => sql`(${message.conversationId}::uuid, ${message.sentAt.toISOString()}::timestamptz)`);
  const result = await db.execute(sql`
    with input (conversation_id, at) as (values ${sql.join(rows, sql`, `)}),
    target as (
      select distinct on (latest.id) latest.id, input.at from input
      cross join lateral (
        select r.id from ${campaignRecipients} r
        where r.conversation_id = input.conversation_id and r.sent_at is not null and r.sent_at <= input.at
        order by r.sent_at desc, r.id desc limit 1
      ) latest
      order by latest.id, input.at
    ),
    replied as (
      update ${campaignRecipients} as r set replied_at = target.at, updated_at = now()
      from target where r.id = target.id and r.replied_at is null
      returning r.campaign_id
    )
    select distinct replied.campaign_id, c.phone_number_id from replied join ${campaigns} c on c.id = replied.campaign_id`);
  return rowsOf<{ campaign_id: string; phone_number_id: string }>(result).map((row) => ({ campaignId: row.campaign_id, phoneNumberId: row.phone_number_id }));
}

// ---------------------------------------------------------------------------------------------
// Results.
// ---------------------------------------------------------------------------------------------

export interface RecipientCountsRow {
  campaignId: string;
  audience: number;
  skipped: number;
  pending: number;
  sending: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  cancelled: number;
}

/**
 * Counts per campaign. The funnel is cumulative: `sent` counts every recipient that got as far as
 * sent (delivered and read ones too), `delivered` those delivered or read.
 */
export async function recipientCounts(db: Database, campaignIds: string[]): Promise<RecipientCountsRow[]> {
  if (campaignIds.length === 0) return [];
  const r = campaignRecipients;
  return db
    .select({
      campaignId: r.campaignId,
      audience: sql<number>`count(*)::int`,
      skipped: sql<number>`count(*) filter (where ${r.status} = 'skipped')::int`,
      pending: sql<number>`count(*) filter (where ${r.status} = 'pending')::int`,
      sending: sql<number>`count(*) filter (where ${r.status} = 'sending')::int`,
      sent: sql<number>`count(*) filter (where ${r.status} in ('sent', 'delivered', 'read'))::int`,
      delivered: sql<number>`count(*) filter (where ${r.status} in ('delivered', 'read'))::int`,
      read: sql<number>`count(*) filter (where ${r.status} = 'read')::int`,
      replied: sql<number>`count(*) filter (where ${r.repliedAt} is not null)::int`,
      failed: sql<number>`count(*) filter (where ${r.status} = 'failed')::int`,
      cancelled: sql<number>`count(*) filter (where ${r.status} = 'cancelled')::int`,
    })
    .from(r)
    .where(inArray(r.campaignId, campaignIds))
    .groupBy(r.campaignId);
}

export interface RecipientPageFilter {
  status?: CampaignRecipientStatus;
  reason?: string;
  /** Recipients whose contact the search finds (names, username, number: db/queries/search.ts). */
  search?: Search;
  /** The last id of the previous page. */
  after?: number;
  limit: number;
}

/** A page of recipients in id order, with the contact's name as the team knows it. */
export async function recipientPage(db: Database, campaignId: string, filter: RecipientPageFilter) {
  const r = campaignRecipients;
  return db
    .select({ recipient: r, name: sql<string | null>`coalesce(${contacts.displayName}, ${contacts.profileName})` })
    .from(r)
    .leftJoin(contacts, eq(contacts.id, r.contactId))
    .where(
      and(
        eq(r.campaignId, campaignId),
        filter.status ? eq(r.status, filter.status) : undefined,
        filter.reason ? eq(r.skipReason, filter.reason) : undefined,
        // The contacts the search finds first (their indexes), then theirs among the campaign's recipients.
        filter.search ? sql`${r.contactId} in (select ${contacts.id} from ${contacts} where ${contactMatches(filter.search)})` : undefined,
        filter.after !== undefined ? gt(r.id, filter.after) : undefined,
      ),
    )
    .orderBy(asc(r.id))
    .limit(filter.limit);
}

/** Failed recipients grouped by error. */
export async function failureCounts(db: Database, campaignId: string) {
  const r = campaignRecipients;
  return db
    .select({ code: r.errorCode, title: sql<string | null>`min(${r.errorTitle})`, count: sql<number>`count(*)::int` })
    .from(r)
    .where(and(eq(r.campaignId, campaignId), eq(r.status, "failed")))
    .groupBy(r.errorCode)
    .orderBy(sql`count(*) desc`);
}

/** What the sent messages of a campaign cost, grouped: the category WhatsApp billed and the recipient's country. */
export async function billedMessages(db: Database, campaignId: string): Promise<Array<{ category: string; country: string | null; count: number }>> {
  return (await billedMessagesOf(db, [campaignId])).map(({ category, country, count }) => ({ category, country, count }));
}

/** `billedMessages` of several campaigns in one statement (a report of many campaigns). */
export async function billedMessagesOf(
  db: Database,
  campaignIds: string[],
): Promise<Array<{ campaignId: string; category: string; country: string | null; count: number }>> {
  if (campaignIds.length === 0) return [];
  const r = campaignRecipients;
  return db
    .select({
      campaignId: r.campaignId,
      category: sql<string>`lower(${messages.pricing} ->> 'category')`,
      country: r.country,
      count: sql<number>`count(*)::int`,
    })
    .from(r)
    .innerJoin(messages, eq(messages.id, r.messageId))
    .where(
      and(
        inArray(r.campaignId, campaignIds),
        sql`${messages.pricing} ->> 'category' is not null`,
        // Billable, and of the regular type (free entry points and free customer-service replies cost nothing).
        sql`coalesce((${messages.pricing} ->> 'billable')::boolean, true)`,
        sql`coalesce(${messages.pricing} ->> 'type', 'regular') = 'regular'`,
      ),
    )
    .groupBy(r.campaignId, sql`lower(${messages.pricing} ->> 'category')`, r.country);
}

/** The conversation each of these customers (by key) has on the business number, where one exists. */
export async function conversationIdsOf(db: Database, phoneNumberId: string, waIds: string[]): Promise<Map<string, string>> {
  if (waIds.length === 0) return new Map();
  const rows = await db
    .select({ waId: conversations.waId, id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.phoneNumberId, phoneNumberId), inArray(conversations.waId, waIds)));
  return new Map(rows.map((row) => [row.waId, row.id]));
}

import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import {
  campaignRecipients,
  campaigns,
  contacts,
  conversationLabelLinks,
  conversationLabels,
  conversations,
  media,
  messages,
  phoneNumbers,
  users,
  type Message,
} from "../schema";
import { phoneNumberInScope, userMayWorkIn, type ConnectionScope } from "./connection-access";
import type { StoredConsent } from "./contact-consent";
import { publishLiveEvents } from "./live-events";
import type { OutboundEventsRecorder } from "./outbound-webhooks";
import { descNullsLast } from "./order";
import { contactMatches, contactsFound, conversationHasText, conversationsWithText, parseSearch, type Search } from "./search";

const WINDOW_INTERVAL = sql`interval '24 hours'`;
/** A window closing within this long with the customer's last message unanswered is "expiring soon". */
export const EXPIRING_SOON_HOURS = 2;

/**
 * Snoozed at `now`: its snooze has not ended and the customer has not written since it began. A
 * conversation whose snooze ended (in time or by a message) keeps `snoozed_until` until someone deals
 * with it: that is its "back from snooze" mark.
 */
export function snoozedAt(now: Date): SQL {
  // Never null (a conversation never snoozed is simply not snoozed), so `not snoozedAt(now)` keeps it.
  return sql`coalesce(${conversations.snoozedUntil} > ${now.toISOString()}::timestamptz
    and (${conversations.lastInboundAt} is null or ${conversations.lastInboundAt} <= ${conversations.snoozedAt}), false)`;
}

/**
 * The customer's last message is unanswered: nothing a person sent (automatic messages and private notes
 * do not count) since it arrived.
 */
export const awaitingReply: SQL = sql`(${conversations.lastInboundAt} is not null and not exists (
  select 1 from ${messages}
  where ${messages.conversationId} = ${conversations.id} and ${messages.direction} = 'outbound'
    and ${messages.type} <> 'note' and ${messages.origin} is distinct from 'away_message' and ${messages.origin} is distinct from 'welcome_message'
    and ${messages.sentAt} >= ${conversations.lastInboundAt}
))`;

/** The window is open and closes within EXPIRING_SOON_HOURS, the customer's last message unanswered. */
export function expiringSoonAt(now: Date): SQL {
  const nowIso = now.toISOString();
  return sql`(${conversations.lastInboundAt} > ${nowIso}::timestamptz - ${WINDOW_INTERVAL}
    and ${conversations.lastInboundAt} <= ${nowIso}::timestamptz - ${WINDOW_INTERVAL} + make_interval(hours => ${EXPIRING_SOON_HOURS})
    and ${awaitingReply})`;
}

/** A conversation's labels as a JSON array `[{ id, name, color }]`, by name. */
const labelsOfConversation = sql<Array<{ id: string; name: string; color: string }>>`coalesce((
  select json_agg(json_build_object('id', ${conversationLabels.id}, 'name', ${conversationLabels.name}, 'color', ${conversationLabels.color}) order by lower(${conversationLabels.name}))
  from ${conversationLabelLinks} join ${conversationLabels} on ${conversationLabels.id} = ${conversationLabelLinks.labelId}
  where ${conversationLabelLinks.conversationId} = ${conversations.id}
), '[]'::json)`;

export type AssigneeFilter = "mine" | "unassigned" | "all";
/** "open" leaves out the snoozed ones, which "snoozed" lists. */
export type StatusFilter = "open" | "snoozed" | "resolved" | "all";
export type WindowFilter = "open" | "expiring" | "closed" | "all";

export interface ConversationFilters {
  assignee?: AssigneeFilter;
  status?: StatusFilter;
  window?: WindowFilter;
  /** Matches the customer's names (profile and display name), number and the text of their messages. */
  search?: string;
  phoneNumberId?: string;
  /** Conversations carrying this label. */
  labelId?: string;
}

/** Where the next page starts: the last row's activity time, its last message's arrival order and its id. */
export interface ConversationCursor {
  lastMessageAt: string;
  lastMessageSeq: string;
  id: string;
}

/**
 * Newest activity first; of conversations whose last messages share a time (WhatsApp's timestamps
 * have whole seconds), the one whose last message arrived later. The order of
 * `conversations_last_message_idx`, so the index serves it.
 */
const NEWEST_ACTIVITY_FIRST = [
  descNullsLast(conversations.lastMessageAt),
  descNullsLast(conversations.lastMessageSeq),
  descNullsLast(conversations.id),
];

/** Who the customer is: their number and user id as WhatsApp last reported them (either may be missing), and username. */
const customerIdentityColumns = {
  customerPhone: contacts.phoneNumber,
  customerUserId: contacts.userId,
  customerUsername: contacts.username,
};

export interface ConversationListItem {
  id: string;
  phoneNumberId: string;
  /** The customer's key: their number, or their user id when the number was withheld at first contact. */
  waId: string;
  customerName: string | null;
  /** The team's own name for the customer (the contact's display name); shown before the profile name. */
  customerDisplayName: string | null;
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
  status: "open" | "resolved";
  assigneeId: string | null;
  assigneeName: string | null;
  lastInboundAt: Date | null;
  lastMessageAt: Date | null;
  /** The last message's own words, or on rows from before kinds were kept its English summary. */
  lastMessagePreview: string | null;
  /** What the last message is, for the list to word in the reader's language; null on older rows. */
  lastMessagePreviewKind: string | null;
  lastMessageDirection: string | null;
  lastMessageSeq: number;
  unreadCount: number;
  labels: Array<{ id: string; name: string; color: string }>;
  /** Set while snoozed, and after the snooze ended until someone deals with it ("back from snooze"). */
  snoozedUntil: Date | null;
  /** Snoozed now; `snoozedUntil` set and `snoozed` false is a conversation back from snooze. */
  snoozed: boolean;
}

export interface ConversationPage {
  conversations: ConversationListItem[];
  nextCursor: ConversationCursor | null;
}

/**
 * How a search looks at the conversations (newest activity first, a page at a time), each step only
 * when the one before did not fill a page:
 * 1. "walk": the newest {@link SEARCH_FIRST_WALK} conversations of the filter, each checked in turn (its
 *    customer, its one document); a common word fills a page there;
 * 2. "hashed": the newest {@link SEARCH_SECOND_WALK}, in the order of the activity index, each looked up
 *    in the matches from the indexes (hashed); a word in one conversation in a hundred fills a page;
 * 3. "sorted": every match from the indexes, sorted; they are few by then.
 * A step that read every conversation of the filter answers without the next. The rows are the same
 * whichever step answers: the tests page each way.
 */
type SearchStrategy = "walk" | "hashed" | "sorted";

/** A word in more than half of the newest conversations fills a page in the first step. */
const SEARCH_FIRST_WALK = 100;
/** A word in one conversation in a hundred fills a page in the second step. */
const SEARCH_SECOND_WALK = 5000;

/** The customer (names, number, user id) or the conversation's messages hold the search. See db/queries/search.ts. */
function searchCondition(search: Search, strategy: SearchStrategy): SQL {
  if (strategy === "walk") return sql`(${contactMatches(search)} or ${conversationHasText(conversations.id, search)})`;
  if (strategy === "hashed") {
    // "is true" keeps each test a lookup in the hashed matches, row by row, rather than a join.
    return sql`((${conversations.id} in ${conversationsWithText(search)}) is true or (${conversations.waId} in ${contactsFound(search)}) is true)`;
  }
  // One list from the two indexes: an OR of the two would read every conversation to test each.
  return sql`${conversations.id} in (${conversationsWithText(search)} union all (select c.id from ${conversations} as c where c.wa_id in ${contactsFound(search)}))`;
}

function listConditions(filters: ConversationFilters, userId: string, scope: ConnectionScope, now: Date): SQL[] {
  const conditions: SQL[] = [];
  const inScope = phoneNumberInScope(scope, conversations.phoneNumberId);
  if (inScope) conditions.push(inScope);
  if (filters.assignee === "mine") conditions.push(eq(conversations.assigneeId, userId));
  if (filters.assignee === "unassigned") conditions.push(isNull(conversations.assigneeId));
  if (filters.status === "open") conditions.push(eq(conversations.status, "open"), sql`not ${snoozedAt(now)}`);
  if (filters.status === "snoozed") conditions.push(eq(conversations.status, "open"), snoozedAt(now));
  if (filters.status === "resolved") conditions.push(eq(conversations.status, "resolved"));
  if (filters.phoneNumberId) conditions.push(eq(conversations.phoneNumberId, filters.phoneNumberId));
  if (filters.labelId) {
    conditions.push(
      sql`exists (select 1 from ${conversationLabelLinks} where ${conversationLabelLinks.conversationId} = ${conversations.id} and ${conversationLabelLinks.labelId} = ${filters.labelId}::uuid)`,
    );
  }
  if (filters.window === "expiring") conditions.push(expiringSoonAt(now));
  const nowIso = now.toISOString();
  if (filters.window === "open") {
    conditions.push(sql`${conversations.lastInboundAt} > ${nowIso}::timestamptz - ${WINDOW_INTERVAL}`);
  }
  if (filters.window === "closed") {
    conditions.push(
      sql`(${conversations.lastInboundAt} is null or ${conversations.lastInboundAt} <= ${nowIso}::timestamptz - ${WINDOW_INTERVAL})`,
    );
  }
  return conditions;
}

/**
 * One page of conversations, newest activity first; the cursor continues after a row. Only those on
 * numbers of the user's connections (`scope`); every filter and search applies within them.
 */
export async function listConversations(
  db: Database,
  options: {
    userId: string;
    scope: ConnectionScope;
    filters?: ConversationFilters;
    cursor?: ConversationCursor | null;
    limit?: number;
    now?: Date;
    /** How far a search's first two steps walk (SEARCH_FIRST_WALK, SEARCH_SECOND_WALK; 0 skips one): the tests take each way on a small data set. */
    searchPlan?: { firstWalk: number; secondWalk: number };
  },
): Promise<ConversationPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const conditions = listConditions(options.filters ?? {}, options.userId, options.scope, options.now ?? new Date());
  if (options.cursor) {
    conditions.push(
      sql`(${conversations.lastMessageAt}, ${conversations.lastMessageSeq}, ${conversations.id})
        < (${options.cursor.lastMessageAt}::timestamptz, ${options.cursor.lastMessageSeq}::bigint, ${options.cursor.id}::uuid)`,
    );
  }
  const select = (where: SQL[]) =>
    db
      .select({
        id: conversations.id,
        phoneNumberId: conversations.phoneNumberId,
        waId: conversations.waId,
        customerName: contacts.profileName,
        customerDisplayName: contacts.displayName,
        ...customerIdentityColumns,
        status: conversations.status,
        assigneeId: conversations.assigneeId,
        assigneeName: users.name,
        lastInboundAt: conversations.lastInboundAt,
        lastMessageAt: conversations.lastMessageAt,
        lastMessagePreview: conversations.lastMessagePreview,
        lastMessagePreviewKind: conversations.lastMessagePreviewKind,
        lastMessageDirection: conversations.lastMessageDirection,
        lastMessageSeq: conversations.lastMessageSeq,
        unreadCount: conversations.unreadCount,
        labels: labelsOfConversation,
        snoozedUntil: conversations.snoozedUntil,
        snoozed: sql<boolean>`${snoozedAt(options.now ?? new Date())}`,
      })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.waId, conversations.waId))
      .leftJoin(users, eq(users.id, conversations.assigneeId))
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(...NEWEST_ACTIVITY_FIRST)
      .limit(limit + 1);

  const search = parseSearch(options.filters?.search);
  let rows: Awaited<ReturnType<typeof select>> | undefined;
  if (search) {
    const { firstWalk, secondWalk } = options.searchPlan ?? { firstWalk: SEARCH_FIRST_WALK, secondWalk: SEARCH_SECOND_WALK };
    for (const [strategy, walk] of [["walk", firstWalk], ["hashed", secondWalk]] as const) {
      if (walk <= 0) continue;
      // The last conversation of the walk: the walk reads the filter's conversations from the newest
      // down to it, in the order of the activity index, and stops at a page. None: it reads them all.
      const [last] = await db
        .select({ lastMessageAt: conversations.lastMessageAt, lastMessageSeq: conversations.lastMessageSeq, id: conversations.id })
        .from(conversations)
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(...NEWEST_ACTIVITY_FIRST)
        .offset(walk - 1)
        .limit(1);
      if (last && !last.lastMessageAt) continue;
      const upTo = last?.lastMessageAt
        ? [
            sql`(${conversations.lastMessageAt}, ${conversations.lastMessageSeq}, ${conversations.id})
              >= (${last.lastMessageAt.toISOString()}::timestamptz, ${String(last.lastMessageSeq)}::bigint, ${last.id}::uuid)`,
          ]
        : [];
      const walked = await select([...conditions, ...upTo, searchCondition(search, strategy)]);
      if (walked.length > limit || !last) {
        rows = walked;
        break;
      }
    }
    rows ??= await select([...conditions, searchCondition(search, "sorted")]);
  } else {
    rows = await select(conditions);
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page,
    nextCursor:
      rows.length > limit && last?.lastMessageAt
        ? { lastMessageAt: last.lastMessageAt.toISOString(), lastMessageSeq: String(last.lastMessageSeq), id: last.id }
        : null,
  };
}

export interface ConversationDetail {
  id: string;
  status: "open" | "resolved";
  waId: string;
  /** The contact's public id (its page, the API). */
  contactId: string;
  customerName: string | null;
  customerDisplayName: string | null;
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
  /** The customer's marketing consent in force: the state, its source (lib/contacts/views.ts CONSENT_SOURCES) and when. */
  consent: { state: StoredConsent; source: string | null; at: Date | null };
  /** Set when the contact was deleted: the conversation stays, under an anonymised contact; nothing more is sent. */
  customerDeletedAt: Date | null;
  customerSince: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  lastInboundAt: Date | null;
  lastMessageAt: Date | null;
  unreadCount: number;
  referralExpiresAt: Date | null;
  createdAt: Date;
  /** Set while snoozed, and after the snooze ended until someone deals with it ("back from snooze"). */
  snoozedUntil: Date | null;
  /** Snoozed now. */
  snoozed: boolean;
  labels: Array<{ id: string; name: string; color: string }>;
  phoneNumber: {
    id: string;
    wabaId: string;
    connectionId: string | null;
    displayPhoneNumber: string | null;
    verifiedName: string | null;
  };
  /** The latest campaign whose message reached the customer in this conversation (sent), or null. */
  campaign: { id: string; name: string; sentAt: Date } | null;
  /** Which campaign sent each of the conversation's campaign messages (the latest CAMPAIGN_MESSAGES_SHOWN, newest first). */
  campaignMessages: Array<{ messageId: string; campaignId: string; campaignName: string }>;
}

/** How many of a conversation's campaign messages the detail names the campaign of: more than a conversation gets in years. */
export const CAMPAIGN_MESSAGES_SHOWN = 50;

/** A campaign's sent message in a conversation, as the detail's subquery answers it (JSON: the time as text). */
interface CampaignReachRow {
  campaignId: string;
  campaignName: string;
  sentAt: string;
  messageId: string | null;
}

/**
 * The campaigns' sent messages in the outer query's conversation, newest first, as one JSON array:
 * one correlated subquery served by campaign_recipients_conversation_idx, not a query per message.
 */
const campaignReach = sql<CampaignReachRow[]>`(
  select coalesce(
    json_agg(
      json_build_object('campaignId', reach.campaign_id, 'campaignName', reach.campaign_name, 'sentAt', reach.sent_at, 'messageId', reach.message_id)
      order by reach.sent_at desc, reach.id desc
    ),
    '[]'::json
  )
  from (
    select ${campaignRecipients.id} as id, ${campaignRecipients.campaignId} as campaign_id, ${campaigns.name} as campaign_name,
      ${campaignRecipients.sentAt} as sent_at, ${campaignRecipients.messageId} as message_id
    from ${campaignRecipients}
    inner join ${campaigns} on ${campaigns.id} = ${campaignRecipients.campaignId}
    where ${campaignRecipients.conversationId} = ${conversations.id} and ${campaignRecipients.sentAt} is not null
    order by ${campaignRecipients.sentAt} desc, ${campaignRecipients.id} desc
    limit ${sql.raw(String(CAMPAIGN_MESSAGES_SHOWN))}
  ) reach
)`;

/** One conversation with its customer, the business number it runs on, and the campaigns that reached it. */
export async function findConversation(db: Database, id: string): Promise<ConversationDetail | undefined> {
  const [row] = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      waId: conversations.waId,
      contactId: contacts.id,
      customerName: contacts.profileName,
      customerDisplayName: contacts.displayName,
      ...customerIdentityColumns,
      consent: { state: contacts.consent, source: contacts.consentSource, at: contacts.consentAt },
      customerDeletedAt: contacts.deletedAt,
      customerSince: contacts.createdAt,
      assigneeId: conversations.assigneeId,
      assigneeName: users.name,
      lastInboundAt: conversations.lastInboundAt,
      lastMessageAt: conversations.lastMessageAt,
      unreadCount: conversations.unreadCount,
      referralExpiresAt: conversations.referralExpiresAt,
      createdAt: conversations.createdAt,
      snoozedUntil: conversations.snoozedUntil,
      snoozed: sql<boolean>`${snoozedAt(new Date())}`,
      labels: labelsOfConversation,
      phoneNumber: {
        id: phoneNumbers.id,
        wabaId: phoneNumbers.wabaId,
        connectionId: phoneNumbers.connectionId,
        displayPhoneNumber: phoneNumbers.displayPhoneNumber,
        verifiedName: phoneNumbers.verifiedName,
      },
      campaignReach,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.waId, conversations.waId))
    .innerJoin(phoneNumbers, eq(phoneNumbers.id, conversations.phoneNumberId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(eq(conversations.id, id));
  if (!row) return undefined;
  const { campaignReach: reach, ...detail } = row;
  const latest = reach[0];
  return {
    ...detail,
    campaign: latest ? { id: latest.campaignId, name: latest.campaignName, sentAt: new Date(latest.sentAt) } : null,
    campaignMessages: reach.flatMap(({ messageId, campaignId, campaignName }) => (messageId ? [{ messageId, campaignId, campaignName }] : [])),
  };
}

/** Where the next (older) page of messages starts. */
export interface MessageCursor {
  sentAt: string;
  /** The last message's arrival order, as digits. */
  seq: string;
}

export interface MessagePage {
  /** Newest first. */
  messages: Message[];
  /** Messages the page's replies quote, by wamid (they may be older than the page). */
  quoted: Message[];
  nextCursor: MessageCursor | null;
}

/** A page of a conversation's messages, newest first, served by `messages_conversation_sent_idx`. */
export async function listMessages(
  db: Database,
  conversationId: string,
  options: { cursor?: MessageCursor | null; limit?: number } = {},
): Promise<MessagePage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const conditions: SQL[] = [eq(messages.conversationId, conversationId)];
  if (options.cursor) {
    conditions.push(sql`(${messages.sentAt}, ${messages.seq}) < (${options.cursor.sentAt}::timestamptz, ${options.cursor.seq}::bigint)`);
  }
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(descNullsLast(messages.sentAt), descNullsLast(messages.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const quotedWamids = [...new Set(page.map((message) => message.replyToWamid).filter((wamid): wamid is string => !!wamid))];
  const quoted =
    quotedWamids.length > 0
      ? await db
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), inArray(messages.wamid, quotedWamids)))
      : [];
  const last = page.at(-1);
  return {
    messages: page,
    quoted,
    nextCursor: rows.length > limit && last ? { sentAt: last.sentAt.toISOString(), seq: String(last.seq) } : null,
  };
}

export async function findMessage(db: Database, id: string): Promise<Message | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

export interface CustomerSummary {
  waId: string;
  name: string | null;
  firstContactAt: Date | null;
  conversations: { total: number; open: number; resolved: number };
  messages: { inbound: number; outbound: number };
  /** Times the customer wrote in this conversation, newest first (at most 200): the windows they opened. */
  recentInboundAt: Date[];
}

/**
 * What the customer panel shows: who they are, since when, and how much they have talked with us,
 * counted over the conversations the user may see (`scope`): a customer of two businesses on one
 * dashboard is not shown the other one's to a user of the first.
 */
export async function customerSummary(db: Database, conversationId: string, scope: ConnectionScope): Promise<CustomerSummary | undefined> {
  const conversation = await findConversation(db, conversationId);
  if (!conversation) return undefined;
  const sameCustomer = and(eq(conversations.waId, conversation.waId), phoneNumberInScope(scope, conversations.phoneNumberId));
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${conversations.status} = 'open')::int`,
      resolved: sql<number>`count(*) filter (where ${conversations.status} = 'resolved')::int`,
    })
    .from(conversations)
    .where(sameCustomer);
  const [messageCounts] = await db
    .select({
      inbound: sql<number>`count(*) filter (where ${messages.direction} = 'inbound')::int`,
      outbound: sql<number>`count(*) filter (where ${messages.direction} = 'outbound')::int`,
      first: sql<string | null>`min(${messages.sentAt})`,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(sameCustomer);
  const inbound = await db
    .select({ sentAt: messages.sentAt })
    .from(messages)
    // Only what the customer wrote opened a window: not notices, edits or deletions.
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "inbound"), sql`${messages.type} not in ('system', 'edit', 'revoke')`))
    .orderBy(descNullsLast(messages.sentAt))
    .limit(200);
  return {
    waId: conversation.waId,
    name: conversation.customerName,
    firstContactAt: messageCounts?.first ? new Date(messageCounts.first) : conversation.customerSince,
    conversations: { total: counts?.total ?? 0, open: counts?.open ?? 0, resolved: counts?.resolved ?? 0 },
    messages: { inbound: messageCounts?.inbound ?? 0, outbound: messageCounts?.outbound ?? 0 },
    recentInboundAt: inbound.map((row) => row.sentAt),
  };
}

/** The business numbers of the user's connections (`scope`), for the number switcher. */
export async function listInboxPhoneNumbers(db: Database, scope: ConnectionScope) {
  return db
    .select({
      id: phoneNumbers.id,
      displayPhoneNumber: phoneNumbers.displayPhoneNumber,
      verifiedName: phoneNumbers.verifiedName,
    })
    .from(phoneNumbers)
    .where(phoneNumberInScope(scope, phoneNumbers.id))
    .orderBy(asc(phoneNumbers.displayPhoneNumber), asc(phoneNumbers.id));
}

/**
 * Enabled users a conversation can be assigned to; with `connectionId` (the conversation's, null when
 * not known), only those who may work in it.
 */
export async function listAssignableUsers(db: Database, options: { connectionId?: string | null } = {}) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, availability: users.availability })
    .from(users)
    .where(and(eq(users.disabled, false), options.connectionId === undefined ? undefined : userMayWorkIn(options.connectionId, users.id)))
    .orderBy(asc(users.name));
}

async function updateConversation(
  db: Database,
  id: string,
  changes: Partial<typeof conversations.$inferInsert>,
  /** Runs in the transaction with the row as it was, when the conversation exists. */
  changed?: (tx: Database, before: { assigneeId: string | null; status: "open" | "resolved" }) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    const [before] = changed
      ? await tx.select({ assigneeId: conversations.assigneeId, status: conversations.status }).from(conversations).where(eq(conversations.id, id)).for("update")
      : [undefined];
    const [row] = await tx
      .update(conversations)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(conversations.id, id))
      .returning({ id: conversations.id });
    if (row) await publishLiveEvents(tx, [{ kind: "conversation.updated", payload: { conversationId: id } }]);
    if (row && before && changed) await changed(tx, before);
    return row !== undefined;
  });
}

/** Who made a change, and the recorder of outbound webhooks' events to tell of it. */
export interface ConversationChangeOptions {
  by?: string | null;
  outbound?: OutboundEventsRecorder;
}

/**
 * Assigns to a user, or unassigns with null. False when the conversation does not exist. A change
 * of assignee is told to `outbound` (`conversation.assigned`, with who assigned).
 */
export async function assignConversation(db: Database, id: string, assigneeId: string | null, options: ConversationChangeOptions = {}): Promise<boolean> {
  const { outbound } = options;
  return updateConversation(
    db,
    id,
    { assigneeId },
    outbound &&
      (async (tx, before) => {
        if (before.assigneeId === assigneeId) return;
        await outbound(tx, [{ type: "conversation.assigned", conversationId: id, assigneeId, assignedById: options.by ?? null }]);
      }),
  );
}

/**
 * Resolves or reopens. Resolving an open conversation is told to `outbound` (`conversation.resolved`, with who resolved);
 * it also ends a snooze and takes away a "back from snooze" mark (someone dealt with it).
 */
export async function setConversationStatus(db: Database, id: string, status: "open" | "resolved", options: ConversationChangeOptions = {}): Promise<boolean> {
  const { outbound } = options;
  const snoozeCleared = { snoozedUntil: null, snoozedAt: null, snoozedById: null, snoozeEndedAt: null };
  return updateConversation(
    db,
    id,
    status === "resolved" ? { status, ...snoozeCleared } : { status },
    outbound &&
      (async (tx, before) => {
        if (status !== "resolved" || before.status === "resolved") return;
        await outbound(tx, [{ type: "conversation.resolved", conversationId: id, resolvedById: options.by ?? null }]);
      }),
  );
}

/**
 * Clears the unread count and answers the newest inbound wamid (the read receipt marks it and all
 * before it as read for the customer), or undefined when the customer never wrote.
 */
export async function markConversationRead(db: Database, id: string): Promise<{ found: boolean; latestInboundWamid: string | undefined }> {
  const found = await updateConversation(db, id, { unreadCount: 0 });
  if (!found) return { found, latestInboundWamid: undefined };
  const [latest] = await db
    .select({ wamid: messages.wamid })
    .from(messages)
    .where(and(eq(messages.conversationId, id), eq(messages.direction, "inbound")))
    .orderBy(descNullsLast(messages.sentAt))
    .limit(1);
  return { found, latestInboundWamid: latest?.wamid ?? undefined };
}

/** Media uploaded through the dashboard for a number, still usable (not deleted, not expired). */
export async function listUsableMedia(db: Database, phoneNumberId: string, now = new Date()) {
  return db
    .select()
    .from(media)
    .where(and(eq(media.phoneNumberId, phoneNumberId), isNull(media.deletedAt), sql`${media.expiresAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(descNullsLast(media.uploadedAt))
    .limit(100);
}

/**
 * Template sends of a period, from our own messages: the outbound `template` messages whose send time
 * falls in the range (through the partial index messages_template_sent_idx), each counted by its
 * furthest status, joined to its conversation for the report's filters.
 */
import { and, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { conversations, messages, phoneNumbers, templates } from "../schema";
import { analyticsConditions, type AnalyticsQuery } from "./analytics-filters";

const templateName = sql<string>`coalesce(${messages.content} -> 'template' ->> 'name', '')`;
const templateLanguage = sql<string>`coalesce(${messages.content} -> 'template' -> 'language' ->> 'code', '')`;

function templateSendsWhere(query: AnalyticsQuery): SQL | undefined {
  return and(
    // Spelled as the partial index's predicate so the planner can use it.
    sql`${messages.type} = 'template'`,
    sql`${messages.direction} = 'outbound'`,
    sql`${messages.sentAt} >= ${query.start.toISOString()}`,
    sql`${messages.sentAt} < ${query.end.toISOString()}`,
    analyticsConditions(query, { phoneNumberId: conversations.phoneNumberId, conversationId: conversations.id, agentId: messages.senderId }),
  );
}

export interface TemplateSendCountsRow {
  name: string;
  language: string;
  /** The business account of the number it was sent from (null: the number is not known yet). */
  wabaId: string | null;
  /** Meta's id and category of the same name and language in that account's mirror, if it still has it. */
  templateId: string | null;
  category: string | null;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
}

/**
 * Per template (name, language) and business account: sent (sent, delivered or read), delivered
 * (delivered or read), read, failed, and replied — a message of the customer in the same conversation
 * within 24 hours after a template that went out: `messages.replied_at`, which the analytics trigger
 * sets when that message arrives (migration 0021), so the period's sends are read and nothing else.
 */
export async function templateSendCounts(db: Database, query: AnalyticsQuery): Promise<TemplateSendCountsRow[]> {
  const went = sql`${messages.status} in ('sent', 'delivered', 'read')`;
  const result = await db.execute(sql`
    select s.name, s.language, s.waba_id as "wabaId", t.id as "templateId", t.category,
           s.sent, s.delivered, s.read, s.failed, s.replied
    from (
      select ${templateName} as name, ${templateLanguage} as language, ${phoneNumbers.wabaId} as waba_id,
             (count(*) filter (where ${went}))::int as sent,
             (count(*) filter (where ${messages.status} in ('delivered', 'read')))::int as delivered,
             (count(*) filter (where ${messages.status} = 'read'))::int as read,
             (count(*) filter (where ${messages.status} = 'failed'))::int as failed,
             (count(*) filter (where ${went} and ${messages.repliedAt} is not null))::int as replied
      from ${messages}
      join ${conversations} on ${conversations.id} = ${messages.conversationId}
      left join ${phoneNumbers} on ${phoneNumbers.id} = ${conversations.phoneNumberId}
      where ${templateSendsWhere(query)}
      group by 1, 2, 3
    ) s
    left join ${templates} t on t.waba_id = s.waba_id and t.name = s.name and t.language = s.language
    order by s.sent desc, s.name, s.language, s.waba_id
  `);
  return rowsOf<TemplateSendCountsRow>(result);
}

export interface TemplateFailureRow {
  name: string;
  language: string;
  code: number | null;
  title: string | null;
  count: number;
}

/** Failed template sends of the period by template and error (code and WhatsApp's title). */
export async function templateSendFailures(db: Database, query: AnalyticsQuery): Promise<TemplateFailureRow[]> {
  const result = await db.execute(sql`
    select ${templateName} as name, ${templateLanguage} as language, ${messages.errorCode} as code,
           ${messages.errorTitle} as title, count(*)::int as count
    from ${messages}
    join ${conversations} on ${conversations.id} = ${messages.conversationId}
    where ${templateSendsWhere(query)} and ${messages.status} = 'failed'
    group by 1, 2, 3, 4
    order by count(*) desc, 3 nulls last
  `);
  return rowsOf<TemplateFailureRow>(result);
}

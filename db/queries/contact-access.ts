import { and, eq, isNull, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { contacts, conversations, messages } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

/**
 * Which contacts a user of this scope sees: every one with all connections; otherwise the customers
 * with a conversation on a number of their connections, and those with no conversation at all yet
 * (imported, not written to), who belong to no connection. Deleted contacts' anonymised rows never.
 * `undefined` parts are skipped by `and()`.
 */
export function contactVisibleIn(scope: ConnectionScope): SQL {
  const notDeleted = isNull(contacts.deletedAt);
  const inScope = phoneNumberInScope(scope, sql`c.phone_number_id`);
  if (!inScope) return notDeleted;
  return and(
    notDeleted,
    sql`(not exists (select 1 from ${conversations} c where c.wa_id = ${contacts.waId})
      or exists (select 1 from ${conversations} c where c.wa_id = ${contacts.waId} and ${inScope}))`,
  )!;
}

/** A visible contact by its public id, or undefined. */
export async function findVisibleContact(db: Database, scope: ConnectionScope, contactId: string) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), contactVisibleIn(scope)))
    .limit(1);
  return row;
}

/**
 * Whether the user talks with the contact: one of its conversations is assigned to them, or they
 * have written in one (what lets an agent edit a contact).
 */
export async function talksWithContact(db: Database, userId: string, waId: string): Promise<boolean> {
  const rows = await db.execute(sql`select (
      exists (select 1 from ${conversations} c where c.wa_id = ${waId} and c.assignee_id = ${userId})
      or exists (select 1 from ${messages} m join ${conversations} c on c.id = m.conversation_id
                 where c.wa_id = ${waId} and m.sender_id = ${userId})
    ) as talks`);
  return Boolean(rowsOf<{ talks: boolean }>(rows)[0]?.talks);
}

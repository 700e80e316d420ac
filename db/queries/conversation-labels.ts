import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversationLabelLinks, conversationLabels, conversations } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

export interface ConversationLabelRow {
  id: string;
  name: string;
  color: string;
}

/** Every label with how many conversations carry it, by name (whatever its case). */
export async function listLabelsWithCounts(db: Database) {
  return db
    .select({
      id: conversationLabels.id,
      name: conversationLabels.name,
      color: conversationLabels.color,
      conversationCount: sql<number>`(select count(*)::int from ${conversationLabelLinks} l where l.label_id = ${conversationLabels}.id)`,
    })
    .from(conversationLabels)
    .orderBy(sql`lower(${conversationLabels.name})`, asc(conversationLabels.id));
}

export async function findLabelsByIds(db: Database, labelIds: readonly string[]): Promise<ConversationLabelRow[]> {
  if (labelIds.length === 0) return [];
  return db
    .select({ id: conversationLabels.id, name: conversationLabels.name, color: conversationLabels.color })
    .from(conversationLabels)
    .where(inArray(conversationLabels.id, [...labelIds]));
}

export async function labelNameTaken(db: Database, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversationLabels.id })
    .from(conversationLabels)
    .where(and(eq(sql`lower(${conversationLabels.name})`, name.toLowerCase()), exceptId ? ne(conversationLabels.id, exceptId) : undefined))
    .limit(1);
  return row !== undefined;
}

/** A new label; undefined when its name is taken (whatever its case). */
export async function insertLabel(db: Database, values: { name: string; color: string }): Promise<ConversationLabelRow | undefined> {
  const [row] = await db
    .insert(conversationLabels)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: conversationLabels.id, name: conversationLabels.name, color: conversationLabels.color });
  return row;
}

export async function updateLabelRow(db: Database, labelId: string, change: { name?: string; color?: string }): Promise<ConversationLabelRow | undefined> {
  const [row] = await db
    .update(conversationLabels)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(conversationLabels.id, labelId))
    .returning({ id: conversationLabels.id, name: conversationLabels.name, color: conversationLabels.color });
  return row;
}

/** How many conversations carry the label. */
export async function countConversationsWithLabel(db: Database, labelId: string): Promise<number> {
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(conversationLabelLinks).where(eq(conversationLabelLinks.labelId, labelId));
  return row?.total ?? 0;
}

/** Deletes a label (its links go with it); the ids of the conversations that carried it. */
export async function deleteLabelRow(db: Database, labelId: string): Promise<{ deleted: boolean; conversationIds: string[] }> {
  const links = await db.select({ conversationId: conversationLabelLinks.conversationId }).from(conversationLabelLinks).where(eq(conversationLabelLinks.labelId, labelId));
  const deleted = await db.delete(conversationLabels).where(eq(conversationLabels.id, labelId)).returning({ id: conversationLabels.id });
  return { deleted: deleted.length > 0, conversationIds: links.map((link) => link.conversationId) };
}

/** Each conversation's labels, by name. */
export async function labelsOfConversations(db: Database, conversationIds: readonly string[]): Promise<Map<string, ConversationLabelRow[]>> {
  const result = new Map<string, ConversationLabelRow[]>(conversationIds.map((id) => [id, []]));
  if (conversationIds.length === 0) return result;
  const rows = await db
    .select({ conversationId: conversationLabelLinks.conversationId, id: conversationLabels.id, name: conversationLabels.name, color: conversationLabels.color })
    .from(conversationLabelLinks)
    .innerJoin(conversationLabels, eq(conversationLabels.id, conversationLabelLinks.labelId))
    .where(inArray(conversationLabelLinks.conversationId, [...conversationIds]))
    .orderBy(sql`lower(${conversationLabels.name})`, asc(conversationLabels.id));
  for (const { conversationId, ...label } of rows) result.get(conversationId)?.push(label);
  return result;
}

/** Locks the conversations' rows, so concurrent label changes on one conversation count its labels one after the other. */
export async function lockConversations(db: Database, conversationIds: readonly string[]): Promise<void> {
  if (conversationIds.length === 0) return;
  await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(inArray(conversations.id, [...conversationIds]))
    .orderBy(asc(conversations.id))
    .for("update");
}

/** Links labels to conversations (every pair); the pairs actually added (not already there). */
export async function addLabelLinks(
  db: Database,
  conversationIds: readonly string[],
  labelIds: readonly string[],
): Promise<Array<{ conversationId: string; labelId: string }>> {
  if (conversationIds.length === 0 || labelIds.length === 0) return [];
  return db
    .insert(conversationLabelLinks)
    .values(conversationIds.flatMap((conversationId) => labelIds.map((labelId) => ({ conversationId, labelId }))))
    .onConflictDoNothing()
    .returning({ conversationId: conversationLabelLinks.conversationId, labelId: conversationLabelLinks.labelId });
}

/** Unlinks labels from conversations; the pairs actually removed. */
export async function removeLabelLinks(
  db: Database,
  conversationIds: readonly string[],
  labelIds: readonly string[],
): Promise<Array<{ conversationId: string; labelId: string }>> {
  if (conversationIds.length === 0 || labelIds.length === 0) return [];
  return db
    .delete(conversationLabelLinks)
    .where(and(inArray(conversationLabelLinks.conversationId, [...conversationIds]), inArray(conversationLabelLinks.labelId, [...labelIds])))
    .returning({ conversationId: conversationLabelLinks.conversationId, labelId: conversationLabelLinks.labelId });
}

/** Of these conversation ids, the ones that exist on a number of the scope's connections, with their assignee and status. */
export async function visibleConversationStates(
  db: Database,
  scope: ConnectionScope,
  conversationIds: readonly string[],
): Promise<Array<{ id: string; assigneeId: string | null; status: "open" | "resolved" }>> {
  if (conversationIds.length === 0) return [];
  return db
    .select({ id: conversations.id, assigneeId: conversations.assigneeId, status: conversations.status })
    .from(conversations)
    .where(and(inArray(conversations.id, [...conversationIds]), phoneNumberInScope(scope, conversations.phoneNumberId)));
}

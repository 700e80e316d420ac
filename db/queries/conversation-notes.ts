/**
 * Private notes: `messages` rows of type "note" that only the team sees. A note is never sent, so it
 * has no wamid and no status, and it leaves the conversation's last message, preview and unread count
 * as they are (the list shows what the customer and the business said to each other).
 */
import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";

import type { Database } from "../client";
import { messages, users, type Message } from "../schema";
import { insertNotifications } from "./notifications";
import { publishLiveEvents } from "./live-events";

/** A note's stored content: its text and the teammates it mentions (by name as written then). */
export interface NoteContent {
  body: string;
  mentions: Array<{ userId: string; name: string }>;
}

export class NoteKeyConflictError extends Error {
  override name = "NoteKeyConflictError";
}

/**
 * Stores a note under its client key and, in the same transaction, announces it (`message.created`,
 * so open timelines refresh) and notifies the teammates it mentions. The same key answers the note
 * already stored (`created: false`) without notifying anyone again.
 */
export async function insertNote(
  db: Database,
  input: { conversationId: string; authorId: string; clientKey: string; note: NoteContent; now?: Date },
): Promise<{ message: Message; created: boolean }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(messages)
      .values({
        conversationId: input.conversationId,
        direction: "outbound",
        type: "note",
        content: { note: input.note },
        sentAt: now,
        status: null,
        senderId: input.authorId,
        clientKey: input.clientKey,
      })
      .onConflictDoNothing({ target: messages.clientKey, where: sql`${messages.clientKey} is not null` })
      .returning();
    if (!inserted) {
      const [existing] = await tx.select().from(messages).where(eq(messages.clientKey, input.clientKey));
      if (!existing || existing.conversationId !== input.conversationId || existing.type !== "note") {
        throw new NoteKeyConflictError("This client key already belongs to another message.");
      }
      return { message: existing, created: false };
    }
    await publishLiveEvents(tx, [{ kind: "message.created", payload: { conversationId: input.conversationId, messageId: inserted.id } }]);
    await insertNotifications(
      tx,
      input.note.mentions.map((mention) => ({
        userId: mention.userId,
        kind: "mention" as const,
        conversationId: input.conversationId,
        messageId: inserted.id,
        actorId: input.authorId,
      })),
    );
    return { message: inserted, created: true };
  });
}

/** Names of the users who wrote or sent messages (a page has few): id → name. */
export async function userNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A batch of a conversation's messages, oldest first, after a position: the export reads a long conversation in batches. */
export async function messagesOldestFirst(
  db: Database,
  conversationId: string,
  after: { sentAt: Date; seq: number } | null,
  limit = 500,
): Promise<Message[]> {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        after ? or(gt(messages.sentAt, after.sentAt), and(eq(messages.sentAt, after.sentAt), gt(messages.seq, after.seq))) : undefined,
      ),
    )
    .orderBy(asc(messages.sentAt), asc(messages.seq))
    .limit(limit);
}

import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";

import type { Database } from "../client";
import { contacts, conversations, media, messages, users, type Media } from "../schema";
import { descNullsLast } from "./order";

export interface MediaListItem extends Media {
  uploaderName: string | null;
}

/** The library of a number: every upload not deleted, newest first (expired ones too, to offer a new upload). */
export async function listLibraryMedia(db: Database, phoneNumberId: string, limit = 500): Promise<MediaListItem[]> {
  const rows = await db
    .select({ media, uploaderName: users.name })
    .from(media)
    .leftJoin(users, eq(users.id, media.uploaderId))
    .where(and(eq(media.phoneNumberId, phoneNumberId), isNull(media.deletedAt)))
    .orderBy(descNullsLast(media.uploadedAt), desc(media.id))
    .limit(limit);
  return rows.map((row) => ({ ...row.media, uploaderName: row.uploaderName }));
}

export async function findLibraryMedia(db: Database, mediaId: string): Promise<Media | undefined> {
  const [row] = await db.select().from(media).where(and(eq(media.id, mediaId), isNull(media.deletedAt))).limit(1);
  return row;
}

/** An upload of the same bytes to the same number that can still be sent: reuse it instead of uploading twice. */
export async function findReusableMedia(db: Database, phoneNumberId: string, sha256: string, now = new Date()): Promise<Media | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.phoneNumberId, phoneNumberId), eq(media.sha256, sha256), isNull(media.deletedAt), gt(media.expiresAt, now)))
    .orderBy(desc(media.expiresAt))
    .limit(1);
  return row;
}

export type NewLibraryMedia = Omit<typeof media.$inferInsert, "deletedAt">;

export async function insertLibraryMedia(db: Database, row: NewLibraryMedia): Promise<Media> {
  const [inserted] = await db.insert(media).values(row).returning();
  return inserted!;
}

/** Marks a record deleted; false when it was not there (or already deleted). */
export async function markMediaDeleted(db: Database, mediaId: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(media)
    .set({ deletedAt: now })
    .where(and(eq(media.id, mediaId), isNull(media.deletedAt)))
    .returning({ id: media.id });
  return rows.length > 0;
}

const MEDIA_MESSAGE_TYPES = ["image", "video", "audio", "document", "sticker"];

export interface InboundMediaItem {
  mediaId: string;
  kind: string;
  mimeType: string | null;
  fileName: string | null;
  sha256: string | null;
  caption: string | null;
  receivedAt: Date;
  conversationId: string;
  /** The customer's key: their number, or their user id when the number was withheld at first contact. Not for display. */
  customerWaId: string;
  customerName: string | null;
  /** Who the customer is, as WhatsApp last reported it: number and user id (either may be missing), and username. */
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
}

/** Media customers sent to a number, from the messages that carried it, newest first. */
export async function listInboundMedia(db: Database, phoneNumberId: string, limit = 200): Promise<InboundMediaItem[]> {
  const object = sql`${messages.content} -> ${messages.type}`;
  const rows = await db
    .select({
      mediaId: sql<string>`${object} ->> 'id'`,
      kind: messages.type,
      mimeType: sql<string | null>`${object} ->> 'mime_type'`,
      fileName: sql<string | null>`${object} ->> 'filename'`,
      sha256: sql<string | null>`${object} ->> 'sha256'`,
      caption: sql<string | null>`${object} ->> 'caption'`,
      receivedAt: messages.sentAt,
      conversationId: conversations.id,
      customerWaId: conversations.waId,
      customerName: contacts.profileName,
      customerPhone: contacts.phoneNumber,
      customerUserId: contacts.userId,
      customerUsername: contacts.username,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(contacts, eq(contacts.waId, conversations.waId))
    .where(
      and(
        eq(conversations.phoneNumberId, phoneNumberId),
        eq(messages.direction, "inbound"),
        inArray(messages.type, MEDIA_MESSAGE_TYPES),
        sql`${object} ->> 'id' is not null`,
      ),
    )
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(limit);
  return rows;
}

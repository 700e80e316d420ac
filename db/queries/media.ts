import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";

import type { Database } from "../client";
import { contacts, conversations, media, messages, users, type Media } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";
import { descNullsLast } from "./order";

export interface MediaListItem extends Media {
  uploaderName: string | null;
}

/**
 * The library of a number: every upload not deleted, newest first (expired ones too, to offer a new
 * upload). Empty for a number outside the scope, as for an unknown one.
 */
export async function listLibraryMedia(db: Database, scope: ConnectionScope, phoneNumberId: string, limit = 500): Promise<MediaListItem[]> {
  const rows = await db
    .select({ media, uploaderName: users.name })
    .from(media)
    .leftJoin(users, eq(users.id, media.uploaderId))
    .where(and(eq(media.phoneNumberId, phoneNumberId), isNull(media.deletedAt), phoneNumberInScope(scope, media.phoneNumberId)))
    .orderBy(descNullsLast(media.uploadedAt), desc(media.id))
    .limit(limit);
  return rows.map((row) => ({ ...row.media, uploaderName: row.uploaderName }));
}

/** Where a page of the library continues: after this file, newest upload first, then by id. */
export interface LibraryPosition {
  uploadedAt: Date;
  id: string;
}

/**
 * A page of the libraries of the scope's numbers (or of the numbers given), newest upload first, with
 * the count of every file the filters match. A number outside the scope reads as empty.
 */
export async function pageLibraryMedia(
  db: Database,
  scope: ConnectionScope,
  options: { phoneNumberIds?: readonly string[]; kind?: string; after?: LibraryPosition | null; limit: number },
): Promise<{ rows: MediaListItem[]; total: number }> {
  const matching = and(
    isNull(media.deletedAt),
    phoneNumberInScope(scope, media.phoneNumberId),
    options.phoneNumberIds ? inArray(media.phoneNumberId, [...options.phoneNumberIds]) : undefined,
    options.kind ? eq(media.kind, options.kind) : undefined,
  );
  // Cursors carry milliseconds; the database keeps microseconds: order and compare at the cursor's precision.
  const uploadedAt = sql`date_trunc('milliseconds', ${media.uploadedAt})`;
  const after = options.after ? sql`(${uploadedAt}, ${media.id}) < (${options.after.uploadedAt.toISOString()}::timestamptz, ${options.after.id})` : undefined;
  const [rows, [counted]] = await Promise.all([
    db
      .select({ media, uploaderName: users.name })
      .from(media)
      .leftJoin(users, eq(users.id, media.uploaderId))
      .where(and(matching, after))
      .orderBy(sql`${uploadedAt} desc`, desc(media.id))
      .limit(options.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(media).where(matching),
  ]);
  return { rows: rows.map((row) => ({ ...row.media, uploaderName: row.uploaderName })), total: counted?.total ?? 0 };
}

/** A library record not deleted, on a number of the scope; undefined otherwise, whichever the reason. */
export async function findLibraryMedia(db: Database, scope: ConnectionScope, mediaId: string): Promise<Media | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.id, mediaId), isNull(media.deletedAt), phoneNumberInScope(scope, media.phoneNumberId)))
    .limit(1);
  return row;
}

/** Whether any record not deleted (of any number) holds these bytes: they stay on disk while one does. */
export async function isMediaSha256InUse(db: Database, sha256: string): Promise<boolean> {
  const [row] = await db.select({ id: media.id }).from(media).where(and(eq(media.sha256, sha256), isNull(media.deletedAt))).limit(1);
  return row !== undefined;
}

/** The hashes of every record not deleted: the library's share of the bytes kept on disk. */
export async function listMediaSha256sInUse(db: Database): Promise<Set<string>> {
  const rows = await db.selectDistinct({ sha256: media.sha256 }).from(media).where(isNull(media.deletedAt));
  return new Set(rows.map((row) => row.sha256));
}

/** Of these ids, the library records not deleted (any number). */
export async function findLibraryMediaIdsInUse(db: Database, mediaIds: readonly string[]): Promise<Set<string>> {
  if (mediaIds.length === 0) return new Set();
  const rows = await db
    .select({ id: media.id })
    .from(media)
    .where(and(inArray(media.id, [...mediaIds]), isNull(media.deletedAt)));
  return new Set(rows.map((row) => row.id));
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

/** Media customers sent to a number, from the messages that carried it, newest first; empty outside the scope. */
export async function listInboundMedia(db: Database, scope: ConnectionScope, phoneNumberId: string, limit = 200): Promise<InboundMediaItem[]> {
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
        phoneNumberInScope(scope, conversations.phoneNumberId),
        eq(messages.direction, "inbound"),
        inArray(messages.type, MEDIA_MESSAGE_TYPES),
        sql`${object} ->> 'id' is not null`,
      ),
    )
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(limit);
  return rows;
}

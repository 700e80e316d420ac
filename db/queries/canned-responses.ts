/** Canned responses: the team's library (owner null) and each user's own, with their media file when usable. */
import { and, asc, eq, isNull, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { cannedResponses, contacts, media, users } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

export interface CannedResponseRow {
  id: string;
  ownerId: string | null;
  shortcut: string;
  body: string;
  /** The stored media id, even when the file is gone or outside the reader's connections. */
  mediaId: string | null;
  /** The file, when still in the library and on a number of the reader's scope. */
  media: { id: string; phoneNumberId: string; kind: string; mimeType: string; fileName: string; expiresAt: Date } | null;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function rowsQuery(db: Database, scope: ConnectionScope) {
  return db
    .select({
      id: cannedResponses.id,
      ownerId: cannedResponses.ownerId,
      shortcut: cannedResponses.shortcut,
      body: cannedResponses.body,
      mediaId: cannedResponses.mediaId,
      mediaFileId: media.id,
      mediaPhoneNumberId: media.phoneNumberId,
      mediaKind: media.kind,
      mediaMimeType: media.mimeType,
      mediaFileName: media.fileName,
      mediaExpiresAt: media.expiresAt,
      createdById: cannedResponses.createdById,
      createdByName: users.name,
      createdAt: cannedResponses.createdAt,
      updatedAt: cannedResponses.updatedAt,
    })
    .from(cannedResponses)
    .leftJoin(media, and(eq(media.id, cannedResponses.mediaId), isNull(media.deletedAt), phoneNumberInScope(scope, media.phoneNumberId)))
    .leftJoin(users, eq(users.id, cannedResponses.createdById));
}

type RawRow = Awaited<ReturnType<ReturnType<typeof rowsQuery>["execute"]>>[number];

function rowOf(raw: RawRow): CannedResponseRow {
  const { mediaFileId, mediaPhoneNumberId, mediaKind, mediaMimeType, mediaFileName, mediaExpiresAt, ...rest } = raw;
  return {
    ...rest,
    media:
      mediaFileId && mediaPhoneNumberId && mediaKind && mediaMimeType && mediaFileName !== null && mediaExpiresAt
        ? { id: mediaFileId, phoneNumberId: mediaPhoneNumberId, kind: mediaKind, mimeType: mediaMimeType, fileName: mediaFileName, expiresAt: mediaExpiresAt }
        : null,
  };
}

/** `like` text with its wildcards taken literally. */
function likeText(value: string): string {
  return `%${value.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The responses a user may use: the team's and their own, optionally only one library, matching a
 * search in the shortcut or the text; by shortcut (team first on a tie), at most `limit`.
 */
export async function listCannedResponseRows(
  db: Database,
  reader: { id: string; connections: ConnectionScope },
  options: { library?: "team" | "personal"; q?: string; limit?: number } = {},
): Promise<CannedResponseRow[]> {
  const library: SQL | undefined =
    options.library === "team"
      ? isNull(cannedResponses.ownerId)
      : options.library === "personal"
        ? eq(cannedResponses.ownerId, reader.id)
        : or(isNull(cannedResponses.ownerId), eq(cannedResponses.ownerId, reader.id));
  const q = options.q?.trim();
  const search = q ? sql`(${cannedResponses.shortcut} ilike ${likeText(q)} or ${cannedResponses.body} ilike ${likeText(q)})` : undefined;
  const rows = await rowsQuery(db, reader.connections)
    .where(and(library, search))
    .orderBy(sql`lower(${cannedResponses.shortcut})`, sql`${cannedResponses.ownerId} nulls first`, asc(cannedResponses.id))
    .limit(options.limit ?? 500);
  return rows.map(rowOf);
}

export async function findCannedResponseRow(db: Database, scope: ConnectionScope, id: string, options: { lock?: boolean } = {}): Promise<CannedResponseRow | undefined> {
  const query = rowsQuery(db, scope).where(eq(cannedResponses.id, id)).limit(1);
  const [row] = options.lock ? await query.for("update", { of: cannedResponses }) : await query;
  return row ? rowOf(row) : undefined;
}

/** The response of this library (`ownerId` null: the team's) holding this shortcut whatever its case, other than `exceptId`. */
export async function cannedShortcutHolder(db: Database, ownerId: string | null, shortcut: string, exceptId?: string): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: cannedResponses.id })
    .from(cannedResponses)
    .where(
      and(
        ownerId === null ? isNull(cannedResponses.ownerId) : eq(cannedResponses.ownerId, ownerId),
        sql`lower(${cannedResponses.shortcut}) = lower(${shortcut})`,
        exceptId ? sql`${cannedResponses.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** A new response, or undefined when its shortcut was taken meanwhile (the unique index decides). */
export async function insertCannedResponse(
  db: Database,
  values: { ownerId: string | null; shortcut: string; body: string; mediaId: string | null; createdById: string },
): Promise<string | undefined> {
  const [row] = await db.insert(cannedResponses).values(values).onConflictDoNothing().returning({ id: cannedResponses.id });
  return row?.id;
}

export async function updateCannedResponseRow(db: Database, id: string, patch: { shortcut?: string; body?: string; mediaId?: string | null }): Promise<void> {
  await db
    .update(cannedResponses)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(cannedResponses.id, id));
}

export async function deleteCannedResponseRow(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id });
  return rows.length > 0;
}

/** What a response's variables read about a customer: names, number and attribute values. */
export async function findCannedContactValues(
  db: Database,
  waId: string,
): Promise<{ displayName: string | null; profileName: string | null; phoneNumber: string | null; attributes: Record<string, string | number | boolean> } | undefined> {
  const [row] = await db
    .select({ displayName: contacts.displayName, profileName: contacts.profileName, phoneNumber: contacts.phoneNumber, attributes: contacts.attributes })
    .from(contacts)
    .where(eq(contacts.waId, waId))
    .limit(1);
  return row;
}

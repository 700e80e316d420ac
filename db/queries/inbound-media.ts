import { and, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversations, media, messages, phoneNumbers } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

export interface InboundMediaReference {
  mediaId: string;
  kind: string;
  mimeType: string | undefined;
  sha256: string | undefined;
  filename: string | undefined;
  receivedAt: Date;
  phoneNumberId: string;
  connectionId: string | null;
}

const MEDIA_MESSAGE_TYPES = ["image", "video", "audio", "document", "sticker"];

/** The media id a message carries (`content -> type ->> 'id'`). */
const carriedMediaId = sql<string>`${messages.content} -> ${messages.type} ->> 'id'`;

/**
 * Messages whose media ids WhatsApp reported to us: a customer's, and echoes of what the business sent
 * from the WhatsApp Business app. (`findInboundMedia` also knows files this dashboard sent, unless
 * their library record was deleted.)
 */
const reportedByWhatsApp = or(eq(messages.direction, "inbound"), isNotNull(messages.origin));

/**
 * The message that carried a media id, with what WhatsApp said of the file and which account it came
 * through; undefined when no such message is on a number of the scope.
 */
export async function findInboundMedia(db: Database, scope: ConnectionScope, mediaId: string): Promise<InboundMediaReference | undefined> {
  const [row] = await db
    .select({
      kind: messages.type,
      media: sql<Record<string, unknown> | null>`${messages.content} -> ${messages.type}`,
      receivedAt: messages.sentAt,
      phoneNumberId: conversations.phoneNumberId,
      connectionId: phoneNumbers.connectionId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(phoneNumbers, eq(phoneNumbers.id, conversations.phoneNumberId))
    .where(
      and(
        sql`${carriedMediaId} = ${mediaId}`,
        inArray(messages.type, MEDIA_MESSAGE_TYPES),
        // A file the dashboard sent by its media id (not from the library) is known by its message too,
        // unless it is a library file since deleted: deleting a file stops it being served everywhere.
        or(reportedByWhatsApp, sql`not exists (select 1 from ${media} where ${media.id} = ${mediaId} and ${media.deletedAt} is not null)`),
        phoneNumberInScope(scope, conversations.phoneNumberId),
      ),
    )
    .orderBy(desc(messages.sentAt))
    .limit(1);
  if (!row) return undefined;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    mediaId,
    kind: row.kind,
    mimeType: text(row.media?.mime_type),
    sha256: text(row.media?.sha256),
    filename: text(row.media?.filename),
    receivedAt: row.receivedAt,
    phoneNumberId: row.phoneNumberId,
    connectionId: row.connectionId,
  };
}

/** Of these media ids, the ones a message WhatsApp reported still carries (their cached bytes are kept). */
export async function findInboundMediaIdsInUse(db: Database, mediaIds: readonly string[]): Promise<Set<string>> {
  if (mediaIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ mediaId: carriedMediaId })
    .from(messages)
    .where(and(inArray(messages.type, MEDIA_MESSAGE_TYPES), reportedByWhatsApp, inArray(carriedMediaId, [...mediaIds])));
  return new Set(rows.map((row) => row.mediaId));
}

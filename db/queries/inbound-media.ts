import { and, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversations, messages, phoneNumbers } from "../schema";
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
 * from the WhatsApp Business app. A file sent from this dashboard is known by its library record
 * instead, so deleting it there stops it being served.
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
        reportedByWhatsApp,
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

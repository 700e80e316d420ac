import { desc, eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversations, messages, phoneNumbers } from "../schema";

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

/** The message that carried a media id, with what WhatsApp said of the file and which account it came through. */
export async function findInboundMedia(db: Database, mediaId: string): Promise<InboundMediaReference | undefined> {
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
    .where(sql`${messages.content} -> ${messages.type} ->> 'id' = ${mediaId}`)
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

/**
 * Private notes: what an agent writes in a conversation for the team alone, with @mentions that notify
 * teammates. A note is stored, never sent: it has no door to the gateway (lib/inbox/outbound.ts refuses
 * a note wherever a message could go out), and it is allowed whatever the 24-hour window says.
 */
import "server-only";

import type { Database } from "@/db";
import { insertNote, NoteKeyConflictError, type NoteContent } from "@/db/queries/conversation-notes";
import { findUserById } from "@/db/queries/users";
import type { Message } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { assertConversationVisible, connectionScopeOf, isPhoneNumberVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

/** A note's length, like a WhatsApp text's, so a note can be written as long as a reply. */
export const NOTE_MAX_LENGTH = 4096;
/** Mentions per note: a team, not a mailing list. */
export const NOTE_MAX_MENTIONS = 20;
/** A note's client key: `note:<the browser's uuid>`, so a resubmitted note is stored once. */
export const noteClientKey = (clientKey: string) => (clientKey.startsWith("note:") ? clientKey : `note:${clientKey}`);

export interface AddNoteInput {
  conversationId: string;
  body: string;
  /** Teammates to notify: enabled users who may work on the conversation's number. */
  mentionIds: string[];
  /** Made once per note by the caller: the same key stores one note. */
  clientKey: string;
}

export type ConversationNote = Message & { content: { note: NoteContent } };

/** Reads a stored message as a note, when it is one. */
export function noteOf(row: Pick<Message, "type" | "content">): NoteContent | undefined {
  if (row.type !== "note") return undefined;
  const note = row.content.note as Partial<NoteContent> | undefined;
  if (!note || typeof note.body !== "string") return undefined;
  return { body: note.body, mentions: Array.isArray(note.mentions) ? note.mentions : [] };
}

/**
 * Adds a note to a conversation the actor may see. Mentions are checked like an assignment (an
 * enabled user who may work on the number), and each mentioned teammate is notified in the same
 * transaction. The conversation's last message and unread count do not change.
 */
export async function addNote(db: Database, actor: Pick<SessionUser, "id" | "connections">, input: AddNoteInput): Promise<{ message: Message; created: boolean }> {
  const conversation = await assertConversationVisible(db, actor.connections, input.conversationId);
  const body = input.body.trim();
  if (body.length === 0) throw new ActionError(message("notes.errors.empty"), { code: "INVALID_INPUT", field: "body" });
  if (body.length > NOTE_MAX_LENGTH) {
    throw new ActionError(message("notes.errors.tooLong", { maximum: NOTE_MAX_LENGTH }), { code: "INVALID_INPUT", field: "body" });
  }
  const mentionIds = [...new Set(input.mentionIds)];
  if (mentionIds.length > NOTE_MAX_MENTIONS) {
    throw new ActionError(message("notes.errors.tooManyMentions", { maximum: NOTE_MAX_MENTIONS }), { code: "INVALID_INPUT", field: "mentionIds" });
  }
  const mentions: NoteContent["mentions"] = [];
  for (const userId of mentionIds) {
    const user = await findUserById(db, userId);
    if (!user || user.disabled) throw new ActionError(message("notes.errors.unknownMention"), { code: "INVALID_INPUT", field: "mentionIds" });
    if (!(await isPhoneNumberVisible(db, await connectionScopeOf(db, user), conversation.phoneNumber.id))) {
      throw new ActionError(message("notes.errors.mentionNoAccess", { name: user.name }), { code: "INVALID_INPUT", field: "mentionIds" });
    }
    mentions.push({ userId: user.id, name: user.name });
  }
  try {
    return await insertNote(db, { conversationId: conversation.id, authorId: actor.id, clientKey: noteClientKey(input.clientKey), note: { body, mentions } });
  } catch (error) {
    if (error instanceof NoteKeyConflictError) throw new ActionError(message("notes.errors.clientKeyTaken"), { code: "CONFLICT", field: "clientKey" });
    throw error;
  }
}

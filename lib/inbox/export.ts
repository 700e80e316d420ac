/**
 * A conversation's transcript as CSV, for the record: every message oldest first (the customer's, the
 * team's, automatic ones, and the team's private notes marked "[note]"), read in batches and streamed
 * as it is read, so a long conversation never sits in memory whole.
 */
import "server-only";

import { stringify } from "csv-stringify/sync";

import type { Database } from "@/db";
import { messagesOldestFirst, userNames } from "@/db/queries/conversation-notes";
import type { Message } from "@/db/schema";
import { assertConversationVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import type { Translate } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";
import { messagePreview } from "@/lib/whatsapp/inbound";

import { customerLabel } from "./customer-label";
import { noteOf } from "./notes";

const log = logger("inbox.export");

/** Spreadsheets read a leading byte order mark as "this file is UTF-8" (text in every script opens right). */
const BOM = "\uFEFF";
const BATCH = 500;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe: customers write these texts. */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** What a message says, as one line of text: its body or caption, a template's name and text, a note's text. */
export function transcriptText(row: Pick<Message, "type" | "content" | "origin">, t: Translate): string {
  const note = noteOf(row);
  if (note) return `${t("notes.export.noteMarker")} ${note.body}`;
  const marker =
    row.origin === "away_message" ? `${t("notes.export.automaticAway")} ` : row.origin === "welcome_message" ? `${t("notes.export.automaticWelcome")} ` : "";
  if (row.type === "template") {
    const template = (row.content.template ?? {}) as { name?: unknown };
    const rendered = row.content.rendered as { body?: unknown } | undefined;
    const name = t("notes.export.template", { name: typeof template.name === "string" ? template.name : "" });
    return `${marker}${typeof rendered?.body === "string" && rendered.body ? `${name}: ${rendered.body}` : name}`;
  }
  const preview = messagePreview(row.type, row.content);
  return `${marker}${preview.detail || `[${row.type}]`}`;
}

/** The transcript's file name: the customer and the day, in characters every system accepts. */
export function transcriptFileName(customer: string, day: Date): string {
  const slug = customer
    .normalize("NFKD")
    .replace(/[^\w+-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `conversation-${slug || "customer"}-${day.toISOString().slice(0, 10)}.csv`;
}

/**
 * Opens a conversation's transcript for a user who may see it (refused, as a missing one, otherwise):
 * the file name and a stream of CSV lines in the reader's language.
 */
export async function openConversationExport(
  db: Database,
  actor: Pick<SessionUser, "connections">,
  conversationId: string,
  t: Translate,
  now = new Date(),
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const conversation = await assertConversationVisible(db, actor.connections, conversationId);
  const customer = customerLabel(conversation, (key) => t(`common.${key}`));
  const encoder = new TextEncoder();
  let after: { sentAt: Date; seq: number } | null = null;
  let started = false;
  const names = new Map<string, string>();

  const row = (message: Message) => {
    const note = message.type === "note";
    const direction = note ? t("notes.export.directions.note") : message.direction === "inbound" ? t("notes.export.directions.inbound") : t("notes.export.directions.outbound");
    let author: string;
    if (message.direction === "inbound") author = customer;
    else if (message.senderId) author = names.get(message.senderId) ?? "";
    else if (message.origin === "away_message" || message.origin === "welcome_message") author = t("notes.export.authors.automatic");
    else if (message.origin === "business_app") author = t("notes.export.authors.businessApp");
    else author = t("notes.export.authors.nobody");
    return [message.sentAt.toISOString(), direction, safeCell(author), message.type, safeCell(transcriptText(message, t)), message.status ?? ""];
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          const header = ["time", "direction", "author", "type", "text", "status"].map((column) => t(`notes.export.columns.${column}` as "notes.export.columns.time"));
          controller.enqueue(encoder.encode(BOM + stringify([header])));
          return;
        }
        const batch = await messagesOldestFirst(db, conversation.id, after, BATCH);
        // Reactions belong to the message they react to; they are not lines of the conversation.
        const lines = batch.filter((message) => message.type !== "reaction");
        for (const [id, name] of await userNames(db, lines.map((message) => message.senderId).filter((id): id is string => !!id && !names.has(id)))) names.set(id, name);
        if (lines.length > 0) controller.enqueue(encoder.encode(stringify(lines.map(row))));
        const last = batch.at(-1);
        if (!last || batch.length < BATCH) controller.close();
        else after = { sentAt: last.sentAt, seq: last.seq };
      } catch (error) {
        log.error({ err: error, conversationId: conversation.id }, "conversation export failed");
        controller.error(error);
      }
    },
  });
  return { fileName: transcriptFileName(customer, now), stream };
}

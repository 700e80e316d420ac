/**
 * Contacts as CSV: the ticked ones or every one matching a filter, streamed a batch at a time (the
 * whole book is never held in memory), headed in the reader's language, audited once it is done.
 */
import "server-only";

import { stringify } from "csv-stringify/sync";

import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { EXPORT_BATCH_SIZE, exportBatch, listAttributeDefinitionRows, type ContactPosition } from "@/db/queries/contact-list";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message, type Translate } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";

import type { ContactActor } from "./access";
import { contactListItems, selectionCondition } from "./list";
import type { ContactListItem, ContactSelection } from "./views";

const log = logger("contacts.export");

/** Spreadsheets read a leading UTF-8 byte order mark as "this file is UTF-8" (names in every script open right). */
const BOM = "\uFEFF";

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
 * leading apostrophe: names and attributes are written by customers and importers, not by us.
 */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const plain = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? safeCell(value) : String(value);
};

/** The header row: the fixed columns in the reader's language, then one per attribute by its name. */
function headerRow(t: Translate, attributeNames: string[]): string[] {
  const column = (key: string) => t(`contacts.list.export.${key}`);
  return [
    column("name"),
    column("displayName"),
    column("whatsappName"),
    column("phone"),
    column("username"),
    column("userId"),
    column("tags"),
    column("consent"),
    column("consentSource"),
    column("consentDate"),
    ...attributeNames.map(safeCell),
    column("lastMessage"),
    column("created"),
  ];
}

/** One contact as its row: codes and ISO times as they are (a file to re-import or process, not to read). */
function contactRow(item: ContactListItem, attributeKeys: string[]): string[] {
  return [
    plain(item.name),
    plain(item.displayName),
    plain(item.profileName),
    item.phoneNumber ? `+${item.phoneNumber}` : "",
    plain(item.username),
    plain(item.userId),
    plain(item.tags.map((tag) => tag.name).join(";")),
    item.consent.state,
    item.consent.source ?? "",
    item.consent.at ?? "",
    ...attributeKeys.map((key) => plain(item.attributes[key])),
    item.lastMessageAt ?? "",
    item.createdAt,
  ];
}

/**
 * The selection as a CSV stream (contacts.manage), checked before it is returned: a refused role, a
 * bad filter or unknown segment fails here, before any byte (the door can still answer 4xx). Then a
 * header, and the contacts in name order, 1000 per query as the reader pulls. When the last batch is
 * written, `contacts.exported` is audited with the count; a download abandoned midway is audited too,
 * with what had been written.
 */
export async function openContactExport(
  db: Database,
  actor: ContactActor,
  selection: ContactSelection,
  t: Translate,
  now = new Date(),
): Promise<ReadableStream<Uint8Array>> {
  if (!can(actor.role, "contacts.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
  const [where, definitions] = await Promise.all([selectionCondition(db, actor, selection, now), listAttributeDefinitionRows(db)]);
  const attributeKeys = definitions.map((definition) => definition.key);
  const encoder = new TextEncoder();
  let position: ContactPosition | null = null;
  let exported = 0;
  let finished = false;

  const audit = (completed: boolean) =>
    recordAudit(db, {
      actor: { id: actor.id, email: actor.email },
      action: "contacts.exported",
      details: {
        count: exported,
        completed,
        selection: "ids" in selection ? { ids: selection.ids.length } : { filter: selection.filter, segmentId: selection.segmentId ?? null },
      },
    });

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + stringify([headerRow(t, definitions.map((definition) => definition.name))])));
    },
    async pull(controller) {
      const batch = await exportBatch(db, where, position, EXPORT_BATCH_SIZE);
      if (batch.rows.length > 0) {
        const items = await contactListItems(db, batch.rows, now);
        controller.enqueue(encoder.encode(stringify(items.map((item) => contactRow(item, attributeKeys)))));
        exported += items.length;
      }
      position = batch.next;
      if (!position) {
        finished = true;
        await audit(true);
        controller.close();
      }
    },
    async cancel() {
      if (finished) return;
      finished = true;
      await audit(false).catch((error: unknown) => log.error({ err: error }, "abandoned export not audited"));
    },
  });
}

/**
 * The same stream, returned at once: a refusal (role, filter) surfaces as the stream's error. Doors
 * that can still choose their status use {@link openContactExport}.
 */
export function exportContacts(db: Database, actor: ContactActor, selection: ContactSelection, t: Translate): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= (await openContactExport(db, actor, selection, t)).getReader();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}

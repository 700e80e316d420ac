/**
 * The team's notes on a contact: written by anyone who may edit the contact, changed or deleted by
 * their author or by those who manage contacts.
 */
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { deleteNoteRow, findNote, insertNote, updateNoteBody, type NoteRow } from "@/db/queries/contacts";
import { publishLiveEvents } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

import { editableContact, visibleContact, type ContactActor } from "./access";
import { assertContactCapability, noteView } from "./records";
import type { ContactNoteView } from "./views";
import { CONTACT_LIMITS } from "./views";

export const NOTE_BODY_MAX = CONTACT_LIMITS.noteBody;

function checkedBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed === "") throw new ActionError(message("contacts.notes.empty"), { code: "INVALID_INPUT", field: "body" });
  if (trimmed.length > NOTE_BODY_MAX) throw new ActionError(message("contacts.notes.tooLong", { maximum: NOTE_BODY_MAX }), { code: "INVALID_INPUT", field: "body" });
  return trimmed;
}

/** A note the actor may change: of a contact they see, written by them (or any, for those who manage contacts). */
async function changeableNote(db: Database, actor: ContactActor, noteId: string): Promise<NoteRow> {
  const note = await findNote(db, noteId);
  if (!note) throw new NotFoundError(message("contacts.notes.notFound"));
  // A note of a contact out of sight is "not found" like a missing one.
  try {
    await visibleContact(db, actor, note.contactId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(message("contacts.notes.notFound"));
    throw error;
  }
  if (note.authorId !== actor.id && !can(actor.role, "contacts.manage")) throw new AuthorizationError(403, message("contacts.notes.notYours"));
  return note;
}

/** Adds a note to a contact the actor may edit. Audited without its text. */
export async function addNote(db: Database, actor: ContactActor, contactId: string, body: string): Promise<ContactNoteView> {
  assertContactCapability(actor, "contacts.edit");
  const text = checkedBody(body);
  const contact = await editableContact(db, actor, contactId);
  const noteId = await db.transaction(async (tx) => {
    const id = await insertNote(tx, { contactId: contact.id, authorId: actor.id, body: text });
    await recordAudit(tx, { actor, action: "contact.note_added", target: { type: "contact", id: contact.id }, details: { noteId: id } });
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: contact.id } }]);
    return id;
  });
  return noteView((await findNote(db, noteId))!, actor);
}

export async function updateNote(db: Database, actor: ContactActor, noteId: string, body: string): Promise<ContactNoteView> {
  assertContactCapability(actor, "contacts.edit");
  const text = checkedBody(body);
  const note = await changeableNote(db, actor, noteId);
  await db.transaction(async (tx) => {
    await updateNoteBody(tx, noteId, text);
    await recordAudit(tx, { actor, action: "contact.note_updated", target: { type: "contact", id: note.contactId }, details: { noteId } });
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: note.contactId } }]);
  });
  return noteView((await findNote(db, noteId))!, actor);
}

export async function deleteNote(db: Database, actor: ContactActor, noteId: string): Promise<void> {
  assertContactCapability(actor, "contacts.edit");
  const note = await changeableNote(db, actor, noteId);
  await db.transaction(async (tx) => {
    await deleteNoteRow(tx, noteId);
    await recordAudit(tx, { actor, action: "contact.note_deleted", target: { type: "contact", id: note.contactId }, details: { noteId } });
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: note.contactId } }]);
  });
}

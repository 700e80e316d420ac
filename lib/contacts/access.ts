import type { Database } from "@/db/client";
import { findVisibleContact, talksWithContact } from "@/db/queries/contact-access";
import type { Contact } from "@/db/schema";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/auth/connection-access";
import { message } from "@/lib/i18n/translatable";

/** Who acts on contacts: the signed-in user or the API token's user. */
export type ContactActor = Pick<SessionUser, "id" | "name" | "email" | "role" | "connections">;

export const CONTACT_NOT_FOUND = message("contacts.errors.notFound");

/** The contact if the actor may see it; a missing, deleted or out-of-scope one is "not found" alike. */
export async function visibleContact(db: Database, actor: ContactActor, contactId: string): Promise<Contact> {
  const contact = await findVisibleContact(db, actor.connections, contactId);
  if (!contact) throw new NotFoundError(CONTACT_NOT_FOUND);
  return contact;
}

/**
 * Whether the actor may change this contact: marketers and admins any they see; agents the customers
 * they talk with (a conversation assigned to them, or one they have written in).
 */
export async function mayEditContact(db: Database, actor: ContactActor, contact: Pick<Contact, "waId">): Promise<boolean> {
  if (can(actor.role, "contacts.manage")) return true;
  if (!can(actor.role, "contacts.edit")) return false;
  return talksWithContact(db, actor.id, contact.waId);
}

/** The contact if the actor may change it; else "not found" (not visible) or a refusal (visible, not theirs). */
export async function editableContact(db: Database, actor: ContactActor, contactId: string): Promise<Contact> {
  const contact = await visibleContact(db, actor, contactId);
  if (!(await mayEditContact(db, actor, contact))) throw new AuthorizationError(403, message("contacts.errors.notYours"));
  return contact;
}

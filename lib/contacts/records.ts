/**
 * One contact's record: what its page and the customer panel show, creating a contact by its number,
 * and changing its name and attribute values. Who may do what is decided here (through access.ts),
 * whichever door the request came by.
 */
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { addTagLinks, conversationsOfContact, findTagsByIds, insertContactIfNew, listAttributeDefinitionRows, notesOfContact, updateContactRecord } from "@/db/queries/contacts";
import { tagsOfContacts } from "@/db/queries/contact-list";
import { publishLiveEvents } from "@/db/queries/live-events";
import type { Contact, ContactAttributeDefinition } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { can, type Capability } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

import { editableContact, mayEditContact, visibleContact, type ContactActor } from "./access";
import { contactListItemOf } from "./mappers";
import { checkAttributeValue, parseAttributeText } from "./attributes";
import { changeConsent, consentHistory } from "./consent";
import { normalisePhone, type PhoneProblem } from "./phone";
import { type AttributeValue, type ContactDetail, type ContactNoteView, CONTACT_LIMITS } from "./views";

/** The team's name for a customer: at most this long. */
export const DISPLAY_NAME_MAX = CONTACT_LIMITS.displayName;

/** Refuses an actor whose role lacks the capability (the doors check it too; the service is the last word). */
export function assertContactCapability(actor: Pick<ContactActor, "role">, capability: Capability): void {
  if (!can(actor.role, capability)) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Everything the contact's page shows, for this reader. */
export async function getContactDetail(db: Database, actor: ContactActor, contactId: string): Promise<ContactDetail> {
  const contact = await visibleContact(db, actor, contactId);
  return contactDetailOf(db, actor, contact);
}

/** The detail of a contact already found visible (after a change, in the same transaction). */
export async function contactDetailOf(db: Database, actor: ContactActor, contact: Contact, now = new Date()): Promise<ContactDetail> {
  const [tags, notes, history, conversationRows, editable] = await Promise.all([
    tagsOfContacts(db, [contact.id]),
    notesOfContact(db, contact.id),
    consentHistory(db, contact.id),
    conversationsOfContact(db, actor.connections, contact.waId),
    mayEditContact(db, actor, contact),
  ]);
  const manages = can(actor.role, "contacts.manage");
  return {
    ...contactListItemOf(contact, tags.get(contact.id) ?? [], now),
    waId: contact.waId,
    notes: notes.map((note) => noteView(note, actor)),
    consentHistory: history,
    conversations: conversationRows.map((row) => ({
      id: row.id,
      phoneNumberId: row.phoneNumberId,
      businessNumber: row.displayPhoneNumber ?? row.phoneNumberId,
      status: row.status,
      assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
      lastMessageAt: iso(row.lastMessageAt),
      lastInboundAt: iso(row.lastInboundAt),
    })),
    can: { edit: editable, manage: manages },
  };
}

/** A note as its reader sees it: theirs (or any, for those who manage contacts) to edit. */
export function noteView(
  note: { id: string; body: string; authorId: string | null; authorName: string | null; createdAt: Date; updatedAt: Date },
  actor: Pick<ContactActor, "id" | "role">,
): ContactNoteView {
  return {
    id: note.id,
    body: note.body,
    author: note.authorId ? { id: note.authorId, name: note.authorName ?? "" } : null,
    createdAt: note.createdAt.toISOString(),
    updatedAt: note.updatedAt.toISOString(),
    editable: note.authorId === actor.id || can(actor.role, "contacts.manage"),
  };
}

const PHONE_PROBLEMS = {
  missing: message("contacts.errors.phoneMissing"),
  invalid: message("contacts.errors.phoneInvalid"),
  too_short: message("contacts.errors.phoneTooShort"),
  too_long: message("contacts.errors.phoneTooLong"),
  invalid_country: message("contacts.errors.phoneInvalidCountry"),
} as const satisfies Record<PhoneProblem, unknown>;

/** The display name as stored: trimmed, empty meaning none; a refusal naming the field when too long. */
function checkedDisplayName(name: string | null | undefined): string | null | undefined {
  if (name === undefined) return undefined;
  const trimmed = name?.trim() ?? "";
  if (trimmed.length > DISPLAY_NAME_MAX) {
    throw new ActionError(message("contacts.errors.displayNameTooLong", { maximum: DISPLAY_NAME_MAX }), { code: "INVALID_INPUT", field: "displayName" });
  }
  return trimmed === "" ? null : trimmed;
}

/**
 * Attribute values checked against their definitions: a text form of a typed value ("42", "yes") is
 * read as the definition's type; null or an empty text removes the value. Refusals name
 * `attributes.<key>`; nothing is changed by a refused patch.
 */
export function checkedAttributes(
  definitions: readonly ContactAttributeDefinition[],
  values: Record<string, AttributeValue | null>,
): { set: Record<string, AttributeValue>; remove: string[] } {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const set: Record<string, AttributeValue> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = `attributes.${key}`;
    const definition = byKey.get(key);
    if (!definition) throw new ActionError(message("contacts.errors.attributeUnknown", { key }), { code: "INVALID_INPUT", field });
    if (value === null || (typeof value === "string" && value.trim() === "")) {
      remove.push(key);
      continue;
    }
    const checked = typeof value === "string" && definition.type !== "text" ? parseAttributeText(definition, value) : checkAttributeValue(definition, value);
    if (!checked.ok) throw new ActionError(checked.problem, { code: "INVALID_INPUT", field });
    set[key] = checked.value;
  }
  return { set, remove };
}

/** What an audit entry says of attribute changes: the keys with their new values (null: removed). Never the number. */
function attributeChanges(change: { set: Record<string, AttributeValue>; remove: string[] }): Record<string, AttributeValue | null> {
  return { ...change.set, ...Object.fromEntries(change.remove.map((key) => [key, null])) };
}

export interface CreateContactInput {
  phone: string;
  defaultCountry?: string;
  displayName?: string | null;
  attributes?: Record<string, AttributeValue | null>;
  tagIds?: string[];
  consent?: { state: "opted_in" | "opted_out"; source: "agent" | "api" | "form" };
}

/**
 * A new contact by its number (contacts.manage), with its name, attributes, tags and consent, in one
 * transaction. A number already known is refused (CONFLICT on "phone"), saying nothing of whose it is.
 */
export async function createContact(
  db: Database,
  actor: ContactActor,
  input: CreateContactInput,
  options: { source: "dashboard" | "api" } = { source: "dashboard" },
): Promise<ContactDetail> {
  assertContactCapability(actor, "contacts.manage");
  const phone = normalisePhone(input.phone, input.defaultCountry || undefined);
  if (!phone.ok) {
    const field = phone.reason === "invalid_country" && input.defaultCountry ? "defaultCountry" : "phone";
    throw new ActionError(PHONE_PROBLEMS[phone.reason], { code: "INVALID_INPUT", field });
  }
  const displayName = checkedDisplayName(input.displayName) ?? null;
  const tagIds = [...new Set(input.tagIds ?? [])];

  const contactId = await db.transaction(async (tx) => {
    const attributes = checkedAttributes(await listAttributeDefinitionRows(tx), input.attributes ?? {});
    const tags = await findTagsByIds(tx, tagIds);
    const missing = tagIds.find((id) => !tags.some((tag) => tag.id === id));
    if (missing) throw new ActionError(message("contacts.tagsAdmin.notFound"), { code: "INVALID_INPUT", field: "tagIds" });

    const created = await insertContactIfNew(tx, { waId: phone.digits, phoneNumber: phone.digits, displayName, attributes: attributes.set });
    if (!created) throw new ActionError(message("contacts.errors.phoneTaken"), { code: "CONFLICT", field: "phone" });
    await addTagLinks(tx, created.id, tagIds);
    await recordAudit(tx, {
      actor,
      action: "contact.created",
      target: { type: "contact", id: created.id },
      details: {
        source: options.source,
        displayNameSet: displayName !== null,
        attributes: attributes.set,
        tags: tags.map((tag) => tag.name),
      },
    });
    if (input.consent) await changeConsent(tx, actor, created.id, { state: input.consent.state, source: input.consent.source });
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: created.id } }]);
    return created.id;
  });
  return getContactDetail(db, actor, contactId);
}

/**
 * Changes a contact's display name and attribute values (null removes one). Agents change only the
 * customers they talk with; values are checked against the definitions, the field named as
 * `attributes.<key>`. Audited with the fields changed (attribute values included, never the number).
 */
export async function updateContact(
  db: Database,
  actor: ContactActor,
  contactId: string,
  patch: { displayName?: string | null; attributes?: Record<string, AttributeValue | null> },
): Promise<ContactDetail> {
  assertContactCapability(actor, "contacts.edit");
  const displayName = checkedDisplayName(patch.displayName);
  const contact = await editableContact(db, actor, contactId);
  await db.transaction(async (tx) => {
    const attributes = checkedAttributes(await listAttributeDefinitionRows(tx), patch.attributes ?? {});
    const nameChanged = displayName !== undefined && displayName !== contact.displayName;
    const attributesChanged = Object.entries(attributes.set).some(([key, value]) => contact.attributes[key] !== value) || attributes.remove.some((key) => key in contact.attributes);
    if (!nameChanged && !attributesChanged) return;
    await updateContactRecord(tx, contact.id, { displayName: nameChanged ? displayName : undefined, set: attributes.set, remove: attributes.remove });
    await recordAudit(tx, {
      actor,
      action: "contact.updated",
      target: { type: "contact", id: contact.id },
      details: {
        fields: [...(nameChanged ? ["displayName"] : []), ...(attributesChanged ? ["attributes"] : [])],
        ...(attributesChanged ? { attributes: attributeChanges(attributes) } : {}),
      },
    });
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: contact.id } }]);
  });
  return getContactDetail(db, actor, contactId);
}

/**
 * Contact tags: the team's list of them (created, renamed, recoloured and deleted by those who manage
 * contacts), a contact's own tags, and tagging many contacts at once.
 */
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  addTagLinks,
  addTagLinksWhere,
  deleteTagRow,
  findTagsByIds,
  findTagsByNames,
  insertTag,
  isUniqueViolation,
  listTagsWithCounts,
  removeTagLinks,
  removeTagLinksWhere,
  tagNameTaken,
  updateTagRow,
} from "@/db/queries/contacts";
import { tagsOfContacts } from "@/db/queries/contact-list";
import { publishLiveEvents } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { message } from "@/lib/i18n/translatable";

import { editableContact, type ContactActor } from "./access";
import { selectionCondition } from "./list";
import { tagChip } from "./mappers";
import { assertContactCapability } from "./records";
import { TAG_COLOURS, type ContactSelection, type TagChip, type TagColour, type TagView, CONTACT_LIMITS } from "./views";

export const TAG_NAME_MAX = CONTACT_LIMITS.tagName;
/** Tags one request may add or remove at once. */
export const TAGS_PER_CHANGE_MAX = CONTACT_LIMITS.tagsPerChange;

/** Every tag with how many contacts carry it, by name. */
export async function listTags(db: Database): Promise<TagView[]> {
  return (await listTagsWithCounts(db)).map((row) => ({ ...tagChip(row), contactCount: row.contactCount }));
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new ActionError(message("contacts.tagsAdmin.nameRequired"), { code: "INVALID_INPUT", field: "name" });
  if (trimmed.length > TAG_NAME_MAX) {
    throw new ActionError(message("contacts.tagsAdmin.nameTooLong", { maximum: TAG_NAME_MAX }), { code: "INVALID_INPUT", field: "name" });
  }
  return trimmed;
}

function checkedColour(colour: string): TagColour {
  if (!(TAG_COLOURS as readonly string[]).includes(colour)) throw new ActionError(message("contacts.tagsAdmin.colourInvalid"), { code: "INVALID_INPUT", field: "colour" });
  return colour as TagColour;
}

const nameTaken = (name: string) => new ActionError(message("contacts.tagsAdmin.nameTaken", { name }), { code: "CONFLICT", field: "name" });
const tagNotFound = () => new NotFoundError(message("contacts.tagsAdmin.notFound"));

/** A new tag (contacts.manage): a name no other tag has, whatever its case, and one of the colours. */
export async function createTag(db: Database, actor: ContactActor, input: { name: string; colour: string }): Promise<TagView> {
  assertContactCapability(actor, "contacts.manage");
  const name = checkedName(input.name);
  const colour = checkedColour(input.colour);
  return db.transaction(async (tx) => {
    const row = await insertTag(tx, { name, colour });
    if (!row) throw nameTaken(name);
    await recordAudit(tx, { actor, action: "contact_tag.created", target: { type: "contact_tag", id: row.id }, details: { name, colour } });
    return { id: row.id, name: row.name, colour, contactCount: 0 };
  });
}

/** Renames or recolours a tag (contacts.manage). */
export async function updateTag(db: Database, actor: ContactActor, tagId: string, change: { name?: string; colour?: string }): Promise<TagView> {
  assertContactCapability(actor, "contacts.manage");
  const name = change.name === undefined ? undefined : checkedName(change.name);
  const colour = change.colour === undefined ? undefined : checkedColour(change.colour);
  try {
    return await db.transaction(async (tx) => {
      const [current] = await findTagsByIds(tx, [tagId]);
      if (!current) throw tagNotFound();
      if (name !== undefined && (await tagNameTaken(tx, name, tagId))) throw nameTaken(name);
      const updated = await updateTagRow(tx, tagId, { ...(name !== undefined ? { name } : {}), ...(colour !== undefined ? { colour } : {}) });
      if (!updated) throw tagNotFound();
      await recordAudit(tx, {
        actor,
        action: "contact_tag.updated",
        target: { type: "contact_tag", id: tagId },
        details: { before: { name: current.name, colour: current.colour }, after: { name: updated.name, colour: updated.colour } },
      });
      await publishLiveEvents(tx, [{ kind: "contact.updated", payload: {} }]);
      const [view] = (await listTagsWithCounts(tx)).filter((row) => row.id === tagId);
      return { ...tagChip(updated), contactCount: view?.contactCount ?? 0 };
    });
  } catch (error) {
    // Another rename to the same name committed between the check and the update.
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/** Deletes a tag (contacts.manage); contacts carrying it simply lose it. */
export async function deleteTag(db: Database, actor: ContactActor, tagId: string): Promise<void> {
  assertContactCapability(actor, "contacts.manage");
  await db.transaction(async (tx) => {
    const [current] = await findTagsByIds(tx, [tagId]);
    if (!current) throw tagNotFound();
    const { contacts } = await deleteTagRow(tx, tagId);
    await recordAudit(tx, { actor, action: "contact_tag.deleted", target: { type: "contact_tag", id: tagId }, details: { name: current.name, contacts } });
    await publishLiveEvents(tx, [{ kind: "contact.updated", payload: {} }]);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tags named by id or by name (any case), in the order given; undefined for a reference to no tag. */
export async function tagsByReference(db: Database, references: readonly string[]): Promise<Array<TagChip | undefined>> {
  const trimmed = references.map((reference) => reference.trim());
  const [byId, byName] = await Promise.all([
    findTagsByIds(
      db,
      trimmed.filter((reference) => UUID.test(reference)),
    ),
    findTagsByNames(
      db,
      trimmed.filter((reference) => !UUID.test(reference)),
    ),
  ]);
  return trimmed.map((reference) => {
    const tag = UUID.test(reference)
      ? byId.find((candidate) => candidate.id.toLowerCase() === reference.toLowerCase())
      : byName.find((candidate) => candidate.name.toLowerCase() === reference.toLowerCase());
    return tag ? tagChip(tag) : undefined;
  });
}

/** Existing tags by id, every one of them, or a refusal naming the field. */
async function existingTags(db: Database, tagIds: readonly string[], field: string) {
  const unique = [...new Set(tagIds)];
  if (unique.length > TAGS_PER_CHANGE_MAX) {
    throw new ActionError(message("contacts.tagsAdmin.tooMany", { maximum: TAGS_PER_CHANGE_MAX }), { code: "INVALID_INPUT", field });
  }
  const tags = await findTagsByIds(db, unique);
  if (tags.length !== unique.length) throw new ActionError(message("contacts.tagsAdmin.notFound"), { code: "INVALID_INPUT", field });
  return tags;
}

/**
 * Adds and removes existing tags on one contact (anyone who may edit the contact); the contact's
 * tags after. A tag both added and removed is removed. Audited only when something changed.
 */
export async function setContactTags(db: Database, actor: ContactActor, contactId: string, change: { add?: string[]; remove?: string[] }): Promise<TagChip[]> {
  assertContactCapability(actor, "contacts.edit");
  const contact = await editableContact(db, actor, contactId);
  return db.transaction(async (tx) => {
    const removeTags = await existingTags(tx, change.remove ?? [], "remove");
    const addTags = (await existingTags(tx, change.add ?? [], "add")).filter((tag) => !removeTags.some((removed) => removed.id === tag.id));
    const added = await addTagLinks(
      tx,
      contact.id,
      addTags.map((tag) => tag.id),
    );
    const removed = await removeTagLinks(
      tx,
      contact.id,
      removeTags.map((tag) => tag.id),
    );
    if (added.length > 0 || removed.length > 0) {
      const nameOf = (id: string) => [...addTags, ...removeTags].find((tag) => tag.id === id)?.name ?? id;
      await recordAudit(tx, {
        actor,
        action: "contact.tags_changed",
        target: { type: "contact", id: contact.id },
        details: { added: added.map(nameOf), removed: removed.map(nameOf) },
      });
      await publishLiveEvents(tx, [{ kind: "contact.updated", payload: { contactId: contact.id } }]);
    }
    return ((await tagsOfContacts(tx, [contact.id])).get(contact.id) ?? []).map(tagChip);
  });
}

/**
 * Adds or removes tags on every selected contact (contacts.manage) in one statement, however many
 * the filter matches; how many contacts changed. Audited once with the count and the tags' names.
 */
export async function bulkTag(
  db: Database,
  actor: ContactActor,
  selection: ContactSelection,
  tagIds: string[],
  mode: "add" | "remove",
): Promise<{ affected: number }> {
  assertContactCapability(actor, "contacts.manage");
  if (tagIds.length === 0) throw new ActionError(message("contacts.tagsAdmin.noneChosen"), { code: "INVALID_INPUT", field: "tagIds" });
  const condition = await selectionCondition(db, actor, selection);
  return db.transaction(async (tx) => {
    const tags = await existingTags(tx, tagIds, "tagIds");
    const ids = tags.map((tag) => tag.id);
    const affected = mode === "add" ? await addTagLinksWhere(tx, condition, ids) : await removeTagLinksWhere(tx, condition, ids);
    await recordAudit(tx, {
      actor,
      action: mode === "add" ? "contacts.bulk_tagged" : "contacts.bulk_untagged",
      details: { count: affected, tags: tags.map((tag) => tag.name), selection: "ids" in selection ? "ids" : "filter" },
    });
    if (affected > 0) await publishLiveEvents(tx, [{ kind: "contact.updated", payload: {} }]);
    return { affected };
  });
}

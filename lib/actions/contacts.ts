"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { createAttributeDefinition, deleteAttributeDefinition, updateAttributeDefinition } from "@/lib/contacts/attributes";
import { bulkDeleteContacts, deleteContact, deletionSummary } from "@/lib/contacts/deletion";
import { addNote, deleteNote, updateNote } from "@/lib/contacts/notes";
import { createContact, updateContact } from "@/lib/contacts/records";
import { bulkTag, createTag, deleteTag, setContactTags, updateTag } from "@/lib/contacts/tags";
import type { AttributeDefinitionView, ContactDetail, ContactNoteView, TagChip, TagView } from "@/lib/contacts/views";
import { can, type Capability } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

import { authActionClient } from "./client";
import {
  addContactNoteSchema,
  bulkDeleteContactsSchema,
  bulkTagContactsSchema,
  contactIdSchema,
  createAttributeSchema,
  createContactSchema,
  createTagSchema,
  deleteAttributeSchema,
  deleteContactNoteSchema,
  deleteTagSchema,
  setContactTagsSchema,
  updateAttributeSchema,
  updateContactNoteSchema,
  updateContactSchema,
  updateTagSchema,
} from "./contacts.schema";

/** Signed-in users whose role holds the capability (the services check it again, and which contacts). */
function clientWith(capability: Capability) {
  return authActionClient.use(async ({ next, ctx }) => {
    if (!can(ctx.user.role, capability)) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: ctx.user.role }));
    return next();
  });
}

/** Everyone: a contact's name, attributes, tags and notes, for the customers they may edit. */
const editClient = clientWith("contacts.edit");
/** Marketers and admins: create and delete contacts, tags, bulk changes. */
const manageClient = clientWith("contacts.manage");
/** Admins: the attribute definitions. */
const settingsClient = clientWith("contacts.settings");

/** The server-rendered contact pages that show what changed. */
function refreshContactPages(contactId?: string) {
  revalidatePath("/contacts");
  if (contactId) revalidatePath(`/contacts/${contactId}`);
}

/** A note's change is known by its id only: every contact page may show it. */
function refreshNotePages() {
  revalidatePath("/contacts/[contactId]", "page");
}

function refreshAttributePages() {
  refreshContactPages();
  revalidatePath("/settings/contacts");
}

export const createContactAction = manageClient
  .metadata({ actionName: "createContact" })
  .inputSchema(createContactSchema)
  .action(async ({ parsedInput, ctx }): Promise<ContactDetail> => {
    const detail = await createContact(await getDb(), ctx.user, parsedInput, { source: "dashboard" });
    refreshContactPages();
    return detail;
  });

export const updateContactAction = editClient
  .metadata({ actionName: "updateContact" })
  .inputSchema(updateContactSchema)
  .action(async ({ parsedInput: { contactId, ...patch }, ctx }): Promise<ContactDetail> => {
    const detail = await updateContact(await getDb(), ctx.user, contactId, patch);
    refreshContactPages(contactId);
    return detail;
  });

export const setContactTagsAction = editClient
  .metadata({ actionName: "setContactTags" })
  .inputSchema(setContactTagsSchema)
  .action(async ({ parsedInput: { contactId, ...change }, ctx }): Promise<TagChip[]> => {
    const tags = await setContactTags(await getDb(), ctx.user, contactId, change);
    refreshContactPages(contactId);
    return tags;
  });

export const bulkTagContactsAction = manageClient
  .metadata({ actionName: "bulkTagContacts" })
  .inputSchema(bulkTagContactsSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ affected: number }> => {
    const result = await bulkTag(await getDb(), ctx.user, parsedInput.selection, parsedInput.tagIds, parsedInput.mode);
    refreshContactPages();
    return result;
  });

export const contactDeletionSummaryAction = manageClient
  .metadata({ actionName: "contactDeletionSummary" })
  .inputSchema(contactIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ conversations: number; messages: number }> => deletionSummary(await getDb(), ctx.user, parsedInput.contactId));

export const deleteContactAction = manageClient
  .metadata({ actionName: "deleteContact" })
  .inputSchema(contactIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ conversationsKept: number; messagesKept: number }> => {
    const kept = await deleteContact(await getDb(), ctx.user, parsedInput.contactId);
    refreshContactPages(parsedInput.contactId);
    return kept;
  });

export const bulkDeleteContactsAction = manageClient
  .metadata({ actionName: "bulkDeleteContacts" })
  .inputSchema(bulkDeleteContactsSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ deleted: number }> => {
    const result = await bulkDeleteContacts(await getDb(), ctx.user, parsedInput);
    refreshContactPages();
    return result;
  });

export const addContactNoteAction = editClient
  .metadata({ actionName: "addContactNote" })
  .inputSchema(addContactNoteSchema)
  .action(async ({ parsedInput, ctx }): Promise<ContactNoteView> => {
    const note = await addNote(await getDb(), ctx.user, parsedInput.contactId, parsedInput.body);
    refreshContactPages(parsedInput.contactId);
    return note;
  });

export const updateContactNoteAction = editClient
  .metadata({ actionName: "updateContactNote" })
  .inputSchema(updateContactNoteSchema)
  .action(async ({ parsedInput, ctx }): Promise<ContactNoteView> => {
    const note = await updateNote(await getDb(), ctx.user, parsedInput.noteId, parsedInput.body);
    refreshNotePages();
    return note;
  });

export const deleteContactNoteAction = editClient
  .metadata({ actionName: "deleteContactNote" })
  .inputSchema(deleteContactNoteSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => {
    await deleteNote(await getDb(), ctx.user, parsedInput.noteId);
    refreshNotePages();
  });

export const createTagAction = manageClient
  .metadata({ actionName: "createTag" })
  .inputSchema(createTagSchema)
  .action(async ({ parsedInput, ctx }): Promise<TagView> => {
    const tag = await createTag(await getDb(), ctx.user, parsedInput);
    refreshContactPages();
    return tag;
  });

export const updateTagAction = manageClient
  .metadata({ actionName: "updateTag" })
  .inputSchema(updateTagSchema)
  .action(async ({ parsedInput: { tagId, ...change }, ctx }): Promise<TagView> => {
    const tag = await updateTag(await getDb(), ctx.user, tagId, change);
    refreshContactPages();
    return tag;
  });

export const deleteTagAction = manageClient
  .metadata({ actionName: "deleteTag" })
  .inputSchema(deleteTagSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => {
    await deleteTag(await getDb(), ctx.user, parsedInput.tagId);
    refreshContactPages();
  });

export const createAttributeAction = settingsClient
  .metadata({ actionName: "createAttribute" })
  .inputSchema(createAttributeSchema)
  .action(async ({ parsedInput, ctx }): Promise<AttributeDefinitionView> => {
    const definition = await createAttributeDefinition(await getDb(), ctx.user, parsedInput);
    refreshAttributePages();
    return definition;
  });

export const updateAttributeAction = settingsClient
  .metadata({ actionName: "updateAttribute" })
  .inputSchema(updateAttributeSchema)
  .action(async ({ parsedInput: { attributeId, ...change }, ctx }): Promise<AttributeDefinitionView> => {
    const definition = await updateAttributeDefinition(await getDb(), ctx.user, attributeId, change);
    refreshAttributePages();
    return definition;
  });

export const deleteAttributeAction = settingsClient
  .metadata({ actionName: "deleteAttribute" })
  .inputSchema(deleteAttributeSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ valuesRemoved: number }> => {
    const result = await deleteAttributeDefinition(await getDb(), ctx.user, parsedInput.attributeId);
    refreshAttributePages();
    return result;
  });

/**
 * The contact actions' inputs, shared by the forms and the actions. The services check the same
 * limits again (whatever the door) and name the field they refuse.
 */
import { z } from "@/lib/zod";

import { ATTRIBUTE_KEY_PATTERN, ATTRIBUTE_TYPES, contactFilterSchema } from "@/lib/contacts/filter";
import { CONTACT_LIMITS, TAG_COLOURS } from "@/lib/contacts/views";
import { invalid } from "@/lib/i18n/validation";


const contactId = z.uuid(invalid("contacts.errors.idInvalid"));
const tagId = z.uuid(invalid("contacts.tagsAdmin.notFound"));
const noteId = z.uuid(invalid("contacts.notes.notFound"));
const attributeId = z.uuid(invalid("contacts.attributesAdmin.notFound"));
const tagIds = z.array(tagId).max(CONTACT_LIMITS.tagsPerChange, invalid("contacts.tagsAdmin.tooMany"));

const displayName = z.string().trim().max(CONTACT_LIMITS.displayName, invalid("contacts.errors.displayNameTooLong")).nullable();

/** Attribute values by key: text as typed (read by the attribute's type on the server), a number, a boolean, or null to remove. */
const attributeValues = z.record(
  z.string().regex(ATTRIBUTE_KEY_PATTERN),
  z.union([z.string().max(CONTACT_LIMITS.attributeText, invalid("contacts.errors.valueTextTooLong")), z.number().finite(), z.boolean(), z.null()]),
);

export const createContactSchema = z.object({
  phone: z.string().trim().min(1, invalid("contacts.errors.phoneMissing")).max(CONTACT_LIMITS.phone, invalid("contacts.errors.phoneTooLong")),
  /** ISO 3166-1 alpha-2, for a number typed in its national form. */
  defaultCountry: z.string().trim().regex(/^([A-Z]{2})?$/, invalid("contacts.errors.phoneInvalidCountry")).optional(),
  displayName: displayName.optional(),
});
export type CreateContactInput = z.infer<typeof createContactSchema>;

export const updateContactSchema = z.object({
  contactId,
  displayName: displayName.optional(),
  attributes: attributeValues.optional(),
});
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

export const setContactTagsSchema = z.object({ contactId, add: tagIds.optional(), remove: tagIds.optional() });

/** The ticked contacts, or every one matching a filter (and a segment). */
export const contactSelectionSchema = z.union([
  z.object({ ids: z.array(contactId).min(1).max(CONTACT_LIMITS.bulkIds, invalid("contacts.errors.tooManyIds")) }),
  z.object({ filter: contactFilterSchema, segmentId: z.uuid().optional() }),
]);

export const bulkTagContactsSchema = z.object({
  selection: contactSelectionSchema,
  tagIds: tagIds.min(1, invalid("contacts.tagsAdmin.noneChosen")),
  mode: z.enum(["add", "remove"]),
});

export const contactIdSchema = z.object({ contactId });

export const bulkDeleteContactsSchema = z.object({
  ids: z.array(contactId).min(1).max(CONTACT_LIMITS.bulkIds, invalid("contacts.errors.tooManyIds")),
});

const noteBody = z.string().trim().min(1, invalid("contacts.notes.empty")).max(CONTACT_LIMITS.noteBody, invalid("contacts.notes.tooLong"));

export const addContactNoteSchema = z.object({ contactId, body: noteBody });
export const updateContactNoteSchema = z.object({ noteId, body: noteBody });
export const deleteContactNoteSchema = z.object({ noteId });

const tagName = z.string().trim().min(1, invalid("contacts.tagsAdmin.nameRequired")).max(CONTACT_LIMITS.tagName, invalid("contacts.tagsAdmin.nameTooLong"));
const tagColour = z.enum(TAG_COLOURS, invalid("contacts.tagsAdmin.colourInvalid"));

export const createTagSchema = z.object({ name: tagName, colour: tagColour });
export type CreateTagInput = z.infer<typeof createTagSchema>;
export const updateTagSchema = z.object({ tagId, name: tagName.optional(), colour: tagColour.optional() });
export const deleteTagSchema = z.object({ tagId });

const attributeName = z
  .string()
  .trim()
  .min(1, invalid("contacts.attributesAdmin.nameRequired"))
  .max(CONTACT_LIMITS.attributeName, invalid("contacts.attributesAdmin.nameTooLong"));
const attributeOptions = z
  .array(
    z
      .string()
      .trim()
      .min(1, invalid("contacts.attributesAdmin.optionEmpty"))
      .max(CONTACT_LIMITS.attributeOption, invalid("contacts.attributesAdmin.optionTooLong")),
  )
  .max(CONTACT_LIMITS.attributeOptions, invalid("contacts.attributesAdmin.optionsTooMany"));

export const createAttributeSchema = z.object({
  key: z.string().trim().regex(ATTRIBUTE_KEY_PATTERN, invalid("contacts.attributesAdmin.keyInvalid")),
  name: attributeName,
  type: z.enum(ATTRIBUTE_TYPES, invalid("contacts.attributesAdmin.typeInvalid")),
  /** A choice's options, in order; ignored for other types. */
  options: attributeOptions.default([]),
});
export type CreateAttributeInput = z.input<typeof createAttributeSchema>;
export const updateAttributeSchema = z.object({ attributeId, name: attributeName.optional(), options: attributeOptions.optional() });
export const deleteAttributeSchema = z.object({ attributeId });

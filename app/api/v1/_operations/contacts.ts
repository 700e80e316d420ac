/**
 * One contact in the public API: create, read, change, delete, through the contact services (their
 * checks, limits and audit). The list is with the segments (segments.ts).
 */
import type { Database } from "@/db/client";
import { defineOperation } from "@/lib/api/operation";
import { ApiProblem } from "@/lib/api/problem";
import { apiContact, apiContactSchema, contactIdParam, createContactBody, updateContactBody } from "@/lib/api/resources/contacts";
import { ActionError } from "@/lib/actions/errors";
import type { ContactActor } from "@/lib/contacts/access";
import { changeConsent } from "@/lib/contacts/consent";
import { deleteContact } from "@/lib/contacts/deletion";
import { createContact, getContactDetail, updateContact } from "@/lib/contacts/records";
import { setContactTags, tagsByReference } from "@/lib/contacts/tags";
import { message } from "@/lib/i18n/translatable";
import { z } from "@/lib/zod";

const contactParams = z.object({ contact_id: contactIdParam });

/** Tag references (ids or names) as tag ids; any unknown one is refused, naming its place in the body. */
async function tagIdsOf(db: Database, references: readonly string[] | undefined, field: string): Promise<string[]> {
  if (!references || references.length === 0) return [];
  const tags = await tagsByReference(db, references);
  const errors = tags.flatMap((tag, index) => (tag ? [] : [{ field: `${field}.${index}`, detail: message("contacts.records.api.tagUnknown", { tag: references[index]! }) }]));
  if (errors.length > 0) throw new ApiProblem(422, "INVALID_INPUT", errors[0]!.detail, { errors });
  return tags.map((tag) => tag!.id);
}

export const createContactOperation = defineOperation({
  method: "POST",
  path: "/contacts",
  operationId: "createContact",
  summary: "Create a contact",
  description:
    "A new contact by phone number, with a name, attribute values, existing tags and marketing consent. A number already known answers 409 `CONFLICT` on `phone`. Needs the marketer or admin role.",
  tag: "Contacts",
  capability: "contacts.manage",
  body: createContactBody,
  idempotent: true,
  success: { status: 201, description: "The new contact.", schema: apiContactSchema },
  async handle({ db, user, body }) {
    const tagIds = await tagIdsOf(db, body.tags, "tags");
    try {
      const detail = await createContact(
        db,
        user,
        {
          phone: body.phone,
          defaultCountry: body.default_country,
          displayName: body.display_name,
          attributes: body.attributes,
          tagIds,
          consent: body.consent ? { state: body.consent, source: body.consent_source } : undefined,
        },
        { source: "api" },
      );
      return apiContact(detail);
    } catch (error) {
      if (error instanceof ActionError && error.code === "CONFLICT") {
        throw new ApiProblem(409, "CONFLICT", error.said, { errors: [{ field: "phone", detail: error.said }] });
      }
      throw error;
    }
  },
});

export const getContactOperation = defineOperation({
  method: "GET",
  path: "/contacts/{contact_id}",
  operationId: "getContact",
  summary: "Get a contact",
  description: "One contact; a contact you may not see (it talks only with numbers of connections you cannot work in) answers 404, like one that does not exist.",
  tag: "Contacts",
  capability: "contacts.view",
  params: contactParams,
  success: { status: 200, description: "The contact.", schema: apiContactSchema },
  async handle({ db, user, params }) {
    return apiContact(await getContactDetail(db, user, params.contact_id));
  },
});

export const updateContactOperation = defineOperation({
  method: "PATCH",
  path: "/contacts/{contact_id}",
  operationId: "updateContact",
  summary: "Change a contact",
  description:
    "Changes the name, attribute values, tags and consent of a contact. Agents may change only the customers they talk with (403 otherwise); tags must exist. Consent changes are recorded with the source `api`.",
  tag: "Contacts",
  capability: "contacts.edit",
  params: contactParams,
  body: updateContactBody,
  success: { status: 200, description: "The contact as it is now.", schema: apiContactSchema },
  async handle({ db, user, params, body }) {
    const contactId = params.contact_id;
    const [add, remove] = [await tagIdsOf(db, body.tags?.add, "tags.add"), await tagIdsOf(db, body.tags?.remove, "tags.remove")];
    if (body.display_name !== undefined || body.attributes !== undefined) {
      await updateContact(db, user, contactId, { displayName: body.display_name, attributes: body.attributes });
    }
    if (add.length > 0 || remove.length > 0) await setContactTags(db, user, contactId, { add, remove });
    if (body.consent) await changeConsent(db, user satisfies ContactActor, contactId, { state: body.consent, source: "api" });
    return apiContact(await getContactDetail(db, user, contactId));
  },
});

export const deleteContactOperation = defineOperation({
  method: "DELETE",
  path: "/contacts/{contact_id}",
  operationId: "deleteContact",
  summary: "Delete a contact",
  description:
    "Deletes the contact's personal data, attributes, tags, notes and consent history for good (a privacy request). Its conversations and messages stay, with an anonymised contact; if the customer writes again, they are a new contact. Needs the marketer or admin role.",
  tag: "Contacts",
  capability: "contacts.manage",
  params: contactParams,
  success: { status: 204, description: "Deleted." },
  async handle({ db, user, params }) {
    await deleteContact(db, user, params.contact_id);
    return undefined;
  },
});

export const CONTACT_OPERATIONS = [createContactOperation, getContactOperation, updateContactOperation, deleteContactOperation];

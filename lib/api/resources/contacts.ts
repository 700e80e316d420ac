/**
 * The public API's contact: its schema (documented, snake_case), the mapper from the contact views,
 * and the inputs of creating and changing one. Never the internal key (`wa_id`).
 */
import "server-only";

import { CONSENT_STATES } from "@/lib/contacts/filter";
import { CONSENT_SOURCES, TAG_COLOURS, type ContactListItem } from "@/lib/contacts/views";
import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

import { timestamp } from "./conversations";

export const contactIdParam = z.uuid().meta({ description: "The contact's id.", example: "3b9d6f1e-8c2a-4e5b-9f0d-7a1c2e3f4b5d" });

const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

export const apiContactSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable().meta({ description: "The team's name for the contact, else the name on their WhatsApp profile.", example: "Maya Thompson" }),
    display_name: z.string().nullable().meta({ description: "The team's own name for the contact.", example: "Maya Thompson" }),
    profile_name: z.string().nullable().meta({ description: "The name on the customer's WhatsApp profile, as WhatsApp last reported it.", example: "Maya T." }),
    phone_number: z.string().nullable().meta({ description: "E.164 with \"+\"; null while WhatsApp withholds it.", example: "+14155550101" }),
    user_id: z.string().nullable().meta({ description: "The customer's business-scoped user id, when WhatsApp reported one.", example: "US.13491208655302741918" }),
    username: z.string().nullable().meta({ description: "The customer's WhatsApp username, when they have one.", example: "maya.t" }),
    tags: z.array(z.object({ id: z.uuid(), name: z.string(), colour: z.enum(TAG_COLOURS) })),
    attributes: z.record(z.string(), attributeValue).meta({ description: "Custom attribute values by key (see the attribute definitions).", example: { city: "Lisbon", orders: 3 } }),
    consent: z.enum(CONSENT_STATES).meta({ description: "Marketing consent: no marketing template goes to an opted-out contact." }),
    consent_source: z.enum(CONSENT_SOURCES).nullable().meta({ description: "Who or what set the consent." }),
    consent_updated_at: timestamp.nullable(),
    last_message_at: timestamp.nullable(),
    last_inbound_at: timestamp.nullable().meta({ description: "When the customer last wrote, on any business number." }),
    created_at: timestamp,
  })
  .meta({
    id: "Contact",
    description: "A customer of the business: who they are, the team's tags and attributes, and their marketing consent.",
    example: {
      id: "3b9d6f1e-8c2a-4e5b-9f0d-7a1c2e3f4b5d",
      name: "Maya Thompson",
      display_name: "Maya Thompson",
      profile_name: "Maya T.",
      phone_number: "+14155550101",
      user_id: null,
      username: null,
      tags: [{ id: "8f2c1a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b", name: "VIP", colour: "violet" }],
      attributes: { city: "Lisbon", orders: 3 },
      consent: "opted_in",
      consent_source: "form",
      consent_updated_at: "2026-03-14T09:26:53.000Z",
      last_message_at: "2026-03-14T09:26:53.000Z",
      last_inbound_at: "2026-03-14T09:20:11.000Z",
      created_at: "2026-02-01T12:00:00.000Z",
    },
  });

export type ApiContact = z.input<typeof apiContactSchema>;

/** A contact of the list (or its detail) as the API's contact. */
export function apiContact(item: ContactListItem): ApiContact {
  return {
    id: item.id,
    name: item.name,
    display_name: item.displayName,
    profile_name: item.profileName,
    phone_number: item.phoneNumber ? `+${item.phoneNumber}` : null,
    user_id: item.userId,
    username: item.username,
    tags: item.tags.map((tag) => ({ id: tag.id, name: tag.name, colour: tag.colour })),
    attributes: item.attributes,
    consent: item.consent.state,
    consent_source: item.consent.source,
    consent_updated_at: item.consent.at,
    last_message_at: item.lastMessageAt,
    last_inbound_at: item.lastInboundAt,
    created_at: item.createdAt,
  };
}

/** A tag by its id or its name (any case). */
const tagReference = z.string().trim().min(1).max(64).meta({ description: "A tag's id, or its name (any case).", example: "VIP" });
const tagReferences = z.array(tagReference).max(50);

const attributeValues = z
  .record(z.string(), attributeValue.nullable())
  .meta({ description: "Values by attribute key, checked against the attribute's type; null removes a value.", example: { city: "Lisbon", orders: 3 } });

export const createContactBody = z
  .object({
    phone: z.string().trim().min(1).max(64).meta({ description: "The customer's number: E.164 (\"+14155550101\"), or national with `default_country`.", example: "+14155550101" }),
    default_country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .meta({ description: "ISO 3166-1 alpha-2 country of a number written in its national form.", example: "US" }),
    display_name: z.string().max(100).nullable().optional().meta({ description: "The team's own name for the contact.", example: "Maya Thompson" }),
    attributes: attributeValues.optional(),
    tags: tagReferences.optional().meta({ description: "Existing tags to put on the contact, by id or name." }),
    consent: z.enum(["opted_in", "opted_out"]).optional().meta({ description: "Marketing consent given or refused, e.g. on a sign-up form." }),
    consent_source: z.enum(["api", "form"]).default("api").meta({ description: "Where the consent was given: `form` for a form of yours, else `api`." }),
  })
  .meta({ id: "ContactCreate", description: "A new contact." });

export const updateContactBody = z
  .object({
    display_name: z.string().max(100).nullable().optional().meta({ description: "The team's own name for the contact; null removes it." }),
    attributes: attributeValues.optional(),
    tags: z
      .object({ add: tagReferences.optional(), remove: tagReferences.optional() })
      .optional()
      .meta({ description: "Existing tags to add and to remove, by id or name." }),
    consent: z
      .enum(["opted_in", "opted_out"], invalid("contacts.records.api.consentUnknown"))
      .optional()
      .meta({ description: "Marketing consent, as the contact told you; `unknown` cannot be set." }),
  })
  .meta({ id: "ContactUpdate", description: "The fields to change; the ones left out stay as they are." });

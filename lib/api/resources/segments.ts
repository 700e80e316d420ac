/**
 * The public API's segment and its filter, in snake_case, and the mappers to and from the
 * dashboard's ContactFilter (lib/contacts/filter.ts): one filter, two spellings.
 */
import "server-only";

import { ALL_ATTRIBUTE_OPERATORS, CONSENT_STATES, FILTER_LIMITS, type ContactFilter } from "@/lib/contacts/filter";
import { SEGMENT_NAME_MAX } from "@/lib/contacts/segment-rules";
import type { SegmentView } from "@/lib/contacts/views";
import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

import { timestamp } from "./conversations";

const tagIds = z.array(z.uuid()).max(FILTER_LIMITS.tags);

export const apiContactFilterSchema = z
  .object({
    search: z.string().trim().max(FILTER_LIMITS.search).optional().meta({ description: "Names and @username by words (each the start of a word, any case and accents; Chinese, Japanese and Thai by any part), the number by three digits or more as typed, a user id exactly.", example: "maya" }),
    tags: z
      .object({
        all: tagIds.optional().meta({ description: "Has every one of these tags (ids)." }),
        any: tagIds.optional().meta({ description: "Has at least one of these tags (ids)." }),
        none: tagIds.optional().meta({ description: "Has none of these tags (ids)." }),
      })
      .optional(),
    attributes: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).meta({ description: "The attribute's key.", example: "city" }),
          op: z.enum(ALL_ATTRIBUTE_OPERATORS).meta({
            description:
              "By the attribute's type: text eq, neq, contains; number eq, neq, gt, gte, lt, lte; date eq, before, after; boolean is_true, is_false; choice eq, neq, in; any type is_set, is_not_set. `neq` keeps contacts without the attribute.",
          }),
          value: z
            .union([z.string().max(FILTER_LIMITS.value), z.number(), z.array(z.string().max(FILTER_LIMITS.value)).max(FILTER_LIMITS.choices)])
            .optional()
            .meta({ description: "Text, a number, a `YYYY-MM-DD` date, or (for `in`) a list of options; none for the operators that take no value.", example: "Lisbon" }),
        }),
      )
      .max(FILTER_LIMITS.attributes)
      .optional()
      .meta({ description: "Conditions on custom attributes; every one must hold." }),
    consent: z.array(z.enum(CONSENT_STATES)).min(1).max(CONSENT_STATES.length).optional().meta({ description: "Consent is one of these." }),
    last_inbound_within_days: z.number().int().min(1).max(FILTER_LIMITS.days).optional().meta({ description: "Wrote to the business in the last N days.", example: 30 }),
    window_open: z.boolean().optional().meta({ description: "The 24-hour window is open now (true) or closed (false)." }),
    phone_number_id: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "Has a conversation on this business number; `last_inbound_within_days` and `window_open` are then about that conversation." }),
  })
  .meta({ id: "ContactFilter", description: "Which contacts: every part given must hold.", example: { tags: { all: ["8f2c1a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b"] }, consent: ["opted_in"] } });

export type ApiContactFilter = z.output<typeof apiContactFilterSchema>;

/** The API's filter as the dashboard's. */
export function contactFilterOf(filter: ApiContactFilter): ContactFilter {
  const result: ContactFilter = {};
  if (filter.search) result.search = filter.search;
  if (filter.tags) result.tags = filter.tags;
  if (filter.attributes) result.attributes = filter.attributes;
  if (filter.consent) result.consent = filter.consent;
  if (filter.last_inbound_within_days !== undefined) result.lastInboundWithinDays = filter.last_inbound_within_days;
  if (filter.window_open !== undefined) result.windowOpen = filter.window_open;
  if (filter.phone_number_id !== undefined) result.phoneNumberId = filter.phone_number_id;
  return result;
}

/** The dashboard's filter as the API's. */
export function apiContactFilter(filter: ContactFilter): z.input<typeof apiContactFilterSchema> {
  return {
    ...(filter.search ? { search: filter.search } : {}),
    ...(filter.tags ? { tags: filter.tags } : {}),
    ...(filter.attributes ? { attributes: filter.attributes } : {}),
    ...(filter.consent ? { consent: filter.consent } : {}),
    ...(filter.lastInboundWithinDays !== undefined ? { last_inbound_within_days: filter.lastInboundWithinDays } : {}),
    ...(filter.windowOpen !== undefined ? { window_open: filter.windowOpen } : {}),
    ...(filter.phoneNumberId !== undefined ? { phone_number_id: filter.phoneNumberId } : {}),
  };
}

export const segmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: "VIPs in Lisbon" }),
    filter: apiContactFilterSchema,
    count: z.number().int().min(0).optional().meta({ description: "How many contacts you see match it now (on creation)." }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Segment", description: "A saved contact filter, shared by the team: a campaign's audience." });

export type ApiSegment = z.input<typeof segmentSchema>;

export function apiSegment(segment: SegmentView, count?: number): ApiSegment {
  return {
    id: segment.id,
    name: segment.name,
    filter: apiContactFilter(segment.filter),
    ...(count !== undefined ? { count } : {}),
    created_at: segment.createdAt,
    updated_at: segment.updatedAt,
  };
}

export const createSegmentBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, invalid("contacts.segmentsApi.nameRequired"))
      .max(SEGMENT_NAME_MAX, invalid("contacts.segmentsApi.nameTooLong"))
      .meta({ description: "Unique, whatever its case.", example: "VIPs in Lisbon" }),
    filter: apiContactFilterSchema,
  })
  .meta({ id: "SegmentCreate", description: "A new segment." });

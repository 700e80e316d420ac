/**
 * Which contacts: the one filter shape of the contact list, segments, bulk actions, exports and the
 * API. Browser-safe (the segment builder and the list's URL use it); what it means in SQL is
 * db/queries/contact-list.ts's, once lib/contacts/list.ts has checked it against the attributes'
 * definitions.
 */
import { z } from "@/lib/zod";

/** A contact's marketing consent (db/schema.ts CONTACT_CONSENTS, restated so browser code never loads the schema). */
export const CONSENT_STATES = ["opted_in", "unknown", "opted_out"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** The types a custom attribute may have (db/schema.ts CONTACT_ATTRIBUTE_TYPES). */
export const ATTRIBUTE_TYPES = ["text", "number", "date", "boolean", "choice"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** An attribute's key: snake_case, as stored in `contacts.attributes` and used as `{{contact.<key>}}`. */
export const ATTRIBUTE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * What can be asked of an attribute, by its type. Values: text for text and choice (`in`: a list),
 * a number for number, `YYYY-MM-DD` for date (`eq` is that day, `before`/`after` exclusive); none for
 * `is_set`, `is_not_set`, `is_true`, `is_false`.
 */
export const ATTRIBUTE_OPERATORS = {
  text: ["eq", "neq", "contains", "is_set", "is_not_set"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "is_set", "is_not_set"],
  date: ["eq", "before", "after", "is_set", "is_not_set"],
  boolean: ["is_true", "is_false", "is_set", "is_not_set"],
  choice: ["eq", "neq", "in", "is_set", "is_not_set"],
} as const satisfies Record<AttributeType, readonly string[]>;

export const ALL_ATTRIBUTE_OPERATORS = [
  "eq",
  "neq",
  "contains",
  "gt",
  "gte",
  "lt",
  "lte",
  "before",
  "after",
  "in",
  "is_true",
  "is_false",
  "is_set",
  "is_not_set",
] as const;
export type AttributeOperator = (typeof ALL_ATTRIBUTE_OPERATORS)[number];

/** Operators that take no value. */
export const VALUELESS_OPERATORS: readonly AttributeOperator[] = ["is_set", "is_not_set", "is_true", "is_false"];

export const FILTER_LIMITS = { search: 100, tags: 20, attributes: 10, value: 200, choices: 50, days: 3650 } as const;

const tagIds = z.array(z.uuid()).max(FILTER_LIMITS.tags);

export const attributeConditionSchema = z.object({
  key: z.string().regex(ATTRIBUTE_KEY_PATTERN),
  op: z.enum(ALL_ATTRIBUTE_OPERATORS),
  value: z
    .union([z.string().max(FILTER_LIMITS.value), z.number().finite(), z.array(z.string().max(FILTER_LIMITS.value)).max(FILTER_LIMITS.choices)])
    .optional(),
});
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

/**
 * A filter; every part present must hold (AND). `phoneNumberId` keeps contacts with a conversation on
 * that business number, and then `lastInboundWithinDays` and `windowOpen` are about that conversation;
 * without it they are about the contact's latest conversation on any number.
 */
export const contactFilterSchema = z.object({
  /** In names, number, @username and user id (case-insensitive, anywhere in them). */
  search: z.string().trim().max(FILTER_LIMITS.search).optional(),
  tags: z
    .object({
      /** Has every one of these tags. */
      all: tagIds.optional(),
      /** Has at least one of these tags. */
      any: tagIds.optional(),
      /** Has none of these tags. */
      none: tagIds.optional(),
    })
    .optional(),
  attributes: z.array(attributeConditionSchema).max(FILTER_LIMITS.attributes).optional(),
  /** Consent is one of these. */
  consent: z.array(z.enum(CONSENT_STATES)).min(1).max(CONSENT_STATES.length).optional(),
  /** Wrote to the business in the last N days. */
  lastInboundWithinDays: z.number().int().min(1).max(FILTER_LIMITS.days).optional(),
  /** The 24-hour window is open now (true) or closed (false). */
  windowOpen: z.boolean().optional(),
  phoneNumberId: z.string().min(1).max(64).optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

/** How the contact list is ordered: latest message first (contacts never written to last), by name, newest first. */
export const CONTACT_SORTS = ["last_message", "name", "created"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** Whether a filter keeps every contact (nothing set). */
export function isEmptyFilter(filter: ContactFilter): boolean {
  const { tags, attributes, consent, ...rest } = filter;
  const hasTags = Boolean(tags && ((tags.all?.length ?? 0) > 0 || (tags.any?.length ?? 0) > 0 || (tags.none?.length ?? 0) > 0));
  return (
    !hasTags &&
    (attributes?.length ?? 0) === 0 &&
    (consent?.length ?? 0) === 0 &&
    !rest.search &&
    rest.lastInboundWithinDays === undefined &&
    rest.windowOpen === undefined &&
    rest.phoneNumberId === undefined
  );
}

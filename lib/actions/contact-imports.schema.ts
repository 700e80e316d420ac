import { z } from "@/lib/zod";

import { ATTRIBUTE_KEY_PATTERN } from "@/lib/contacts/filter";
import type { ImportField } from "@/lib/contacts/views";
import { invalid } from "@/lib/i18n/validation";

const FIXED_FIELDS = new Set(["name", "phone", "tags", "consent"]);

/** A field a column may feed: name, phone, tags, consent or `attribute:<key>` (whether the key exists is the server's check). */
const importField = z
  .string()
  .refine((field) => FIXED_FIELDS.has(field) || (field.startsWith("attribute:") && ATTRIBUTE_KEY_PATTERN.test(field.slice("attribute:".length))), invalid("contacts.import.errors.fieldInvalid"))
  .transform((field) => field as ImportField);

/** Starting an uploaded import: which column (its index, as text) feeds which field, and the country of national numbers. */
export const startContactImportSchema = z.object({
  importId: z.uuid(invalid("contacts.import.errors.notFound")),
  mapping: z.record(z.string().regex(/^\d{1,4}$/, invalid("contacts.import.errors.columnInvalid")), importField),
  defaultCountry: z
    .string()
    .trim()
    .max(2, invalid("contacts.import.errors.countryInvalidFormat"))
    .nullable()
    .optional(),
});
export type StartContactImportInput = z.input<typeof startContactImportSchema>;

export const discardContactImportSchema = z.object({ importId: z.uuid(invalid("contacts.import.errors.notFound")) });
export type DiscardContactImportInput = z.infer<typeof discardContactImportSchema>;

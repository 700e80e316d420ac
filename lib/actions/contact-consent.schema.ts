import { z } from "@/lib/zod";

import { CONSENT_NOTE_MAX } from "@/lib/contacts/keyword-rules";
import { invalid } from "@/lib/i18n/validation";

/**
 * A person's change of a contact's consent: to opted in or opted out (never back to unknown), with an
 * optional note kept in the history. Browser-safe: the record's dialog validates with it too.
 */
export const changeConsentSchema = z.object({
  contactId: z.uuid(invalid("contacts.errors.notFound")),
  state: z.enum(["opted_in", "opted_out"], invalid("contacts.consent.stateInvalid")),
  note: z.string().trim().max(CONSENT_NOTE_MAX, invalid("contacts.consent.noteTooLong")).optional(),
});
export type ChangeConsentInput = z.infer<typeof changeConsentSchema>;

/**
 * The opt-out keywords by language, as the settings form sends them. Only the shape is checked here;
 * the limits, languages and duplicates are the service's (lib/contacts/keyword-rules.ts), which names
 * the keyword at fault.
 */
export const saveOptOutKeywordsSchema = z.object({
  keywords: z.record(z.string(), z.array(z.string())),
});
export type SaveOptOutKeywordsInput = z.infer<typeof saveOptOutKeywordsSchema>;

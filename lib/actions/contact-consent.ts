"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { AuthorizationError } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { changeConsent } from "@/lib/contacts/consent";
import { saveOptOutKeywords, type OptOutKeywords } from "@/lib/contacts/keywords";
import type { ConsentView } from "@/lib/contacts/views";
import { message } from "@/lib/i18n/translatable";

import { authActionClient } from "./client";
import { changeConsentSchema, saveOptOutKeywordsSchema } from "./contact-consent.schema";

/**
 * Marketing consent from the dashboard: a person marks a contact opted in or out (any signed-in user;
 * the service lets agents change only the customers they talk with), and admins keep the opt-out
 * keywords (`contacts.settings`). Refusals reach the form at their field through the action client.
 */

/** Marks a contact opted in or out, as the signed-in person (source "agent"), with an optional note. */
export const changeConsentAction = authActionClient
  .metadata({ actionName: "changeConsent" })
  .inputSchema(changeConsentSchema)
  .action(
    async ({ parsedInput, ctx }): Promise<ConsentView> =>
      changeConsent(await getDb(), ctx.user, parsedInput.contactId, { state: parsedInput.state, source: "agent", detail: parsedInput.note ?? null }),
  );

/** Only those who may change the contact settings (admins). */
const contactSettingsActionClient = authActionClient.use(async ({ next, ctx }) => {
  if (!can(ctx.user.role, "contacts.settings")) {
    throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: ctx.user.role }));
  }
  return next();
});

/** Replaces the opt-out keywords; answers them as saved (the settings page shows them on its next render). */
export const saveOptOutKeywordsAction = contactSettingsActionClient
  .metadata({ actionName: "saveOptOutKeywords" })
  .inputSchema(saveOptOutKeywordsSchema)
  .action(async ({ parsedInput, ctx }): Promise<OptOutKeywords> => {
    const saved = await saveOptOutKeywords(await getDb(), ctx.user, parsedInput.keywords);
    revalidatePath("/settings/contacts");
    return saved;
  });

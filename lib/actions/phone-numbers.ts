"use server";

import { getDb } from "@/db";
import { findSelectedPhoneNumberId } from "@/db/queries/phone-numbers";
import { problemInWords } from "@/lib/accounts/gateway-failure";
import { selectPhoneNumber, selectedPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { NOT_FOUND_MESSAGES, NotFoundError } from "@/lib/auth/connection-access";
import { requestTranslator } from "@/lib/i18n/server";
import { loadPhoneNumbers } from "@/lib/profile/load";
import type { PhoneNumbersView } from "@/lib/profile/views";

import { authActionClient } from "./client";
import { listPhoneNumbersSchema, phoneNumberInputSchema } from "./profile.schema";

/** Everyone may see the numbers of their connections; `refresh` re-reads them from the gateway first. */
export const listPhoneNumbersAction = authActionClient
  .metadata({ actionName: "listPhoneNumbers" })
  .inputSchema(listPhoneNumbersSchema)
  .action(async ({ parsedInput, ctx }): Promise<PhoneNumbersView> => {
    const view = await loadPhoneNumbers(await getDb(), ctx.user, { refresh: parsedInput.refresh ?? false });
    return view.problem ? { ...view, problem: problemInWords(await requestTranslator(), view.problem) } : view;
  });

/** Everyone picks their own number, of their connections (the inbox, media and profile pages start on it); remembered per user. */
export const selectPhoneNumberAction = authActionClient
  .metadata({ actionName: "selectPhoneNumber" })
  .inputSchema(phoneNumberInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ selectedId: string }> => {
    const number = await selectPhoneNumber(await getDb(), ctx.user, parsedInput.phoneNumberId);
    if (!number) throw new NotFoundError(NOT_FOUND_MESSAGES.phoneNumber);
    return { selectedId: number.id };
  });

/**
 * The number the user explicitly chose (here or on the profile page), while still usable; null when
 * they never chose. The inbox starts on it; without a choice it keeps showing all numbers (its URL,
 * and every link to it, stay as they were).
 */
export const getSelectedPhoneNumberAction = authActionClient
  .metadata({ actionName: "getSelectedPhoneNumber" })
  .action(async ({ ctx }): Promise<{ selectedId: string | null }> => {
    const db = await getDb();
    const chosen = await findSelectedPhoneNumberId(db, ctx.user.id);
    if (!chosen) return { selectedId: null };
    const selected = await selectedPhoneNumber(db, ctx.user);
    return { selectedId: selected?.id === chosen ? chosen : null };
  });

"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { requireCapability } from "@/lib/auth/session";
import { discardImport, startImport } from "@/lib/contacts/import/service";
import type { ContactImportView } from "@/lib/contacts/views";
import { requestTranslator } from "@/lib/i18n/server";

import { actionClient } from "./client";
import { discardContactImportSchema, startContactImportSchema } from "./contact-imports.schema";

const IMPORTS_PATH = "/contacts/imports";

/** Imports are marketers' and admins' (contacts.manage). */
const importsActionClient = actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability("contacts.manage") } }));

export const startContactImportAction = importsActionClient
  .metadata({ actionName: "startContactImport" })
  .inputSchema(startContactImportSchema)
  .action(async ({ parsedInput, ctx }): Promise<ContactImportView> => {
    const view = await startImport(
      await getDb(),
      ctx.user,
      parsedInput.importId,
      { mapping: parsedInput.mapping, defaultCountry: parsedInput.defaultCountry ?? null },
      { t: await requestTranslator() },
    );
    revalidatePath(IMPORTS_PATH);
    return view;
  });

export const discardContactImportAction = importsActionClient
  .metadata({ actionName: "discardContactImport" })
  .inputSchema(discardContactImportSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ discarded: true }> => {
    await discardImport(await getDb(), ctx.user, parsedInput.importId);
    revalidatePath(IMPORTS_PATH);
    return { discarded: true };
  });

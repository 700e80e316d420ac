"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { expiryFor } from "@/lib/api-tokens/rules";
import { ApiTokenRefusal, createApiToken, revokeApiToken, type ApiTokenView } from "@/lib/api-tokens/service";
import { requestPreferences } from "@/lib/i18n/preferences";
import { message } from "@/lib/i18n/translatable";

import { createApiTokenSchema, revokeApiTokenSchema, type CreateApiTokenInput } from "./api-tokens.schema";
import { apiTokensActionClient } from "./client";
import { ActionError } from "./errors";

const TOKENS_PATH = "/settings/api-tokens";

/** Every role may hold tokens of its own; what an admin may do beyond that, the service decides. */

/** The form's field a refusal of the expiry belongs to: the date when one was typed, else the choice. */
function formField(field: string | undefined, input: CreateApiTokenInput): string | undefined {
  if (field !== "expiresAt") return field;
  return input.expiry === "custom" ? "expiresOn" : "expiry";
}

/** Runs a token change, then refreshes the tokens page; a refusal reaches the form as the action's error, at its field. */
async function tokenChange<Result>(change: () => Promise<Result>, fieldOf: (field: string | undefined) => string | undefined = (field) => field) {
  try {
    const result = await change();
    revalidatePath(TOKENS_PATH);
    return result;
  } catch (error) {
    if (error instanceof ApiTokenRefusal) throw new ActionError(error.said, { code: error.code, field: fieldOf(error.field) });
    throw error;
  }
}

/** The new token's text, shown once, and how it is listed from now on. */
export interface CreatedApiToken {
  token: string;
  record: ApiTokenView;
}

export const createApiTokenAction = apiTokensActionClient
  .metadata({ actionName: "createApiToken" })
  .inputSchema(createApiTokenSchema)
  .action(async ({ parsedInput, ctx }): Promise<CreatedApiToken> => {
    const now = new Date();
    const { timeZone } = await requestPreferences();
    const expiresAt = expiryFor(parsedInput.expiry, parsedInput.expiresOn, now, timeZone);
    if (expiresAt === undefined) {
      throw new ActionError(message("apiTokens.create.pickDate"), { code: "INVALID_INPUT", field: "expiresOn" });
    }
    return tokenChange(
      async () => createApiToken(await getDb(), { id: ctx.user.id, email: ctx.user.email }, { name: parsedInput.name, expiresAt }, now),
      (field) => formField(field, parsedInput),
    );
  });

export const revokeApiTokenAction = apiTokensActionClient
  .metadata({ actionName: "revokeApiToken" })
  .inputSchema(revokeApiTokenSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ record: ApiTokenView; alreadyRevoked: boolean }> =>
    tokenChange(async () => revokeApiToken(await getDb(), ctx.user, parsedInput.tokenId)),
  );

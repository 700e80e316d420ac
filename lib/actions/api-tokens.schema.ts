import { z } from "@/lib/zod";

import { EXPIRY_CHOICES, ISO_DAY_PATTERN, TOKEN_NAME_MAX } from "@/lib/api-tokens/rules";
import { encodeMessage, message } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";

/**
 * A new token: its name and when it expires, as the form offers it (30, 90 or 365 days, never, or a
 * date of one's own, which lasts to the end of that day in the person's time zone). Whether the date
 * is in the future and within a year is the server's check, at the moment it creates the token.
 */
export const createApiTokenSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, invalid("apiTokens.refusals.nameRequired"))
      .max(TOKEN_NAME_MAX, invalid("apiTokens.refusals.nameTooLong")),
    expiry: z.enum(EXPIRY_CHOICES, invalid("apiTokens.create.pickExpiry")),
    expiresOn: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (value.expiry === "custom" && !ISO_DAY_PATTERN.test(value.expiresOn ?? "")) {
      context.addIssue({ code: "custom", path: ["expiresOn"], message: encodeMessage(message("apiTokens.create.pickDate")) });
    }
  });
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid(invalid("apiTokens.refusals.notFound")) });
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenSchema>;

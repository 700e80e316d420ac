import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

/** A WhatsApp media id as the library stores it. */
export const mediaIdSchema = z.object({
  mediaId: z.string().trim().regex(/^[\w.-]{1,128}$/, invalid("media.actions.invalidMediaId")),
});

export const selectMediaNumberSchema = z.object({
  phoneNumberId: z.string().trim().regex(/^[\w-]{1,64}$/, invalid("media.actions.pickNumber")),
});

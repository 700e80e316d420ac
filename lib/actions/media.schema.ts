import { z } from "zod";

/** A WhatsApp media id as the library stores it. */
export const mediaIdSchema = z.object({
  mediaId: z.string().trim().regex(/^[\w.-]{1,128}$/, "That is not a WhatsApp media id."),
});

export const selectMediaNumberSchema = z.object({
  phoneNumberId: z.string().trim().regex(/^[\w-]{1,64}$/, "Pick a phone number."),
});

import { z } from "zod";

export const replayWebhookSchema = z.object({
  eventId: z.number().int().positive("Choose a stored delivery to replay."),
});

export const registerCallbacksSchema = z.object({
  /** Left out: every linked account. */
  wabaIds: z.array(z.string().regex(/^\d{1,32}$/, "A WhatsApp Business Account id is digits only.")).max(100).optional(),
});

import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

export const replayWebhookSchema = z.object({
  eventId: z.number().int().positive(invalid("webhooks.validation.pickDelivery")),
});

export const registerCallbacksSchema = z.object({
  /** Left out: every linked account. */
  wabaIds: z.array(z.string().regex(/^\d{1,32}$/, invalid("webhooks.validation.wabaIdDigits"))).max(100).optional(),
});

/**
 * Account discovery as Graph describes it: the businesses a connection's token sees
 * (`GET /me/businesses`) and the WhatsApp Business Accounts each owns
 * (`GET /{business_id}/owned_whatsapp_business_accounts`). Browser-safe.
 */
import { z } from "@/lib/zod";

import { pagingSchema } from "./templates";

export const businessSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
});
export type Business = z.infer<typeof businessSchema>;

export const businessListResponseSchema = z.looseObject({
  data: z.array(businessSchema),
  paging: pagingSchema.optional(),
});

export const ownedWabaSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  timezone_id: z.string().optional(),
  message_template_namespace: z.string().optional(),
  currency: z.string().optional(),
});
export type OwnedWaba = z.infer<typeof ownedWabaSchema>;

export const ownedWabaListResponseSchema = z.looseObject({
  data: z.array(ownedWabaSchema),
  paging: pagingSchema.optional(),
});

/** `/{waba_id}/subscribed_apps`: how a dashboard behind Maton registers its own webhook callback. Browser-safe. */
import { z } from "@/lib/zod";

export const subscribedAppSchema = z.looseObject({
  whatsapp_business_api_data: z.looseObject({ id: z.string(), name: z.string().optional(), link: z.string().optional() }).optional(),
  override_callback_uri: z.string().optional(),
});
export type SubscribedApp = z.infer<typeof subscribedAppSchema>;

export const subscribedAppsResponseSchema = z.looseObject({ data: z.array(subscribedAppSchema) });

export const webhookOverrideSchema = z.object({
  override_callback_uri: z.url({ protocol: /^https?$/, message: "the callback must be an http(s) URL" }),
  verify_token: z.string().min(1, "a verify token is required"),
});
export type WebhookOverride = z.infer<typeof webhookOverrideSchema>;

/** Is this callback registered on the WABA? (the dashboard shows it per linked account) */
export function hasCallbackOverride(apps: SubscribedApp[], callbackUri: string): boolean {
  return apps.some((app) => app.override_callback_uri === callbackUri);
}

/**
 * Webhook overrides: the dashboard registers its own callback on each linked WABA (or phone number).
 * Whether Maton allows these calls is not documented: a refusal comes back as a typed error as usual.
 */
import { issuesToProblems } from "@/lib/whatsapp/message-builders";
import { successResponseSchema } from "@/lib/whatsapp/messages";
import { type SubscribedApp, subscribedAppsResponseSchema, webhookOverrideSchema } from "@/lib/whatsapp/webhook-overrides";

import { InvalidRequestError } from "./errors";
import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

export interface CallbackRegistration {
  callbackUri: string;
  verifyToken: string;
}

export function createWebhooksApi(transport: GatewayTransport) {
  function overrideBody(path: string, registration: CallbackRegistration) {
    const parsed = webhookOverrideSchema.safeParse({ override_callback_uri: registration.callbackUri, verify_token: registration.verifyToken });
    if (!parsed.success) throw new InvalidRequestError(issuesToProblems(parsed.error.issues), { method: "POST", path });
    return parsed.data;
  }

  return {
    async listSubscribedApps(wabaId: string, options?: CallOptions): Promise<SubscribedApp[]> {
      const response = await transport.request(
        { plane: "graph", method: "GET", path: `${encodeSegment(wabaId)}/subscribed_apps`, schema: subscribedAppsResponseSchema },
        options,
      );
      return response.data;
    },

    /** Subscribes the app to the WABA with our callback; Meta first runs the GET handshake against it. */
    async registerCallback(wabaId: string, registration: CallbackRegistration, options?: CallOptions): Promise<boolean> {
      const path = `${encodeSegment(wabaId)}/subscribed_apps`;
      const response = await transport.request(
        { plane: "graph", method: "POST", path, json: overrideBody(path, registration), schema: successResponseSchema, idempotent: true },
        options,
      );
      return response.success;
    },

    async unsubscribe(wabaId: string, options?: CallOptions): Promise<boolean> {
      const response = await transport.request(
        { plane: "graph", method: "DELETE", path: `${encodeSegment(wabaId)}/subscribed_apps`, schema: successResponseSchema },
        options,
      );
      return response.success;
    },

    /** A callback for one phone number only (`webhook_configuration` on the number). */
    async registerPhoneNumberCallback(phoneNumberId: string, registration: CallbackRegistration, options?: CallOptions): Promise<boolean> {
      const path = encodeSegment(phoneNumberId);
      const response = await transport.request(
        { plane: "graph", method: "POST", path, json: { webhook_configuration: overrideBody(path, registration) }, schema: successResponseSchema, idempotent: true },
        options,
      );
      return response.success;
    },
  };
}

export type WebhooksApi = ReturnType<typeof createWebhooksApi>;

/** The business profile of a phone number: read and update. */
import { issuesToProblems } from "@/lib/whatsapp/message-builders";
import { successResponseSchema } from "@/lib/whatsapp/messages";
import {
  type BusinessProfile,
  type BusinessProfileUpdate,
  PROFILE_FIELDS,
  businessProfileResponseSchema,
  businessProfileUpdateSchema,
} from "@/lib/whatsapp/profile";

import { InvalidRequestError, UnexpectedResponseError } from "./errors";
import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

export function createProfileApi(transport: GatewayTransport) {
  return {
    async getBusinessProfile(phoneNumberId: string, options?: CallOptions): Promise<BusinessProfile> {
      const path = `${encodeSegment(phoneNumberId)}/whatsapp_business_profile`;
      const response = await transport.request(
        { plane: "graph", method: "GET", path, query: { fields: PROFILE_FIELDS }, schema: businessProfileResponseSchema },
        options,
      );
      const profile = response.data[0];
      if (!profile) throw new UnexpectedResponseError(200, [{ field: "data", message: "no profile in the answer" }], response, { method: "GET", path }, false);
      return profile;
    },

    /** Sends only the fields given; checked against WhatsApp's limits first. */
    async updateBusinessProfile(phoneNumberId: string, update: BusinessProfileUpdate, options?: CallOptions): Promise<boolean> {
      const path = `${encodeSegment(phoneNumberId)}/whatsapp_business_profile`;
      const parsed = businessProfileUpdateSchema.safeParse(update);
      if (!parsed.success) throw new InvalidRequestError(issuesToProblems(parsed.error.issues), { method: "POST", path });
      const response = await transport.request(
        {
          plane: "graph",
          method: "POST",
          path,
          json: { messaging_product: "whatsapp", ...parsed.data },
          schema: successResponseSchema,
          idempotent: true,
        },
        options,
      );
      return response.success;
    },
  };
}

export type ProfileApi = ReturnType<typeof createProfileApi>;

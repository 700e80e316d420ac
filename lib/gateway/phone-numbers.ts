/** Business phone numbers: one by id, or all of a WABA. */
import { type PhoneNumber, phoneNumberListResponseSchema, phoneNumberSchema } from "@/lib/whatsapp/phone-numbers";

import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

/** Graph answers only a few fields unless asked: ask for all the dashboard shows. */
export const PHONE_NUMBER_FIELDS = [
  "id",
  "display_phone_number",
  "verified_name",
  "quality_rating",
  "code_verification_status",
  "platform_type",
  "throughput",
  "messaging_limit_tier",
  "name_status",
] as const;

export function createPhoneNumbersApi(transport: GatewayTransport) {
  return {
    async getPhoneNumber(phoneNumberId: string, options?: CallOptions): Promise<PhoneNumber> {
      return transport.request(
        { plane: "graph", method: "GET", path: encodeSegment(phoneNumberId), query: { fields: PHONE_NUMBER_FIELDS }, schema: phoneNumberSchema },
        options,
      );
    },

    /** All phone numbers of a WABA (follows the `after` cursor). */
    async listPhoneNumbers(wabaId: string, options?: CallOptions & { maxPages?: number }): Promise<PhoneNumber[]> {
      const numbers: PhoneNumber[] = [];
      let after: string | undefined;
      for (let page = 0; page < (options?.maxPages ?? 20); page += 1) {
        const response = await transport.request(
          {
            plane: "graph",
            method: "GET",
            path: `${encodeSegment(wabaId)}/phone_numbers`,
            query: { fields: PHONE_NUMBER_FIELDS, after },
            schema: phoneNumberListResponseSchema,
          },
          options,
        );
        numbers.push(...response.data);
        const next = response.paging?.cursors?.after;
        if (response.paging?.next === undefined || next === undefined || next === after) break;
        after = next;
      }
      return numbers;
    },
  };
}

export type PhoneNumbersApi = ReturnType<typeof createPhoneNumbersApi>;

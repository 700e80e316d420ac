/** Account discovery: the businesses behind a connection and the WABAs each owns (Graph paths through the gateway). */
import type { z } from "zod";

import {
  type Business,
  type OwnedWaba,
  businessListResponseSchema,
  ownedWabaListResponseSchema,
} from "@/lib/whatsapp/accounts";
import type { Paging } from "@/lib/whatsapp/templates";

import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

export const BUSINESS_FIELDS = ["id", "name"] as const;
export const OWNED_WABA_FIELDS = ["id", "name", "timezone_id", "message_template_namespace"] as const;

export type ListOptions = CallOptions & {
  /** Stop after this many pages (default 20). */
  maxPages?: number;
  /** Page size asked of Graph (default: Graph's, 25). */
  pageSize?: number;
};

export function createAccountsApi(transport: GatewayTransport) {
  /** Every item of a cursor-paged Graph list (follows `after` while `paging.next` is there). */
  async function listAll<T>(path: string, fields: readonly string[], schema: z.ZodType<{ data: T[]; paging?: Paging }>, options?: ListOptions): Promise<T[]> {
    const items: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < (options?.maxPages ?? 20); page += 1) {
      const response = await transport.request(
        { plane: "graph", method: "GET", path, query: { fields, after, limit: options?.pageSize }, schema },
        options,
      );
      items.push(...response.data);
      const next = response.paging?.cursors?.after;
      if (response.paging?.next === undefined || next === undefined || next === after) break;
      after = next;
    }
    return items;
  }

  return {
    /**
     * `GET /me/businesses`: the businesses the connection's token can see. Pass `connectionId`
     * (left out, Maton uses its oldest ACTIVE connection).
     */
    listBusinesses(options?: ListOptions): Promise<Business[]> {
      return listAll("me/businesses", BUSINESS_FIELDS, businessListResponseSchema, options);
    },

    /** `GET /{business_id}/owned_whatsapp_business_accounts`: the WABAs a business owns. */
    listOwnedWabas(businessId: string, options?: ListOptions): Promise<OwnedWaba[]> {
      return listAll(`${encodeSegment(businessId)}/owned_whatsapp_business_accounts`, OWNED_WABA_FIELDS, ownedWabaListResponseSchema, options);
    },
  };
}

export type AccountsApi = ReturnType<typeof createAccountsApi>;

/** Business phone numbers as Graph describes them (`GET /{phone_number_id}`, `GET /{waba_id}/phone_numbers`). Browser-safe. */
import { z } from "@/lib/zod";

import { pagingSchema } from "./templates";

export const QUALITY_RATINGS = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const;
export const MESSAGING_LIMIT_TIERS = ["TIER_250", "TIER_1K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"] as const;
export const CODE_VERIFICATION_STATUSES = ["VERIFIED", "NOT_VERIFIED", "EXPIRED"] as const;
export const NAME_STATUSES = ["APPROVED", "PENDING_REVIEW", "DECLINED", "NONE"] as const;

/** Graph grows these lists: known values are typed, unknown ones kept as text rather than refused. */
const known = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.string()]) as unknown as z.ZodType<T[number] | (string & {})>;

export const phoneNumberSchema = z.looseObject({
  id: z.string().min(1),
  display_phone_number: z.string(),
  verified_name: z.string(),
  quality_rating: known(QUALITY_RATINGS).optional(),
  code_verification_status: known(CODE_VERIFICATION_STATUSES).optional(),
  platform_type: z.string().optional(),
  throughput: z.looseObject({ level: z.string() }).optional(),
  messaging_limit_tier: known(MESSAGING_LIMIT_TIERS).optional(),
  name_status: known(NAME_STATUSES).optional(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const phoneNumberListResponseSchema = z.looseObject({
  data: z.array(phoneNumberSchema),
  paging: pagingSchema.optional(),
});
export type PhoneNumberListResponse = z.infer<typeof phoneNumberListResponseSchema>;

/** Messages a number may start per 24 h at its tier (undefined: unlimited or unknown). */
export function dailyConversationLimit(tier: string | undefined): number | undefined {
  const limits: Record<string, number> = { TIER_250: 250, TIER_1K: 1_000, TIER_10K: 10_000, TIER_100K: 100_000 };
  return tier === undefined ? undefined : limits[tier];
}

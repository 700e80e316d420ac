/**
 * The public API's business phone number: its schema (documented, snake_case) and the one mapper
 * from the mirror's row to it.
 */
import "server-only";

import type { ApiPhoneNumberRow } from "@/db/queries/api-phone-numbers";
import { z } from "@/lib/zod";

const syncedAt = z.iso.datetime().meta({ description: "ISO 8601, UTC.", example: "2026-03-14T09:26:53.000Z" });

export const phoneNumberSchema = z
  .object({
    id: z.string().meta({ description: "The Graph phone number id: what `phone_number_id` means everywhere in this API.", example: "106540352242922" }),
    display_phone_number: z.string().nullable().meta({ description: "The number as WhatsApp shows it.", example: "+1 555-010-0199" }),
    verified_name: z.string().nullable().meta({ description: "The business name Meta approved for the number.", example: "Acme Support" }),
    quality_rating: z.string().nullable().meta({ description: "Meta's quality rating: GREEN, YELLOW, RED or UNKNOWN.", example: "GREEN" }),
    messaging_limit_tier: z
      .string()
      .nullable()
      .meta({ description: "How many customers the number may start conversations with per day (Meta's tier, e.g. TIER_1K).", example: "TIER_1K" }),
    throughput_level: z.string().nullable().meta({ description: "Meta's throughput level (STANDARD or HIGH).", example: "STANDARD" }),
    code_verification_status: z.string().nullable().meta({ description: "Whether Meta verified the number (VERIFIED, NOT_VERIFIED, EXPIRED).", example: "VERIFIED" }),
    name_status: z.string().nullable().meta({ description: "The review state of the display name (APPROVED, PENDING_REVIEW, DECLINED…).", example: "APPROVED" }),
    waba_id: z.string().meta({ description: "The WhatsApp Business account the number belongs to.", example: "102290129340398" }),
    connection_id: z.string().nullable().meta({ description: "The Maton connection the number is reached through; null while not known.", example: "c0a8f1e2-7d3b-4c9e-9f10-2b3c4d5e6f70" }),
    synced_at: syncedAt.nullable().meta({ description: "When these details were last read from WhatsApp." }),
  })
  .meta({
    id: "PhoneNumber",
    description: "A business phone number of one of your connections, as last read from WhatsApp.",
    example: {
      id: "106540352242922",
      display_phone_number: "+1 555-010-0199",
      verified_name: "Acme Support",
      quality_rating: "GREEN",
      messaging_limit_tier: "TIER_1K",
      throughput_level: "STANDARD",
      code_verification_status: "VERIFIED",
      name_status: "APPROVED",
      waba_id: "102290129340398",
      connection_id: "c0a8f1e2-7d3b-4c9e-9f10-2b3c4d5e6f70",
      synced_at: "2026-03-14T09:26:53.000Z",
    },
  });

export type ApiPhoneNumber = z.input<typeof phoneNumberSchema>;

export function apiPhoneNumber(row: ApiPhoneNumberRow): ApiPhoneNumber {
  return {
    id: row.id,
    display_phone_number: row.displayPhoneNumber,
    verified_name: row.verifiedName,
    quality_rating: row.qualityRating,
    messaging_limit_tier: row.messagingLimitTier,
    throughput_level: row.throughputLevel,
    code_verification_status: row.codeVerificationStatus,
    name_status: row.nameStatus,
    waba_id: row.wabaId,
    connection_id: row.connectionId,
    synced_at: row.syncedAt ? row.syncedAt.toISOString() : null,
  };
}

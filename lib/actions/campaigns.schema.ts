import { ATTRIBUTE_KEY_PATTERN } from "@/lib/contacts/filter";
import { invalid } from "@/lib/i18n/validation";
import { z } from "@/lib/zod";

/** Restated from lib/campaigns/drafts.ts CAMPAIGN_LIMITS: this file is loaded by the browser too. */
export const CAMPAIGN_INPUT_LIMITS = { name: 120, value: 1024, tags: 20, variables: 60 } as const;

const campaignId = z.uuid(invalid("campaigns.errors.notFound"));
const name = z.string().trim().min(1, invalid("campaigns.errors.nameRequired")).max(CAMPAIGN_INPUT_LIMITS.name, invalid("campaigns.errors.nameTooLong"));
const text = z.string().max(CAMPAIGN_INPUT_LIMITS.value, invalid("campaigns.errors.valueTooLong"));

export const variableSourceSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("field"), field: z.enum(["name", "display_name", "profile_name", "phone"]), fallback: text.optional() }),
  z.object({ source: z.literal("attribute"), key: z.string().regex(ATTRIBUTE_KEY_PATTERN, invalid("campaigns.errors.attributeKey")), fallback: text.optional() }),
  z.object({ source: z.literal("fixed"), value: text }),
]);

export const campaignMappingSchema = z.object({
  variables: z.record(z.string().min(1).max(200), variableSourceSchema).refine((value) => Object.keys(value).length <= CAMPAIGN_INPUT_LIMITS.variables),
  headerMediaId: z.string().trim().min(1).max(2048).optional(),
});

export const campaignAudienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("segment"), segmentId: z.uuid(invalid("campaigns.errors.segmentNotFound")) }),
  z.object({ kind: z.literal("tags"), tagIds: z.array(z.uuid(invalid("campaigns.errors.tagNotFound"))).min(1, invalid("campaigns.errors.tagsRequired")).max(CAMPAIGN_INPUT_LIMITS.tags) }),
  z.object({ kind: z.literal("import"), importId: z.uuid(invalid("campaigns.errors.importNotFound")) }),
]);

const draftFields = {
  name,
  phoneNumberId: z.string().min(1).max(64),
  templateId: z.string().min(1).max(64),
  audience: campaignAudienceSchema,
  mapping: campaignMappingSchema,
};

export const createCampaignSchema = z.object(draftFields);
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

export const updateCampaignSchema = z.object({
  campaignId,
  name: draftFields.name.optional(),
  phoneNumberId: draftFields.phoneNumberId.optional(),
  templateId: draftFields.templateId.optional(),
  audience: draftFields.audience.optional(),
  mapping: draftFields.mapping.optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

export const campaignIdSchema = z.object({ campaignId });

export const sendTestSchema = z.object({
  campaignId,
  phone: z.string().trim().min(1, invalid("campaigns.errors.testPhoneInvalid")).max(64, invalid("campaigns.errors.testPhoneInvalid")),
  defaultCountry: z.string().trim().max(2).optional(),
});
export type SendTestInput = z.infer<typeof sendTestSchema>;

export const startCampaignSchema = z.object({
  campaignId,
  scheduledAt: z.iso.datetime({ offset: true, error: invalid("campaigns.errors.scheduleInvalid").error }).optional(),
  timeZone: z.string().min(1).max(100).optional(),
});
export type StartCampaignInput = z.infer<typeof startCampaignSchema>;

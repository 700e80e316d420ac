/**
 * The public API's campaign and campaign recipient: their schemas (documented, snake_case), the
 * mappers from the campaign views (lib/campaigns/types.ts), and the input of creating one, with the
 * translation of its variables' sources into the dashboard's mapping.
 */
import "server-only";

import { CAMPAIGN_RECIPIENT_STATUSES, CAMPAIGN_STATUSES } from "@/db/schema";
import { CAMPAIGN_LIMITS } from "@/lib/campaigns/drafts";
import { SKIP_REASONS, type CampaignAudience, type CampaignView, type CostSummary, type RecipientView, type VariableSource } from "@/lib/campaigns/types";
import { ATTRIBUTE_KEY_PATTERN, FILTER_LIMITS } from "@/lib/contacts/filter";
import { z } from "@/lib/zod";

import { timestamp } from "./conversations";

const CAMPAIGN_NAME_MAX = CAMPAIGN_LIMITS.name;
const VARIABLE_TEXT_MAX = CAMPAIGN_LIMITS.value;

export const campaignIdParam = z.uuid().meta({ description: "The campaign's id.", example: "0d7c2a51-6b1e-4f3a-9c2d-5e8f7a6b4c3d" });

// --- variables -----------------------------------------------------------------------------------

const fallback = z
  .string()
  .max(VARIABLE_TEXT_MAX)
  .optional()
  .meta({ description: "Used when the contact has no value for it; without one, such a contact is skipped (`missing_variable`).", example: "there" });

export const VARIABLE_FIELDS = ["name", "display_name", "profile_name", "phone"] as const;

export const variableSourceSchema = z
  .union([
    z.strictObject({
      field: z.enum(VARIABLE_FIELDS).meta({
        description: "A field of the contact: `name` (the team's name, else the WhatsApp profile's), `display_name`, `profile_name` or `phone` (E.164).",
        example: "name",
      }),
      fallback,
    }),
    z.strictObject({
      attribute: z.string().regex(ATTRIBUTE_KEY_PATTERN).meta({ description: "The key of a custom attribute, its value written as text.", example: "city" }),
      fallback,
    }),
    z.strictObject({ value: z.string().min(1).max(VARIABLE_TEXT_MAX).meta({ description: "The same text for every recipient.", example: "SPRING25" }) }),
  ])
  .meta({
    id: "CampaignVariable",
    description: "Where one template variable's value comes from, for each recipient: a contact field, a custom attribute, or a fixed value.",
    example: { field: "name", fallback: "there" },
  });

export type ApiVariableSource = z.output<typeof variableSourceSchema>;

/** The API's source of a variable as the dashboard's. */
export function variableSourceOf(source: ApiVariableSource): VariableSource {
  if ("field" in source) return { source: "field", field: source.field, ...(source.fallback !== undefined ? { fallback: source.fallback } : {}) };
  if ("attribute" in source) return { source: "attribute", key: source.attribute, ...(source.fallback !== undefined ? { fallback: source.fallback } : {}) };
  return { source: "fixed", value: source.value };
}

/** The dashboard's source of a variable as the API's. */
export function apiVariableSource(source: VariableSource): z.input<typeof variableSourceSchema> {
  if (source.source === "field") return { field: source.field, ...(source.fallback !== undefined ? { fallback: source.fallback } : {}) };
  if (source.source === "attribute") return { attribute: source.key, ...(source.fallback !== undefined ? { fallback: source.fallback } : {}) };
  return { value: source.value };
}

/** A template variable as the API names it: the dashboard's input key (`body-1`, `header-order_id`). */
const variableKey = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

const variablesDescription =
  "Each template variable's source, by the variable: `body-1`, `header-1` for numbered variables, `body-first_name`, `header-order_id` " +
  "for named ones (a named variable used in the header and the body is one, `header-…`). A variable's bare name or number (`first_name`, `2`) " +
  "is accepted when it names one variable only.";

// --- create --------------------------------------------------------------------------------------

const tagReference = z.string().trim().min(1).max(64);

export const audienceInputSchema = z
  .union([
    z.strictObject({ segment_id: z.uuid().meta({ description: "A saved segment: its contacts when the campaign starts." }) }),
    z.strictObject({
      tags: z
        .array(tagReference)
        .min(1)
        .max(FILTER_LIMITS.tags)
        .meta({ description: "Tags by id or name (any case): the contacts with at least one of them.", example: ["VIP", "Lisbon"] }),
    }),
    z.strictObject({ import_id: z.uuid().meta({ description: "A finished contact import: the contacts it created or updated." }) }),
  ])
  .meta({ id: "CampaignAudienceInput", description: "Who the campaign goes to: a segment, tags, or an import's contacts.", example: { tags: ["VIP"] } });

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .meta({ description: "The IANA time zone `scheduled_at` was chosen in, shown beside each reader's own.", example: "Europe/Lisbon" });

export const createCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(CAMPAIGN_NAME_MAX).meta({ description: "For the team; customers do not see it.", example: "Spring sale" }),
    phone_number_id: z.string().trim().min(1).max(64).meta({ description: "The business number it is sent from.", example: "106540352242922" }),
    template: z
      .object({
        name: z.string().trim().min(1).max(512).meta({ example: "spring_sale" }),
        language: z
          .string()
          .regex(/^[A-Za-z_]{2,12}$/)
          .meta({ description: "The template's language code.", example: "en_US" }),
        header_media_id: z
          .string()
          .trim()
          .min(1)
          .max(128)
          .optional()
          .meta({ description: "For a template with an image, video or document header: a file of the number's media library." }),
      })
      .meta({ description: "An APPROVED template of the number's WhatsApp Business account." }),
    audience: audienceInputSchema,
    variables: z.record(variableKey, variableSourceSchema).optional().meta({
      description: variablesDescription,
      example: { "body-1": { field: "name", fallback: "there" }, "body-2": { value: "SPRING25" } },
    }),
    scheduled_at: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: "When to send it (ISO 8601, in the future): the campaign is created scheduled. Without it, it is a draft until `/start`.", example: "2026-04-01T09:00:00Z" }),
    time_zone: timeZone,
  })
  .meta({ id: "CampaignCreate", description: "A new campaign." });

export type CreateCampaignBody = z.output<typeof createCampaignBody>;

export const startCampaignBody = z
  .object({
    scheduled_at: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: "Schedule it for then (ISO 8601, in the future) instead of sending now.", example: "2026-04-01T09:00:00Z" }),
    time_zone: timeZone,
  })
  .meta({ id: "CampaignStart", description: "Send now, or at a time." });

// --- the campaign --------------------------------------------------------------------------------

const amount = z.string().nullable().meta({ description: "A decimal amount as text; null when a rate is unknown.", example: "0.0250" });

export const costSchema = z
  .object({
    currency: z.string().nullable().meta({ description: "ISO 4217; null when the rates mix currencies or none is known.", example: "EUR" }),
    total: amount.meta({ description: "The whole cost; null when a rate is unknown or currencies are mixed." }),
    unknown_count: z.number().int().min(0).meta({ description: "Messages whose rate is not in the price table (never guessed)." }),
    lines: z.array(
      z.object({
        category: z.string().meta({ example: "marketing" }),
        country: z.string().nullable().meta({ description: "ISO 3166 alpha-2 of the recipients' numbers.", example: "PT" }),
        count: z.number().int().min(0),
        currency: z.string().nullable(),
        unit_amount: amount,
        total: amount,
      }),
    ),
  })
  .meta({ id: "CampaignCost", description: "A cost by category and country, from the price table admins keep (Settings › Pricing)." });

function apiCost(cost: CostSummary | null): z.input<typeof costSchema> | null {
  if (!cost) return null;
  return {
    currency: cost.currency,
    total: cost.total,
    unknown_count: cost.unknownCount,
    lines: cost.lines.map((line) => ({ category: line.category, country: line.country, count: line.count, currency: line.currency, unit_amount: line.unitAmount, total: line.total })),
  };
}

const count = (description: string) => z.number().int().min(0).meta({ description });

export const campaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: "Spring sale" }),
    status: z.enum(CAMPAIGN_STATUSES).meta({ description: "draft → scheduled → sending ⇄ paused → finished; or cancelled, or failed (see `error`)." }),
    phone_number_id: z.string().meta({ example: "106540352242922" }),
    template: z.object({
      id: z.string().nullable().meta({ description: "The template's id; null once the account no longer has it." }),
      name: z.string().meta({ example: "spring_sale" }),
      language: z.string().meta({ example: "en_US" }),
      category: z.string().meta({ example: "MARKETING" }),
      header_media_id: z.string().nullable(),
    }),
    audience: z
      .object({
        segment_id: z.uuid().optional(),
        tags: z.array(z.uuid()).optional().meta({ description: "Tag ids: contacts with at least one of them." }),
        import_id: z.uuid().optional(),
        label: z.string().meta({ description: "The segment's name, the tags' names, or the file's name.", example: "VIP, Lisbon" }),
      })
      .meta({ description: "Who it goes to: one of `segment_id`, `tags`, `import_id`." }),
    variables: z.record(z.string(), variableSourceSchema).meta({ description: variablesDescription }),
    scheduled_at: timestamp.nullable(),
    time_zone: z.string().nullable().meta({ description: "The time zone the schedule was written in.", example: "Europe/Lisbon" }),
    counts: z
      .object({
        audience: count("Recipients fixed when it started."),
        eligible: count("Recipients it is (or was) sent to."),
        skipped: count("Recipients left out (opted out, no consent, invalid number, missing variable, duplicate): see the recipients' `skip_reason`."),
        pending: count("Waiting to be sent."),
        sent: count("Accepted by WhatsApp (delivered and read ones included)."),
        delivered: count("Delivered to the phone (read ones included)."),
        read: count("Read."),
        replied: count("Wrote back after it."),
        failed: count("Not delivered: see the recipients' `error`."),
        cancelled: count("Not sent because the campaign was cancelled."),
      })
      .meta({ description: "Recipients by how far they got; a draft or a scheduled campaign counts none yet." }),
    estimated_cost: costSchema.nullable().meta({ description: "The estimate when it started (null for a draft)." }),
    actual_cost: costSchema.nullable().meta({ description: "From WhatsApp's pricing of the messages sent so far." }),
    created_by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    error: z.string().nullable().meta({ description: "Why it failed, when it did." }),
    created_at: timestamp,
    started_at: timestamp.nullable(),
    paused_at: timestamp.nullable(),
    finished_at: timestamp.nullable(),
    cancelled_at: timestamp.nullable(),
  })
  .meta({
    id: "Campaign",
    description: "A template broadcast from one business number to an audience, with its results.",
    example: {
      id: "0d7c2a51-6b1e-4f3a-9c2d-5e8f7a6b4c3d",
      name: "Spring sale",
      status: "sending",
      phone_number_id: "106540352242922",
      template: { id: "1049283746501928", name: "spring_sale", language: "en_US", category: "MARKETING", header_media_id: null },
      audience: { tags: ["8f2c1a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b"], label: "VIP" },
      variables: { "body-1": { field: "name", fallback: "there" } },
      scheduled_at: null,
      time_zone: null,
      counts: { audience: 1200, eligible: 1150, skipped: 50, pending: 400, sent: 750, delivered: 700, read: 420, replied: 35, failed: 0, cancelled: 0 },
      estimated_cost: { currency: "EUR", total: "28.750000", unknown_count: 0, lines: [{ category: "marketing", country: "PT", count: 1150, currency: "EUR", unit_amount: "0.025000", total: "28.750000" }] },
      actual_cost: { currency: "EUR", total: "18.750000", unknown_count: 0, lines: [{ category: "marketing", country: "PT", count: 750, currency: "EUR", unit_amount: "0.025000", total: "18.750000" }] },
      created_by: { id: "5b1f0e4c-2a3d-4e6f-8a9b-1c2d3e4f5a6b", name: "Marta" },
      error: null,
      created_at: "2026-03-14T09:00:00.000Z",
      started_at: "2026-03-14T09:26:53.000Z",
      paused_at: null,
      finished_at: null,
      cancelled_at: null,
    },
  });

export type ApiCampaign = z.input<typeof campaignSchema>;

function apiAudience(audience: CampaignAudience, label: string): ApiCampaign["audience"] {
  if (audience.kind === "segment") return { segment_id: audience.segmentId, label };
  if (audience.kind === "tags") return { tags: audience.tagIds, label };
  return { import_id: audience.importId, label };
}

export function apiCampaign(view: CampaignView): ApiCampaign {
  const { counts } = view;
  return {
    id: view.id,
    name: view.name,
    status: view.status,
    phone_number_id: view.phoneNumberId,
    template: { ...view.template, header_media_id: view.mapping.headerMediaId ?? null },
    audience: apiAudience(view.audience, view.audienceLabel),
    variables: Object.fromEntries(Object.entries(view.mapping.variables).map(([key, source]) => [key, apiVariableSource(source)])),
    scheduled_at: view.scheduledAt,
    time_zone: view.timeZone,
    counts: {
      audience: counts.audience,
      eligible: counts.eligible,
      skipped: counts.skipped,
      pending: counts.pending,
      sent: counts.sent,
      delivered: counts.delivered,
      read: counts.read,
      replied: counts.replied,
      failed: counts.failed,
      cancelled: counts.cancelled,
    },
    estimated_cost: apiCost(view.estimate),
    actual_cost: apiCost(view.actualCost),
    created_by: view.createdBy ? { id: view.createdBy.id, name: view.createdBy.name } : null,
    error: view.error,
    created_at: view.createdAt,
    started_at: view.startedAt,
    paused_at: view.pausedAt,
    finished_at: view.finishedAt,
    cancelled_at: view.cancelledAt,
  };
}

// --- recipients ----------------------------------------------------------------------------------

export const campaignRecipientSchema = z
  .object({
    id: z.string().meta({ description: "The recipient's id within the campaign.", example: "4182" }),
    contact_id: z.uuid().nullable().meta({ description: "Null once the contact was deleted (a privacy request)." }),
    name: z.string().nullable().meta({ example: "Maya Thompson" }),
    phone_number: z.string().nullable().meta({ description: "E.164 with \"+\".", example: "+14155550101" }),
    status: z.enum(CAMPAIGN_RECIPIENT_STATUSES).meta({ description: "pending, sending, sent, delivered, read, failed; skipped (see `skip_reason`); cancelled." }),
    skip_reason: z.enum(SKIP_REASONS).nullable().meta({ description: "Why it was left out: opted out, no marketing consent, an invalid number, a variable without value nor fallback, a number already in the campaign, no number." }),
    error: z
      .object({
        code: z.number().int().nullable().meta({ description: "WhatsApp's error code; null when the failure had none (e.g. the gateway could not be reached).", example: 131026 }),
        title: z.string().nullable().meta({ example: "Message undeliverable" }),
        retry_safe: z.boolean().meta({ description: "Whether sending it again later may succeed without sending twice." }),
      })
      .nullable(),
    conversation_id: z.uuid().nullable().meta({ description: "The conversation the message went into." }),
    sent_at: timestamp.nullable(),
    delivered_at: timestamp.nullable(),
    read_at: timestamp.nullable(),
    replied_at: timestamp.nullable(),
    failed_at: timestamp.nullable(),
  })
  .meta({
    id: "CampaignRecipient",
    description: "One contact of a campaign's audience, fixed when it started, and how far its message got.",
    example: {
      id: "4182",
      contact_id: "3b9d6f1e-8c2a-4e5b-9f0d-7a1c2e3f4b5d",
      name: "Maya Thompson",
      phone_number: "+14155550101",
      status: "read",
      skip_reason: null,
      error: null,
      conversation_id: "5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a",
      sent_at: "2026-03-14T09:27:01.000Z",
      delivered_at: "2026-03-14T09:27:03.000Z",
      read_at: "2026-03-14T09:41:12.000Z",
      replied_at: null,
      failed_at: null,
    },
  });

export type ApiCampaignRecipient = z.input<typeof campaignRecipientSchema>;

/** Numbers are kept as digits; the API writes them in E.164. */
const e164 = (digits: string | null) => (digits === null ? null : digits.startsWith("+") ? digits : `+${digits}`);

export function apiCampaignRecipient(view: RecipientView): ApiCampaignRecipient {
  return {
    id: String(view.id),
    contact_id: view.contactId,
    name: view.name,
    phone_number: e164(view.phoneNumber),
    status: view.status,
    skip_reason: view.skipReason,
    error: view.error ? { code: view.error.code, title: view.error.title, retry_safe: view.error.retrySafe } : null,
    conversation_id: view.conversationId,
    sent_at: view.sentAt,
    delivered_at: view.deliveredAt,
    read_at: view.readAt,
    replied_at: view.repliedAt,
    failed_at: view.failedAt,
  };
}

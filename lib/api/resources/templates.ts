/**
 * The public API's message template: its schema (documented, snake_case) and the one mapper from the
 * mirror's row to it. `components` is Meta's own JSON, as Graph lists it.
 */
import "server-only";

import type { Template } from "@/db/schema";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from "@/lib/whatsapp/templates";
import { z } from "@/lib/zod";

export const templateCategorySchema = z.enum(TEMPLATE_CATEGORIES).meta({ description: "Meta's category of the template.", example: "UTILITY" });
export const templateStatusSchema = z.enum(TEMPLATE_STATUSES).meta({ description: "Meta's review state of the template.", example: "APPROVED" });

export const templateSchema = z
  .object({
    id: z.string().meta({ description: "Meta's template id.", example: "1234567890123456" }),
    waba_id: z.string().meta({ description: "The WhatsApp Business account the template belongs to.", example: "102290129340398" }),
    name: z.string().meta({ description: "The template's name: what a template message is sent by, with its language.", example: "order_update" }),
    language: z.string().meta({ description: "The language code of this translation.", example: "en_US" }),
    category: z.string().meta({ description: "MARKETING, UTILITY or AUTHENTICATION (Meta may add others).", example: "UTILITY" }),
    previous_category: z.string().nullable().meta({ description: "The category before Meta changed it, when it did." }),
    status: z.string().meta({ description: "APPROVED, PENDING, REJECTED, PAUSED, DISABLED… (Meta's review state; only APPROVED templates can be sent).", example: "APPROVED" }),
    rejected_reason: z.string().nullable().meta({ description: "Why Meta rejected it, when it did.", example: null }),
    quality_score: z.string().nullable().meta({ description: "Meta's quality score: GREEN, YELLOW, RED or UNKNOWN.", example: "GREEN" }),
    parameter_format: z
      .string()
      .nullable()
      .meta({ description: "POSITIONAL ({{1}}) or NAMED ({{first_name}}) variables; null when Meta did not say.", example: "POSITIONAL" }),
    components: z
      .array(z.record(z.string(), z.unknown()))
      .meta({ description: "The header, body, footer and buttons, as Meta's JSON (see WhatsApp's message template reference)." }),
    updated_at: z.iso.datetime().meta({ description: "When a change of the template was last seen (ISO 8601, UTC).", example: "2026-03-14T09:26:53.000Z" }),
  })
  .meta({
    id: "Template",
    description: "A message template of one of your WhatsApp Business accounts, as last synced from Meta.",
    example: {
      id: "1234567890123456",
      waba_id: "102290129340398",
      name: "order_update",
      language: "en_US",
      category: "UTILITY",
      previous_category: null,
      status: "APPROVED",
      rejected_reason: null,
      quality_score: "GREEN",
      parameter_format: "POSITIONAL",
      components: [{ type: "BODY", text: "Hi {{1}}, your order {{2}} is on its way.", example: { body_text: [["Maya", "A-1042"]] } }],
      updated_at: "2026-03-14T09:26:53.000Z",
    },
  });

export type ApiTemplate = z.input<typeof templateSchema>;

export function apiTemplate(row: Template): ApiTemplate {
  return {
    id: row.id,
    waba_id: row.wabaId,
    name: row.name,
    language: row.language,
    category: row.category,
    previous_category: row.previousCategory,
    status: row.status,
    rejected_reason: row.rejectedReason,
    quality_score: row.qualityScore,
    parameter_format: row.parameterFormat,
    components: row.components.filter((component): component is Record<string, unknown> => typeof component === "object" && component !== null),
    updated_at: row.updatedAt.toISOString(),
  };
}

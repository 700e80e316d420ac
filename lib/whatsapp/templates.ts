/** Message templates as Graph returns them (list, create, edit, delete answers). Browser-safe. */
import { z } from "zod";

export const TEMPLATE_STATUSES = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "PENDING_DELETION",
  "DELETED",
  "LIMIT_EXCEEDED",
  "ARCHIVED",
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const TEMPLATE_REJECTION_REASONS = [
  "ABUSIVE_CONTENT",
  "INVALID_FORMAT",
  "PROMOTIONAL",
  "TAG_CONTENT_MISMATCH",
  "INCORRECT_CATEGORY",
  "SCAM",
  "NONE",
] as const;

export const QUALITY_SCORES = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const;

/** Meta adds statuses and reasons over time: known values are typed, unknown ones kept as text. */
const openEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.string()]) as unknown as z.ZodType<T[number] | (string & {})>;

export const templateComponentSchema = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
  example: z.unknown().optional(),
});
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

export const templateSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  language: z.string(),
  status: openEnum(TEMPLATE_STATUSES),
  category: openEnum(TEMPLATE_CATEGORIES),
  components: z.array(templateComponentSchema).default([]),
  quality_score: z.looseObject({ score: openEnum(QUALITY_SCORES) }).optional(),
  rejected_reason: z.string().optional(),
  previous_category: z.string().optional(),
});
export type Template = z.infer<typeof templateSchema>;

export const pagingSchema = z.looseObject({
  cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});
export type Paging = z.infer<typeof pagingSchema>;

export const templateListResponseSchema = z.looseObject({
  data: z.array(templateSchema),
  paging: pagingSchema.optional(),
});
export type TemplateListResponse = z.infer<typeof templateListResponseSchema>;

export const createTemplateResponseSchema = z.looseObject({
  id: z.string().min(1),
  status: openEnum(TEMPLATE_STATUSES),
  category: openEnum(TEMPLATE_CATEGORIES),
});
export type CreateTemplateResponse = z.infer<typeof createTemplateResponseSchema>;

/** Filters of `GET /{waba_id}/message_templates`. */
export interface TemplateFilters {
  status?: TemplateStatus | TemplateStatus[];
  category?: TemplateCategory | TemplateCategory[];
  name?: string;
  language?: string;
  fields?: string[];
}

/** Can this template be sent now? Only APPROVED templates go out. */
export function isTemplateSendable(template: Pick<Template, "status">): boolean {
  return template.status === "APPROVED";
}

/** Number of `{{n}}` variables in a component's text (0 when none). */
export function countTemplateVariables(text: string | undefined): number {
  if (!text) return 0;
  const numbers = [...text.matchAll(/\{\{(\d+)\}\}/g)].map((match) => Number(match[1]));
  return numbers.length === 0 ? 0 : Math.max(...numbers);
}

/** Message templates as Graph returns them (list, create, edit, delete answers). Browser-safe. */
import { z } from "@/lib/zod";

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

/** How a template writes its variables: `{{1}}`, `{{2}}`… (POSITIONAL, Meta's default) or `{{first_name}}` (NAMED). */
export const PARAMETER_FORMATS = ["POSITIONAL", "NAMED"] as const;
export type ParameterFormat = (typeof PARAMETER_FORMATS)[number];

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
  parameter_format: openEnum(PARAMETER_FORMATS).optional(),
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

/** What is written between `{{` and `}}` of every placeholder of a text, as written, in order. */
export function templatePlaceholders(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((match) => match[1] ?? "");
}

/** `{{1}}`'s inside: digits only. */
export const isNumberedVariable = (inner: string): boolean => /^\d+$/.test(inner);

/** `{{first_name}}`'s inside: lowercase letters, digits and underscores (digits alone make a numbered one). */
export const isNamedVariable = (inner: string): boolean => /^[a-z0-9_]+$/.test(inner) && !isNumberedVariable(inner);

/**
 * The variables of a header or body text in the order their values are given, each once: numbered
 * ones as "1", "2"… by number; named ones in the order they first appear. Spaces inside the braces
 * are tolerated here (an approved template is read as Meta reads it); the editor's rules refuse them.
 */
export function templateVariables(text: string | undefined, format: ParameterFormat): string[] {
  const inners = templatePlaceholders(text).map((inner) => inner.trim());
  if (format === "NAMED") return [...new Set(inners.filter(isNamedVariable))];
  return [...new Set(inners.filter(isNumberedVariable).map((inner) => String(Number(inner))))].sort((a, b) => Number(a) - Number(b));
}

/** Replaces each `{{key}}` that has a non-blank value; the others stay visible as written. */
export function fillTemplateText(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (whole, inner: string) => {
    const key = isNumberedVariable(inner.trim()) ? String(Number(inner.trim())) : inner.trim();
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    return value?.trim() ? value : whole;
  });
}

type ComponentLike = { type?: unknown; text?: unknown; cards?: unknown };

/** The header and body texts of a template, carousel cards' included: where its variables are written. */
function variableTexts(components: readonly unknown[] | undefined): string[] {
  const texts: string[] = [];
  for (const raw of components ?? []) {
    if (raw === null || typeof raw !== "object") continue;
    const component = raw as ComponentLike;
    const type = String(component.type ?? "").toUpperCase();
    if ((type === "HEADER" || type === "BODY") && typeof component.text === "string") texts.push(component.text);
    if (type === "CAROUSEL" && Array.isArray(component.cards)) {
      for (const card of component.cards) {
        const inner = card && typeof card === "object" ? (card as { components?: unknown }).components : undefined;
        if (Array.isArray(inner)) texts.push(...variableTexts(inner));
      }
    }
  }
  return texts;
}

/**
 * Whether a template's variables are named or numbered. Graph says so in `parameter_format`; the
 * mirror keeps only the components, so without it a template is NAMED when its header or body uses a
 * named placeholder (URL buttons keep `{{1}}` in both kinds, so they do not count).
 */
export function templateParameterFormat(template: { parameter_format?: string | null; components?: readonly unknown[] | null }): ParameterFormat {
  if (template.parameter_format === "NAMED" || template.parameter_format === "POSITIONAL") return template.parameter_format;
  return variableTexts(template.components ?? []).some((text) => templatePlaceholders(text).some((inner) => isNamedVariable(inner.trim())))
    ? "NAMED"
    : "POSITIONAL";
}

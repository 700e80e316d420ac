/** Inputs of the template actions, shared by the editor and the server. Browser-safe. */
import { z } from "@/lib/zod";

import { message, type Translatable } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";
import type { TemplateListItem } from "@/lib/templates/views";
import { templateDraftSchema, type DraftProblem } from "@/lib/whatsapp/template-draft";

const id = (what: "account" | "template") => z.string().min(1, invalid(`templates.input.${what}Required`)).max(64);

export const createTemplateInputSchema = z.object({ wabaId: id("account"), draft: templateDraftSchema });
export type CreateTemplateInput = z.infer<typeof createTemplateInputSchema>;

export const updateTemplateInputSchema = z.object({ templateId: id("template"), draft: templateDraftSchema });
export type UpdateTemplateInput = z.infer<typeof updateTemplateInputSchema>;

export const deleteTemplateInputSchema = z.object({
  wabaId: id("account"),
  name: z.string().min(1, invalid("templates.rules.nameRequired")).max(512),
});
export type DeleteTemplateInput = z.infer<typeof deleteTemplateInputSchema>;

export const syncTemplatesInputSchema = z.object({ wabaId: id("account").optional() });

/** A refusal of the gateway that belongs to no single field: shown as title, explanation and what to do. */
export interface TemplateRefusal {
  title: string;
  explanation: string;
  action: string;
  /** Meta's own words, when it gave any. */
  details?: string;
  code?: string;
}

export type TemplateMutationResult =
  | { ok: true; template: TemplateListItem }
  | { ok: false; problems: DraftProblem[]; refusal: TemplateRefusal | null };

export interface TemplateDeleteResult {
  name: string;
  languages: string[];
}

export interface TemplateSyncSummary {
  fetched: number;
  inserted: number;
  updated: number;
  gone: number;
}

/** The header formats whose sample Meta reviews as an uploaded file (`example.header_handle`). */
export const MEDIA_HEADER_FORMATS = ["IMAGE", "VIDEO", "DOCUMENT"] as const;
export type MediaHeaderFormat = (typeof MEDIA_HEADER_FORMATS)[number];

const KB = 1024;
const MB = 1024 * KB;

/** Writes a number of bytes the reader's way ("960 kB", "960 ko"): `formatFileSize` on their formatter. */
export type SizeWriter = (bytes: number) => string;

/**
 * The sample goes through a server action, and Next.js refuses action bodies above 1 MB (its default
 * `serverActions.bodySizeLimit`, not raised here). 960 KB of file leaves room for the multipart form
 * around it; Meta's own limits (5 MB, 16 MB, 100 MB) are larger, so this is the one that binds.
 */
export const HEADER_SAMPLE_UPLOAD_LIMIT = 960 * KB;

/** What each media header takes as its sample: Meta's types and limits (the Resumable Upload API's types only). */
export const HEADER_SAMPLE_RULES: Record<MediaHeaderFormat, { mimeTypes: readonly string[]; metaMaxBytes: number; accept: string }> = {
  IMAGE: { mimeTypes: ["image/jpeg", "image/png"], metaMaxBytes: 5 * MB, accept: "image/jpeg,image/png,.jpg,.jpeg,.png" },
  VIDEO: { mimeTypes: ["video/mp4"], metaMaxBytes: 16 * MB, accept: "video/mp4,.mp4" },
  DOCUMENT: { mimeTypes: ["application/pdf"], metaMaxBytes: 100 * MB, accept: "application/pdf,.pdf" },
};

/** The size a sample of this format may have here: Meta's limit or the action's, whichever is smaller. */
export function headerSampleMaxBytes(format: MediaHeaderFormat): number {
  return Math.min(HEADER_SAMPLE_RULES[format].metaMaxBytes, HEADER_SAMPLE_UPLOAD_LIMIT);
}

/** What a sample of this format may be, e.g. "a JPEG or PNG of at most 960 kB". */
export function headerSampleRuleText(format: MediaHeaderFormat, size: SizeWriter): Translatable {
  return message("templates.sample.rule", { format, size: size(headerSampleMaxBytes(format)) });
}

export type HeaderSampleCheck = { ok: true } | { ok: false; reason: Translatable };

/** Checks a sample file before it is sent (in the editor, and again in the action); sizes are written by `size`. */
export function checkHeaderSample(format: MediaHeaderFormat, file: { type: string; size: number }, size: SizeWriter): HeaderSampleCheck {
  const rule = HEADER_SAMPLE_RULES[format];
  const type = file.type.split(";")[0]!.trim().toLowerCase();
  const max = headerSampleMaxBytes(format);
  if (!rule.mimeTypes.includes(type)) {
    return { ok: false, reason: message("templates.sample.wrongType", { format, size: size(max), type: type || "unknown" }) };
  }
  if (file.size <= 0) return { ok: false, reason: message("templates.sample.empty") };
  if (file.size > max) {
    const values = { format, size: size(max), actual: size(file.size) };
    return {
      ok: false,
      reason: max < rule.metaMaxBytes ? message("templates.sample.tooLargeHere", { ...values, metaSize: size(rule.metaMaxBytes) }) : message("templates.sample.tooLarge", values),
    };
  }
  return { ok: true };
}

export interface HeaderSampleUpload {
  /** What goes into the draft's `example.header_handle`. */
  handle: string;
  format: MediaHeaderFormat;
  fileName: string;
  size: number;
  type: string;
}

/** Inputs of the template actions, shared by the editor and the server. Browser-safe. */
import { z } from "zod";

import { templateDraftSchema, type DraftProblem } from "@/lib/whatsapp/template-draft";
import type { TemplateListItem } from "@/lib/templates/views";

const id = (what: string) => z.string().min(1, `${what} is required`).max(64, `${what} must be at most 64 characters`);

export const createTemplateInputSchema = z.object({ wabaId: id("The account"), draft: templateDraftSchema });
export type CreateTemplateInput = z.infer<typeof createTemplateInputSchema>;

export const updateTemplateInputSchema = z.object({ templateId: id("The template"), draft: templateDraftSchema });
export type UpdateTemplateInput = z.infer<typeof updateTemplateInputSchema>;

export const deleteTemplateInputSchema = z.object({
  wabaId: id("The account"),
  name: z.string().min(1, "The template name is required").max(512, "The template name must be at most 512 characters"),
});
export type DeleteTemplateInput = z.infer<typeof deleteTemplateInputSchema>;

export const syncTemplatesInputSchema = z.object({ wabaId: id("The account").optional() });

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

/**
 * The sample goes through a server action, and Next.js refuses action bodies above 1 MB (its default
 * `serverActions.bodySizeLimit`, not raised here). 960 KB of file leaves room for the multipart form
 * around it; Meta's own limits (5 MB, 16 MB, 100 MB) are larger, so this is the one that binds.
 */
export const HEADER_SAMPLE_UPLOAD_LIMIT = 960 * KB;

/** What each media header takes as its sample: Meta's types and limits (the Resumable Upload API's types only). */
export const HEADER_SAMPLE_RULES: Record<MediaHeaderFormat, { kind: string; mimeTypes: readonly string[]; typesLabel: string; metaMaxBytes: number; accept: string }> = {
  IMAGE: { kind: "image", mimeTypes: ["image/jpeg", "image/png"], typesLabel: "a JPEG or PNG", metaMaxBytes: 5 * MB, accept: "image/jpeg,image/png,.jpg,.jpeg,.png" },
  VIDEO: { kind: "video", mimeTypes: ["video/mp4"], typesLabel: "an MP4", metaMaxBytes: 16 * MB, accept: "video/mp4,.mp4" },
  DOCUMENT: { kind: "document", mimeTypes: ["application/pdf"], typesLabel: "a PDF", metaMaxBytes: 100 * MB, accept: "application/pdf,.pdf" },
};

/** The size a sample of this format may have here: Meta's limit or the action's, whichever is smaller. */
export function headerSampleMaxBytes(format: MediaHeaderFormat): number {
  return Math.min(HEADER_SAMPLE_RULES[format].metaMaxBytes, HEADER_SAMPLE_UPLOAD_LIMIT);
}

const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : bytes >= KB ? `${Math.round(bytes / KB)} KB` : `${bytes} B`);

/** One line naming what a sample of this format may be, e.g. "a JPEG or PNG of at most 960 KB". */
export function headerSampleRuleText(format: MediaHeaderFormat): string {
  return `${HEADER_SAMPLE_RULES[format].typesLabel} of at most ${sizeText(headerSampleMaxBytes(format))}`;
}

export type HeaderSampleCheck = { ok: true } | { ok: false; reason: string };

/** Checks a sample file before it is sent (in the editor, and again in the action). */
export function checkHeaderSample(format: MediaHeaderFormat, file: { type: string; size: number }): HeaderSampleCheck {
  const rule = HEADER_SAMPLE_RULES[format];
  const type = file.type.split(";")[0]!.trim().toLowerCase();
  if (!rule.mimeTypes.includes(type)) {
    return { ok: false, reason: `The ${rule.kind} sample must be ${headerSampleRuleText(format)} (this file is ${type || "of unknown type"}).` };
  }
  if (file.size <= 0) return { ok: false, reason: "The file is empty." };
  const max = headerSampleMaxBytes(format);
  if (file.size > max) {
    const why = max < rule.metaMaxBytes ? ` Meta takes up to ${sizeText(rule.metaMaxBytes)}, but uploads through the dashboard are limited to ${sizeText(max)}: use a smaller sample.` : "";
    return { ok: false, reason: `The ${rule.kind} sample must be at most ${sizeText(max)} (this file is ${sizeText(file.size)}).${why}` };
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

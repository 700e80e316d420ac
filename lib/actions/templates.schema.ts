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

/** What the template screens receive: plain data, safe for client components (only types come from the data layer). */
import type { Template } from "@/db/schema";
import type { ExplanationKey } from "@/lib/whatsapp/errors";

/** A mirrored template as the screens show it: its definition and review state, not when it was synced. */
export function templateListItem(row: Template) {
  return {
    id: row.id,
    wabaId: row.wabaId,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    qualityScore: row.qualityScore,
    rejectedReason: row.rejectedReason,
    previousCategory: row.previousCategory,
    /** As Graph lists it; null when it did not say (then named placeholders tell). */
    parameterFormat: row.parameterFormat,
    /** ISO time of the last change seen (by sync, webhook or an edit here). */
    updatedAt: row.updatedAt.toISOString(),
    components: row.components,
  };
}

export type TemplateListItem = ReturnType<typeof templateListItem>;

export interface TemplateAccount {
  wabaId: string;
  name: string | null;
}

export interface TemplateListView {
  accounts: TemplateAccount[];
  /** The WABA shown; null when the working connection has none (or there is no connection). */
  wabaId: string | null;
  templates: TemplateListItem[];
  /** ISO time of the last successful sync with the gateway, if known. */
  syncedAt: string | null;
  /**
   * The last sync's failure when the list may be stale: where its words are in the catalogs (the
   * reader's language, `gateway.<explanationKey>`), with its English words for other readers of the JSON.
   */
  syncProblem: { explanationKey: ExplanationKey; title: string; explanation: string; action: string } | null;
}

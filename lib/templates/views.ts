/** What the template screens receive: plain data, safe for client components. */
export interface TemplateListItem {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  qualityScore: string | null;
  rejectedReason: string | null;
  previousCategory: string | null;
  /** As Graph lists it; null when it did not say (then named placeholders tell). */
  parameterFormat: string | null;
  /** ISO time of the last change seen (by sync, webhook or an edit here). */
  updatedAt: string;
  components: unknown[];
}

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
  /** The last sync's failure, in plain words, when the list may be stale. */
  syncProblem: { title: string; explanation: string; action: string } | null;
}

export function templateListItem(row: {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  qualityScore: string | null;
  rejectedReason: string | null;
  previousCategory: string | null;
  parameterFormat: string | null;
  updatedAt: Date;
  components: unknown[];
}): TemplateListItem {
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
    parameterFormat: row.parameterFormat,
    updatedAt: row.updatedAt.toISOString(),
    components: row.components,
  };
}

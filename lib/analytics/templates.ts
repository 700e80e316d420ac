/**
 * Templates as our own messages tell it: per template (name and language) how many went out, were
 * delivered, read, answered by the customer within 24 hours, or failed (with the errors WhatsApp gave).
 */
import "server-only";

import type { Database } from "@/db";
import { templateSendCounts, templateSendFailures, type TemplateSendCountsRow } from "@/db/queries/analytics-templates";

import type { AnalyticsRequest } from "./types";
import type { TemplateRow, TemplatesReport } from "./views";

const keyOf = (row: { name: string; language: string }) => `${row.language}\u0000${row.name}`;

/** The template sends of one business account, with Meta's id where the account still has the template. */
export interface TemplateSendsOfAccount {
  wabaId: string;
  name: string;
  language: string;
  templateId: string;
}

/** The period's template rows, and per business account the templates Meta knows by id (for Meta's figures). */
export async function templateSends(db: Database, request: AnalyticsRequest): Promise<{ rows: TemplateRow[]; byAccount: TemplateSendsOfAccount[] }> {
  const [counts, failures] = await Promise.all([templateSendCounts(db, request.query), templateSendFailures(db, request.query)]);
  const rows = new Map<string, TemplateRow>();
  for (const count of counts) {
    const key = keyOf(count);
    const row = rows.get(key) ?? emptyRow(count);
    row.sent += count.sent;
    row.delivered += count.delivered;
    row.read += count.read;
    row.failed += count.failed;
    row.replied += count.replied;
    // Sent from several accounts: the first account's template (sorted by account) names it.
    row.category ??= count.category;
    row.templateId ??= count.templateId;
    rows.set(key, row);
  }
  for (const failure of failures) {
    rows.get(keyOf(failure))?.failures.push({ code: failure.code, title: failure.title, count: failure.count });
  }
  const byAccount = counts.flatMap((count) =>
    count.wabaId && count.templateId ? [{ wabaId: count.wabaId, name: count.name, language: count.language, templateId: count.templateId }] : [],
  );
  const sorted = [...rows.values()].sort((a, b) => b.sent - a.sent || b.failed - a.failed || a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  return { rows: sorted, byAccount };
}

function emptyRow(count: TemplateSendCountsRow): TemplateRow {
  return { name: count.name, language: count.language, category: null, templateId: null, sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, failures: [] };
}

/** GET /api/analytics/templates (readers who see everyone's figures: the door refuses agents). */
export async function templatesReport(db: Database, request: AnalyticsRequest): Promise<TemplatesReport> {
  const { rows } = await templateSends(db, request);
  return { range: request.range, rows };
}

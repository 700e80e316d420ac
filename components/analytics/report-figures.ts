/**
 * The arithmetic the Templates, Campaigns and Costs tabs show beside the server's counts: rates, the
 * rows a chart keeps, and costs regrouped by category or country. Pure and browser-safe.
 */
import type { CostLine, CostSummary } from "@/lib/campaigns/types";
import type { CampaignRow, TemplateRow } from "@/lib/analytics/views";

/** part / whole, or null when there is nothing to divide by (a rate of nothing is not 0 %). */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface TemplateRates {
  /** delivered / sent */
  delivery: number | null;
  /** read / delivered */
  read: number | null;
  /** replied / delivered */
  reply: number | null;
}

/** Read and reply rates are of the messages delivered, as for campaigns: an undelivered message cannot be read. */
export function templateRates(row: Pick<TemplateRow, "sent" | "delivered" | "read" | "replied">): TemplateRates {
  return { delivery: rateOf(row.delivered, row.sent), read: rateOf(row.read, row.delivered), reply: rateOf(row.replied, row.delivered) };
}

/** The templates sent most, at most `limit`, most sent first (ties by name, so the chart does not reshuffle). */
export function topTemplates<Row extends Pick<TemplateRow, "name" | "language" | "sent">>(rows: readonly Row[], limit = 10): Row[] {
  return [...rows]
    .sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name) || a.language.localeCompare(b.language))
    .slice(0, limit);
}

/** The newest campaigns by start, at most `limit` (never-started ones last). */
export function newestCampaigns<Row extends Pick<CampaignRow, "startedAt" | "name">>(rows: readonly Row[], limit = 10): Row[] {
  const started = (row: Row) => (row.startedAt ? Date.parse(row.startedAt) : Number.NEGATIVE_INFINITY);
  return [...rows].sort((a, b) => started(b) - started(a) || a.name.localeCompare(b.name)).slice(0, limit);
}

/** A cost ready to show: `amount` null when no total can be given (only unknown rates, or several currencies). */
export interface CostFigures {
  amount: number | null;
  currency: string | null;
  unknownCount: number;
  /** Any message was priced at all (known or unknown rate). */
  priced: boolean;
}

export function costFigures(summary: Pick<CostSummary, "total" | "currency" | "unknownCount" | "lines">): CostFigures {
  const amount = summary.total === null ? null : Number(summary.total);
  return {
    amount: amount !== null && Number.isFinite(amount) && summary.currency ? amount : null,
    currency: summary.currency,
    unknownCount: summary.unknownCount,
    priced: summary.lines.length > 0 || summary.unknownCount > 0 || summary.total !== null,
  };
}

/** Cost lines regrouped under one key (a category, a country): messages, the known amount, the messages at unknown rates. */
export interface CostGroup {
  key: string | null;
  messages: number;
  /** Sum of the known totals in the summary's currency; null when none is known or the currency is mixed. */
  amount: number | null;
  unknown: number;
}

export function groupCostLines(summary: Pick<CostSummary, "currency" | "lines">, by: (line: CostLine) => string | null): CostGroup[] {
  const groups = new Map<string | null, CostGroup>();
  for (const line of summary.lines) {
    const key = by(line);
    const group = groups.get(key) ?? { key, messages: 0, amount: null, unknown: 0 };
    group.messages += line.count;
    const total = line.total === null ? Number.NaN : Number(line.total);
    if (!Number.isFinite(total)) group.unknown += line.count;
    else if (summary.currency !== null && line.currency === summary.currency) group.amount = (group.amount ?? 0) + total;
    groups.set(key, group);
  }
  // Floating sums of decimal strings: round to the currency's smallest sensible step before showing.
  return [...groups.values()]
    .map((group) => ({ ...group, amount: group.amount === null ? null : Math.round(group.amount * 1e6) / 1e6 }))
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || b.messages - a.messages || String(a.key).localeCompare(String(b.key)));
}

/** How a free message was free, as the Costs tab names it. */
export type FreeKind = "service" | "freeEntryPoint" | "freeCustomerService" | "notBillable";

export function freeKindOf(row: { pricingType: string; category: string }): FreeKind {
  if (row.pricingType === "free_entry_point") return "freeEntryPoint";
  if (row.pricingType === "free_customer_service") return "freeCustomerService";
  return row.category === "service" ? "service" : "notBillable";
}

/** Free messages by kind, in a fixed order, zero kinds left out. */
export function freeMessagesByKind(rows: ReadonlyArray<{ pricingType: string; category: string; count: number }>): Array<{ kind: FreeKind; count: number }> {
  const order: FreeKind[] = ["service", "freeEntryPoint", "freeCustomerService", "notBillable"];
  const counts = new Map<FreeKind, number>();
  for (const row of rows) counts.set(freeKindOf(row), (counts.get(freeKindOf(row)) ?? 0) + row.count);
  return order.filter((kind) => (counts.get(kind) ?? 0) > 0).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}

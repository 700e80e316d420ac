/**
 * The price table as it is edited: rows with text fields, their problems before saving, and the
 * rows as saveRatesAction takes them. Browser-safe and pure.
 */

import { PRICE_CATEGORIES, type PriceCategory } from "@/lib/campaigns/price-categories";

export { PRICE_CATEGORIES, type PriceCategory };

/** A saved rate as GET /api/pricing answers it; amount null is "unknown". */
export interface PriceRateLike {
  country: string;
  category: string;
  currency: string;
  amount: string | null;
  source: string;
  effectiveOn: string | null;
}

/** One row being edited: `key` tells rows apart while they are being typed. */
export interface RateRow {
  key: string;
  country: string;
  category: string;
  currency: string;
  /** Empty: unknown. */
  amount: string;
  source: string;
  effectiveOn: string;
}

export const SOURCE_MAX = 200;
const AMOUNT = /^\d{1,6}(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function rowFromRate(rate: PriceRateLike, key: string): RateRow {
  return {
    key,
    country: rate.country,
    category: rate.category,
    currency: rate.currency,
    amount: rate.amount === null ? "" : trimAmount(rate.amount),
    source: rate.source,
    effectiveOn: rate.effectiveOn ?? "",
  };
}

/** "0.025000" (numeric(12,6) as stored) → "0.025": the amount as a person would type it. */
export function trimAmount(amount: string): string {
  return amount.includes(".") ? amount.replace(/0+$/, "").replace(/\.$/, "") : amount;
}

/** A new row: the currency of the rows above it (one table usually has one), today as its date. */
export function newRow(key: string, rows: readonly RateRow[], today: string): RateRow {
  return { key, country: "", category: "marketing", currency: rows.at(-1)?.currency || "USD", amount: "", source: "", effectiveOn: today };
}

export type RateField = "country" | "category" | "currency" | "amount" | "source" | "effectiveOn";
export type RateProblemKind = "countryMissing" | "categoryUnknown" | "currencyInvalid" | "amountInvalid" | "sourceTooLong" | "dateInvalid" | "duplicate";
export interface RateProblem {
  row: number;
  field: RateField;
  kind: RateProblemKind;
}

/** Every problem of the table, by row and field; a country and category appear once. */
export function rateProblems(rows: readonly RateRow[]): RateProblem[] {
  const problems: RateProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    if (!row.country) problems.push({ row: index, field: "country", kind: "countryMissing" });
    if (!(PRICE_CATEGORIES as readonly string[]).includes(row.category)) problems.push({ row: index, field: "category", kind: "categoryUnknown" });
    if (!CURRENCY.test(row.currency.trim().toUpperCase())) problems.push({ row: index, field: "currency", kind: "currencyInvalid" });
    if (row.amount.trim() && !AMOUNT.test(row.amount.trim())) problems.push({ row: index, field: "amount", kind: "amountInvalid" });
    if ([...row.source.trim()].length > SOURCE_MAX) problems.push({ row: index, field: "source", kind: "sourceTooLong" });
    if (row.effectiveOn && (!DAY.test(row.effectiveOn) || Number.isNaN(Date.parse(`${row.effectiveOn}T00:00:00Z`)))) {
      problems.push({ row: index, field: "effectiveOn", kind: "dateInvalid" });
    }
    const pair = `${row.country}:${row.category}`;
    if (row.country && seen.has(pair)) problems.push({ row: index, field: "category", kind: "duplicate" });
    seen.add(pair);
  });
  return problems;
}

/** The rows as saveRatesAction takes them: trimmed, currency in capitals, an empty amount as unknown (null). */
export function ratesInput(rows: readonly RateRow[]): { rates: Array<PriceRateLike & { effectiveOn: string | null }> } {
  return {
    rates: rows.map((row) => ({
      country: row.country,
      category: row.category,
      currency: row.currency.trim().toUpperCase(),
      amount: row.amount.trim() ? row.amount.trim() : null,
      source: row.source.trim(),
      effectiveOn: row.effectiveOn || null,
    })),
  };
}

/** Whether the table differs from what is saved (Save is offered only then). */
export function ratesChanged(rows: readonly RateRow[], saved: readonly PriceRateLike[]): boolean {
  // Only what is edited: the saved rates also carry who changed them and when.
  const key = (rates: readonly PriceRateLike[]) =>
    JSON.stringify(
      [...rates]
        .map((rate) => ({
          country: rate.country,
          category: rate.category,
          currency: rate.currency,
          amount: rate.amount === null ? null : trimAmount(rate.amount),
          source: rate.source,
          effectiveOn: rate.effectiveOn ?? null,
        }))
        .sort((a, b) => `${a.country}:${a.category}`.localeCompare(`${b.country}:${b.category}`)),
    );
  return key(ratesInput(rows).rates) !== key(saved);
}

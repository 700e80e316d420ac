/**
 * The price table admins and marketers keep (Settings › Pricing) and the cost estimate made from it:
 * a rate not kept, or kept as unknown, is counted as unknown, never guessed.
 */
import "server-only";

import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { findPriceRates, listPriceRateRows, replacePriceRates, type PriceRateInput } from "@/db/queries/price-rates";
import { ActionError } from "@/lib/actions/errors";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import type { ContactActor } from "@/lib/contacts/access";
import { isCountryCode } from "@/lib/contacts/phone";
import { message } from "@/lib/i18n/translatable";

import type { CostLine, CostSummary } from "./types";

import { PRICE_CATEGORIES, type PriceCategory } from "@/lib/campaigns/price-categories";

export { PRICE_CATEGORIES, type PriceCategory };

export const PRICE_LIMITS = { rates: 2000, source: 200 } as const;
/** numeric(12, 6): six digits before the point, six after. */
const AMOUNT = /^\d{1,6}(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface PriceRateView extends PriceRateInput {
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

export async function listRates(db: Database): Promise<PriceRateView[]> {
  return (await listPriceRateRows(db)).map((row) => ({
    country: row.country,
    category: row.category,
    currency: row.currency,
    amount: row.amount === null ? null : trimAmount(row.amount),
    source: row.source,
    effectiveOn: row.effectiveOn,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedById ? { id: row.updatedById, name: row.updatedByName ?? "" } : null,
  }));
}

const invalidRate = (key: Parameters<typeof message>[0], field: string, values?: Record<string, string | number>) =>
  new ActionError(message(key, values), { code: "INVALID_INPUT", field });

function isRealDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** One rate as stored, or the first thing wrong with it at `rates.<i>.<field>`. */
function checkedRate(rate: PriceRateInput, index: number): PriceRateInput {
  const field = (name: string) => `rates.${index}.${name}`;
  const country = rate.country.trim().toUpperCase();
  if (!isCountryCode(country)) throw invalidRate("campaigns.errors.rateCountry", field("country"));
  const category = rate.category.trim().toLowerCase();
  if (!(PRICE_CATEGORIES as readonly string[]).includes(category)) throw invalidRate("campaigns.errors.rateCategory", field("category"));
  const currency = rate.currency.trim().toUpperCase();
  if (!CURRENCY.test(currency)) throw invalidRate("campaigns.errors.rateCurrency", field("currency"));
  const amount = rate.amount === null || rate.amount.trim() === "" ? null : rate.amount.trim();
  if (amount !== null && !AMOUNT.test(amount)) throw invalidRate("campaigns.errors.rateAmount", field("amount"));
  const source = rate.source.trim();
  if ([...source].length > PRICE_LIMITS.source) throw invalidRate("campaigns.errors.rateSourceTooLong", field("source"), { maximum: PRICE_LIMITS.source });
  const effectiveOn = rate.effectiveOn === null || rate.effectiveOn.trim() === "" ? null : rate.effectiveOn.trim();
  if (effectiveOn !== null && !isRealDay(effectiveOn)) throw invalidRate("campaigns.errors.rateDate", field("effectiveOn"));
  return { country, category, currency, amount, source, effectiveOn };
}

/**
 * The table becomes these rates (pricing.manage), audited. Every rate is checked first; a refusal
 * names the rate and its field (`rates.3.amount`) and changes nothing. One rate per country and category.
 */
export async function saveRates(db: Database, actor: ContactActor, rates: PriceRateInput[]): Promise<PriceRateView[]> {
  if (!can(actor.role, "pricing.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
  if (rates.length > PRICE_LIMITS.rates) throw invalidRate("campaigns.errors.tooManyRates", "rates", { maximum: PRICE_LIMITS.rates });
  const checked = rates.map(checkedRate);
  const seen = new Map<string, number>();
  checked.forEach((rate, index) => {
    const key = `${rate.country}:${rate.category}`;
    if (seen.has(key)) throw invalidRate("campaigns.errors.rateDuplicate", `rates.${index}.category`, { country: rate.country, category: rate.category });
    seen.set(key, index);
  });
  await db.transaction(async (tx) => {
    await replacePriceRates(tx, checked, actor.id);
    await recordAudit(tx, { actor, action: "pricing.rates_saved", target: { type: "pricing", id: "rates" }, details: { rates: checked.length } });
  });
  return listRates(db);
}

// --- amounts ---------------------------------------------------------------------------------------

/** Amounts are counted in millionths (numeric(12, 6)), as integers: no binary fractions in money. */
const SCALE = 6;

function toMicros(amount: string): bigint {
  const [whole = "0", fraction = ""] = amount.split(".");
  return BigInt(whole) * 10n ** BigInt(SCALE) + BigInt((fraction + "0".repeat(SCALE)).slice(0, SCALE));
}

function fromMicros(micros: bigint): string {
  const whole = micros / 10n ** BigInt(SCALE);
  const fraction = (micros % 10n ** BigInt(SCALE)).toString().padStart(SCALE, "0");
  return trimAmount(`${whole}.${fraction}`);
}

/** "0.062500" → "0.0625", "12.000000" → "12.00": at least two decimals, no trailing zeros beyond. */
export function trimAmount(amount: string): string {
  const [whole, fraction = ""] = amount.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return `${whole}.${trimmed.padEnd(2, "0")}`;
}

/** The pricing category of a template category (MARKETING → marketing). */
export const priceCategoryOf = (templateCategory: string) => templateCategory.trim().toLowerCase();

/**
 * The cost of these messages by category and country from the price table. A line without a rate
 * (no country, no row, or an unknown amount) has null amounts and counts in `unknownCount`; the total
 * adds the known lines when they share one currency, and is null when currencies are mixed.
 */
export async function estimateCost(db: Database, lines: Array<{ category: string; country: string | null; count: number }>): Promise<CostSummary> {
  const merged = new Map<string, { category: string; country: string | null; count: number }>();
  for (const line of lines) {
    if (line.count <= 0) continue;
    const category = priceCategoryOf(line.category);
    const key = `${category}:${line.country ?? ""}`;
    const entry = merged.get(key) ?? { category, country: line.country, count: 0 };
    entry.count += line.count;
    merged.set(key, entry);
  }
  const wanted = [...merged.values()];
  const countries = [...new Set(wanted.flatMap((line) => (line.country ? [line.country] : [])))];
  const categories = [...new Set(wanted.map((line) => line.category))];
  const rates = new Map((await findPriceRates(db, countries, categories)).map((rate) => [`${rate.category}:${rate.country}`, rate]));

  let unknownCount = 0;
  const currencies = new Set<string>();
  let total = 0n;
  const costLines: CostLine[] = wanted
    .sort((a, b) => a.category.localeCompare(b.category) || (a.country ?? "").localeCompare(b.country ?? ""))
    .map((line) => {
      const rate = line.country ? rates.get(`${line.category}:${line.country}`) : undefined;
      if (!rate || rate.amount === null) {
        unknownCount += line.count;
        return { ...line, currency: rate?.currency ?? null, unitAmount: null, total: null };
      }
      const lineTotal = toMicros(rate.amount) * BigInt(line.count);
      currencies.add(rate.currency);
      total += lineTotal;
      return { ...line, currency: rate.currency, unitAmount: trimAmount(rate.amount), total: fromMicros(lineTotal) };
    });
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  return { currency, total: currency ? fromMicros(total) : null, lines: costLines, unknownCount };
}

/** The price table (Settings › Pricing): rates per country and category, replaced as a whole when saved. */
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";

import type { Database } from "../client";
import { priceRates, users, type PriceRate } from "../schema";

export interface PriceRateRow extends PriceRate {
  updatedByName: string | null;
}

export async function listPriceRateRows(db: Database): Promise<PriceRateRow[]> {
  const rows = await db
    .select({ rate: priceRates, updatedByName: users.name })
    .from(priceRates)
    .leftJoin(users, eq(users.id, priceRates.updatedById))
    .orderBy(asc(priceRates.country), asc(priceRates.category));
  return rows.map((row) => ({ ...row.rate, updatedByName: row.updatedByName }));
}

export interface PriceRateInput {
  country: string;
  category: string;
  currency: string;
  amount: string | null;
  source: string;
  effectiveOn: string | null;
}

/**
 * The table becomes exactly these rates (one per country and category): others are removed, these
 * inserted or changed. Call inside the transaction that records the audit entry.
 */
export async function replacePriceRates(db: Database, rates: PriceRateInput[], updatedById: string | null): Promise<void> {
  const keys = rates.map((rate) => `${rate.country}:${rate.category}`);
  const key = sql<string>`${priceRates.country} || ':' || ${priceRates.category}`;
  await (keys.length === 0 ? db.delete(priceRates) : db.delete(priceRates).where(notInArray(key, keys)));
  if (rates.length === 0) return;
  await db
    .insert(priceRates)
    .values(rates.map((rate) => ({ ...rate, updatedById })))
    .onConflictDoUpdate({
      target: [priceRates.country, priceRates.category],
      set: {
        currency: sql`excluded.currency`,
        amount: sql`excluded.amount`,
        source: sql`excluded.source`,
        effectiveOn: sql`excluded.effective_on`,
        updatedById: sql`excluded.updated_by_id`,
        updatedAt: sql`now()`,
      },
    });
}

/** The rates of these countries and categories (rows absent: no rate kept). */
export async function findPriceRates(db: Database, countries: string[], categories: string[]): Promise<PriceRate[]> {
  if (countries.length === 0 || categories.length === 0) return [];
  return db
    .select()
    .from(priceRates)
    .where(and(inArray(priceRates.country, countries), inArray(priceRates.category, categories)));
}

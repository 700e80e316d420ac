/**
 * The costs report: what WhatsApp charged for the period's messages (the pricing their statuses
 * reported) priced from the price table, what the free ones would have cost (saved), charged and free
 * messages per day, and the calendar month of the range's end with a forecast at its pace so far.
 *
 * The agent filter does not apply here: a price belongs to the account, not to whoever sent the message
 * (campaign sends have no sender), and only readers of everyone's figures see costs.
 */
import "server-only";

import type { Database } from "@/db/client";
import { pricedMessageCounts, type PricedMessageCount } from "@/db/queries/analytics-costs";
import { AuthorizationError } from "@/lib/auth/session";
import { estimateCost, trimAmount } from "@/lib/campaigns/pricing";
import { message } from "@/lib/i18n/translatable";
import { DAY_MS, firstInstantAtOrAfter, parseIsoDate, wallClockAt, wallClockOf, wallTimeOf } from "@/lib/whatsapp/zoned-time";

import { datesOfRange } from "./range";
import type { AnalyticsRequest } from "./types";
import type { CostsReport } from "./views";

type CostLineInput = { category: string; country: string | null; count: number };

const linesOf = (rows: PricedMessageCount[]): CostLineInput[] => rows.map(({ category, country, count }) => ({ category, country, count }));

export async function costsReport(db: Database, request: AnalyticsRequest): Promise<CostsReport> {
  // The door refuses agents already; a report of the account's money is never theirs whatever the door.
  if (!request.viewAll) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: "agent" }));
  const { query, range } = request;
  const month = monthOf(range.to, range.timeZone, request.now);

  const [rows, monthRows] = await Promise.all([
    pricedMessageCounts(db, query, { start: query.start, end: query.end }),
    month.until > month.start ? pricedMessageCounts(db, query, { start: month.start, end: month.until }) : Promise.resolve([]),
  ]);
  const chargedRows = rows.filter((row) => row.charged);
  const freeRows = rows.filter((row) => !row.charged);

  const [charged, saved, monthCharged] = await Promise.all([
    estimateCost(db, linesOf(chargedRows)),
    estimateCost(db, linesOf(freeRows)),
    estimateCost(db, linesOf(monthRows.filter((row) => row.charged))),
  ]);

  return {
    range,
    charged,
    saved: { ...saved, byType: freeByType(freeRows) },
    days: perDay(range.from, range.to, rows),
    month: {
      month: month.label,
      charged: monthCharged,
      forecastTotal: forecast(monthCharged.total, month.daysElapsed, month.daysInMonth),
      currency: monthCharged.currency,
      daysElapsed: month.daysElapsed,
      daysInMonth: month.daysInMonth,
    },
  };
}

/** Free messages by WhatsApp's pricing type (none sent: "free") and category, most first. */
function freeByType(rows: PricedMessageCount[]): CostsReport["saved"]["byType"] {
  const counts = new Map<string, { pricingType: string; category: string; count: number }>();
  for (const row of rows) {
    const pricingType = row.pricingType ?? "free";
    const key = `${pricingType}:${row.category}`;
    const entry = counts.get(key) ?? { pricingType, category: row.category, count: 0 };
    entry.count += row.count;
    counts.set(key, entry);
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || a.pricingType.localeCompare(b.pricingType) || a.category.localeCompare(b.category),
  );
}

/** Charged and free messages on every date from `from` to `to` (inclusive), days without any at zero. */
function perDay(from: string, to: string, rows: PricedMessageCount[]): CostsReport["days"] {
  const days = new Map(datesOfRange(from, to).map((date) => [date, { date, charged: 0, free: 0 }]));
  for (const row of rows) {
    const day = days.get(row.date);
    if (!day) continue;
    if (row.charged) day.charged += row.count;
    else day.free += row.count;
  }
  return [...days.values()];
}

/**
 * The calendar month (in the reader's zone) holding the range's last date: its first instant, the end
 * of what has happened so far in it (now, or the month's end once it is over), its days, and the days
 * elapsed (today counts as elapsed as soon as it has begun).
 */
export function monthOf(lastDate: string, timeZone: string, now: Date) {
  const last = parseIsoDate(lastDate);
  if (last === null) throw new RangeError(`not a date: ${lastDate}`);
  const { year, month } = wallClockOf(last);
  const firstWall = wallTimeOf({ year, month, day: 1, hour: 0, minute: 0 });
  const nextWall = month === 12 ? wallTimeOf({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0 }) : wallTimeOf({ year, month: month + 1, day: 1, hour: 0, minute: 0 });
  const daysInMonth = Math.round((nextWall - firstWall) / DAY_MS);
  const start = new Date(firstInstantAtOrAfter(firstWall, timeZone));
  const end = new Date(firstInstantAtOrAfter(nextWall, timeZone));
  const daysElapsed = now >= end ? daysInMonth : now < start ? 0 : wallClockAt(now, timeZone).day;
  return {
    label: `${year}-${String(month).padStart(2, "0")}`,
    start,
    until: now < end ? now : end,
    daysInMonth,
    daysElapsed,
  };
}

/** Amounts as CostSummary writes them: up to six decimals, counted here in millionths. */
const SCALE = 1_000_000n;

/**
 * `total` / daysElapsed × daysInMonth, rounded half up to the millionth and written like CostSummary's
 * totals; null without a total (mixed currencies, all unknown) or before the month has begun.
 */
export function forecast(total: string | null, daysElapsed: number, daysInMonth: number): string | null {
  if (total === null || daysElapsed <= 0) return null;
  const [whole = "0", fraction = ""] = total.split(".");
  const micros = BigInt(whole) * SCALE + BigInt((fraction + "000000").slice(0, 6));
  const scaled = micros * BigInt(daysInMonth);
  const elapsed = BigInt(daysElapsed);
  const rounded = (scaled * 2n + elapsed) / (elapsed * 2n);
  return trimAmount(`${rounded / SCALE}.${(rounded % SCALE).toString().padStart(6, "0")}`);
}

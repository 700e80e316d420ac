import { describe, expect, it } from "vitest";

import { costFigures, freeMessagesByKind, groupCostLines, newestCampaigns, rateOf, templateRates, topTemplates } from "./report-figures";

describe("rates", () => {
  it("divides by what could be read or replied to, and gives no rate when there was nothing", () => {
    expect(templateRates({ sent: 200, delivered: 180, read: 90, replied: 27 })).toEqual({ delivery: 0.9, read: 0.5, reply: 0.15 });
    expect(templateRates({ sent: 0, delivered: 0, read: 0, replied: 0 })).toEqual({ delivery: null, read: null, reply: null });
    expect(rateOf(0, 5)).toBe(0);
  });
});

describe("which rows a chart keeps", () => {
  it("keeps the ten templates sent most, ties by name", () => {
    const rows = Array.from({ length: 12 }, (_, index) => ({ name: `t${String(index).padStart(2, "0")}`, language: "en", sent: index % 3 }));
    const top = topTemplates(rows, 10);
    expect(top).toHaveLength(10);
    expect(top.slice(0, 4).map((row) => row.name)).toEqual(["t02", "t05", "t08", "t11"]);
    expect(top.slice(8).map((row) => row.name)).toEqual(["t00", "t03"]);
  });

  it("keeps the newest campaigns by start, never-started ones last", () => {
    const rows = [
      { name: "old", startedAt: "2026-01-01T00:00:00.000Z" },
      { name: "never", startedAt: null },
      { name: "new", startedAt: "2026-03-01T00:00:00.000Z" },
    ];
    expect(newestCampaigns(rows, 10).map((row) => row.name)).toEqual(["new", "old", "never"]);
    expect(newestCampaigns(rows, 1).map((row) => row.name)).toEqual(["new"]);
  });
});

describe("costs regrouped", () => {
  const summary = {
    currency: "USD",
    total: "12.50",
    unknownCount: 10,
    lines: [
      { category: "marketing", country: "US", count: 100, currency: "USD", unitAmount: "0.025", total: "2.50" },
      { category: "utility", country: "BR", count: 500, currency: "USD", unitAmount: "0.02", total: "10.00" },
      { category: "marketing", country: "BR", count: 10, currency: null, unitAmount: null, total: null },
    ],
  };

  it("sums known amounts and counts unknown rates apart, by category and by country", () => {
    expect(groupCostLines(summary, (line) => line.category)).toEqual([
      { key: "utility", messages: 500, amount: 10, unknown: 0 },
      { key: "marketing", messages: 110, amount: 2.5, unknown: 10 },
    ]);
    expect(groupCostLines(summary, (line) => line.country)).toEqual([
      { key: "BR", messages: 510, amount: 10, unknown: 10 },
      { key: "US", messages: 100, amount: 2.5, unknown: 0 },
    ]);
  });

  it("gives no amount rather than a guess: unknown rates only, or no single currency", () => {
    expect(costFigures({ currency: null, total: null, unknownCount: 40, lines: [{ category: "marketing", country: "BR", count: 40, currency: null, unitAmount: null, total: null }] })).toEqual({
      amount: null,
      currency: null,
      unknownCount: 40,
      priced: true,
    });
    expect(costFigures({ currency: null, total: null, unknownCount: 0, lines: [] }).priced).toBe(false);
    expect(groupCostLines({ currency: null, lines: summary.lines }, (line) => line.category).every((group) => group.amount === null)).toBe(true);
  });

  it("names free messages by why they were free", () => {
    expect(
      freeMessagesByKind([
        { pricingType: "free_customer_service", category: "service", count: 200 },
        { pricingType: "regular", category: "service", count: 60 },
        { pricingType: "free", category: "service", count: 40 },
        { pricingType: "free_entry_point", category: "marketing", count: 8 },
      ]),
    ).toEqual([
      { kind: "service", count: 100 },
      { kind: "freeEntryPoint", count: 8 },
      { kind: "freeCustomerService", count: 200 },
    ]);
  });
});

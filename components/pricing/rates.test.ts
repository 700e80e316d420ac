import { describe, expect, it } from "vitest";

import { newRow, rateProblems, ratesChanged, ratesInput, rowFromRate, trimAmount, type RateRow } from "./rates";

const row = (patch: Partial<RateRow>): RateRow => ({ key: "k", country: "BR", category: "marketing", currency: "USD", amount: "0.0625", source: "Meta", effectiveOn: "2026-01-01", ...patch });

describe("price table rows", () => {
  it("names each problem by row and field, including a country and category given twice", () => {
    expect(rateProblems([row({})])).toEqual([]);
    expect(rateProblems([row({ country: "", currency: "US", amount: "1,5", effectiveOn: "2026-13-45" }), row({}), row({ key: "b" })])).toEqual([
      { row: 0, field: "country", kind: "countryMissing" },
      { row: 0, field: "currency", kind: "currencyInvalid" },
      { row: 0, field: "amount", kind: "amountInvalid" },
      { row: 0, field: "effectiveOn", kind: "dateInvalid" },
      { row: 2, field: "category", kind: "duplicate" },
    ]);
  });

  it("saves an empty amount as unknown (null), trimmed, with the currency in capitals", () => {
    expect(ratesInput([row({ amount: " ", currency: "eur", source: " invoice " })]).rates).toEqual([
      { country: "BR", category: "marketing", currency: "EUR", amount: null, source: "invoice", effectiveOn: "2026-01-01" },
    ]);
  });

  it("shows stored amounts as typed and notices only real changes", () => {
    expect(trimAmount("0.062500")).toBe("0.0625");
    expect(trimAmount("1.000000")).toBe("1");
    // As GET /api/pricing answers: with who changed it and when, which the editor does not edit.
    const saved = [
      {
        country: "BR",
        category: "marketing",
        currency: "USD",
        amount: "0.062500",
        source: "Meta",
        effectiveOn: "2026-01-01",
        updatedAt: "2026-01-02T10:00:00.000Z",
        updatedBy: { id: "u1", name: "Mia" },
      },
    ];
    const rows = saved.map((rate) => rowFromRate(rate, "a"));
    expect(ratesChanged(rows, saved)).toBe(false);
    expect(ratesChanged([...rows, newRow("b", rows, "2026-02-02")], saved)).toBe(true);
    expect(newRow("b", rows, "2026-02-02")).toMatchObject({ currency: "USD", amount: "", effectiveOn: "2026-02-02" });
  });
});

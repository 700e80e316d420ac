import { describe, expect, it } from "vitest";

import { applyTemplateFilters, parseTemplateFilters, templateFiltersQuery } from "./template-filters";

const list = [
  { name: "spring_sale", language: "en_US", category: "MARKETING", status: "APPROVED" },
  { name: "order_update", language: "es_ES", category: "UTILITY", status: "PENDING" },
  { name: "old_one", language: "en_US", category: "UTILITY", status: "DELETED" },
];

describe("template list filters", () => {
  it("reads known values from the URL and drops unknown ones", () => {
    expect(parseTemplateFilters(new URLSearchParams("category=utility&status=IN_APPEAL&language=en_US&q=ord"))).toEqual({
      category: "UTILITY",
      status: "IN_APPEAL",
      language: "en_US",
      q: "ord",
    });
    expect(parseTemplateFilters({ category: "NEWS", status: ["BOGUS"] })).toMatchObject({ category: "", status: "" });
  });

  it("writes only the filters in use, keeping the account", () => {
    expect(templateFiltersQuery({ category: "MARKETING", status: "", language: "", q: "sale" }, { waba: "1" })).toBe("?waba=1&category=MARKETING&q=sale");
    expect(templateFiltersQuery({ category: "", status: "", language: "", q: "" })).toBe("");
  });

  it("filters by every field, hiding templates gone at Meta unless asked for", () => {
    const none = { category: "", status: "", language: "", q: "" };
    expect(applyTemplateFilters(list, none).map((t) => t.name)).toEqual(["spring_sale", "order_update"]);
    expect(applyTemplateFilters(list, { ...none, status: "DELETED" }).map((t) => t.name)).toEqual(["old_one"]);
    expect(applyTemplateFilters(list, { ...none, category: "UTILITY", q: "ORDER" }).map((t) => t.name)).toEqual(["order_update"]);
    expect(applyTemplateFilters(list, { ...none, language: "en_US" }).map((t) => t.name)).toEqual(["spring_sale"]);
  });
});

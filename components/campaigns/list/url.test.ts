import { describe, expect, it } from "vitest";

import { ALL_RECIPIENTS, campaignResultsHref, recipientFiltersFromSearchParams, recipientsKey, recipientsUrl } from "../results/url";
import { CAMPAIGN_SEARCH_MAX, campaignListHref, campaignListKey, campaignListUrl, filtersFromSearchParams, hasFilters, NO_FILTERS } from "./url";

const ID = "0b6f1c2e-8d4a-4f6e-9c1b-2a3d4e5f6a7b";

describe("the campaign list's URL", () => {
  it("reads a status and a search, and writes them back in a stable order", () => {
    const filters = filtersFromSearchParams(new URLSearchParams("q=%20spring%20sale%20&status=sending"));
    expect(filters).toEqual({ status: "sending", q: "spring sale" });
    expect(campaignListHref(filters)).toBe("/campaigns?status=sending&q=spring+sale");
    expect(campaignListUrl(filters)).toBe("/api/campaigns?status=sending&q=spring+sale");
    expect(hasFilters(filters)).toBe(true);
  });

  it("leaves out an unknown status instead of refusing the link, and takes Next's searchParams objects", () => {
    expect(filtersFromSearchParams({ status: "exploded", q: ["first", "second"] })).toEqual({ status: null, q: "first" });
    expect(filtersFromSearchParams({})).toEqual(NO_FILTERS);
  });

  it("cuts an over-long search to the longest the list sends", () => {
    expect(filtersFromSearchParams({ q: "x".repeat(500) }).q).toHaveLength(CAMPAIGN_SEARCH_MAX);
  });

  it("is plain /campaigns without filters, and the key ignores blanks around the search", () => {
    expect(campaignListHref(NO_FILTERS)).toBe("/campaigns");
    expect(hasFilters({ status: null, q: "   " })).toBe(false);
    expect(campaignListKey({ status: null, q: " a " })).toEqual(campaignListKey({ status: null, q: "a" }));
    expect(campaignListKey({ status: "paused", q: "" })).not.toEqual(campaignListKey(NO_FILTERS));
  });
});

describe("the results page's recipients filter", () => {
  it("reads a status, and a skip reason only with the status skipped", () => {
    expect(recipientFiltersFromSearchParams({ status: "failed", reason: "opted_out" })).toEqual({ status: "failed", reason: null });
    expect(recipientFiltersFromSearchParams({ status: "skipped", reason: "opted_out" })).toEqual({ status: "skipped", reason: "opted_out" });
    expect(recipientFiltersFromSearchParams({ status: "skipped", reason: "bored" })).toEqual({ status: "skipped", reason: null });
    expect(recipientFiltersFromSearchParams({ status: "nope" })).toEqual(ALL_RECIPIENTS);
    expect(recipientFiltersFromSearchParams({ status: "read", q: "  maria " })).toEqual({ status: "read", reason: null, q: "maria" });
    expect(recipientFiltersFromSearchParams({ q: "maria" })).toEqual({ ...ALL_RECIPIENTS, q: "maria" });
    expect(recipientsUrl(ID, { status: "read", reason: null, q: "maria" }, null)).toBe(`/api/campaigns/${ID}/recipients?status=read&q=maria&limit=50`);
    expect(recipientsKey(ID, { ...ALL_RECIPIENTS, q: "maria" })).not.toEqual(recipientsKey(ID, ALL_RECIPIENTS));
  });

  it("builds the page's address, the route's page URL and a key per filter", () => {
    expect(campaignResultsHref(ID)).toBe(`/campaigns/${ID}`);
    expect(campaignResultsHref(ID, { status: "skipped", reason: "duplicate" })).toBe(`/campaigns/${ID}?status=skipped&reason=duplicate`);
    expect(recipientsUrl(ID, { status: "failed", reason: null }, "abc")).toBe(`/api/campaigns/${ID}/recipients?status=failed&limit=50&cursor=abc`);
    expect(recipientsUrl(ID, ALL_RECIPIENTS, null)).toBe(`/api/campaigns/${ID}/recipients?limit=50`);
    expect(recipientsKey(ID, ALL_RECIPIENTS)).not.toEqual(recipientsKey(ID, { status: "read", reason: null }));
  });
});

import { describe, expect, it } from "vitest";

import { analyticsHref, paramsFromSearch, reportUrl, searchFromParams, tabFromParams } from "./search";

describe("the analytics URL", () => {
  it("reads every filter, and writes them back in a stable order with the tab first", () => {
    const search = searchFromParams(new URLSearchParams("campaign=c1&number=%20n1%20&agent=a1&label=l1&preset=last7&tab=windows"));
    expect(search).toEqual({ preset: "last7", number: "n1", agent: "a1", label: "l1", campaign: "c1" });
    expect(analyticsHref("windows", search)).toBe("/analytics?tab=windows&preset=last7&number=n1&agent=a1&label=l1&campaign=c1");
    expect(analyticsHref("conversations", {})).toBe("/analytics");
  });

  it("keeps a custom range's dates, drops them under another preset, and drops empty values", () => {
    expect(searchFromParams({ preset: "custom", from: "2026-11-01", to: "2026-11-30", number: "" })).toEqual({ preset: "custom", from: "2026-11-01", to: "2026-11-30" });
    expect(searchFromParams({ preset: "last30", from: "2026-11-01", to: ["2026-11-30", "x"] })).toEqual({ preset: "last30" });
    expect(searchFromParams({ from: "2026-11-01" })).toEqual({ from: "2026-11-01" });
    expect(paramsFromSearch({ number: " ", label: "l1" }).toString()).toBe("label=l1");
  });

  it("opens only the tabs the reader may see", () => {
    expect(tabFromParams({ tab: "costs" }, true)).toBe("costs");
    expect(tabFromParams({ tab: "costs" }, false)).toBe("conversations");
    expect(tabFromParams({ tab: "windows" }, false)).toBe("windows");
    expect(tabFromParams({ tab: "nonsense" }, true)).toBe("conversations");
  });

  it("reads a report with the search and the browser's time zone", () => {
    expect(reportUrl("templates/meta", { preset: "last7", number: "n1" }, "America/Sao_Paulo")).toBe(
      "/api/analytics/templates/meta?preset=last7&number=n1&tz=America%2FSao_Paulo",
    );
  });
});

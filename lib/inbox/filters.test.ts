import { describe, expect, it } from "vitest";

import { filtersFromSearchParams } from "./filters";

describe("filtersFromSearchParams", () => {
  it("reads the filters from the URL", () => {
    expect(filtersFromSearchParams(new URLSearchParams("assignee=mine&status=resolved&window=closed&q=refund&number=106540352242922"))).toEqual({
      assignee: "mine",
      status: "resolved",
      window: "closed",
      q: "refund",
      number: "106540352242922",
    });
  });

  it("falls back to the default view for anything unknown, too long or missing", () => {
    expect(filtersFromSearchParams({ assignee: "everyone", status: ["all", "open"], window: undefined, q: "x".repeat(201), number: "9".repeat(65) })).toEqual({
      assignee: "all",
      status: "all",
      window: "all",
      q: "",
      number: "",
    });
    expect(filtersFromSearchParams(new URLSearchParams())).toEqual({ assignee: "all", status: "open", window: "all", q: "", number: "" });
  });
});

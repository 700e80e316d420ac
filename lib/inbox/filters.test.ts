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
      label: "",
    });
    expect(filtersFromSearchParams(new URLSearchParams("status=snoozed&window=expiring&label=0B5C1A7E-3F1E-4A53-9D8E-1F2A3B4C5D6E"))).toMatchObject({
      status: "snoozed",
      window: "expiring",
      label: "0b5c1a7e-3f1e-4a53-9d8e-1f2a3b4c5d6e",
    });
  });

  it("falls back to the default view for anything unknown, too long or missing", () => {
    expect(filtersFromSearchParams({ assignee: "everyone", status: ["all", "open"], window: undefined, q: "x".repeat(201), number: "9".repeat(65), label: "not-a-label" })).toEqual({
      assignee: "all",
      status: "all",
      window: "all",
      q: "",
      number: "",
      label: "",
    });
    expect(filtersFromSearchParams(new URLSearchParams())).toEqual({ assignee: "all", status: "open", window: "all", q: "", number: "", label: "" });
  });
});

import { describe, expect, it } from "vitest";

import { matchingLabels } from "@/components/labels/label-checklist-state";

import { labelStateAcross, selectionAfterClick } from "@/components/labels/selection";

const ORDER = ["a", "b", "c", "d", "e"];

describe("selecting conversations in the list", () => {
  it("toggles one row on a plain click", () => {
    expect([...selectionAfterClick(new Set(), ORDER, "c", null, false)]).toEqual(["c"]);
    expect([...selectionAfterClick(new Set(["c", "d"]), ORDER, "c", "d", false)]).toEqual(["d"]);
  });

  it("selects the range from the last clicked row on a shift-click, in either direction", () => {
    expect([...selectionAfterClick(new Set(["b"]), ORDER, "d", "b", true)].sort()).toEqual(["b", "c", "d"]);
    expect([...selectionAfterClick(new Set(["d"]), ORDER, "a", "d", true)].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("clears the range when the shift-clicked row was selected, and keeps rows outside it", () => {
    expect([...selectionAfterClick(new Set(["a", "b", "c", "d"]), ORDER, "c", "b", true)].sort()).toEqual(["a", "d"]);
  });

  it("treats a shift-click without an anchor still listed as a plain click", () => {
    expect([...selectionAfterClick(new Set(), ORDER, "c", "gone", true)]).toEqual(["c"]);
  });
});

describe("the bulk label checklist", () => {
  const rows = [
    { id: "1", labels: [{ id: "x" }, { id: "y" }] },
    { id: "2", labels: [{ id: "x" }] },
  ];
  it("says whether every, some or none of the selected conversations carry a label", () => {
    expect(labelStateAcross("x", rows)).toBe(true);
    expect(labelStateAcross("y", rows)).toBe("mixed");
    expect(labelStateAcross("z", rows)).toBe(false);
  });

  it("matches labels by any part of the name, whatever its case", () => {
    const labels = [{ name: "Billing" }, { name: "Urgent" }, { name: "Refund billing" }];
    expect(matchingLabels(labels, " BILL ").map((label) => label.name)).toEqual(["Billing", "Refund billing"]);
    expect(matchingLabels(labels, "")).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";

import {
  contactSelectionOf,
  headerState,
  isSelected,
  NOTHING_SELECTED,
  offersAllMatching,
  selectedCount,
  toggleAllRows,
  toggleRow,
  type ListSelection,
} from "./selection";

const ROWS = ["a", "b", "c", "d", "e"];
const idsOf = (selection: ListSelection) => (selection.mode === "ids" ? [...selection.ids].sort() : "all");

describe("ticking contacts in the list", () => {
  it("ticks and unticks one row", () => {
    const ticked = toggleRow(NOTHING_SELECTED, ROWS, "b", { shift: false });
    expect(idsOf(ticked)).toEqual(["b"]);
    expect(idsOf(toggleRow(ticked, ROWS, "b", { shift: false }))).toEqual([]);
  });

  it("ticks the rows between the last one clicked and a shift-clicked one, either way", () => {
    const first = toggleRow(NOTHING_SELECTED, ROWS, "b", { shift: false });
    expect(idsOf(toggleRow(first, ROWS, "d", { shift: true }))).toEqual(["b", "c", "d"]);
    const fromBelow = toggleRow(NOTHING_SELECTED, ROWS, "e", { shift: false });
    expect(idsOf(toggleRow(fromBelow, ROWS, "c", { shift: true }))).toEqual(["c", "d", "e"]);
    // Without shift, only the row clicked.
    expect(idsOf(toggleRow(first, ROWS, "d", { shift: false }))).toEqual(["b", "d"]);
  });

  it("unticks a range when the shift-clicked row was ticked", () => {
    const all = toggleAllRows(NOTHING_SELECTED, ROWS);
    const unticked = toggleRow(all, ROWS, "b", { shift: false });
    expect(idsOf(toggleRow(unticked, ROWS, "d", { shift: true }))).toEqual(["a", "e"]);
  });

  it("ticks every loaded row from the header, clears them the second time, and says when some are ticked", () => {
    expect(headerState(NOTHING_SELECTED, ROWS)).toBe(false);
    const all = toggleAllRows(NOTHING_SELECTED, ROWS);
    expect(headerState(all, ROWS)).toBe(true);
    expect(headerState(toggleRow(all, ROWS, "a", { shift: false }), ROWS)).toBe("indeterminate");
    expect(idsOf(toggleAllRows(all, ROWS))).toEqual([]);
  });

  it("offers every matching contact once all loaded rows are ticked and more match", () => {
    const all = toggleAllRows(NOTHING_SELECTED, ROWS);
    expect(offersAllMatching(all, ROWS, 120)).toBe(true);
    expect(offersAllMatching(all, ROWS, 5)).toBe(false);
    expect(offersAllMatching(toggleRow(all, ROWS, "a", { shift: false }), ROWS, 120)).toBe(false);
    expect(offersAllMatching({ mode: "all" }, ROWS, 120)).toBe(false);
  });

  it("acts on the filter when every matching contact is selected, on the ids otherwise", () => {
    const view = { filter: { consent: ["opted_in" as const] }, segmentId: "s1", sort: "name" as const };
    expect(contactSelectionOf({ mode: "all" }, view)).toEqual({ filter: { consent: ["opted_in"] }, segmentId: "s1" });
    expect(contactSelectionOf({ mode: "all" }, { filter: {}, sort: "name" })).toEqual({ filter: {} });
    expect(contactSelectionOf(toggleRow(NOTHING_SELECTED, ROWS, "c", { shift: false }), view)).toEqual({ ids: ["c"] });
    expect(selectedCount({ mode: "all" }, 120)).toBe(120);
    expect(isSelected({ mode: "all" }, "zzz")).toBe(true);
  });

  it("keeps the loaded rows but the one unticked when leaving \"all matching\"", () => {
    expect(idsOf(toggleRow({ mode: "all" }, ROWS, "c", { shift: false }))).toEqual(["a", "b", "d", "e"]);
  });
});

import { describe, expect, it } from "vitest";

import { rowRange } from "./row-window";

describe("rowRange", () => {
  it("is the rows in view, widened by the overscan and kept inside the list", () => {
    // 76 px rows, a 600 px viewport at the top: rows 0-7 are in view (the 8th only in part).
    expect(rowRange(100, 76, 0, 0, 600)).toEqual({ first: 0, last: 7 });
    expect(rowRange(100, 76, 10, 0, 600)).toEqual({ first: 0, last: 17 });
    // Scrolled 1000 px: row 13 (988-1064) is the first in view, row 21 (1596-1672) the last.
    expect(rowRange(100, 76, 0, 1000, 600)).toEqual({ first: 13, last: 21 });
    expect(rowRange(100, 76, 10, 1000, 600)).toEqual({ first: 3, last: 31 });
  });

  it("does not count a row that starts exactly where the viewport ends", () => {
    expect(rowRange(100, 76, 0, 0, 152)).toEqual({ first: 0, last: 1 });
    expect(rowRange(100, 76, 0, 76, 152)).toEqual({ first: 1, last: 2 });
  });

  it("reads an offset past the end (the list shrank under it) as the end", () => {
    expect(rowRange(10, 76, 0, 5000, 300)).toEqual({ first: 6, last: 9 });
    expect(rowRange(3, 76, 10, 900, 600)).toEqual({ first: 0, last: 2 });
  });

  it("is nothing for an empty list or a viewport with no height (a hidden pane)", () => {
    expect(rowRange(0, 76, 10, 0, 600)).toBeNull();
    expect(rowRange(50, 76, 10, 0, 0)).toBeNull();
  });
});

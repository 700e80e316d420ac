import { describe, expect, it } from "vitest";

import { neutralisedRow } from "./csv";

describe("neutralisedRow", () => {
  it("keeps formula-looking cells as text and leaves the rest, phone numbers included, unchanged", () => {
    expect(neutralisedRow(["=SUM(A1)", "+1+1", "-2", "@cmd", "\tx", "\rx", "+15551234567", "plain", "", "3"])).toEqual([
      "'=SUM(A1)",
      "'+1+1",
      "'-2",
      "'@cmd",
      "'\tx",
      "'\rx",
      "+15551234567",
      "plain",
      "",
      "3",
    ]);
  });
});

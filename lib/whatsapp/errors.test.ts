import { describe, expect, it } from "vitest";

import { ERROR_TABLE, EXPLAINED_GRAPH_CODES, explainGraphError, explainMatonError, formatErrorLabel } from "./errors";

const REQUIRED_GRAPH_CODES = [
  131047, 131026, 131030, 131031, 131051, 131052, 131053, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 133010,
  130429, 131056, 80007, 0, 190, 100, 368,
];

describe("error table", () => {
  it.each(REQUIRED_GRAPH_CODES)("explains Graph code %i in plain words with an action", (code) => {
    expect(EXPLAINED_GRAPH_CODES).toContain(code);
    const explained = explainGraphError(code);
    expect(explained.title.length).toBeGreaterThan(3);
    expect(explained.explanation).toMatch(/\.$/);
    expect(explained.action.length).toBeGreaterThan(5);
    expect(explained.explanation).not.toMatch(/OAuthException|#\d+/);
  });

  it.each([400, 401, 404, 429])("explains the Maton gateway answer %i", (status) => {
    const explained = explainMatonError(status);
    expect(explained).toBe(ERROR_TABLE[`maton:${status}` as keyof typeof ERROR_TABLE]);
  });

  it("tells a 401 from Maton to check MATON_API_KEY", () => {
    expect(explainMatonError(401).action).toContain("MATON_API_KEY");
  });

  it("tells to relink the account for token problems", () => {
    expect(explainGraphError(190).action).toMatch(/Relink/);
    expect(explainGraphError(0).action).toMatch(/Relink/);
  });

  it("marks rate limits as worth retrying later", () => {
    for (const code of [130429, 131056, 80007]) expect(explainGraphError(code).retryLater).toBe(true);
    expect(explainGraphError(131047).retryLater).toBe(false);
  });

  it("falls back by status for unknown codes", () => {
    expect(explainGraphError(424242, 400).title).toBe("WhatsApp error");
    expect(explainGraphError(undefined, 503)).toBe(ERROR_TABLE["maton:5xx"]);
    expect(explainMatonError(418)).toBe(ERROR_TABLE["maton:other"]);
    expect(explainMatonError(500)).toBe(ERROR_TABLE["maton:5xx"]);
  });

  it("shows the code and title together", () => {
    expect(formatErrorLabel(131047, "24-hour window closed")).toBe("131047 · 24-hour window closed");
  });
});

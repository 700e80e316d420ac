import { describe, expect, it, vi } from "vitest";

// The session module loads next-auth, which needs Next's runtime; these functions never ask for a session.
vi.mock("@/auth", () => ({ auth: async () => null }));

import { analyticsTimeZone } from "./request";

describe("the time zone a report is counted in", () => {
  it("is the user's saved zone, else the browser's, else UTC", () => {
    expect(analyticsTimeZone("Asia/Tokyo", "America/New_York")).toBe("Asia/Tokyo");
    expect(analyticsTimeZone(null, "America/New_York")).toBe("America/New_York");
    expect(analyticsTimeZone("Mars/Olympus", "America/New_York")).toBe("America/New_York");
    expect(analyticsTimeZone(null, "Not/AZone")).toBe("UTC");
    expect(analyticsTimeZone(undefined, null)).toBe("UTC");
  });
});

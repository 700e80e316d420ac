/** Who is skipped and why: each rule, and their order when several apply. */
import { describe, expect, it } from "vitest";

import { skipReason, type SkipCandidate } from "./skip-rules";

const base: SkipCandidate = { phoneNumber: "351912345678", waId: "351912345678", consent: "opted_in", hasConversation: false, missing: [] };
const marketing = { category: "MARKETING", earlier: new Set<string>() };
const utility = { category: "UTILITY", earlier: new Set<string>() };

describe("campaign skip rules", () => {
  it("keeps an opted-in contact with a valid number and every value, with its number and country", () => {
    expect(skipReason(base, marketing)).toEqual({ reason: null, digits: "351912345678", country: "PT", address: "351912345678" });
  });

  it("skips a contact without a number unless it has a conversation on the business number", () => {
    const userOnly = { ...base, phoneNumber: null, waId: "US.1234" };
    expect(skipReason(userOnly, marketing).reason).toBe("no_number");
    expect(skipReason({ ...userOnly, hasConversation: true }, marketing)).toMatchObject({ reason: null, digits: null, address: "US.1234" });
  });

  it("skips a number that cannot exist", () => {
    expect(skipReason({ ...base, phoneNumber: "1555" }, marketing).reason).toBe("invalid_number");
  });

  it("never sends to an opted-out contact, whatever the category", () => {
    expect(skipReason({ ...base, consent: "opted_out" }, marketing).reason).toBe("opted_out");
    expect(skipReason({ ...base, consent: "opted_out" }, utility).reason).toBe("opted_out");
  });

  it("needs an opt-in for marketing only", () => {
    expect(skipReason({ ...base, consent: "unknown" }, marketing).reason).toBe("no_consent");
    expect(skipReason({ ...base, consent: "unknown" }, utility).reason).toBeNull();
    expect(skipReason({ ...base, consent: "unknown" }, { ...utility, category: "AUTHENTICATION" }).reason).toBeNull();
  });

  it("skips the same number as an earlier recipient, and a missing variable", () => {
    expect(skipReason(base, { ...marketing, earlier: new Set(["351912345678"]) }).reason).toBe("duplicate");
    expect(skipReason({ ...base, missing: ["body-1"] }, marketing).reason).toBe("missing_variable");
  });

  it("applies the first rule in the fixed order", () => {
    const everything: SkipCandidate = { ...base, consent: "opted_out", missing: ["body-1"] };
    expect(skipReason({ ...everything, phoneNumber: null }, marketing).reason).toBe("no_number");
    expect(skipReason({ ...everything, phoneNumber: "12" }, marketing).reason).toBe("invalid_number");
    expect(skipReason(everything, { ...marketing, earlier: new Set(["351912345678"]) }).reason).toBe("opted_out");
    expect(skipReason({ ...everything, consent: "unknown" }, { ...marketing, earlier: new Set(["351912345678"]) }).reason).toBe("no_consent");
    expect(skipReason({ ...everything, consent: "opted_in" }, { ...marketing, earlier: new Set(["351912345678"]) }).reason).toBe("duplicate");
  });
});

import { describe, expect, it } from "vitest";

import type { TemplateDefinition } from "@/lib/whatsapp/template-fill";

import {
  approvedTemplates,
  builderHref,
  draftChanged,
  draftInput,
  draftProblems,
  EMPTY_DRAFT,
  firstIncompleteStep,
  isMediaLink,
  mappingEntries,
  mappingFor,
  shownStep,
  stepFromParam,
  stepReachable,
  type BuilderDraft,
} from "./draft";
import { nextHourIn, readTestSendTarget, rememberTestSendTarget, scheduleProblem, zonedTimeToInstant } from "./schedule";

const NAMED: TemplateDefinition = {
  name: "spring_offer",
  language: "en",
  category: "MARKETING",
  parameter_format: "NAMED",
  components: [
    { type: "HEADER", format: "IMAGE" },
    { type: "BODY", text: "Hi {{first_name}}, use {{code}} before {{ends}}. {{first_name}}, see you!" },
  ],
};
/** As the simulator seeds welcome_offer and espresso_offer: an offer code, and a link ending per recipient. */
const BUTTONS: TemplateDefinition = {
  name: "espresso_offer",
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "BODY", text: "Good news, {{1}}!" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "COPY_CODE", example: "ESPRESSO25" },
        { type: "URL", text: "Order now", url: "https://shop.example.com/offer/{{1}}" },
        { type: "URL", text: "Visit the shop", url: "https://shop.example.com" },
        { type: "QUICK_REPLY", text: "Stop" },
      ],
    },
  ],
};
const POSITIONAL: TemplateDefinition = { name: "order", language: "en", category: "UTILITY", components: [{ type: "BODY", text: "Order {{1}} ships {{2}}" }] };

const complete: BuilderDraft = {
  name: "Spring",
  phoneNumberId: "pn-1",
  templateId: "t-1",
  audience: { kind: "segment", segmentId: "s-1" },
  mapping: { variables: { "body-first_name": { source: "field", field: "name" }, "body-code": { source: "fixed", value: "SPRING" }, "body-ends": { source: "attribute", key: "ends", fallback: "soon" } }, headerMediaId: "m-1" },
};

describe("campaign draft rules", () => {
  it("guesses name-like and attribute-named variables, keeps earlier choices and leaves the rest to choose", () => {
    const mapping = mappingFor(NAMED, { variables: { "body-code": { source: "fixed", value: "X" }, "body-gone": { source: "fixed", value: "Y" } } }, [{ key: "ends" }]);
    expect(mapping.variables).toEqual({
      "body-first_name": { source: "field", field: "name" },
      "body-code": { source: "fixed", value: "X" },
      "body-ends": { source: "attribute", key: "ends" },
    });
    expect(mappingFor(POSITIONAL, { variables: {}, headerMediaId: "m-1" }, []).headerMediaId).toBeUndefined();
  });

  it("names what each step lacks, in step order, and opens the first incomplete step", () => {
    const problems = draftProblems(EMPTY_DRAFT, null);
    expect(problems.map((problem) => problem.kind)).toEqual(["nameMissing", "numberMissing", "templateMissing", "audienceMissing"]);
    expect(firstIncompleteStep(problems)).toBe("setup");
    expect(stepReachable("audience", problems)).toBe(false);

    const noMedia = draftProblems({ ...complete, mapping: { variables: { ...complete.mapping.variables, "body-code": { source: "fixed", value: " " } } } }, NAMED);
    expect(noMedia).toEqual([
      { step: "mapping", field: "body-code", kind: "fixedEmpty" },
      { step: "mapping", field: "headerMediaId", kind: "headerMediaMissing" },
    ]);
    expect(firstIncompleteStep(draftProblems(complete, NAMED))).toBe("review");
    expect(draftProblems({ ...complete, audience: { kind: "tags", tagIds: [] } }, NAMED)[0]?.kind).toBe("tagsMissing");
    expect(draftProblems({ ...complete, audience: { kind: "import", importId: "i-1" } }, NAMED)[0]?.kind).toBe("importUnfinished");
    expect(draftProblems({ ...complete, audience: { kind: "import", importId: "i-1" } }, NAMED, { importFinished: true })).toEqual([]);
    expect(draftProblems({ ...complete, name: "x".repeat(121) }, NAMED)[0]?.kind).toBe("nameTooLong");
  });

  it("sends the draft trimmed, without empty fallbacks or repeated tags, and notices changes", () => {
    const input = draftInput({
      ...complete,
      name: "  Spring  ",
      audience: { kind: "tags", tagIds: ["a", "a", "b"] },
      mapping: { variables: { "body-first_name": { source: "field", field: "name", fallback: "  " } } },
    });
    expect(input.name).toBe("Spring");
    expect(input.audience).toEqual({ kind: "tags", tagIds: ["a", "b"] });
    expect(input.mapping).toEqual({ variables: { "body-first_name": { source: "field", field: "name", fallback: undefined } } });
    expect(draftChanged(complete, complete)).toBe(false);
    expect(draftChanged({ ...complete, name: "Autumn" }, complete)).toBe(true);
    expect(draftChanged(complete, null)).toBe(true);
  });

  it("offers only approved templates, matching the search on name, language or category", () => {
    const base = { parameterFormat: null, components: [] };
    const list = [
      { ...base, id: "1", name: "welcome", language: "en", category: "UTILITY", status: "APPROVED" },
      { ...base, id: "2", name: "promo", language: "es", category: "MARKETING", status: "APPROVED" },
      { ...base, id: "3", name: "draft_promo", language: "en", category: "MARKETING", status: "PENDING" },
    ];
    expect(approvedTemplates(list, "").map((template) => template.id)).toEqual(["2", "1"]);
    expect(approvedTemplates(list, "market").map((template) => template.id)).toEqual(["2"]);
  });
});

describe("template values to map", () => {
  it("offers each variable and each button that takes a value (the keys the server requires), and only those", () => {
    const entries = mappingEntries(BUTTONS);
    expect(entries.map((entry) => entry.key)).toEqual(["body-1", "button-0", "button-1"]);
    expect(entries[1]).toMatchObject({ kind: "button", button: { parameter: "coupon_code", index: 0 } });
    expect(entries[2]).toMatchObject({ kind: "button", button: { parameter: "url_suffix", text: "Order now", url: "https://shop.example.com/offer/{{1}}" } });
    // A button's key is never guessed; the body's name-like variable neither (positional).
    expect(mappingFor(BUTTONS, { variables: {} }, []).variables).toEqual({});
  });

  it("holds the builder on a button left unmapped or an offer code over WhatsApp's limit", () => {
    const draft: BuilderDraft = { ...complete, mapping: { variables: { "body-1": { source: "field", field: "name", fallback: "friend" }, "button-1": { source: "attribute", key: "offer" } } } };
    expect(draftProblems(draft, BUTTONS)).toEqual([{ step: "mapping", field: "button-0", kind: "variableUnmapped" }]);
    const long = { ...draft, mapping: { variables: { ...draft.mapping.variables, "button-0": { source: "fixed" as const, value: "ESPRESSO25-SPRING" } } } };
    expect(draftProblems(long, BUTTONS)).toEqual([{ step: "mapping", field: "button-0", kind: "couponTooLong" }]);
    const fits = { ...draft, mapping: { variables: { ...draft.mapping.variables, "button-0": { source: "fixed" as const, value: "ESPRESSO25" } } } };
    expect(draftProblems(fits, BUTTONS)).toEqual([]);
    expect(draftInput(fits).mapping.variables["button-0"]).toEqual({ source: "fixed", value: "ESPRESSO25" });
  });

  it("takes the header's file from the library or an https link", () => {
    const withMedia = (headerMediaId: string) => draftProblems({ ...complete, mapping: { ...complete.mapping, headerMediaId } }, NAMED);
    expect(withMedia("https://cdn.example.com/spring.jpg")).toEqual([]);
    expect(withMedia("http://cdn.example.com/spring.jpg")).toEqual([{ step: "mapping", field: "headerMediaId", kind: "headerLinkHttps" }]);
    expect(withMedia("  ")).toEqual([{ step: "mapping", field: "headerMediaId", kind: "headerMediaMissing" }]);
    expect(isMediaLink("https://cdn.example.com/a.jpg")).toBe(true);
    expect(isMediaLink("1234567890")).toBe(false);
    expect(draftInput({ ...complete, mapping: { ...complete.mapping, headerMediaId: " https://cdn.example.com/a.jpg " } }).mapping.headerMediaId).toBe("https://cdn.example.com/a.jpg");
  });
});

describe("the step in the address", () => {
  it("reads ?step= in the address's words and writes it back", () => {
    expect(stepFromParam("template")).toBe("setup");
    expect(stepFromParam("variables")).toBe("mapping");
    expect(stepFromParam(["review", "audience"])).toBe("review");
    expect(stepFromParam("mapping")).toBeNull();
    expect(stepFromParam(undefined)).toBeNull();
    expect(builderHref(null, "setup")).toBe("/campaigns/new?step=template");
    expect(builderHref("c-1", "mapping")).toBe("/campaigns/c-1/edit?step=variables");
  });

  it("opens the step asked for when the steps before it are complete, else the first that needs attention", () => {
    const done = draftProblems(complete, NAMED);
    expect(shownStep("review", done, true)).toBe("review");
    expect(shownStep("audience", done, true)).toBe("audience");
    expect(shownStep(null, done, true)).toBe("review");
    // The review reads what the server holds: never before the draft is saved.
    expect(shownStep("review", done, false)).toBe("mapping");
    const noAudience = draftProblems({ ...complete, audience: null }, NAMED);
    expect(shownStep("review", noAudience, true)).toBe("audience");
    expect(shownStep("setup", noAudience, true)).toBe("setup");
    expect(shownStep("mapping", draftProblems(EMPTY_DRAFT, null), false)).toBe("setup");
  });
});

describe("schedule", () => {
  it("reads a wall-clock time in its zone, across daylight-saving changes", () => {
    expect(zonedTimeToInstant("2026-01-15", "09:30", "America/New_York")?.toISOString()).toBe("2026-01-15T14:30:00.000Z");
    expect(zonedTimeToInstant("2026-07-15", "09:30", "America/New_York")?.toISOString()).toBe("2026-07-15T13:30:00.000Z");
    expect(zonedTimeToInstant("2026-07-15", "09:30", "Asia/Kolkata")?.toISOString()).toBe("2026-07-15T04:00:00.000Z");
    expect(zonedTimeToInstant("2026-02-30", "09:30", "UTC")).toBeNull();
    expect(zonedTimeToInstant("2026-02-10", "09:30", "Mars/Base")).toBeNull();
  });

  it("refuses a missing, impossible or past time", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(scheduleProblem("", "10:00", "UTC", now)).toBe("dateMissing");
    expect(scheduleProblem("2026-03-01", "", "UTC", now)).toBe("timeMissing");
    expect(scheduleProblem("2026-03-01", "12:00", "UTC", now)).toBe("past");
    expect(scheduleProblem("2026-03-01", "13:00", "UTC", now)).toBeNull();
    expect(nextHourIn(now, "Europe/Madrid")).toEqual({ date: "2026-03-01", time: "14:00" });
  });

  it("remembers the test number and country, and survives unreadable storage", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) };
    expect(readTestSendTarget(storage)).toEqual({ phone: "", defaultCountry: "" });
    rememberTestSendTarget(storage, { phone: " +34 600 000 000 ", defaultCountry: "ES" });
    expect(readTestSendTarget(storage)).toEqual({ phone: "+34 600 000 000", defaultCountry: "ES" });
    store.set("campaigns.testSend", "{not json");
    expect(readTestSendTarget(storage)).toEqual({ phone: "", defaultCountry: "" });
  });
});

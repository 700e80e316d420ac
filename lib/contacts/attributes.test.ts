/** The one check of an attribute value against its definition, typed or written as text. Pure. */
import { describe, expect, it, vi } from "vitest";

import { checkAttributeValue, parseAttributeText, type AttributeDefinitionShape } from "./attributes";

// The module's services reach the session's error types, which load next-auth: not needed here.
vi.mock("@/auth", () => ({ auth: async () => null }));

const text: AttributeDefinitionShape = { type: "text", options: [] };
const number: AttributeDefinitionShape = { type: "number", options: [] };
const date: AttributeDefinitionShape = { type: "date", options: [] };
const boolean: AttributeDefinitionShape = { type: "boolean", options: [] };
const plan: AttributeDefinitionShape = { type: "choice", options: ["Free", "Pro", "Équipe"] };

const problemKey = (check: ReturnType<typeof checkAttributeValue>) => (check.ok ? undefined : check.problem.key);

describe("checkAttributeValue", () => {
  it("keeps text trimmed, refuses empty text and text over 500 characters", () => {
    expect(checkAttributeValue(text, "  Lisbon ")).toEqual({ ok: true, value: "Lisbon" });
    expect(checkAttributeValue(text, "x".repeat(500))).toMatchObject({ ok: true });
    expect(checkAttributeValue(text, "x".repeat(501))).toEqual({ ok: false, problem: { key: "contacts.errors.valueTextTooLong", values: { maximum: 500 } } });
    expect(problemKey(checkAttributeValue(text, "   "))).toBe("contacts.errors.valueText");
    expect(problemKey(checkAttributeValue(text, 12))).toBe("contacts.errors.valueText");
  });

  it("takes finite numbers only", () => {
    expect(checkAttributeValue(number, 12.5)).toEqual({ ok: true, value: 12.5 });
    expect(checkAttributeValue(number, -3)).toEqual({ ok: true, value: -3 });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "12", true]) expect(problemKey(checkAttributeValue(number, bad))).toBe("contacts.errors.valueNumber");
  });

  it("takes real days written YYYY-MM-DD only", () => {
    expect(checkAttributeValue(date, "2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    for (const bad of ["2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "2024-1-1", "01/02/2024", 20240101]) {
      expect(problemKey(checkAttributeValue(date, bad)), String(bad)).toBe("contacts.errors.valueDate");
    }
  });

  it("takes booleans only (their text forms are parseAttributeText's)", () => {
    expect(checkAttributeValue(boolean, false)).toEqual({ ok: true, value: false });
    expect(problemKey(checkAttributeValue(boolean, "true"))).toBe("contacts.errors.valueBoolean");
  });

  it("matches a choice whatever its case and answers the option as written", () => {
    expect(checkAttributeValue(plan, " pro ")).toEqual({ ok: true, value: "Pro" });
    expect(checkAttributeValue(plan, "ÉQUIPE")).toEqual({ ok: true, value: "Équipe" });
    expect(checkAttributeValue(plan, "Enterprise")).toEqual({ ok: false, problem: { key: "contacts.errors.valueChoice", values: { options: "Free, Pro, Équipe" } } });
  });
});

describe("parseAttributeText", () => {
  it("reads numbers with a '.' for decimals and says so when given a comma", () => {
    expect(parseAttributeText(number, " 12.50 ")).toEqual({ ok: true, value: 12.5 });
    expect(parseAttributeText(number, "-7")).toEqual({ ok: true, value: -7 });
    expect(parseAttributeText(number, ".5")).toEqual({ ok: true, value: 0.5 });
    expect(problemKey(parseAttributeText(number, "12,5"))).toBe("contacts.errors.valueNumberComma");
    for (const bad of ["1,000.5", "12 kg", "", "1e3", "0x10"]) expect(problemKey(parseAttributeText(number, bad)), bad).toBe("contacts.errors.valueNumber");
  });

  it("reads true/false, yes/no, 1/0 in any case as booleans", () => {
    for (const yes of ["true", "YES", "1", " Yes "]) expect(parseAttributeText(boolean, yes)).toEqual({ ok: true, value: true });
    for (const no of ["false", "No", "0"]) expect(parseAttributeText(boolean, no)).toEqual({ ok: true, value: false });
    expect(problemKey(parseAttributeText(boolean, "maybe"))).toBe("contacts.errors.valueBoolean");
  });

  it("reads text, dates and choices as their typed checks do", () => {
    expect(parseAttributeText(text, "  Porto ")).toEqual({ ok: true, value: "Porto" });
    expect(parseAttributeText(date, " 2025-06-01 ")).toEqual({ ok: true, value: "2025-06-01" });
    expect(problemKey(parseAttributeText(date, "2025-06-31"))).toBe("contacts.errors.valueDate");
    expect(parseAttributeText(plan, "free")).toEqual({ ok: true, value: "Free" });
  });
});

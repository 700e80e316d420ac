import { describe, expect, it } from "vitest";

import { COUNTRY_CODES, isCountryCode, normalisePhone } from "./phone";

describe("normalisePhone", () => {
  it.each([
    ["06 12 34 56 78", "FR", "33612345678"],
    ["+33 (0)6 12.34.56.78", undefined, "33612345678"],
    ["0151 23456789", "DE", "4915123456789"],
    ["(11) 91234-5678", "BR", "5511912345678"],
    ["+55 11 91234-5678", "DE", "5511912345678"],
    ["98765 43210", "IN", "919876543210"],
    ["(415) 555-2671", "US", "14155552671"],
    ["415.555.2671", "US", "14155552671"],
    ["55 1234 5678", "MX", "525512345678"],
    ["+52 55 1234 5678", undefined, "525512345678"],
  ])("reads %s (default %s) as %s", (input, country, digits) => {
    expect(normalisePhone(input, country)).toEqual({ ok: true, e164: `+${digits}`, digits });
  });

  it("reads the 00 international prefix as +", () => {
    expect(normalisePhone("0033 6 12 34 56 78")).toEqual({ ok: true, e164: "+33612345678", digits: "33612345678" });
    expect(normalisePhone("0049-151-23456789", "FR")).toMatchObject({ ok: true, digits: "4915123456789" });
  });

  it("reads WhatsApp's digits-only form with or without a default country", () => {
    expect(normalisePhone("33612345678")).toMatchObject({ ok: true, digits: "33612345678" });
    expect(normalisePhone("4915123456789", "US")).toMatchObject({ ok: true, digits: "4915123456789" });
  });

  it("refuses letters instead of reading them as keypad digits", () => {
    expect(normalisePhone("1-800-FLOWERS", "US")).toEqual({ ok: false, reason: "invalid" });
    expect(normalisePhone("n/a", "FR")).toEqual({ ok: false, reason: "invalid" });
    expect(normalisePhone("+33 6 12 34 56 7x")).toEqual({ ok: false, reason: "invalid" });
  });

  it("calls an empty cell missing", () => {
    expect(normalisePhone("")).toEqual({ ok: false, reason: "missing" });
    expect(normalisePhone("   ", "FR")).toEqual({ ok: false, reason: "missing" });
  });

  it("refuses a national number read with the wrong country", () => {
    // A valid Mexican national number is no Brazilian number (and no international one).
    expect(normalisePhone("55 1234 5678", "BR")).toEqual({ ok: false, reason: "invalid" });
    expect(normalisePhone("55 1234 5678", "MX")).toMatchObject({ ok: true });
  });

  it("needs a country for a national form", () => {
    expect(normalisePhone("06 12 34 56 78")).toEqual({ ok: false, reason: "invalid_country" });
  });

  it("refuses an unknown default country", () => {
    expect(normalisePhone("06 12 34 56 78", "XX")).toEqual({ ok: false, reason: "invalid_country" });
  });

  it("says too long and too short", () => {
    expect(normalisePhone("+33 6 12 34 56 78 90 12 34 56")).toEqual({ ok: false, reason: "too_long" });
    expect(normalisePhone("1".repeat(200), "FR")).toEqual({ ok: false, reason: "too_long" });
    expect(normalisePhone("+336123456789012")).toEqual({ ok: false, reason: "too_long" });
    expect(normalisePhone("06 12 3", "FR")).toEqual({ ok: false, reason: "too_short" });
  });

  it("requires a number that can exist, not only a fitting length", () => {
    // +1 191…: no North American area code starts with 1.
    expect(normalisePhone("+1 191 234 5678")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("COUNTRY_CODES", () => {
  it("lists ISO codes with their calling codes, sorted", () => {
    expect(COUNTRY_CODES.length).toBeGreaterThan(200);
    expect(COUNTRY_CODES).toContainEqual({ code: "FR", callingCode: "33" });
    expect(COUNTRY_CODES).toContainEqual({ code: "BR", callingCode: "55" });
    const codes = COUNTRY_CODES.map((entry) => entry.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes.every(isCountryCode)).toBe(true);
  });
});

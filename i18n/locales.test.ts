import { describe, expect, it } from "vitest";

import { directionOf, isLocale, isTimeZone, LOCALE_NAMES, LOCALES } from "./locales";
import { negotiateLocale } from "./negotiate";

describe("negotiateLocale", () => {
  it.each([
    ["es-MX,es;q=0.9,en;q=0.5", "es"],
    ["es-MX", "es"],
    ["pt-PT", "pt-BR"],
    ["pt-BR,pt;q=0.9", "pt-BR"],
    ["zh", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["ar-EG", "ar"],
    ["en-GB", "en"],
  ] as const)("answers %s with %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("follows the browser's order of preference among our languages", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9,ar;q=0.8,es;q=0.7")).toBe("ar");
    expect(negotiateLocale("de;q=0.9,pt-BR;q=0.95")).toBe("pt-BR");
  });

  it.each([
    ["a language we do not have", "fr"],
    ["a malformed header", "@@@,;;q=x"],
    ["a malformed tag", "es-ES-@@@"],
    ["only a wildcard", "*"],
    ["an empty header", ""],
    ["no header", null],
    ["an undefined header", undefined],
  ])("answers English for %s", (_case, header) => {
    expect(negotiateLocale(header)).toBe("en");
  });
});

describe("isTimeZone", () => {
  it.each(["Europe/Madrid", "America/Sao_Paulo", "Asia/Shanghai", "Africa/Cairo", "UTC"])("accepts %s", (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each([["Mars/Olympus_Mons"], [""], ["Europe/"], ["x".repeat(65)], [42], [null], [undefined]])("refuses %o", (value) => {
    expect(isTimeZone(value)).toBe(false);
  });
});

describe("the languages", () => {
  it("name each language in its own words, and only Arabic reads right to left", () => {
    expect(LOCALES.map((locale) => LOCALE_NAMES[locale])).toEqual(["English", "简体中文", "Español", "Português (Brasil)", "العربية"]);
    expect(LOCALES.filter((locale) => directionOf(locale) === "rtl")).toEqual(["ar"]);
    expect(isLocale("pt-BR")).toBe(true);
    expect(isLocale("pt")).toBe(false);
  });
});

describe("negotiateLocale with a malformed tag", () => {
  it("keeps the well-formed tags around it", () => {
    expect(negotiateLocale("-,es")).toBe("es");
    expect(negotiateLocale("ar_EG, pt-BR;q=0.5")).toBe("pt-BR");
  });
});

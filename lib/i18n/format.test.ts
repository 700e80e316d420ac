import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";

import type { Locale } from "@/i18n/locales";

import { formatFileSize, formatMoney } from "./format";

const formatter = (locale: Locale) => createFormatter({ locale, timeZone: "UTC" });

describe("formatFileSize", () => {
  it("steps up by 1024 with the locale's decimal separator and unit", () => {
    expect(formatFileSize(formatter("en"), 512)).toBe("0.5 kB");
    expect(formatFileSize(formatter("en"), 1536)).toBe("1.5 kB");
    expect(formatFileSize(formatter("en"), 5 * 1024 * 1024)).toBe("5 MB");
    expect(formatFileSize(formatter("es"), 1.5 * 1024 * 1024)).toBe("1,5 MB");
    expect(formatFileSize(formatter("pt-BR"), 2.25 * 1024 ** 3)).toBe("2,3 GB");
  });
});

describe("formatMoney", () => {
  it("writes the currency the locale's way", () => {
    expect(formatMoney(formatter("en"), 1.5, "USD")).toBe("$1.50");
    expect(formatMoney(formatter("pt-BR"), 1.5, "BRL")).toBe("R$\u00a01,50");
  });
});

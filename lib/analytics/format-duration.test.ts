import { describe, expect, it } from "vitest";

import type { Locale } from "@/i18n/locales";
import { translatorIn } from "@/lib/i18n/test-translate";

import { formatDuration, type DurationTranslate } from "./format-duration";

function durationWords(locale: Locale): DurationTranslate {
  const t = translatorIn(locale);
  return (key, values) => t(`analytics.duration.${key}`, values);
}

describe("formatDuration", () => {
  const en = durationWords("en");

  it("says seconds, minutes, hours and minutes, days and hours, with two units at most", () => {
    expect(formatDuration(en, 0)).toBe("0 s");
    expect(formatDuration(en, 45)).toBe("45 s");
    expect(formatDuration(en, 59.6)).toBe("1 min");
    expect(formatDuration(en, 4 * 60 + 10)).toBe("4 min");
    expect(formatDuration(en, 59 * 60 + 40)).toBe("1 h");
    expect(formatDuration(en, 80 * 60)).toBe("1 h 20 min");
    expect(formatDuration(en, 2 * 3600)).toBe("2 h");
    expect(formatDuration(en, 23 * 3600 + 59 * 60 + 50)).toBe("1 d");
    expect(formatDuration(en, 2 * 86400 + 3 * 3600 + 10 * 60)).toBe("2 d 3 h");
    expect(formatDuration(en, 3 * 86400)).toBe("3 d");
  });

  it("formats the numbers and units in the reader's language", () => {
    expect(formatDuration(en, 1500 * 86400)).toBe("1,500 d");
    expect(formatDuration(durationWords("zh-CN"), 80 * 60)).toBe("1 小时 20 分钟");
  });
});

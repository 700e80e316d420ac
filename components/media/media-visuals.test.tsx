import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";

import { ExpiryBadge } from "./media-visuals";

describe("a media id's days left", () => {
  const now = new Date("2026-03-02T12:00:00.000Z");
  const badge = (daysAhead: number, locale: Locale) =>
    renderToStaticMarkup(withIntl(<ExpiryBadge expiresAt={new Date(now.getTime() + daysAhead * 86_400_000).toISOString()} now={now} />, { locale, now }));

  it("counts them with the language's plural forms", () => {
    expect(badge(30, "en")).toContain("30 days left");
    expect(badge(1, "en")).toContain("1 day left");
    expect(badge(2, "ar")).toContain("يتبقى يومان");
    expect(badge(5, "ar")).toContain("يتبقى 5 أيام");
    expect(badge(1, "es")).toContain("Queda 1 día");
    expect(badge(-1, "zh-CN")).toContain("已过期");
  });
});

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";

import { RelativeTime } from "./relative-time";

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const render = (iso: string, options: Parameters<typeof withIntl>[1] = {}) => renderToStaticMarkup(withIntl(<RelativeTime iso={iso} />, { now: NOW, ...options }));
const text = (html: string) => html.replace(/<[^>]+>/g, "");
const title = (html: string) => /title="([^"]*)"/.exec(html)?.[1];

describe("RelativeTime", () => {
  it("says a moment ago as just now, then in the largest unit that fits", () => {
    expect(text(render(ago(10)))).toBe("just now");
    expect(text(render(ago(50)))).toBe("1 minute ago");
    expect(text(render(ago(3 * 3600)))).toBe("3 hours ago");
    expect(text(render(ago(2 * 24 * 3600)))).toBe("2 days ago");
    expect(text(render(ago(14 * 24 * 3600)))).toBe("2 weeks ago");
    expect(text(render(new Date(NOW.getTime() + 5 * 60_000).toISOString()))).toBe("in 5 minutes");
  });

  it("speaks the reader's language", () => {
    expect(text(render(ago(10), { locale: "es" }))).toBe("hace un momento");
    expect(text(render(ago(3 * 3600), { locale: "es" }))).toBe("hace 3 horas");
    expect(text(render(ago(3 * 3600), { locale: "zh-CN" }))).toBe("3小时前");
    expect(text(render(ago(2 * 3600), { locale: "ar" }))).toContain("ساعت");
  });

  it("gives the exact time in the reader's time zone", () => {
    const iso = "2026-03-01T23:30:00.000Z";
    expect(title(render(iso, { timeZone: "UTC" }))).toBe("Mar 1, 2026, 11:30:00 PM");
    expect(title(render(iso, { timeZone: "Asia/Tokyo" }))).toBe("Mar 2, 2026, 8:30:00 AM");
    expect(render(iso)).toContain(`dateTime="${iso}"`);
  });
});

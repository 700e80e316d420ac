import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";

import { WindowDot, WindowIndicator } from "./window-indicator";

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The indicator's visible text and its accessible name, as rendered in a language and time zone. */
function indicator(lastInboundAt: string | null, locale: Locale, timeZone = "UTC") {
  const html = renderToStaticMarkup(withIntl(<WindowIndicator lastInboundAt={lastInboundAt} />, { locale, now: NOW, timeZone }));
  const label = /aria-label="([^"]*)"/.exec(html)?.[1];
  const text = /<span>([^<]*)<\/span>/.exec(html)?.[1];
  return { label, text, state: /data-window-state="([^"]*)"/.exec(html)?.[1] };
}

describe("WindowIndicator", () => {
  // The countdown reads the clock itself (it ticks every second), so the clock is fixed here.
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts down in English with the words the inbox has always used", () => {
    expect(indicator(ago(48 * MINUTE), "en")).toEqual({
      state: "open",
      text: "Window open · 23 h 12 min left",
      label: "24-hour window: open · 23 h 12 min left",
    });
    expect(indicator(ago(24 * HOUR - 4 * MINUTE - 9_000), "en")).toEqual({
      state: "closing_soon",
      text: "Window closing soon · 4 min 09 s left",
      label: "24-hour window: closing soon · 4 min 09 s left",
    });
  });

  it("counts down in Chinese", () => {
    expect(indicator(ago(48 * MINUTE), "zh-CN")).toEqual({
      state: "open",
      text: "窗口开启 · 剩余 23 小时 12 分钟",
      label: "24 小时客服窗口：开启 · 剩余 23 小时 12 分钟",
    });
    expect(indicator(ago(23 * HOUR - 5 * MINUTE), "zh-CN")).toMatchObject({
      state: "closing_soon",
      text: "窗口即将关闭 · 剩余 1 小时 05 分钟",
    });
    expect(indicator(ago(24 * HOUR - 4 * MINUTE - 9_000), "zh-CN").text).toBe("窗口即将关闭 · 剩余 4 分 09 秒");
  });

  it("counts down in Arabic", () => {
    expect(indicator(ago(48 * MINUTE), "ar")).toEqual({
      state: "open",
      text: "النافذة مفتوحة · المتبقي 23 س 12 د",
      label: "نافذة الـ24 ساعة: مفتوحة · المتبقي 23 س 12 د",
    });
    expect(indicator(ago(24 * HOUR - 4 * MINUTE - 9_000), "ar").text).toBe("النافذة تُغلق قريبًا · المتبقي 4 د 09 ث");
  });

  it("says since when it is closed, on the reader's clock and calendar", () => {
    // Closed at 09:30 UTC today: 17:30 in Shanghai, the same day there.
    expect(indicator(ago(26 * HOUR + 30 * MINUTE), "zh-CN", "Asia/Shanghai")).toMatchObject({
      state: "closed",
      text: "窗口自 17:30 起已关闭",
      label: "24 小时客服窗口：自 17:30 起已关闭",
    });
    // Closed at 01:00 UTC on 2 March: still 1 March in Los Angeles, so the day is named.
    expect(indicator(ago(35 * HOUR), "en", "America/Los_Angeles").text).toBe("Window closed since Mar 1, 5:00 PM");
    expect(indicator(null, "ar")).toMatchObject({ state: "never_opened", text: "النافذة غير مفتوحة · لم يكتب العميل بعد" });
  });
});

describe("WindowDot", () => {
  it("names the state in the reader's language", () => {
    const dot = (locale: Locale) => renderToStaticMarkup(withIntl(<WindowDot lastInboundAt={ago(30 * MINUTE)} now={NOW} />, { locale }));
    expect(dot("en")).toContain('title="window open"');
    expect(dot("ar")).toContain('title="النافذة مفتوحة"');
  });
});

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";

import { PreferencesForm } from "./preferences-form";
import { SessionsCard, type SessionItem } from "./sessions-card";

// The forms' server actions and router are not exercised by rendering; they only need to exist.
vi.mock("@/lib/actions/account", () => ({
  updateOwnPreferencesAction: vi.fn(),
  endOwnSessionAction: vi.fn(),
  signOutEverywhereAction: vi.fn(),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

/** The text a person reads, tags and entities aside. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

const ZONES = ["UTC", "America/Sao_Paulo", "Asia/Shanghai", "Europe/Madrid"];
const NOW = new Date("2026-03-02T12:00:00.000Z");

describe("the language and time zone form", () => {
  it("offers Automatic and each language in its own name, with its lang, and the zones with the browser's first", () => {
    const html = renderToStaticMarkup(
      withIntl(<PreferencesForm locale={null} timeZone={null} timeZones={ZONES} reportedTimeZone="Europe/Madrid" />, { now: NOW }),
    );
    expect(html).toMatch(/<label[^>]*for="preferences-locale"[^>]*>Language<\/label>/);
    expect(html).toMatch(/<label[^>]*for="preferences-time-zone"[^>]*>Time zone<\/label>/);
    expect(html).toContain('<option value="" selected="">Automatic (browser language)</option>');
    expect(html).toContain('<option value="zh-CN" lang="zh-CN">简体中文</option>');
    expect(html).toContain('<option value="ar" lang="ar">العربية</option>');
    expect(html).toContain("Automatic (this browser: Europe/Madrid)");
    expect(html).toContain('<option value="Asia/Shanghai">Asia/Shanghai</option>');
    // The time now in the zone "Automatic" stands for: Madrid is an hour ahead of UTC in March.
    expect(textOf(html)).toContain("Time there now: Mon, 1:00 PM GMT+1");
    expect(textOf(html)).toContain("Save language and time zone");
  });

  it("shows the saved choices selected, and the time in the chosen zone", () => {
    const html = renderToStaticMarkup(
      withIntl(<PreferencesForm locale="pt-BR" timeZone="Asia/Shanghai" timeZones={ZONES} reportedTimeZone={null} />, { now: NOW }),
    );
    expect(html).toContain('<option value="pt-BR" lang="pt-BR" selected="">Português (Brasil)</option>');
    expect(html).toContain('<option value="Asia/Shanghai" selected="">Asia/Shanghai</option>');
    expect(html).toContain("Automatic (this browser&#x27;s time zone)");
    expect(textOf(html)).toContain("Time there now: Mon, 8:00 PM GMT+8");
  });

  it("keeps a saved zone the list no longer names", () => {
    const html = renderToStaticMarkup(
      withIntl(<PreferencesForm locale={null} timeZone="Europe/Kiev" timeZones={ZONES} reportedTimeZone={null} />, { now: NOW }),
    );
    expect(html).toContain('<option value="Europe/Kiev" selected="">Europe/Kiev</option>');
  });

  it("speaks Arabic around the language names, which stay in their own words", () => {
    const html = renderToStaticMarkup(
      withIntl(<PreferencesForm locale={null} timeZone={null} timeZones={ZONES} reportedTimeZone="Africa/Cairo" />, { locale: "ar", now: NOW }),
    );
    expect(textOf(html)).toContain("اللغة");
    expect(html).toContain("تلقائي (لغة المتصفح)");
    expect(html).toContain("تلقائي (هذا المتصفح: Africa/Cairo)");
    expect(html).toContain('<option value="en" lang="en">English</option>');
    expect(textOf(html)).toContain("حفظ اللغة والمنطقة الزمنية");
    expect(textOf(html)).not.toContain("Save language");
  });
});

describe("the sessions card", () => {
  const sessions: SessionItem[] = [
    { id: "here", device: { browser: "Firefox", system: "Linux" }, address: "203.0.113.7", signedInAt: NOW.toISOString(), current: true },
    { id: "phone", device: { browser: "Safari", system: "iOS" }, address: null, signedInAt: NOW.toISOString(), current: false },
    { id: "script", device: { browser: null, system: null }, address: null, signedInAt: NOW.toISOString(), current: false },
  ];

  it("names each browser, marks this device and counts the others", () => {
    const html = renderToStaticMarkup(withIntl(<SessionsCard sessions={sessions} />, { now: NOW }));
    const text = textOf(html);
    expect(html).toContain('aria-label="Signed-in browsers"');
    expect(text).toContain("Firefox on Linux This device");
    expect(text).toContain("203.0.113.7 · signed in");
    expect(html).toContain('aria-label="Sign out Safari on iOS"');
    expect(html).toContain('aria-label="Sign out Unknown browser"');
  });

  it("words the same browsers in Chinese and Arabic, brand names unchanged", () => {
    expect(textOf(renderToStaticMarkup(withIntl(<SessionsCard sessions={sessions} />, { locale: "zh-CN", now: NOW })))).toContain(
      "Linux 上的 Firefox 当前设备",
    );
    const arabic = renderToStaticMarkup(withIntl(<SessionsCard sessions={sessions} />, { locale: "ar", now: NOW }));
    expect(textOf(arabic)).toContain("Firefox على Linux هذا الجهاز");
    expect(arabic).toContain('aria-label="تسجيل الخروج من متصفح غير معروف"');
    expect(arabic).toContain('<bdi dir="ltr">203.0.113.7</bdi>');
  });
});

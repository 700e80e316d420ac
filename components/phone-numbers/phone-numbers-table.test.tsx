import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { TooltipProvider } from "@/components/ui/tooltip";
import type { PhoneNumberRowView, PhoneNumbersView } from "@/lib/profile/views";

import { PhoneNumbersTable } from "./phone-numbers-table";

const number = (fields: Partial<PhoneNumberRowView>): PhoneNumberRowView => ({
  id: "1001",
  wabaId: "2001",
  connectionId: "lumen-0001",
  connectionLabel: "Lumen Coffee Roasters",
  displayPhoneNumber: "+1 555 0100",
  verifiedName: "Lumen Coffee",
  nameStatus: "APPROVED",
  qualityRating: "GREEN",
  messagingLimitTier: "TIER_1K",
  throughputLevel: "STANDARD",
  codeVerificationStatus: "VERIFIED",
  syncedAt: null,
  ...fields,
});

const view: PhoneNumbersView = {
  numbers: [number({}), number({ id: "1002", displayPhoneNumber: "+1 555 0101", qualityRating: "PURPLE", nameStatus: "SOMETHING_NEW" })],
  selectedId: "1001",
  syncedAt: null,
  problem: null,
};

const render = (locale: "en" | "ar" | "zh-CN") =>
  renderToStaticMarkup(
    withIntl(
      <TooltipProvider>
        <PhoneNumbersTable view={view} onSelect={() => {}} selecting={false} onRefresh={() => {}} refreshing={false} />
      </TooltipProvider>,
      { locale },
    ),
  );

const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("the phone numbers table", () => {
  it("reads as before in English", () => {
    const text = textOf(render("en"));
    expect(text).toContain("High · GREEN");
    expect(text).toContain("1,000 customers / 24 h");
    expect(text).toContain("Standard (about 80 msg/s)");
    expect(text).toContain("Approved");
    expect(text).toContain("Use this number");
  });

  it("says Meta's codes in Arabic, keeps an undocumented one as Meta names it, and keeps numbers left to right", () => {
    const html = render("ar");
    const text = textOf(html);
    expect(text).toContain("أرقام الهاتف");
    expect(text).toContain("عالية · GREEN");
    expect(text).toContain("تمت الموافقة");
    expect(text).toContain("موثّق");
    expect(text).toContain("PURPLE · PURPLE");
    expect(text).toContain("SOMETHING_NEW");
    expect(html).toContain('<bdi dir="ltr">+1 555 0100</bdi>');
    expect(html).toContain('aria-label="استخدام +1 555 0101"');
  });

  it("says them in Chinese", () => {
    const text = textOf(render("zh-CN"));
    expect(text).toContain("高 · GREEN");
    expect(text).toContain("1,000 位客户 / 24 小时");
    expect(text).toContain("使用中");
  });
});

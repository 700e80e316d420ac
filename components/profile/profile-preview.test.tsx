import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";

import { ProfilePreview, type PreviewData } from "./profile-preview";

const profile: PreviewData = {
  verifiedName: "Lumen Coffee",
  displayPhoneNumber: "+44 20 7946 0000",
  about: "قهوة مختصة",
  address: "",
  description: "Small-batch coffee",
  email: "hello@lumen.example",
  websites: ["https://lumen.example"],
  vertical: "RESTAURANT",
  pictureUrl: null,
};

const render = (data: PreviewData, locale: Locale = "en") => renderToStaticMarkup(withIntl(<ProfilePreview data={data} />, { locale }));

describe("the profile preview", () => {
  it("names the category and its labels in the reader's language, never the profile's own words", () => {
    const english = render(profile);
    expect(english).toContain("Preview: the profile as customers see it on WhatsApp");
    expect(english).toContain("Restaurant");
    const arabic = render(profile, "ar");
    expect(arabic).toContain("المطاعم");
    expect(arabic).toContain("معلومات النشاط التجاري");
    expect(arabic).toContain("Small-batch coffee");
    expect(render({ ...profile, vertical: "SPACE_TRAVEL" }, "es")).toContain("SPACE_TRAVEL");
  });

  it("lets the business's own texts follow their own direction", () => {
    const arabic = render(profile, "ar");
    expect(arabic).toMatch(/<p dir="auto"[^>]*>قهوة مختصة<\/p>/);
    expect(arabic).toMatch(/<div dir="auto"[^>]*><span[^>]*>Small-batch coffee<\/span><\/div>/);
  });
});

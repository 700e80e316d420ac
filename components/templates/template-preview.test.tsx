import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import { emptyDraftButton, emptyTemplateDraft, previewTemplateDraft } from "@/lib/whatsapp/template-draft";

import { QualityIndicator, TemplateStatusBadge, TemplateTraitBadges } from "./badges";
import { TemplatePreviewBubble } from "./template-preview";
import { UnsendableTemplateView } from "./unsendable-template";

const render = (node: React.ReactElement, locale: Locale = "en") => renderToStaticMarkup(withIntl(node, { locale }));

const draft = {
  ...emptyTemplateDraft(),
  name: "spring_offer",
  header: { format: "IMAGE" as const, text: "", example: "", handle: "" },
  body: { text: "مرحبًا {{1}}، طلبك جاهز.", examples: ["سارة"], namedExamples: {} },
  footer: "Lumen Coffee",
  buttons: [{ ...emptyDraftButton("COPY_CODE"), code: "SAVE10" }, { ...emptyDraftButton("QUICK_REPLY"), text: "Thanks" }],
};

const carousel = {
  components: [
    { type: "BODY", text: "Hi {{1}}, swipe to pick yours!", example: { body_text: [["Maya"]] } },
    {
      type: "CAROUSEL",
      cards: [1, 2, 3].map((n) => ({ components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", text: `Roast ${n}` }, { type: "BUTTONS", buttons: [{ type: "URL", text: "Shop", url: "https://a.example" }] }] })),
    },
  ],
};

describe("the template preview", () => {
  it("labels the frame around the customer's message in English, the message itself as written", () => {
    const html = render(<TemplatePreviewBubble preview={previewTemplateDraft(draft)} businessName="Lumen" />);
    expect(html).toContain('aria-label="Message preview"');
    expect(html).toContain("Copy offer code");
    expect(html).toContain("Thanks");
    expect(html).toContain("image header");
    expect(html).toContain("مرحبًا سارة، طلبك جاهز.");
  });

  it("speaks Arabic around it, and lets each text keep its own direction", () => {
    const html = render(<TemplatePreviewBubble preview={previewTemplateDraft(draft)} businessName="Lumen" />, "ar");
    expect(html).toContain('aria-label="معاينة الرسالة"');
    expect(html).toContain("نسخ رمز العرض");
    expect(html).toContain("ترويسة صورة");
    // The template's own words are never translated; every one of them follows its own direction.
    expect(html).toContain('<p class="mt-1 text-[12.5px] break-words text-[#667781] dark:text-[#8696a0]" dir="auto">Lumen Coffee</p>');
    expect(html).toMatch(/<div dir="auto"><p[^>]*>.*مرحبًا سارة، طلبك جاهز\./);
    expect(html).toMatch(/<span class="truncate" dir="auto">Thanks<\/span>/);
    expect(html).not.toContain("Copy offer code");
  });

  it("counts a carousel's further cards in the reader's language", () => {
    expect(render(<UnsendableTemplateView template={carousel} kind="carousel" />)).toContain("+2 more cards");
    const chinese = render(<UnsendableTemplateView template={carousel} kind="carousel" />, "zh-CN");
    expect(chinese).toContain("另有 2 张卡片");
    expect(chinese).toContain("这是轮播模板");
    expect(chinese).toContain("3 张卡片");
    const arabic = render(<UnsendableTemplateView template={carousel} kind="carousel" />, "ar");
    expect(arabic).toContain("بطاقتان أخريان");
  });
});

describe("the template's badges", () => {
  it("names Meta's status, quality and kind in the reader's language", () => {
    expect(render(<TemplateStatusBadge status="PENDING" />)).toContain(">Pending<");
    expect(render(<TemplateStatusBadge status="PENDING" />, "zh-CN")).toContain(">审核中<");
    expect(render(<TemplateStatusBadge status="PENDING" />, "es")).toContain(">En revisión<");
    // A status Meta adds later keeps its own name, made readable.
    expect(render(<TemplateStatusBadge status="UNDER_REVIEW_AGAIN" />, "ar")).toContain(">Under review again<");
    expect(render(<QualityIndicator score="YELLOW" />, "pt-BR")).toContain("Amarela");
    const badges = render(<TemplateTraitBadges template={carousel} />, "zh-CN");
    expect(badges).toContain("轮播");
    expect(badges).toContain("暂不能从控制台发送");
    expect(render(<TemplateTraitBadges template={carousel} />)).toContain("Can&#x27;t be sent from the dashboard yet");
  });
});

import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

import { UNSENDABLE_BADGE, previewStoredTemplate, uneditableMessage, unsendableExplanation, unsendableMessage, unsendableReason } from "./template-kinds";
import type { TemplatePreview } from "./template-draft";

// Sentences and labels are catalog messages: read here in English, as people reading English read them.
const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
const words = (said: Translatable | string) => translateMessage(english, said);
const buttonWords = (buttons: TemplatePreview["buttons"]) => buttons.map((button) => ({ ...button, text: words(button.text) }));

const body = (text: string, example?: unknown) => ({ type: "BODY", text, ...(example ? { example } : {}) });
const buttons = (...list: Array<Record<string, unknown>>) => ({ type: "BUTTONS", buttons: list });
const card = (text: string, price: string) => ({
  components: [
    { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aGFuZGxl"] } },
    body(text, { body_text: [[price]] }),
    buttons({ type: "QUICK_REPLY", text: "Reserve a bag" }, { type: "URL", text: "Shop", url: "https://shop.example/p/{{1}}" }),
  ],
});

const carousel = { components: [body("Hi {{1}}, swipe to pick yours!", { body_text: [["Maya"]] }), { type: "CAROUSEL", cards: [card("Guji at {{1}}", "$18"), card("Sumatra at {{1}}", "$16"), card("Kenya at {{1}}", "$20")] }] };
const offer = {
  components: [
    { type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Expiring offer!", has_expiration: true } },
    body("Good news, {{1}}! Use code {{2}} before the offer ends.", { body_text: [["Maya", "SAVE25"]] }),
    buttons({ type: "COPY_CODE", example: "SAVE25" }, { type: "URL", text: "Order now", url: "https://shop.example/o/{{1}}" }),
  ],
};
const catalog = { components: [body("Browse our catalog and order right here."), buttons({ type: "CATALOG", text: "View catalog" })] };
const multiProduct = { components: [{ type: "HEADER", format: "TEXT", text: "Autumn picks" }, body("Our picks for you this week."), buttons({ type: "MPM", text: "View items" })] };
const product = { components: [{ type: "HEADER", format: "PRODUCT" }, body("Back in stock this week."), buttons({ type: "SPM", text: "View" })] };
const flow = { components: [body("Book a seat at our next tasting."), buttons({ type: "FLOW", text: "Book now", flow_id: "1602489927341050" })] };

describe("templates the dashboard cannot send yet", () => {
  it("names each kind the composer cannot fill", () => {
    expect(unsendableReason(carousel)).toBe("carousel");
    expect(unsendableReason(offer)).toBe("limited-time offer");
    expect(unsendableReason(catalog)).toBe("catalog");
    expect(unsendableReason(multiProduct)).toBe("multi-product");
    expect(unsendableReason(product)).toBe("product");
    expect(unsendableReason({ components: [{ type: "HEADER", format: "product" }, body("Back in stock.")] })).toBe("product");
    expect(unsendableReason(flow)).toBe("flow");
  });

  it("reads Graph's lowercase spellings too", () => {
    expect(unsendableReason({ components: [body("Hi"), { type: "carousel", cards: [] }] })).toBe("carousel");
    expect(unsendableReason({ components: [body("Hi"), { type: "buttons", buttons: [{ type: "flow", text: "Go" }] }] })).toBe("flow");
  });

  it("lets every template the picker can fill through", () => {
    expect(unsendableReason({ components: [body("Hello there")] })).toBeUndefined();
    expect(
      unsendableReason({
        components: [
          { type: "HEADER", format: "IMAGE" },
          body("Hi {{first_name}}, see you soon"),
          buttons({ type: "QUICK_REPLY", text: "Ok" }, { type: "URL", text: "Go", url: "https://a.example/{{1}}" }, { type: "PHONE_NUMBER", text: "Call", phone_number: "+15550100" }, { type: "COPY_CODE", example: "X" }),
        ],
      }),
    ).toBeUndefined();
    expect(unsendableReason({ components: [] })).toBeUndefined();
    expect(unsendableReason({ components: null })).toBeUndefined();
    expect(unsendableReason({ components: [null, "junk", { type: 3 }] })).toBeUndefined();
  });

  it("says so in one sentence and one badge", () => {
    expect(words(unsendableMessage("carousel"))).toBe("This template (carousel) can't be sent from the dashboard yet.");
    expect(words(unsendableMessage("limited-time offer"))).toBe("This template (limited-time offer) can't be sent from the dashboard yet.");
    expect(words(uneditableMessage("multi-product"))).toBe("This template (multi-product) can't be edited from the dashboard yet: use WhatsApp Manager.");
    expect(words(unsendableExplanation("flow"))).toMatch(/^This is a flow template \(its button opens a WhatsApp Flow\)\. The dashboard lists and previews it/);
    expect(words(UNSENDABLE_BADGE)).toBe("Can't be sent from the dashboard yet");
  });

  it("says it in the reader's language, the kind included", () => {
    const chinese = createTranslator({ locale: "zh-CN", messages: zhCN }) as unknown as Translate;
    const said = translateMessage(chinese, unsendableMessage("carousel"));
    expect(said).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe("previewing a stored template", () => {
  it("shows a carousel's body, its first card with Meta's examples, and how many cards follow", () => {
    const preview = previewStoredTemplate(carousel);
    expect(preview.body).toBe("Hi Maya, swipe to pick yours!");
    expect(preview.carousel).toEqual({
      first: {
        header: { kind: "image" },
        body: "Guji at $18",
        buttons: [
          { type: "QUICK_REPLY", text: "Reserve a bag" },
          { type: "URL", text: "Shop" },
        ],
      },
      more: 2,
    });
    expect(buttonWords(previewStoredTemplate({ components: [body("Hi"), buttons({ type: "NEW_KIND" })] }).buttons)).toEqual([{ type: "NEW_KIND", text: "new kind" }]);
  });

  it("shows a limited-time offer's headline and every button by its label", () => {
    const preview = previewStoredTemplate(offer);
    expect(preview.offer).toEqual({ text: "Expiring offer!", expires: true });
    expect(preview.body).toBe("Good news, Maya! Use code SAVE25 before the offer ends.");
    expect(buttonWords(preview.buttons)).toEqual([
      { type: "COPY_CODE", text: "Copy offer code" },
      { type: "URL", text: "Order now" },
    ]);
    expect(previewStoredTemplate(flow).buttons).toEqual([{ type: "FLOW", text: "Book now" }]);
    expect(buttonWords(previewStoredTemplate({ components: [body("Hi"), buttons({ type: "MPM" })] }).buttons)).toEqual([{ type: "MPM", text: "View items" }]);
    expect(previewStoredTemplate(product).header).toEqual({ kind: "product" });
  });

  it("fills named examples in the header and body", () => {
    const preview = previewStoredTemplate({
      components: [
        { type: "HEADER", format: "TEXT", text: "Order {{order_id}}", example: { header_text_named_params: [{ param_name: "order_id", example: "4821" }] } },
        body("Hi {{first_name}}, order {{order_id}} is ready.", {
          body_text_named_params: [
            { param_name: "first_name", example: "Ana" },
            { param_name: "order_id", example: "4821" },
          ],
        }),
        { type: "FOOTER", text: "Thanks" },
      ],
    });
    expect(preview).toEqual({ header: { kind: "text", text: "Order 4821" }, body: "Hi Ana, order 4821 is ready.", footer: "Thanks", buttons: [] });
  });
});

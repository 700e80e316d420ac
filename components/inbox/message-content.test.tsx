import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import type { ComposedMessage } from "@/lib/actions/inbox.schema";
import { unreportedMessage, type InboxMessage } from "@/lib/inbox/views";
import { buildCtaUrlMessage, buildLocationRequestMessage } from "@/lib/whatsapp/message-builders";

import { composedMessageContent, ComposedContent, MessageContent, MessageSnippet } from "./message-content";
import { MessageTimeline } from "./message-timeline";

function inboxMessage(overrides: Partial<InboxMessage> & Pick<InboxMessage, "type" | "content">): InboxMessage {
  return unreportedMessage({
    id: crypto.randomUUID(),
    conversationId: "c-1",
    direction: "outbound",
    sentAt: "2026-03-02T10:00:00.000Z",
    status: "sent",
    ...overrides,
  });
}

/** What the server stores for a send: the type's object, as `contentOf` keeps it. */
const stored = (built: ReturnType<typeof buildCtaUrlMessage>) => {
  const payload = built as { type: string; interactive: unknown };
  return { type: payload.type, content: { interactive: payload.interactive } };
};

/** Rendered as a page hands it its catalog: English unless a test says otherwise. */
const html = (node: React.ReactElement, locale?: Locale) => renderToStaticMarkup(withIntl(node, { locale }));

const linkButton: ComposedMessage = {
  kind: "link_button",
  body: "Your order is on its way.",
  header: "Order #4512",
  footer: "Lumen Coffee",
  buttonLabel: "Track order",
  url: "https://shop.example.com/orders/4512",
};
const locationRequest: ComposedMessage = { kind: "location_request", body: "Where should we deliver?" };

describe("a sent link button (cta_url)", () => {
  it("shows its text and a link to the page with the label, opened apart from the inbox", () => {
    const sent = stored(buildCtaUrlMessage({ to: "15550001111", body: "Your order is on its way.", displayText: "Track order", url: "https://shop.example.com/orders/4512", header: { type: "text", text: "Order #4512" }, footer: "Lumen Coffee" }));
    const markup = html(<MessageContent message={inboxMessage(sent)} />);
    expect(markup).toContain("Order #4512");
    expect(markup).toContain("Your order is on its way.");
    expect(markup).toContain("Lumen Coffee");
    expect(markup).toMatch(/<a href="https:\/\/shop\.example\.com\/orders\/4512" target="_blank" rel="noopener noreferrer"[^>]*>.*Track order<\/a>/);
  });

  it("never makes a link of an address that is not http(s)", () => {
    const content = { interactive: { type: "cta_url", body: { text: "Hi" }, action: { name: "cta_url", parameters: { display_text: "Open", url: "javascript:alert(1)" } } } };
    const markup = html(<MessageContent message={inboxMessage({ type: "interactive", content })} />);
    expect(markup).not.toContain("<a");
    expect(markup).not.toContain("javascript:");
    expect(markup).toContain("Open");
  });
});

describe("a sent location request", () => {
  it("shows its text and a Send location button that is not a control", () => {
    const markup = html(<MessageContent message={inboxMessage(stored(buildLocationRequestMessage({ to: "15550001111", body: "Where should we deliver?" })))} />);
    expect(markup).toContain("Where should we deliver?");
    expect(markup).toContain("📍 Send location");
    expect(markup).not.toContain("<button");
    expect(markup).not.toContain("<a");
  });
});

describe("the copy shown while a send is on its way", () => {
  it("renders a link button and a location request like the stored message", () => {
    for (const [composed, sent] of [
      [linkButton, stored(buildCtaUrlMessage({ to: "1", body: "Your order is on its way.", displayText: "Track order", url: "https://shop.example.com/orders/4512", header: { type: "text", text: "Order #4512" }, footer: "Lumen Coffee" }))],
      [locationRequest, stored(buildLocationRequestMessage({ to: "1", body: "Where should we deliver?" }))],
    ] as const) {
      const optimistic = composedMessageContent(composed);
      expect(optimistic).toEqual(sent);
      expect(html(<MessageContent message={inboxMessage({ ...optimistic, status: "pending", optimistic: true })} />)).toBe(html(<MessageContent message={inboxMessage(sent)} />));
    }
  });

  it("leaves blank optional parts out, as the server does", () => {
    const { content } = composedMessageContent({ ...linkButton, header: " ", footer: "" } as ComposedMessage);
    expect(content.interactive).not.toHaveProperty("header.type");
    expect((content.interactive as Record<string, unknown>).header).toBeUndefined();
    expect((content.interactive as Record<string, unknown>).footer).toBeUndefined();
  });

  it("previews in the dialog what the bubble will show", () => {
    expect(html(<ComposedContent message={linkButton} />)).toBe(html(<MessageContent message={inboxMessage(composedMessageContent(linkButton))} />));
  });
});

describe("the customer's location in answer to a request", () => {
  it("shows as a location quoting the request", () => {
    const request = inboxMessage({ ...stored(buildLocationRequestMessage({ to: "1", body: "Where should we deliver?" })), wamid: "wamid.request" });
    const answer = inboxMessage({
      direction: "inbound",
      status: null,
      wamid: "wamid.answer",
      sentAt: "2026-03-02T10:01:00.000Z",
      type: "location",
      content: { location: { latitude: 52.52, longitude: 13.405, name: "Home", address: "Main St 1" }, context: { from: "15550001111", id: "wamid.request" } },
      replyToWamid: "wamid.request",
    });
    expect(html(<MessageSnippet message={request} />)).toBe("Where should we deliver?");
    const markup = html(
      <MessageTimeline
        messages={[answer, request]}
        quoted={[]}
        hasOlder={false}
        loadingOlder={false}
        onLoadOlder={() => undefined}
        canReply
        onReply={() => undefined}
        onReact={() => undefined}
        onRetry={async () => undefined}
      />,
    );
    const answerBubble = markup.slice(markup.indexOf('data-message-id="' + answer.id + '"'));
    expect(answerBubble).toContain("Show the quoted message: Where should we deliver?");
    expect(answerBubble).toContain("Home");
    expect(answerBubble).toContain("Open map (52.52000, 13.40500)");
  });
});

describe("in the reader's language", () => {
  const customerText = inboxMessage({ direction: "inbound", status: null, type: "text", content: { text: { body: "Is my order on its way?" } } });

  it("labels the bubble in Arabic, keeps the customer's English as written, and lets it run left to right", () => {
    const deleted = { ...customerText, revokedAt: "2026-03-02T10:05:00.000Z" };
    const markup = html(<MessageContent message={deleted} />, "ar");
    expect(markup).toContain("حذفها العميل");
    expect(markup).toContain("عرض ما كانت تقوله");
    expect(html(<MessageContent message={customerText} />, "ar")).toMatch(/<p dir="auto"[^>]*><span>Is my order on its way\?<\/span><\/p>/);
  });

  it("puts the timeline's words and times in Arabic, and the bubbles at their own side", () => {
    const asked = { ...customerText, wamid: "wamid.asked" };
    const sent = inboxMessage({ type: "text", content: { text: { body: "Yes, it ships today." } }, sentAt: "2026-03-02T10:01:00.000Z", status: "read", wamid: "wamid.sent" });
    const markup = html(
      <MessageTimeline
        messages={[sent, asked]}
        quoted={[]}
        hasOlder={false}
        loadingOlder={false}
        onLoadOlder={() => undefined}
        canReply
        onReply={() => undefined}
        onReact={() => undefined}
        onRetry={async () => undefined}
      />,
      "ar",
    );
    expect(markup).toContain('aria-label="اليوم"');
    expect(markup).toContain('aria-label="رسالة من العميل"');
    expect(markup).toContain('aria-label="قُرئت"');
    expect(markup).toContain("بداية المحادثة");
    // Inbound bubbles at the start side, outbound at the end side, whichever way the page runs.
    expect(markup).toMatch(/class="group flex flex-col items-start" data-message-id="[^"]+"/);
    expect(markup).toMatch(/class="group flex flex-col items-end" data-message-id="[^"]+"/);
    // The reply arrow points the way the page reads.
    expect(markup).toMatch(/aria-label="الرد على هذه الرسالة"[^>]*><svg[^>]*class="[^"]*rtl:-scale-x-100[^"]*"/);
    expect(markup).toContain(">10:00</time>");
  });

  it("labels content in Chinese and leaves the customer's words untouched", () => {
    const location = inboxMessage({ direction: "inbound", status: null, type: "location", content: { location: { latitude: 52.52, longitude: 13.405, name: "Home" } } });
    const markup = html(<MessageContent message={location} />, "zh-CN");
    expect(markup).toContain("打开地图（52.52000, 13.40500）");
    expect(markup).toMatch(/<p dir="auto"[^>]*>Home<\/p>/);
    const order = inboxMessage({ direction: "inbound", status: null, type: "order", content: { order: { product_items: [{}, {}] } } });
    expect(html(<MessageContent message={order} />, "zh-CN")).toContain("🛒 订单 · 2 件商品");
    expect(html(<MessageSnippet message={inboxMessage({ type: "image", content: { image: { id: "m-1" } } })} />, "zh-CN")).toBe("📷 图片");
  });
});

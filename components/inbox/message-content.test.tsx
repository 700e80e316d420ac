import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { ComposedMessage } from "@/lib/actions/inbox.schema";
import { unreportedMessage, type InboxMessage } from "@/lib/inbox/views";
import { buildCtaUrlMessage, buildLocationRequestMessage } from "@/lib/whatsapp/message-builders";

import { composedMessageContent, ComposedContent, MessageContent, messageSnippet } from "./message-content";
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

const html = (node: React.ReactElement) => renderToStaticMarkup(node);

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
    expect(messageSnippet(request)).toBe("Where should we deliver?");
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

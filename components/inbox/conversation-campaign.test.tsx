import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import { unreportedMessage, type InboxMessage } from "@/lib/inbox/views";

import { CampaignLine } from "./conversation-pane";
import { MessageTimeline } from "./message-timeline";

// The pane's and the customer panel's server actions (and the session behind them) are not rendered here.
vi.mock("@/lib/actions/inbox", () => ({}));
vi.mock("@/lib/actions/contacts", () => ({}));
vi.mock("@/lib/actions/contact-consent", () => ({}));
vi.mock("@/lib/actions/conversation-labels", () => ({}));
vi.mock("@/lib/actions/snooze", () => ({}));

const CAMPAIGN = { id: "0d9c2a4e-2f55-4d0f-9a53-7f3f6c1b8e21", name: "Spring sale", sentAt: "2026-03-02T09:30:00.000Z" };

/** Rendered as the inbox hands it its catalog: English unless a test says otherwise. */
const html = (node: React.ReactElement, locale?: Locale) => renderToStaticMarkup(withIntl(node, { locale }));

/** The markup's text without its tags (what a reader sees). */
const text = (markup: string) => markup.replace(/<[^>]*>/g, "");

function message(id: string, overrides: Partial<InboxMessage> = {}): InboxMessage {
  return unreportedMessage({
    id,
    conversationId: "c-1",
    direction: "outbound",
    type: "text",
    content: { text: { body: `Message ${id}` } },
    sentAt: "2026-03-02T10:00:00.000Z",
    status: "delivered",
    wamid: `wamid.${id}`,
    ...overrides,
  });
}

const timeline = (messages: InboxMessage[], campaignMessages: Array<{ messageId: string; campaignId: string; campaignName: string }> | undefined, locale?: Locale) =>
  html(
    <MessageTimeline
      messages={messages}
      campaignMessages={campaignMessages}
      quoted={[]}
      hasOlder={false}
      loadingOlder={false}
      onLoadOlder={() => undefined}
      canReply
      onReply={() => undefined}
      onReact={() => undefined}
      onRetry={async () => undefined}
    />,
    locale,
  );

/** One bubble's markup, from its list item to the next. */
const bubble = (markup: string, id: string) => {
  const start = markup.indexOf(`data-message-id="${id}"`);
  const next = markup.indexOf("data-message-id=", start + 1);
  return markup.slice(start, next === -1 ? undefined : next);
};

describe("the campaign line in a conversation's header", () => {
  it("links to the campaign's results, named for the campaign, with a megaphone and the time it was sent", () => {
    const markup = html(<CampaignLine campaign={CAMPAIGN} />);
    const link = /<a [^>]*>/.exec(markup)?.[0] ?? "";
    expect(link).toContain(`href="/campaigns/${CAMPAIGN.id}"`);
    expect(link).toContain('aria-label="Campaign Spring sale"');
    expect(link).toContain('title="Sent Mar 2, 2026, 9:30 AM"');
    expect(markup).toContain("lucide-megaphone");
    expect(text(markup)).toBe("Campaign: Spring sale");
    // The name is the team's own text: it keeps its own direction inside the sentence.
    expect(markup).toContain('<bdi dir="auto" class="font-medium">Spring sale</bdi>');
  });

  it("is worded in the reader's language, the name as written", () => {
    const markup = html(<CampaignLine campaign={{ ...CAMPAIGN, name: "تخفيضات الربيع" }} />, "ar");
    expect(markup).toContain('aria-label="الحملة تخفيضات الربيع"');
    expect(text(markup)).toBe("الحملة: تخفيضات الربيع");
    expect(text(html(<CampaignLine campaign={CAMPAIGN} />, "zh-CN"))).toBe("营销活动：Spring sale");
  });
});

describe("a campaign's message in the timeline", () => {
  const sentByCampaign = message("m-campaign", { type: "template", content: { template: { name: "spring_offer" }, rendered: { body: "20% off this week" } } });
  const agentReply = message("m-agent", { sentAt: "2026-03-02T10:05:00.000Z" });
  const customerAnswer = message("m-customer", { direction: "inbound", sentAt: "2026-03-02T10:02:00.000Z", status: null });
  const links = [{ messageId: "m-campaign", campaignId: CAMPAIGN.id, campaignName: "Spring sale" }];

  it("carries the campaign's name; the agent's and the customer's messages do not", () => {
    const markup = timeline([agentReply, customerAnswer, sentByCampaign], links);
    expect(text(bubble(markup, "m-campaign"))).toContain("Campaign Spring sale");
    expect(bubble(markup, "m-campaign")).toContain("lucide-megaphone");
    expect(bubble(markup, "m-agent")).not.toContain("Campaign");
    expect(bubble(markup, "m-customer")).not.toContain("Campaign");
  });

  it("has no caption when the conversation has no campaign messages", () => {
    expect(timeline([agentReply, sentByCampaign], undefined)).not.toContain("lucide-megaphone");
    expect(timeline([agentReply, sentByCampaign], [])).not.toContain("lucide-megaphone");
  });

  it("is captioned in the reader's language", () => {
    expect(text(bubble(timeline([sentByCampaign], links, "es"), "m-campaign"))).toContain("Campaña Spring sale");
  });
});

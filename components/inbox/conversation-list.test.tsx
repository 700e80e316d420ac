import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import type { ConversationSummary } from "@/lib/inbox/views";

import { ConversationRow } from "./conversation-list";

// The list's number picker calls server actions; a row needs none of it.
vi.mock("@/components/phone-numbers/queries", () => ({ useSelectedPhoneNumberId: vi.fn(), useSelectPhoneNumber: vi.fn() }));
// The bulk bar's server actions need the server; the rows render without them.
vi.mock("@/lib/actions/conversation-labels", () => ({ bulkConversationsAction: vi.fn() }));

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: "0b5c1a7e-3f1e-4a53-9d8e-1f2a3b4c5d6e",
    phoneNumberId: "pn-1",
    waId: "15550100001",
    customerName: "Maya Ortiz",
    customerDisplayName: null,
    customerPhone: "15550100001",
    customerUserId: null,
    customerUsername: null,
    status: "open",
    assigneeId: null,
    assigneeName: null,
    lastInboundAt: ago(30),
    lastMessageAt: ago(10),
    lastMessagePreview: "Is my order roasted?",
    lastMessagePreviewKind: "text",
    lastMessageDirection: "inbound",
    lastMessageSeq: 1,
    unreadCount: 1,
    labels: [],
    snoozedUntil: null,
    snoozed: false,
    ...overrides,
  };
}

function row(conversation: ConversationSummary, locale: Locale = "en", timeZone = "UTC") {
  const html = renderToStaticMarkup(
    withIntl(<ConversationRow conversation={conversation} href={`/inbox/${conversation.id}`} selected={false} now={NOW} />, { locale, now: NOW, timeZone }),
  );
  return {
    html,
    label: /aria-label="([^"]*)"/.exec(html)?.[1],
    time: /<time[^>]*>([^<]*)<\/time>/.exec(html)?.[1],
  };
}

describe("ConversationRow", () => {
  it("names the row in English as the inbox always has", () => {
    expect(row(summary()).label).toBe("Maya Ortiz, 1 unread, window open, unassigned");
    expect(row(summary({ unreadCount: 0, status: "resolved", assigneeName: "Sam", lastInboundAt: ago(25 * 60) })).label).toBe(
      "Maya Ortiz, window closed, resolved, assigned to Sam",
    );
  });

  it("names the row in Arabic and Chinese with their plurals and punctuation", () => {
    expect(row(summary({ unreadCount: 3 }), "ar").label).toBe("Maya Ortiz، 3 رسائل غير مقروءة، النافذة مفتوحة، غير معيّنة");
    expect(row(summary({ unreadCount: 2, assigneeName: "Sam" }), "zh-CN").label).toBe("Maya Ortiz，2 条未读，窗口开启，已分配给 Sam");
  });

  it("lets a customer's name and message follow their own direction", () => {
    const { html } = row(summary({ customerName: "مريم", lastMessagePreview: "مرحبا" }), "en");
    expect(html).toContain('<span dir="auto" class="truncate text-sm font-semibold">مريم</span>');
    expect(html).toMatch(/<bdi dir="auto"><span>مرحبا<\/span><\/bdi>/);
  });

  it("dates the last message on the reader's calendar", () => {
    expect(row(summary({ lastMessageAt: ago(10) })).time).toBe("11:50 AM");
    expect(row(summary({ lastMessageAt: ago(10) }), "zh-CN", "Asia/Shanghai").time).toBe("19:50");
    // 23:30 UTC on 1 March is yesterday in UTC, but already today (07:30) in Shanghai.
    expect(row(summary({ lastMessageAt: ago(12.5 * 60) }), "es").time).toBe("Ayer");
    expect(row(summary({ lastMessageAt: ago(12.5 * 60) }), "zh-CN", "Asia/Shanghai").time).toBe("07:30");
    expect(row(summary({ lastMessageAt: "2025-12-24T10:00:00.000Z" }), "pt-BR").time).toBe("24 de dez. de 2025");
  });

  it("words what the last message is in the reader's language, around the customer's own words", () => {
    const photo = summary({ lastMessagePreviewKind: "photo", lastMessagePreview: "The crack on the lid" });
    expect(row(photo).html).toContain("📷 Photo: The crack on the lid");
    expect(row(photo, "zh-CN").html).toContain("📷 图片：The crack on the lid");
    expect(row(photo, "ar").html).toContain("📷 صورة: The crack on the lid");
    const voice = summary({ lastMessagePreviewKind: "voice", lastMessagePreview: "" });
    expect(row(voice).html).toContain("<span>🎤 Voice message</span>");
    expect(row(voice, "zh-CN").html).toContain("<span>🎤 语音消息</span>");
    expect(row(voice, "ar").html).toContain("<span>🎤 رسالة صوتية</span>");
    const template = summary({ lastMessagePreviewKind: "template", lastMessagePreview: "order_update", lastMessageDirection: "outbound" });
    expect(row(template, "zh-CN").html).toContain("模板：order_update");
    expect(row(template, "ar").html).toContain("قالب: order_update");
  });

  it("shows a summary stored before kinds were kept, or of a kind it does not know, as stored", () => {
    expect(row(summary({ lastMessagePreviewKind: null, lastMessagePreview: "📷 Photo: old row" }), "zh-CN").html).toContain("📷 Photo: old row");
    expect(row(summary({ lastMessagePreviewKind: "hologram", lastMessagePreview: "beam me up" }), "ar").html).toContain("<span>beam me up</span>");
  });

  it("marks what the business wrote last", () => {
    expect(row(summary({ lastMessageDirection: "outbound", lastMessagePreview: "Yes" }), "zh-CN").html).toContain("你：");
    expect(row(summary({ lastMessageDirection: "outbound", lastMessagePreview: "Yes" })).html).toContain(">You: <");
  });
});

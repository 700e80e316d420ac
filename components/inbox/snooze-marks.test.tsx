import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useFormatter } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import type { Formatter } from "@/lib/i18n/format";
import type { ConversationSummary } from "@/lib/inbox/views";

import { ConversationRow } from "./conversation-list";
import { snoozeMarkOf, snoozeTimeText, windowTimeLeft } from "./snooze-format";
import { SnoozeMenu } from "./snooze-menu";

// The list's number picker and the menu's actions call the server; rendering needs none of it.
vi.mock("@/components/phone-numbers/queries", () => ({ useSelectedPhoneNumberId: vi.fn(), useSelectPhoneNumber: vi.fn() }));
vi.mock("@/lib/actions/conversation-labels", () => ({ bulkConversationsAction: vi.fn() }));
vi.mock("@/lib/actions/snooze", () => ({ snoozeConversationAction: vi.fn(), unsnoozeConversationAction: vi.fn(), dismissSnoozeMarkAction: vi.fn() }));

// Monday 2 March 2026, noon UTC.
const NOW = new Date("2026-03-02T12:00:00.000Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

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
    lastInboundAt: minutesAgo(30),
    lastMessageAt: minutesAgo(10),
    lastMessagePreview: "Is my order roasted?",
    lastMessagePreviewKind: "text",
    lastMessageDirection: "inbound",
    lastMessageSeq: 1,
    unreadCount: 0,
    labels: [],
    snoozedUntil: null,
    snoozed: false,
    ...overrides,
  };
}

function row(conversation: ConversationSummary, options: { timeLeft?: boolean; locale?: Locale } = {}) {
  const html = renderToStaticMarkup(
    withIntl(<ConversationRow conversation={conversation} href="/inbox/x" selected={false} now={NOW} timeLeft={options.timeLeft} />, {
      locale: options.locale ?? "en",
      now: NOW,
      timeZone: "UTC",
    }),
  );
  return { html, label: /aria-label="([^"]*)"/.exec(html)?.[1] ?? "" };
}

function menu(conversation: Parameters<typeof SnoozeMenu>[0]["conversation"]) {
  return renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={new QueryClient()}>
        <SnoozeMenu conversation={conversation} />
      </QueryClientProvider>,
      { locale: "en", now: NOW, timeZone: "UTC" },
    ),
  );
}

describe("snooze words", () => {
  it("says a snooze's end by weekday within the week, else with its date", () => {
    const intl = { locale: "en", now: NOW, timeZone: "UTC" } as const;
    let within = "";
    let later = "";
    // The formatter comes from next-intl; read it through a tiny component.
    renderToStaticMarkup(
      withIntl(
        <FormatProbe
          onFormat={(format) => {
            within = snoozeTimeText(format, new Date("2026-03-03T09:00:00Z"), NOW);
            later = snoozeTimeText(format, new Date("2026-03-20T09:00:00Z"), NOW);
          }}
        />,
        intl,
      ),
    );
    expect(within).toMatch(/^Tue,? 9:00/);
    expect(later).toMatch(/Mar 20/);
  });

  it("counts the window's time left in whole minutes, up to the minute, and nothing once closed", () => {
    expect(windowTimeLeft(new Date(NOW.getTime() - (22 * 60 + 48) * 60_000).toISOString(), NOW)).toEqual({ hours: 1, minutes: 12 });
    expect(windowTimeLeft(new Date(NOW.getTime() - (24 * 60 - 0.5) * 60_000).toISOString(), NOW)).toEqual({ hours: 0, minutes: 1 });
    expect(windowTimeLeft(new Date(NOW.getTime() - 24 * 3_600_000).toISOString(), NOW)).toBeNull();
    expect(windowTimeLeft(null, NOW)).toBeNull();
  });

  it("tells a snoozed conversation from one back from snooze", () => {
    expect(snoozeMarkOf({ snoozedUntil: null, snoozed: false })).toBeNull();
    expect(snoozeMarkOf({ snoozedUntil: "2026-03-03T09:00:00Z", snoozed: true })).toBe("snoozed");
    expect(snoozeMarkOf({ snoozedUntil: "2026-03-03T09:00:00Z", snoozed: false })).toBe("back");
  });
});

describe("the list's snooze and window marks", () => {
  it("shows 'Snoozed until' on a snoozed row, in its accessible name too", () => {
    const { html, label } = row(summary({ snoozedUntil: "2026-03-03T09:00:00.000Z", snoozed: true }));
    expect(html).toMatch(/Snoozed until Tue,? 9:00/);
    expect(label).toMatch(/, Snoozed until Tue/);
  });

  it("marks a row back from snooze until someone opens it", () => {
    const { html, label } = row(summary({ snoozedUntil: "2026-03-02T11:00:00.000Z", snoozed: false }));
    expect(html).toContain("Back from snooze");
    expect(label).toMatch(/, Back from snooze$/);
    expect(row(summary()).html).not.toContain("snooze");
  });

  it("shows how long the window stays open in the expiring view only", () => {
    const conversation = summary({ lastInboundAt: new Date(NOW.getTime() - (22 * 60 + 48) * 60_000).toISOString() });
    expect(row(conversation, { timeLeft: true }).html).toContain("closes in 1 h 12 min");
    expect(row(conversation).html).not.toContain("closes in");
    expect(row(conversation, { timeLeft: true, locale: "es" }).html).toContain("se cierra en 1 h 12 min");
  });
});

describe("the header's snooze menu", () => {
  const id = "0b5c1a7e-3f1e-4a53-9d8e-1f2a3b4c5d6e";

  it("is a 'Snooze' button on an open conversation, with its shortcut", () => {
    const html = menu({ id, status: "open", snoozedUntil: null, snoozed: false });
    expect(html).toContain(">Snooze<");
    expect(html).toContain('aria-keyshortcuts="z"');
  });

  it("says until when while snoozed", () => {
    expect(menu({ id, status: "open", snoozedUntil: "2026-03-03T09:00:00.000Z", snoozed: true })).toMatch(/Snoozed until Tue,? 9:00/);
  });

  it("is not offered on a resolved conversation", () => {
    expect(menu({ id, status: "resolved", snoozedUntil: null, snoozed: false })).toBe("");
  });
});

function FormatProbe({ onFormat }: { onFormat: (format: Formatter) => void }) {
  onFormat(useFormatter() as Formatter);
  return null;
}

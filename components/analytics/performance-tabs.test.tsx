import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { TooltipProvider } from "@/components/ui/tooltip";
import type { CampaignRow, CampaignsReport, CostsReport, MetaTemplatesReport, ResolvedRange, TemplateRow, TemplatesReport } from "@/lib/analytics/views";

import { CampaignsReportView } from "./campaigns-tab";
import { CostsReportView } from "./costs-tab";
import { MetaFiguresView, TemplatesReportView } from "./templates-tab";

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const render = (node: ReactElement, options: Parameters<typeof withIntl>[1] = {}) =>
  renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={new QueryClient()}>
        <TooltipProvider>{node}</TooltipProvider>
      </QueryClientProvider>,
      options,
    ),
  );

/** The text of the table row whose `data-<attribute>` is `value`. */
const rowText = (html: string, attribute: string, value: string) => {
  const match = new RegExp(`<tr[^>]*data-${attribute}="${value}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  if (!match) throw new Error(`no row ${attribute}=${value}`);
  return textOf(match[1]!);
};

const RANGE: ResolvedRange = { preset: "custom", from: "2026-03-01", to: "2026-03-02", start: "2026-03-01T00:00:00.000Z", end: "2026-03-03T00:00:00.000Z", timeZone: "UTC", days: 2 };

const template = (overrides: Partial<TemplateRow>): TemplateRow => ({
  name: "order_update",
  language: "en_US",
  category: "UTILITY",
  templateId: "111",
  sent: 0,
  delivered: 0,
  read: 0,
  replied: 0,
  failed: 0,
  failures: [],
  ...overrides,
});

// Hand-counted: order_update 180/200 delivered = 90.0 %, 90/180 read = 50.0 %, 27/180 replied = 15.0 %;
// promo_es 2/3 = 66.7 %, 1/2 = 50.0 %, 0/2 = 0.0 %; never_delivered has nothing to divide by.
const TEMPLATES: TemplatesReport = {
  range: RANGE,
  rows: [
    template({ name: "promo_es", language: "es", category: "MARKETING", templateId: null, sent: 3, delivered: 2, read: 1, replied: 0 }),
    template({
      sent: 200,
      delivered: 180,
      read: 90,
      replied: 27,
      failed: 5,
      failures: [
        { code: 131026, title: "Message undeliverable", count: 3 },
        { code: 4242, title: "Strange new error", count: 2 },
      ],
    }),
    template({ name: "never_delivered", language: "pt_BR", category: null, templateId: "333", failed: 4 }),
  ],
};

describe("Templates tab", () => {
  it("shows each template's counts and its rates with one decimal, most sent first", () => {
    const html = render(<TemplatesReportView report={TEMPLATES} />);
    expect(rowText(html, "template", "order_update:en_US")).toBe("order_update English (United States) (en_US) Utility 200 180 90 27 5 90.0% 50.0% 15.0%");
    expect(rowText(html, "template", "promo_es:es")).toBe("promo_es Spanish (es) Marketing 3 2 1 0 0 66.7% 50.0% 0.0%");
    expect(rowText(html, "template", "never_delivered:pt_BR")).toMatch(/^never_delivered Portuguese.* \(pt_BR\) Unknown 0 0 0 0 4 — — —$/);
    const order = [...html.matchAll(/data-template="([^"]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(["order_update:en_US", "promo_es:es", "never_delivered:pt_BR"]);
    expect(textOf(html)).toContain("Sent, delivered, read and replied for the 3 templates sent most (of 3).");
  });

  it("explains each failure from the error table when it knows the code, else with WhatsApp's title", () => {
    const text = textOf(render(<TemplatesReportView report={TEMPLATES} />));
    expect(text).toContain("order_update (en_US) 5 failed");
    expect(text).toMatch(/131026 · \S.* 3 messages/);
    expect(text).toContain("4242 · Strange new error 2 messages Strange new error");
    expect(text).toContain("never_delivered (pt_BR) 4 failed WhatsApp gave no reason for these failures.");
  });

  it("says what to do when no template was sent", () => {
    const text = textOf(render(<TemplatesReportView report={{ range: RANGE, rows: [] }} />));
    expect(text).toContain("No template was sent in this period");
    expect(text).toContain("Send a template from a conversation or start a campaign");
  });

  it("shows Meta's figures apart, with each account's problem explained", () => {
    const report: MetaTemplatesReport = {
      range: RANGE,
      available: false,
      problems: [{ wabaId: "waba-2", code: 100, message: "Invalid parameter", explanation: "Meta refused a value we sent." }],
      rows: [{ templateId: "111", name: "order_update", language: "en_US", sent: 198, delivered: 181, read: 88, clicked: 4 }],
    };
    const html = render(<MetaFiguresView report={report} />);
    expect(textOf(html)).toContain("Meta's figures for WhatsApp Business account waba-2 are missing 100 · Invalid parameter Meta refused a value we sent.");
    expect(rowText(html, "meta-template", "111")).toBe("order_update English (United States) 198 181 88 4");
  });
});

const campaign = (overrides: Partial<CampaignRow>): CampaignRow => ({
  id: "0b6f1c2e-8d4a-4f6e-9c1b-2a3d4e5f6a7b",
  name: "Spring sale",
  status: "finished",
  startedAt: "2026-03-01T09:00:00.000Z",
  recipients: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  replied: 0,
  failed: 0,
  replyRate: null,
  cost: { currency: null, total: null, unknownCount: 0, lines: [] },
  ...overrides,
});

const SPRING = "0b6f1c2e-8d4a-4f6e-9c1b-2a3d4e5f6a7b";
const BRAZIL = "1c7a2d3f-9e5b-4a7f-8d2c-3b4e5f6a7b8c";
const DRAFTY = "2d8b3e4a-af6c-4b8a-9e3d-4c5f6a7b8c9d";

const CAMPAIGNS: CampaignsReport = {
  range: RANGE,
  rows: [
    campaign({
      recipients: 1250,
      sent: 1080,
      delivered: 1000,
      read: 640,
      replied: 32,
      failed: 20,
      replyRate: 0.032,
      cost: { currency: "USD", total: "25.50", unknownCount: 12, lines: [{ category: "marketing", country: "US", count: 1020, currency: "USD", unitAmount: "0.025", total: "25.50" }, { category: "marketing", country: "BR", count: 12, currency: null, unitAmount: null, total: null }] },
    }),
    campaign({
      id: BRAZIL,
      name: "Promoção Brasil",
      startedAt: "2026-03-02T10:00:00.000Z",
      recipients: 40,
      sent: 40,
      delivered: 38,
      read: 20,
      replied: 7,
      replyRate: 7 / 38,
      cost: { currency: null, total: null, unknownCount: 40, lines: [{ category: "marketing", country: "BR", count: 40, currency: null, unitAmount: null, total: null }] },
    }),
    campaign({ id: DRAFTY, name: "Just started", status: "sending", startedAt: "2026-03-02T11:00:00.000Z", recipients: 10 }),
  ],
};

describe("Campaigns tab", () => {
  it("shows each campaign's funnel, reply rate and cost, never guessing an unknown rate", () => {
    const html = render(<CampaignsReportView report={CAMPAIGNS} />);
    expect(rowText(html, "campaign", SPRING)).toBe("Spring sale Finished Mar 1, 2026, 9:00 AM 1,250 1,080 1,000 640 32 3.2% 20 $25.50 unknown for 12 messages");
    expect(rowText(html, "campaign", BRAZIL)).toBe("Promoção Brasil Finished Mar 2, 2026, 10:00 AM 40 40 38 20 7 18.4% 0 Unknown unknown for 40 messages");
    expect(rowText(html, "campaign", DRAFTY)).toBe("Just started Sending Mar 2, 2026, 11:00 AM 10 0 0 0 0 — 0 — Not priced yet");
    expect(html).toContain(`href="/campaigns/${SPRING}"`);
    const order = [...html.matchAll(/data-campaign="([^"]+)"/g)].map((match) => match[1]);
    expect(order).toEqual([DRAFTY, BRAZIL, SPRING]);
  });

  it("says what to do when no campaign started", () => {
    const html = render(<CampaignsReportView report={{ range: RANGE, rows: [] }} />);
    expect(textOf(html)).toContain("No campaign started in this period");
    expect(html).toContain('href="/campaigns"');
  });

  it("writes money and rates the reader's way", () => {
    const html = render(<CampaignsReportView report={CAMPAIGNS} />, { locale: "pt-BR" });
    expect(rowText(html, "campaign", SPRING)).toContain("3,2%");
    expect(rowText(html, "campaign", SPRING)).toMatch(/US\$\s25,50 desconhecido para 12 mensagens/);
  });
});

// Hand-counted: charged 2.50 (US marketing) + 10.00 (BR utility) = 12.50 with 10 BR marketing messages at an
// unknown rate; saved 300 service × 0.01 + 8 marketing × 0.025 = 3.20; March forecast 12.50 ÷ 2 × 31 = 193.75.
const COSTS: CostsReport = {
  range: RANGE,
  charged: {
    currency: "USD",
    total: "12.50",
    unknownCount: 10,
    lines: [
      { category: "marketing", country: "US", count: 100, currency: "USD", unitAmount: "0.025", total: "2.50" },
      { category: "utility", country: "BR", count: 500, currency: "USD", unitAmount: "0.02", total: "10.00" },
      { category: "marketing", country: "BR", count: 10, currency: null, unitAmount: null, total: null },
    ],
  },
  saved: {
    currency: "USD",
    total: "3.20",
    unknownCount: 0,
    lines: [
      { category: "service", country: "US", count: 300, currency: "USD", unitAmount: "0.01", total: "3.00" },
      { category: "marketing", country: "US", count: 8, currency: "USD", unitAmount: "0.025", total: "0.20" },
    ],
    byType: [
      { pricingType: "free_customer_service", category: "service", count: 200 },
      { pricingType: "regular", category: "service", count: 100 },
      { pricingType: "free_entry_point", category: "marketing", count: 8 },
    ],
  },
  days: [
    { date: "2026-03-01", charged: 300, free: 100 },
    { date: "2026-03-02", charged: 310, free: 208 },
  ],
  month: { month: "2026-03", charged: { currency: "USD", total: "12.50", unknownCount: 10, lines: [] }, forecastTotal: "193.75", currency: "USD", daysElapsed: 2, daysInMonth: 31 },
};

describe("Costs tab", () => {
  it("shows the charged, saved, month-to-date and forecast figures", () => {
    const text = textOf(render(<CostsReportView report={COSTS} />));
    expect(text).toContain("Charged $12.50");
    expect(text).toContain("Saved $3.20");
    expect(text).toContain("March 2026 so far $12.50");
    expect(text).toContain("March 2026 forecast $193.75");
    // One currency: the category bars are money, not message counts.
    expect(text).toContain("What WhatsApp charged in this period, per pricing category, at your rates.");
  });

  it("lists charges by country with the messages at unknown rates counted apart", () => {
    const html = render(<CostsReportView report={COSTS} />);
    expect(rowText(html, "country", "BR")).toBe("Brazil 510 $10.00 unknown for 10 messages");
    expect(rowText(html, "country", "US")).toBe("United States 100 $2.50");
  });

  it("counts free messages by why they were free, with what they were worth", () => {
    const html = render(<CostsReportView report={COSTS} />);
    expect(rowText(html, "free-kind", "service")).toBe("Service 100");
    expect(rowText(html, "free-kind", "freeEntryPoint")).toBe("Free entry point 8");
    expect(rowText(html, "free-kind", "freeCustomerService")).toBe("Free customer service 200");
    expect(textOf(html)).toContain("Worth $3.20 at your rates.");
  });

  it("says the agent filter does not apply and links to the price table for unknown rates", () => {
    const html = render(<CostsReportView report={COSTS} />);
    expect(textOf(html)).toContain("The agent filter does not apply to costs");
    expect(html).toContain('href="/settings/pricing"');
  });

  it("gives an unknown forecast, not a guess, when rates are missing", () => {
    const unknown: CostsReport = {
      ...COSTS,
      charged: { currency: null, total: null, unknownCount: 30, lines: [{ category: "marketing", country: "IN", count: 30, currency: null, unitAmount: null, total: null }] },
      month: { ...COSTS.month, charged: { currency: null, total: null, unknownCount: 30, lines: [] }, forecastTotal: null, currency: null },
    };
    const html = render(<CostsReportView report={unknown} />);
    const text = textOf(html);
    expect(text).toContain("Charged Unknown");
    expect(text).toContain("March 2026 forecast Unknown");
    // No amount to draw: the category bars count messages instead.
    expect(text).toContain("Messages WhatsApp charged for in this period, per pricing category");
    expect(rowText(html, "country", "IN")).toBe("India 30 Unknown unknown for 30 messages");
  });

  it("says what to do when nothing was priced", () => {
    const empty: CostsReport = {
      range: RANGE,
      charged: { currency: null, total: null, unknownCount: 0, lines: [] },
      saved: { currency: null, total: null, unknownCount: 0, lines: [], byType: [] },
      days: [],
      month: { month: "2026-03", charged: { currency: null, total: null, unknownCount: 0, lines: [] }, forecastTotal: null, currency: null, daysElapsed: 2, daysInMonth: 31 },
    };
    expect(textOf(render(<CostsReportView report={empty} />))).toContain("No priced message in this period");
  });
});

describe("in every language", () => {
  it.each(["zh-CN", "es", "pt-BR", "ar"] as const)("renders the three tabs in %s with every word from its catalog", (locale) => {
    const text = textOf(
      render(
        <>
          <TemplatesReportView report={TEMPLATES} />
          <CampaignsReportView report={CAMPAIGNS} />
          <CostsReportView report={COSTS} />
        </>,
        { locale },
      ),
    );
    // A missing message shows as its key path.
    expect(text).not.toMatch(/analytics\.|gateway\./);
    expect(text).not.toContain("Charged by category");
  });
});

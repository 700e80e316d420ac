import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { CampaignView } from "@/lib/campaigns/types";

import { CampaignsTable, StatusFilter } from "./campaigns-list";
import { CostFigure } from "./cost-figure";

/** The text a person reads, tags and entities aside. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&nbsp;|\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const NOW = new Date("2026-03-02T12:00:00.000Z");

const campaign = (overrides: Partial<CampaignView> = {}): CampaignView => ({
  id: "0b6f1c2e-8d4a-4f6e-9c1b-2a3d4e5f6a7b",
  name: "Spring sale",
  status: "sending",
  phoneNumberId: "pn-1",
  businessNumber: "+1 555 0100",
  template: { id: "t-1", name: "spring_offer", language: "en_US", category: "MARKETING" },
  audience: { kind: "tags", tagIds: [] },
  audienceLabel: "Tags: VIP",
  mapping: { variables: {} },
  scheduledAt: null,
  timeZone: null,
  counts: { audience: 1250, eligible: 1200, skipped: 50, pending: 100, sent: 1080, delivered: 1000, read: 640, replied: 32, failed: 20, cancelled: 0 },
  skippedByReason: { opted_out: 30, no_consent: 0, invalid_number: 0, missing_variable: 0, duplicate: 20, no_number: 0 },
  estimate: { currency: "USD", total: "30.00", unknownCount: 0, lines: [{ category: "MARKETING", country: "US", count: 1200, currency: "USD", unitAmount: "0.025", total: "30.00" }] },
  actualCost: null,
  createdBy: { id: "u-1", name: "Mia Marketer" },
  createdAt: "2026-03-02T09:00:00.000Z",
  startedAt: "2026-03-02T11:00:00.000Z",
  pausedAt: null,
  finishedAt: null,
  cancelledAt: null,
  error: null,
  can: { manage: true },
  ...overrides,
});

describe("the campaigns table", () => {
  it("shows each campaign's name, template, status, number, audience, funnel counts, labelled cost and dates", () => {
    const html = renderToStaticMarkup(withIntl(<CampaignsTable campaigns={[campaign()]} />, { now: NOW }));
    const text = textOf(html);
    expect(html).toContain('aria-label="Campaigns"');
    expect(text).toContain("Campaign Status Business number Audience Sent Delivered Read Replied Failed Cost Created");
    expect(text).toContain("Spring sale spring_offer · en_US Sending +1 555 0100 1,250 recipients Tags: VIP 1,080 1,000 640 32 20 $30.00 Estimate");
    expect(text).toContain("3 hours ago Started 1 hour ago");
    expect(html).toContain(`href="/campaigns/0b6f1c2e-8d4a-4f6e-9c1b-2a3d4e5f6a7b"`);
    // Customer-written names follow their own direction; numbers stay left to right.
    expect(html).toMatch(/dir="auto"[^>]*>Spring sale</);
    expect(html).toContain('<bdi dir="ltr" class="tabular-nums">+1 555 0100</bdi>');
  });

  it("shows the actual cost once there is one, and a draft as not started", () => {
    const actual = { currency: "USD", total: "4.20", unknownCount: 3, lines: [] };
    const text = textOf(
      renderToStaticMarkup(
        withIntl(<CampaignsTable campaigns={[campaign({ actualCost: actual }), campaign({ id: "x", status: "draft", startedAt: null, estimate: null })]} />, { now: NOW }),
      ),
    );
    expect(text).toContain("$4.20 Actual plus 3 messages at unknown rates");
    expect(text).toContain("Draft");
    expect(text).toContain("No cost yet");
    expect(text).toContain("Not started");
  });

  it("says a scheduled campaign's time in the reader's zone and language", () => {
    const text = textOf(
      renderToStaticMarkup(
        withIntl(<CampaignsTable campaigns={[campaign({ status: "scheduled", startedAt: null, scheduledAt: "2026-03-05T15:30:00.000Z" })]} />, {
          locale: "es",
          now: NOW,
          timeZone: "America/Mexico_City",
        }),
      ),
    );
    expect(text).toContain("Programada");
    expect(text).toContain("Programada para el 5 mar 2026, 9:30");
  });

  it("reads in Arabic", () => {
    const text = textOf(renderToStaticMarkup(withIntl(<CampaignsTable campaigns={[campaign()]} />, { locale: "ar", now: NOW })));
    expect(text).toContain("الحملة");
    expect(text).toContain("قيد الإرسال");
    expect(text).toContain("تقديرية");
  });
});

describe("the status filter", () => {
  it("links every status, keeps the search, and marks the current one", () => {
    const html = renderToStaticMarkup(withIntl(<StatusFilter filters={{ status: "paused", q: "spring" }} />));
    expect(html).toContain('aria-label="Filter by status"');
    expect(html).toContain('href="/campaigns?q=spring"');
    expect(html).toContain('href="/campaigns?status=finished&amp;q=spring"');
    expect(html).toMatch(/aria-current="page"[^>]*>Paused</);
    expect(textOf(html)).toBe("All Draft Scheduled Sending Paused Finished Cancelled Failed");
  });
});

describe("a cost figure", () => {
  it("never guesses: without a total it says unknown, and says which kind it is", () => {
    const text = textOf(renderToStaticMarkup(withIntl(<CostFigure cost={{ kind: "estimate", amount: null, currency: null, unknownCount: 12 }} />)));
    expect(text).toBe("Unknown Estimate");
  });

  it("formats money in the reader's locale", () => {
    const text = textOf(renderToStaticMarkup(withIntl(<CostFigure cost={{ kind: "actual", amount: 1234.5, currency: "EUR", unknownCount: 0 }} />, { locale: "pt-BR" })));
    expect(text).toBe("€ 1.234,50 Real");
  });
});

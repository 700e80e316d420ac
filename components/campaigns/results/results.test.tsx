import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { Table, TableBody } from "@/components/ui/table";
import type { CampaignView, FailureGroup, RecipientView } from "@/lib/campaigns/types";

import { FailureGroups, SkippedByReason } from "./breakdowns";
import { FunnelTable } from "./funnel-chart";
import { LifecycleBar } from "./lifecycle-bar";
import { RecipientRows } from "./recipients-table";
import { ProgressSummary } from "./results-screen";
import { funnelOf } from "./summary";

// The server actions are not exercised by rendering; they only need to exist.
vi.mock("@/lib/actions/campaigns", () => ({
  pauseCampaignAction: vi.fn(),
  resumeCampaignAction: vi.fn(),
  cancelCampaignAction: vi.fn(),
  retryFailedAction: vi.fn(),
}));

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ID = "0b6f1c2e-8d4a-4f6e-9c1b-2a3d4e5f6a7b";
const COUNTS = { audience: 1250, eligible: 1200, skipped: 50, pending: 100, sent: 1080, delivered: 1000, read: 640, replied: 32, failed: 20, cancelled: 0 };

const render = (node: ReactElement, options: Parameters<typeof withIntl>[1] = {}) =>
  renderToStaticMarkup(withIntl(<QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>, { now: NOW, ...options }));

const campaign = (overrides: Partial<CampaignView> = {}): CampaignView => ({
  id: ID,
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
  counts: COUNTS,
  skippedByReason: { opted_out: 30, no_consent: 0, invalid_number: 0, missing_variable: 0, duplicate: 20, no_number: 0 },
  estimate: null,
  actualCost: null,
  createdBy: null,
  createdAt: "2026-03-02T09:00:00.000Z",
  startedAt: "2026-03-02T11:00:00.000Z",
  pausedAt: null,
  finishedAt: null,
  cancelledAt: null,
  error: null,
  can: { manage: true },
  ...overrides,
});

const recipient = (overrides: Partial<RecipientView>): RecipientView => ({
  id: 1,
  contactId: "c0000000-0000-4000-8000-000000000001",
  name: "Ana Souza",
  phoneNumber: "5511999990001",
  status: "delivered",
  skipReason: null,
  error: null,
  conversationId: "d0000000-0000-4000-8000-000000000001",
  sentAt: "2026-03-02T11:00:00.000Z",
  deliveredAt: "2026-03-02T11:01:00.000Z",
  readAt: null,
  repliedAt: null,
  failedAt: null,
  ...overrides,
});

describe("the lifecycle controls", () => {
  it("pause and cancel a running campaign, and retry its safe failures with their count", () => {
    const text = textOf(render(<LifecycleBar campaign={campaign()} canManage retrySafeFailures={7} />));
    expect(text).toBe("Pause Cancel campaign Retry 7 failed");
  });

  it("send a draft to the builder's review step", () => {
    const html = render(<LifecycleBar campaign={campaign({ status: "draft" })} canManage retrySafeFailures={0} />);
    expect(html).toContain(`href="/campaigns/${ID}/edit?step=review"`);
    expect(textOf(html)).toBe("Review and send");
  });

  it("resume a paused campaign", () => {
    expect(textOf(render(<LifecycleBar campaign={campaign({ status: "paused" })} canManage retrySafeFailures={0} />))).toBe("Resume Cancel campaign");
  });

  it("are not there for an agent, nor where the server says this person may not manage it", () => {
    expect(render(<LifecycleBar campaign={campaign()} canManage={false} retrySafeFailures={3} />)).toBe("");
    expect(render(<LifecycleBar campaign={campaign({ can: { manage: false } })} canManage retrySafeFailures={3} />)).toBe("");
  });
});

describe("the progress", () => {
  it("is a labelled progress bar of processed out of eligible, with what is left said apart", () => {
    const html = render(<ProgressSummary counts={COUNTS} />);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="1100"');
    expect(html).toContain('aria-valuemax="1200"');
    expect(html).toContain('aria-valuetext="1,100 of 1,200 processed"');
    expect(textOf(html)).toContain("1,100 of 1,200 processed 91% 100 waiting 20 failed 50 skipped before sending");
  });
});

describe("the funnel's table view", () => {
  it("lists each stage with its count and share of the sent messages", () => {
    const text = textOf(render(<FunnelTable steps={funnelOf(COUNTS)} />));
    expect(text).toBe("Stage Messages Share of sent Sent 1,080 100% Delivered 1,000 93% Read 640 59% Replied 32 3%");
  });
});

describe("the skipped recipients", () => {
  it("are listed by reason, each a link to those recipients", () => {
    const html = render(<SkippedByReason campaignId={ID} total={50} byReason={{ opted_out: 30, no_consent: 0, duplicate: 20 }} />);
    expect(textOf(html)).toBe("50 contacts were left out before sending. Opted out 30 Duplicate number 20");
    expect(html).toContain(`href="/campaigns/${ID}?status=skipped&amp;reason=opted_out"`);
  });

  it("show the total alone when the counts by reason are not known (null before it starts)", () => {
    const html = render(<SkippedByReason campaignId={ID} total={4} byReason={null} />);
    expect(textOf(html)).toBe("4 contacts were left out before sending. Show the skipped recipients");
    expect(html).toContain(`href="/campaigns/${ID}?status=skipped"`);
  });
});

describe("the failures", () => {
  const groups: FailureGroup[] = [
    { code: 131026, title: "Message undeliverable", explanationKey: "codes.131026", retrySafe: false, count: 3 },
    { code: 131000, title: "Something went wrong", explanationKey: "codes.131000", retrySafe: true, count: 12 },
    { code: 4242, title: "Strange new error", explanationKey: null, retrySafe: false, count: 1 },
  ];

  it("are grouped by error, largest first, with the plain explanation and whether a retry is safe", () => {
    const text = textOf(render(<FailureGroups groups={groups} loading={false} />));
    expect(text).toContain(
      "131000 · Something went wrong at WhatsApp 12 recipients WhatsApp had an internal problem and could not send this message. Try again in a few minutes. WhatsApp said: Something went wrong Safe to retry",
    );
    expect(text).toContain("131026 · Message undeliverable 3 recipients");
    expect(text).toContain("Retrying will not help");
    expect(text.indexOf("131000")).toBeLessThan(text.indexOf("131026"));
    // An error the table does not know is still shown, by its code and WhatsApp's own title.
    expect(text).toContain("4242 · Strange new error 1 recipient Retrying will not help");
  });

  it("say so when nothing failed, in the reader's language", () => {
    expect(textOf(render(<FailureGroups groups={[]} loading={false} />))).toBe("No message failed.");
    expect(textOf(render(<FailureGroups groups={[]} loading={false} />, { locale: "zh-CN" }))).toBe("没有发送失败的消息。");
  });
});

describe("the recipients", () => {
  const rows = (items: RecipientView[], options: Parameters<typeof withIntl>[1] = {}) =>
    render(
      <Table>
        <TableBody>
          <RecipientRows recipients={items} />
        </TableBody>
      </Table>,
      options,
    );

  it("show name, number, status, latest time and a link to the conversation", () => {
    const html = rows([recipient({})]);
    expect(textOf(html)).toBe("Ana Souza +5511999990001 Delivered 59 minutes ago Delivered — Open conversation");
    expect(html).toContain('href="/inbox/d0000000-0000-4000-8000-000000000001"');
    expect(html).toContain('aria-label="Open the conversation with Ana Souza"');
    expect(html).toMatch(/dir="auto"[^>]*>Ana Souza</);
  });

  it("show a failure's code and title, whether it will be retried, and a skipped recipient's reason", () => {
    const text = textOf(
      rows([
        recipient({ id: 2, status: "failed", deliveredAt: null, failedAt: "2026-03-02T11:30:00.000Z", error: { code: 131026, title: "Undeliverable", explanationKey: "codes.131026", retrySafe: false } }),
        recipient({ id: 3, name: null, status: "skipped", skipReason: "opted_out", conversationId: null, sentAt: null, deliveredAt: null }),
      ]),
    );
    expect(text).toContain("Failed 30 minutes ago Failed 131026 · Message undeliverable Not retried");
    expect(text).toContain("+5511999990001 +5511999990001 Skipped Opted out — —");
  });

  it("mark a reply", () => {
    expect(textOf(rows([recipient({ readAt: "2026-03-02T11:05:00.000Z", repliedAt: "2026-03-02T11:50:00.000Z" })]))).toContain("Delivered Replied 10 minutes ago Replied");
  });
});

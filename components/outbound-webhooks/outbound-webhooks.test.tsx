import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { CATALOGS } from "@/lib/i18n/test-translate";
import type { DeliveryView, EndpointView } from "@/lib/outbound-webhooks/service";

import { refreshInterval, type DeliveryPage } from "./api";
import { DeliveriesTable } from "./deliveries-table";
import { DisabledEndpointsBanner } from "./disabled-endpoints-banner";
import { EndpointHeader } from "./endpoint-header";
import { EndpointsSection } from "./endpoints-section";

// Rendered without a running app: the router and the server actions are stand-ins that are never called.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));
vi.mock("@/lib/actions/outbound-webhooks", () => ({
  createWebhookEndpointAction: async () => ({}),
  updateWebhookEndpointAction: async () => ({}),
  deleteWebhookEndpointAction: async () => ({}),
  rotateWebhookSecretAction: async () => ({}),
  sendWebhookTestEventAction: async () => ({}),
  replayWebhookDeliveryAction: async () => ({}),
}));

// The banner is a server component: its translator is the English catalog's, as a request in English would give.
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  return { getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: CATALOGS.en, namespace: namespace as "outboundWebhooks" }) };
});

const NOW = new Date("2026-03-02T12:00:00.000Z");
const minutesFromNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const endpoint = (fields: Partial<EndpointView> = {}): EndpointView => ({
  id: "0b7f4c9e-2f3a-4d1b-9c8e-5a6b7c8d9e0f",
  url: "https://crm.example.com/hooks/whatsapp",
  description: "Tickets in the CRM",
  events: ["message.received", "conversation.resolved"],
  enabled: true,
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
  secretPreview: "whsec_AbCd…",
  previousSecretExpiresAt: null,
  createdAt: minutesFromNow(-3 * 24 * 60),
  recent: { succeeded: 12, failed: 3, pending: 1 },
  ...fields,
});

const delivery = (fields: Partial<DeliveryView> = {}): DeliveryView => ({
  id: "msg_2xYz",
  endpointId: endpoint().id,
  eventId: "evt_1aBc",
  eventType: "message.received",
  status: "succeeded",
  attempts: 1,
  nextAttemptAt: null,
  lastAttemptAt: minutesFromNow(-5),
  lastResponseStatus: 200,
  lastResponseMs: 42,
  lastError: null,
  createdAt: minutesFromNow(-5),
  payload: { type: "message.received", data: { id: "wamid.1" } },
  ...fields,
});

/** The text a person reads, tags and entities aside. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ").trim();

const render = (node: React.ReactElement, locale: "en" | "ar" = "en") =>
  renderToStaticMarkup(withIntl(<QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>, { locale, now: NOW }));

describe("the webhooks page's outbound endpoints", () => {
  it("explains what outbound webhooks are for when there is none, under its own heading", () => {
    const text = textOf(render(<EndpointsSection endpoints={[]} />));
    expect(text).toContain("To your systems");
    expect(text).toContain("No endpoints yet");
    expect(text).toContain("Outbound webhooks let your own systems react to what happens here");
    expect(text).toContain("Add endpoint");
  });

  it("lists an endpoint with its URL linking to its page, its events, state and last day's counts", () => {
    const html = render(<EndpointsSection endpoints={[endpoint()]} />);
    expect(html).toContain(`href="/settings/webhooks/endpoints/${endpoint().id}"`);
    const text = textOf(html);
    expect(text).toContain("https://crm.example.com/hooks/whatsapp");
    expect(text).toContain("Tickets in the CRM");
    expect(text).toContain("message.received");
    expect(text).toContain("conversation.resolved");
    expect(text).toContain("Active");
    expect(text).toContain("12 succeeded");
    expect(text).toContain("3 failed");
    expect(text).toContain("1 pending");
    expect(text).not.toContain("Re-enable");
  });

  it("says why an endpoint failing for 24 hours was disabled, and offers to re-enable it", () => {
    const disabled = endpoint({ enabled: false, disabledReason: "failing", disabledAt: minutesFromNow(-120), failingSince: minutesFromNow(-26 * 60) });
    const html = render(<EndpointsSection endpoints={[disabled]} />);
    const text = textOf(html);
    expect(text).toContain("Disabled after failing for 24 hours");
    expect(text).toContain("Every delivery failed for 24 hours, so sending stopped 2 hours ago");
    expect(html).toContain('aria-label="Re-enable https://crm.example.com/hooks/whatsapp"');
    expect(text).not.toContain("Active");
  });

  it("tells an admin's pause from a failure", () => {
    const text = textOf(render(<EndpointsSection endpoints={[endpoint({ enabled: false, disabledReason: "admin", disabledAt: minutesFromNow(-60) })]} />));
    expect(text).toContain("Disabled by an admin");
    expect(text).toContain("An admin turned sending off 1 hour ago");
  });

  it("reads in Arabic with the URL and event names kept left to right", () => {
    const html = render(<EndpointsSection endpoints={[endpoint()]} />, "ar");
    expect(textOf(html)).toContain("إلى أنظمتك");
    expect(html).toMatch(/<a[^>]*dir="ltr"[^>]*>https:\/\/crm\.example\.com\/hooks\/whatsapp<\/a>/);
    expect(html).toMatch(/dir="ltr"[^>]*>message\.received</);
  });
});

describe("an endpoint's page", () => {
  it("heads the page with the URL and offers every action, each labelled", () => {
    const text = textOf(render(<EndpointHeader endpoint={endpoint({ failingSince: minutesFromNow(-30) })} />));
    expect(text).toContain("https://crm.example.com/hooks/whatsapp");
    expect(text).toContain("Failing since 30 minutes ago");
    for (const action of ["Send test event", "Edit", "Disable", "Rotate secret", "Delete"]) expect(text).toContain(action);
    expect(text).toContain("whsec_AbCd…");
  });

  it("offers Enable instead of Disable for a disabled endpoint", () => {
    const text = textOf(render(<EndpointHeader endpoint={endpoint({ enabled: false, disabledReason: "admin", disabledAt: minutesFromNow(-5) })} />));
    expect(text).toContain("Enable");
    expect(text).not.toContain("Disable ");
  });

  it("lists deliveries with their status, response and attempts, and a replay for each that is done", () => {
    const page: DeliveryPage = {
      deliveries: [
        delivery({ id: "msg_pending", status: "pending", attempts: 2, lastResponseStatus: 500, lastResponseMs: 130, nextAttemptAt: minutesFromNow(5), lastError: "HTTP 500" }),
        delivery(),
      ],
      nextCursor: "older",
    };
    const html = render(<DeliveriesTable endpointId={endpoint().id} status={null} firstPage={page} />);
    const text = textOf(html);
    expect(text).toContain("Pending");
    expect(text).toContain("500 in 130 ms");
    expect(text).toContain("in 5 minutes");
    expect(text).toContain("200 in 42 ms");
    expect(text).toContain("Succeeded");
    expect(text).toContain("Updating while deliveries are pending");
    expect(text).toContain("Load more");
    expect(html).toContain('aria-label="Replay delivery msg_2xYz"');
    // Still being attempted: nothing to replay yet.
    expect(html).not.toContain('aria-label="Replay delivery msg_pending"');
    expect(html).toContain('aria-label="Show details of delivery msg_2xYz"');
    expect(html).toContain('href="/settings/webhooks/endpoints/0b7f4c9e-2f3a-4d1b-9c8e-5a6b7c8d9e0f?status=failed"');
  });

  it("says when no delivery has the chosen status", () => {
    const text = textOf(render(<DeliveriesTable endpointId={endpoint().id} status="failed" firstPage={{ deliveries: [], nextCursor: null }} />));
    expect(text).toContain("No deliveries with this status");
    expect(text).not.toContain("Load more");
    expect(text).not.toContain("Updating while deliveries are pending");
  });
});

describe("refreshing the deliveries", () => {
  const pages = (...deliveries: DeliveryView[]) => ({ pages: [{ deliveries, nextCursor: null }], pageParams: [null] });

  it("stops when nothing is pending", () => {
    expect(refreshInterval(pages(delivery(), delivery({ status: "failed" })), NOW.getTime())).toBe(false);
    expect(refreshInterval(undefined, NOW.getTime())).toBe(false);
  });

  it("asks often while an attempt is due, rarely while the next retry is far off", () => {
    expect(refreshInterval(pages(delivery({ status: "pending", attempts: 0, nextAttemptAt: null })), NOW.getTime())).toBe(2_000);
    expect(refreshInterval(pages(delivery({ status: "pending", nextAttemptAt: minutesFromNow(0.5) })), NOW.getTime())).toBe(2_000);
    expect(refreshInterval(pages(delivery({ status: "pending", nextAttemptAt: minutesFromNow(30) })), NOW.getTime())).toBe(30_000);
  });
});

describe("the admins' banner", () => {
  const page = <p>The page</p>;

  it("is not there while no endpoint is disabled after failing: the page is left as it is", async () => {
    expect(renderToStaticMarkup(await DisabledEndpointsBanner({ count: 0, children: page }))).toBe("<p>The page</p>");
  });

  it("says how many endpoints stopped and links to them, above the page", async () => {
    const one = renderToStaticMarkup(await DisabledEndpointsBanner({ count: 1, children: page }));
    expect(textOf(one)).toBe("An outbound webhook endpoint was disabled after failing for 24 hours. Review webhooks The page");
    expect(one).toContain('href="/settings/webhooks#to-your-systems"');
    const three = renderToStaticMarkup(await DisabledEndpointsBanner({ count: 3, children: page }));
    expect(textOf(three)).toContain("3 outbound webhook endpoints were disabled after failing for 24 hours.");
  });
});

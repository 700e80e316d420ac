import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import type { Locale } from "@/i18n/locales";
import type { InboxSettingsView } from "@/lib/inbox/inbox-settings";
import { queryKeys } from "@/lib/query-keys";

import { InboxSettingsScreen } from "./inbox-settings-screen";

// The screen reads and saves through server actions; rendering needs none of them.
vi.mock("@/lib/actions/inbox-settings", () => ({
  loadInboxSettingsAction: vi.fn(),
  saveBusinessHoursAction: vi.fn(),
  saveAutomaticMessagesAction: vi.fn(),
  saveAutoAssignmentAction: vi.fn(),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: vi.fn() }), usePathname: () => "/settings/inbox" }));

const NOW = new Date("2026-01-05T12:00:00.000Z"); // A Monday.
const nineToFive = [{ from: "09:00", to: "17:00" }];

function settings(overrides: Partial<InboxSettingsView> = {}): InboxSettingsView {
  return {
    phoneNumberId: "pn-1",
    schedule: { timeZone: "UTC", weekly: { "1": nineToFive, "2": nineToFive, "3": [], "4": [], "5": [], "6": [], "7": [] }, holidays: ["2026-12-25"] },
    messages: { awayEnabled: true, awayText: "We are closed.", welcomeEnabled: false, welcomeText: "" },
    assignment: { enabled: true, agentIds: ["u-1"] },
    teammates: [
      { id: "u-1", name: "Ana Agent", availability: "available", disabled: false, mayWork: true },
      { id: "u-2", name: "Ben Agent", availability: "away", disabled: false, mayWork: true },
    ],
    ...overrides,
  };
}

function render(view: InboxSettingsView, locale: Locale = "en") {
  const client = new QueryClient();
  client.setQueryData(queryKeys.inboxSettings.ofNumber(view.phoneNumberId), view);
  return renderToStaticMarkup(
    withIntl(
      <QueryClientProvider client={client}>
        <InboxSettingsScreen numbers={[{ id: "pn-1", displayPhoneNumber: "+1 555 0100", verifiedName: "Lumen" }]} initialNumberId="pn-1" />
      </QueryClientProvider>,
      { locale, now: NOW, timeZone: "UTC" },
    ),
  );
}

describe("InboxSettingsScreen", () => {
  it("shows the three cards with the saved values, the status now and each agent's availability", () => {
    const html = render(settings());
    expect(html).toContain("Business hours");
    expect(html).toContain("Open now");
    expect(html).toContain('aria-label="Monday opens at"');
    expect(html).toContain('value="09:00"');
    expect(html).toContain('aria-label="Remove holiday 2026-12-25"');
    expect(html).toContain("Sent once per conversation each time you are closed, only while the customer&#x27;s 24-hour window is open");
    expect(html).toContain("We are closed.");
    expect(html).toMatch(/role="switch" aria-checked="true"/);
    expect(html).toContain("Ana Agent");
    expect(html).toContain("Away");
  });

  it("says when a closed number opens, and that a number without hours counts as open", () => {
    expect(render(settings(), "en").replace(/<[^>]+>/g, " ")).toContain("Open now");
    const closed = render(settings({ schedule: { timeZone: "UTC", weekly: { "1": [], "2": nineToFive, "3": [], "4": [], "5": [], "6": [], "7": [] }, holidays: [] } }));
    expect(closed).toContain("Closed now, opens");
    expect(render(settings({ schedule: null }))).toContain("No business hours yet: the number counts as open.");
  });

  it("speaks the reader's language", () => {
    const html = render(settings(), "es");
    expect(html).toContain("Horario de atención");
    expect(html).toContain("Asignación automática");
  });
});

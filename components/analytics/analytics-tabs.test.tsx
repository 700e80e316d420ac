import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withIntl } from "@/components/i18n/test-intl";
import { TooltipProvider } from "@/components/ui/tooltip";
import type { AnalyticsOptions, ConversationsReport, ResolvedRange, WindowsReport } from "@/lib/analytics/views";

import { ChartFigure, csvFileName, csvLines } from "./chart-figure";
import { ConversationsFigures } from "./conversations-tab";
import { FiltersBar } from "./filters-bar";
import { WindowsFigures } from "./windows-tab";

const range: ResolvedRange = {
  preset: "custom",
  from: "2026-11-01",
  to: "2026-11-30",
  start: "2026-11-01T03:00:00.000Z",
  end: "2026-12-01T03:00:00.000Z",
  timeZone: "America/Sao_Paulo",
  days: 30,
};

const none = { count: 0, medianSeconds: null, p90Seconds: null };

const conversations: ConversationsReport = {
  range,
  totals: { inbound: 1234, outbound: 987, opened: 40, resolved: 35, backlogAtEnd: 5, firstResponse: { count: 38, medianSeconds: 240, p90Seconds: 4800 }, resolution: { count: 35, medianSeconds: 183_600, p90Seconds: null } },
  days: [{ date: "2026-11-01", inbound: 12, outbound: 9, opened: 3, resolved: 2, backlog: 1 }],
  heatmap: Array.from({ length: 168 }, (_, index) => ({ weekday: Math.floor(index / 24) + 1, hour: index % 24, inbound: index === 38 ? 12 : 0, outbound: index === 38 ? 9 : 0 })),
  byAgent: [
    { agentId: "a1", name: "Ana Souza", assigned: 20, replied: 18, resolved: 17, firstResponse: { count: 18, medianSeconds: 45, p90Seconds: 600 }, resolution: none },
    { agentId: null, name: null, assigned: 0, replied: 2, resolved: 0, firstResponse: none, resolution: none },
  ],
  byNumber: [{ phoneNumberId: "n1", displayPhoneNumber: "+55 11 4000-0000", verifiedName: "Loja", businessHours: true, firstResponse: none, resolution: none }],
};

const windows = (missed: number, listed: number): WindowsReport => ({
  range,
  totals: { waits: 8, answeredWithinHour: 3, answeredWithinHourShare: 0.375, missed },
  days: [{ date: "2026-11-02", waits: 8, missed }],
  byAgent: [{ agentId: "a1", name: "Ana Souza", waits: 8, missed }],
  missed: Array.from({ length: listed }, (_, index) => ({
    conversationId: `c${index}`,
    customerName: `Customer ${index}`,
    phoneNumberId: "n1",
    agentId: null,
    agentName: null,
    lastInboundAt: "2026-11-01T10:00:00.000Z",
    windowClosedAt: "2026-11-02T10:00:00.000Z",
    answeredAt: index === 0 ? "2026-11-02T12:30:00.000Z" : null,
  })),
});

const render = (node: React.ReactElement) => renderToStaticMarkup(withIntl(<TooltipProvider>{node}</TooltipProvider>));

describe("the conversations tab", () => {
  const html = render(<ConversationsFigures report={conversations} />);

  it("shows each total, and durations as people say them", () => {
    expect(html).toContain("1,234");
    expect(html).toContain("Inbound messages");
    expect(html).toContain("4 min");
    expect(html).toContain("1 h 20 min");
    expect(html).toContain("2 d 3 h");
    expect(html).toContain("over 38 conversations");
  });

  it("names every heat map cell by weekday, hour and counts", () => {
    expect(html.match(/role="img" aria-label="[A-Za-z]+day \d\d:00, /g)).toHaveLength(168);
    expect(html).toContain('aria-label="Tuesday 14:00, 12 inbound, 9 outbound"');
  });

  it("lists agents (nobody named as such) and numbers with their business hours mark", () => {
    expect(html).toContain("Ana Souza");
    expect(html).toContain("Nobody (unassigned, or the WhatsApp Business app)");
    expect(html).toContain("Loja · +55 11 4000-0000");
    expect(html).toContain("Business hours");
  });
});

describe("the 24-hour window tab", () => {
  it("shows the share within an hour with one decimal and links each missed window to its conversation", () => {
    const html = render(<WindowsFigures report={windows(2, 2)} />);
    expect(html).toContain("37.5%");
    expect(html).toContain('href="/inbox/c0"');
    expect(html).toContain("Customer 1");
    expect(html).toContain("No reply yet");
    expect(html).not.toContain("Showing the latest");
  });

  it("says when the list is capped, and shows an empty state when nothing was missed", () => {
    expect(render(<WindowsFigures report={windows(250, 200)} />)).toContain("Showing the latest 200 of 250.");
    expect(render(<WindowsFigures report={windows(0, 0)} />)).toContain("No missed windows");
  });
});

describe("the filter bar", () => {
  const options: AnalyticsOptions = {
    viewAll: true,
    timeZone: null,
    numbers: [{ id: "n1", label: "Loja · +55 11 4000-0000" }],
    agents: [{ id: "a1", name: "Ana Souza" }],
    labels: [],
    campaigns: [],
  };

  it("shows the resolved range, every filter for admins, and a server refusal at its field", () => {
    const html = render(
      <FiltersBar search={{ preset: "custom", from: "2026-11-01", to: "2026-11-30" }} onChange={() => {}} options={options} optionsLoading={false} viewAll resolved={range} problem={{ field: "to", message: "to: the range is at most 366 days" }} />,
    );
    expect(html).toMatch(/Nov 1\s–\s30, 2026 · America\/Sao_Paulo/);
    expect(html).toContain("All agents");
    expect(html).toMatch(/id="analytics-to-error"[^>]*>to: the range is at most 366 days/);
    expect(html).not.toContain("Your own figures");
  });

  it("hides the agent filter from agents and says the figures are their own", () => {
    const html = render(<FiltersBar search={{}} onChange={() => {}} options={{ ...options, viewAll: false }} optionsLoading={false} viewAll={false} resolved={range} problem={null} />);
    expect(html).not.toContain("All agents");
    expect(html).toContain("Your own figures");
    expect(html).not.toContain('type="date"');
  });
});

describe("a chart figure", () => {
  it("is captioned by its title and sentence, offers Chart and Table, and an export; without a chart, the table itself", () => {
    const columns = [{ key: "day", label: "Day" }, { key: "count", label: "Count", numeric: true }];
    const withChart = render(
      <ChartFigure title="Missed per day" caption="One bar a day." csvName="missed" columns={columns} rows={[{ day: "Mon", count: 1200 }]}>
        <svg />
      </ChartFigure>,
    );
    expect(withChart).toMatch(/^<figure[^>]*><figcaption[^>]*><span[^>]*>Missed per day<\/span><span[^>]*>One bar a day.<\/span><\/figcaption>/);
    expect(withChart).toContain('aria-label="Show Missed per day as"');
    expect(withChart).toMatch(/role="tab"[^>]*>Chart</);
    expect(withChart).toMatch(/role="tab"[^>]*>Table</);
    expect(withChart).toContain('aria-label="Export CSV: Missed per day"');
    expect(withChart).toContain("<svg>");

    const tableOnly = render(<ChartFigure title="Agents" caption="Per agent." csvName="agents" columns={columns} rows={[{ day: "Mon", count: 1200 }]} />);
    expect(tableOnly).not.toContain('role="tab"');
    expect(tableOnly).toMatch(/<caption[^>]*>Agents<\/caption>/);
    expect(tableOnly).toContain("1,200");
  });
});

describe("CSV export", () => {
  it("names the file after the figure and the range, and writes raw values under the headers, formulas neutralised", () => {
    expect(csvFileName("messages per day", { from: "2026-11-01", to: "2026-11-30" })).toBe("messages-per-day-2026-11-01-2026-11-30.csv");
    expect(csvFileName("agents", null)).toBe("agents.csv");
    const columns = [{ key: "agent", label: "Agent" }, { key: "frt", label: "Median first response", csvLabel: "Median first response (seconds)" }];
    expect(csvLines(columns, [{ agent: "=HYPERLINK()", frt: 45 }, { agent: "Ana", frt: null }])).toEqual([
      ["Agent", "Median first response (seconds)"],
      ["'=HYPERLINK()", "45"],
      ["Ana", ""],
    ]);
  });
});

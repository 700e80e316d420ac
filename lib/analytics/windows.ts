import "server-only";

import type { Database } from "@/db/client";
import { listMissedWindows, missedWindowsByDayAndAgent, waitsStartedByDayAndAgent } from "@/db/queries/analytics-windows";
import { customerLabel, isDeletedCustomer } from "@/lib/inbox/customer-label";
import { SERVICE_WINDOW_MS } from "@/lib/whatsapp/service-window";
import { HOUR_MS } from "@/lib/whatsapp/zoned-time";

import type { AnalyticsRequest } from "./types";
import { datesOfRange } from "./range";
import { MISSED_LIST_MAX, type WindowsReport } from "./views";

/** "Answered within the hour": our reply went out at most this long after the customer started waiting. */
const ANSWERED_WITHIN_MS = HOUR_MS;

type AgentFigures = WindowsReport["byAgent"][number];

/** Most missed first, then most waits, then by name; "nobody" after the named agents it ties with. */
function byMissedThenWaits(a: AgentFigures, b: AgentFigures): number {
  return b.missed - a.missed || b.waits - a.waits || (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) || (a.name ?? "").localeCompare(b.name ?? "");
}

/**
 * The 24-hour window report: customer waits started in the range and the share answered within an
 * hour; windows that closed in the range (by `request.now`, so a window still open is never missed)
 * before any reply or resolution, per day (the day the window closed, in the reader's zone) and per
 * agent (the wait's agent; an agent's request already names them, so only their rows come back);
 * and the latest missed windows themselves.
 */
export async function windowsReport(db: Database, request: AnalyticsRequest): Promise<WindowsReport> {
  const { query, now } = request;
  const missedFilter = { windowSeconds: SERVICE_WINDOW_MS / 1000, now };
  const [waitRows, missedRows, missedList] = await Promise.all([
    waitsStartedByDayAndAgent(db, query, ANSWERED_WITHIN_MS / 1000),
    missedWindowsByDayAndAgent(db, query, missedFilter),
    listMissedWindows(db, query, { ...missedFilter, limit: MISSED_LIST_MAX }),
  ]);

  const days = new Map(datesOfRange(request.range.from, request.range.to).map((date) => [date, { date, waits: 0, missed: 0 }]));
  const agents = new Map<string | null, AgentFigures>();
  const agentOf = (agentId: string | null, name: string | null): AgentFigures => {
    let figures = agents.get(agentId);
    if (!figures) {
      figures = { agentId, name: agentId === null ? null : name, waits: 0, missed: 0 };
      agents.set(agentId, figures);
    }
    return figures;
  };

  const totals = { waits: 0, answeredWithinHour: 0, missed: 0 };
  for (const row of waitRows) {
    totals.waits += row.waits;
    totals.answeredWithinHour += row.answeredWithinHour;
    const day = days.get(row.date);
    if (day) day.waits += row.waits;
    agentOf(row.agentId, row.agentName).waits += row.waits;
  }
  for (const row of missedRows) {
    totals.missed += row.missed;
    const day = days.get(row.date);
    if (day) day.missed += row.missed;
    agentOf(row.agentId, row.agentName).missed += row.missed;
  }

  return {
    range: request.range,
    totals: {
      ...totals,
      answeredWithinHourShare: totals.waits > 0 ? totals.answeredWithinHour / totals.waits : null,
    },
    days: [...days.values()],
    byAgent: [...agents.values()].sort(byMissedThenWaits),
    missed: missedList.map((row) => ({
      conversationId: row.conversationId,
      // A deleted contact is null: the browser names it in the reader's words.
      customerName: isDeletedCustomer(row) ? null : customerLabel(row, () => ""),
      phoneNumberId: row.phoneNumberId,
      agentId: row.agentId,
      agentName: row.agentName,
      lastInboundAt: row.lastInboundAt.toISOString(),
      windowClosedAt: new Date(row.lastInboundAt.getTime() + SERVICE_WINDOW_MS).toISOString(),
      answeredAt: row.answeredAt?.toISOString() ?? null,
    })),
  };
}

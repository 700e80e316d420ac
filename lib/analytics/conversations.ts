/**
 * The conversations report: messages per day and per hour of the week, conversations opened and
 * resolved, the backlog, first response and resolution times (business-hours aware) per agent and per
 * number. Reads the hourly rollup and the episodes of the range (kept by triggers, migration 0021),
 * never every message of the period.
 */
import "server-only";

import type { Database } from "@/db";
import { episodesOfRange, messagesByLocalHour, numbersWithHours, openEpisodesAtStart, repliesByPerson, type RangeEpisode } from "@/db/queries/analytics-conversations";
import { userNames } from "@/db/queries/conversation-notes";
import type { BusinessSchedule } from "@/lib/whatsapp/business-hours";

import { durationSeconds, durationStats } from "./durations";
import { datesOfRange } from "./range";
import type { AnalyticsRequest } from "./types";
import type { AgentRow, ConversationsDay, ConversationsReport, DurationStats, HeatCell, NumberRow } from "./views";

/** First response and resolution of some episodes, in seconds (open seconds where the number has hours). */
interface Measured {
  firstResponse: number[];
  resolution: number[];
}

const emptyMeasured = (): Measured => ({ firstResponse: [], resolution: [] });

export async function conversationsReport(db: Database, request: AnalyticsRequest): Promise<ConversationsReport> {
  const { query, range } = request;
  const [hourCounts, episodes, openAtStart, replies] = await Promise.all([
    messagesByLocalHour(db, query),
    episodesOfRange(db, query),
    openEpisodesAtStart(db, query),
    repliesByPerson(db, query),
  ]);

  const numberIds = new Set<string>([...hourCounts.map((row) => row.phoneNumberId), ...episodes.map((episode) => episode.phoneNumberId)]);
  const agentIds = new Set<string>();
  for (const episode of episodes) if (episode.agentId) agentIds.add(episode.agentId);
  for (const reply of replies) if (reply.answeredById) agentIds.add(reply.answeredById);
  const [numbers, names] = await Promise.all([numbersWithHours(db, [...numberIds]), userNames(db, [...agentIds])]);
  const schedules = new Map<string, BusinessSchedule | null>(numbers.map((number) => [number.id, number.hours]));

  // Days and the heat map from the message counts.
  const dates = datesOfRange(range.from, range.to);
  const days = new Map<string, ConversationsDay>(dates.map((date) => [date, { date, inbound: 0, outbound: 0, opened: 0, resolved: 0, backlog: 0 }]));
  const heatmap: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (let hour = 0; hour < 24; hour += 1) heatmap.push({ weekday, hour, inbound: 0, outbound: 0 });
  }
  for (const row of hourCounts) {
    const day = days.get(row.date);
    if (day) day[row.direction] += row.messages;
    const cell = heatmap[(row.weekday - 1) * 24 + row.hour];
    if (cell) cell[row.direction] += row.messages;
  }

  // Opened and resolved per day; durations per agent and per number.
  const all = emptyMeasured();
  const perAgent = new Map<string | null, Measured & { assigned: number; resolved: number }>();
  const perNumber = new Map<string, Measured>();
  const agentEntry = (agentId: string | null) => {
    let entry = perAgent.get(agentId);
    if (!entry) {
      entry = { ...emptyMeasured(), assigned: 0, resolved: 0 };
      perAgent.set(agentId, entry);
    }
    return entry;
  };
  const numberEntry = (phoneNumberId: string) => {
    let entry = perNumber.get(phoneNumberId);
    if (!entry) {
      entry = emptyMeasured();
      perNumber.set(phoneNumberId, entry);
    }
    return entry;
  };
  let opened = 0;
  let resolved = 0;
  for (const episode of episodes) {
    const schedule = schedules.get(episode.phoneNumberId) ?? null;
    const agent = agentEntry(episode.agentId);
    const number = numberEntry(episode.phoneNumberId);
    if (episode.openedDay !== null) {
      opened += 1;
      agent.assigned += 1;
      const day = days.get(episode.openedDay);
      if (day) day.opened += 1;
      const firstResponse = firstResponseOf(episode, schedule);
      if (firstResponse !== null) for (const list of [all, agent, number]) list.firstResponse.push(firstResponse);
    }
    if (episode.resolvedDay !== null && episode.resolvedAt) {
      resolved += 1;
      agent.resolved += 1;
      const day = days.get(episode.resolvedDay);
      if (day) day.resolved += 1;
      const resolution = durationSeconds(schedule, episode.openedAt, episode.resolvedAt);
      for (const list of [all, agent, number]) list.resolution.push(resolution);
    }
  }
  // The backlog at each day's end: open at the start, plus what opened, minus what was resolved since.
  let backlog = openAtStart;
  for (const day of days.values()) {
    backlog += day.opened - day.resolved;
    day.backlog = backlog;
  }

  const repliedBy = new Map<string | null, number>(replies.map((reply) => [reply.answeredById, reply.replies]));
  for (const agentId of repliedBy.keys()) agentEntry(agentId);
  const byAgent: AgentRow[] = [...perAgent.entries()]
    .map(([agentId, entry]) => ({
      agentId,
      name: agentId ? (names.get(agentId) ?? null) : null,
      assigned: entry.assigned,
      replied: repliedBy.get(agentId) ?? 0,
      resolved: entry.resolved,
      firstResponse: durationStats(entry.firstResponse),
      resolution: durationStats(entry.resolution),
    }))
    .filter((row) => row.assigned + row.replied + row.resolved > 0)
    // Most assigned first; "nobody" after the people; then by name.
    .sort((a, b) => b.assigned - a.assigned || Number(a.agentId === null) - Number(b.agentId === null) || (a.name ?? "").localeCompare(b.name ?? ""));

  const byNumber: NumberRow[] = numbers
    .map((number) => {
      const entry = perNumber.get(number.id) ?? emptyMeasured();
      return {
        phoneNumberId: number.id,
        displayPhoneNumber: number.displayPhoneNumber ?? number.id,
        verifiedName: number.verifiedName,
        businessHours: number.hours !== null,
        firstResponse: durationStats(entry.firstResponse),
        resolution: durationStats(entry.resolution),
      };
    })
    .sort((a, b) => a.displayPhoneNumber.localeCompare(b.displayPhoneNumber));

  const dayList = [...days.values()];
  const sum = (key: "inbound" | "outbound") => dayList.reduce((total, day) => total + day[key], 0);
  const firstResponse: DurationStats = durationStats(all.firstResponse);
  return {
    range,
    totals: {
      inbound: sum("inbound"),
      outbound: sum("outbound"),
      opened,
      resolved,
      backlogAtEnd: dayList.at(-1)?.backlog ?? openAtStart,
      firstResponse,
      resolution: durationStats(all.resolution),
    },
    days: dayList,
    heatmap,
    byAgent,
    byNumber,
  };
}

function firstResponseOf(episode: RangeEpisode, schedule: BusinessSchedule | null): number | null {
  return episode.firstResponseAt ? durationSeconds(schedule, episode.openedAt, episode.firstResponseAt) : null;
}

/**
 * What the analytics routes answer, as the browser reads them (JSON: instants are ISO strings, dates
 * `YYYY-MM-DD` in the reader's time zone). No runtime code here: components import these types freely.
 */
import type { CostSummary } from "@/lib/campaigns/types";

/** A search of /analytics, as its URL keeps it (every part optional; the server fills the defaults). */
export interface AnalyticsSearch {
  preset?: string;
  /** Custom range, inclusive, in the reader's time zone. */
  from?: string;
  to?: string;
  number?: string;
  agent?: string;
  label?: string;
  campaign?: string;
}

/** The period a report covers, resolved: `start` inclusive, `end` exclusive (UTC instants). */
export interface ResolvedRange {
  preset: RangePreset;
  from: string;
  to: string;
  start: string;
  end: string;
  timeZone: string;
  days: number;
}

export const RANGE_PRESETS = ["today", "yesterday", "last7", "last30", "last90", "thisMonth", "lastMonth", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE_PRESET: RangePreset = "last30";
/** The longest range a report covers (days). */
export const MAX_RANGE_DAYS = 366;

/** A duration's spread over the rows it was measured on; null when there were none. */
export interface DurationStats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface ConversationsDay {
  date: string;
  inbound: number;
  outbound: number;
  opened: number;
  resolved: number;
  /** Open (unresolved) episodes at the end of the day. */
  backlog: number;
}

/** One hour of the week in the reader's time zone: ISO weekday 1 (Monday) … 7, hour 0 … 23. */
export interface HeatCell {
  weekday: number;
  hour: number;
  inbound: number;
  outbound: number;
}

export interface AgentRow {
  agentId: string | null;
  /** Null for "nobody" (unassigned, or answered from the WhatsApp Business app). */
  name: string | null;
  assigned: number;
  replied: number;
  resolved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
}

export interface NumberRow {
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  /** Durations count only open hours: the number has business hours. */
  businessHours: boolean;
  firstResponse: DurationStats;
  resolution: DurationStats;
}

/** GET /api/analytics/conversations */
export interface ConversationsReport {
  range: ResolvedRange;
  totals: {
    inbound: number;
    outbound: number;
    opened: number;
    resolved: number;
    backlogAtEnd: number;
    firstResponse: DurationStats;
    resolution: DurationStats;
  };
  days: ConversationsDay[];
  /** 168 cells, Monday 0:00 first. */
  heatmap: HeatCell[];
  byAgent: AgentRow[];
  byNumber: NumberRow[];
}

export interface MissedWindow {
  conversationId: string;
  /** Null when the contact was deleted (the page says so in the reader's words). */
  customerName: string | null;
  phoneNumberId: string;
  agentId: string | null;
  agentName: string | null;
  lastInboundAt: string;
  windowClosedAt: string;
  /** Our late reply (after the window closed), if one came. */
  answeredAt: string | null;
}

/** GET /api/analytics/windows: waits whose window closed in the range. */
export interface WindowsReport {
  range: ResolvedRange;
  totals: {
    /** Customer waits that started in the range. */
    waits: number;
    answeredWithinHour: number;
    /** answeredWithinHour / waits; null without waits. */
    answeredWithinHourShare: number | null;
    /** Windows that closed in the range before any reply from us. */
    missed: number;
  };
  days: Array<{ date: string; waits: number; missed: number }>;
  byAgent: Array<{ agentId: string | null; name: string | null; waits: number; missed: number }>;
  /** The missed windows, latest first, at most MISSED_LIST_MAX (`totals.missed` counts all). */
  missed: MissedWindow[];
}
export const MISSED_LIST_MAX = 200;

export interface TemplateRow {
  name: string;
  language: string;
  category: string | null;
  /** Meta's id of the template when the account still has it (for Meta's figures). */
  templateId: string | null;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  failures: Array<{ code: number | null; title: string | null; count: number }>;
}

/** GET /api/analytics/templates: from our own messages. */
export interface TemplatesReport {
  range: ResolvedRange;
  rows: TemplateRow[];
}

/** GET /api/analytics/templates/meta: Meta's own figures (template_analytics through the gateway). */
export interface MetaTemplatesReport {
  range: ResolvedRange;
  /** Meta answered for every business account in scope. */
  available: boolean;
  /** Why some or all could not be read, in the reader's words. */
  problems: Array<{ wabaId: string; code: number | null; message: string; explanation: string }>;
  rows: Array<{ templateId: string; name: string; language: string; sent: number; delivered: number; read: number; clicked: number }>;
}

export interface CampaignRow {
  id: string;
  name: string;
  status: string;
  startedAt: string | null;
  recipients: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  /** replied / delivered; null before any delivery. */
  replyRate: number | null;
  cost: CostSummary;
}

/** GET /api/analytics/campaigns: campaigns started in the range (or the one filtered on). */
export interface CampaignsReport {
  range: ResolvedRange;
  rows: CampaignRow[];
}

/** GET /api/analytics/costs */
export interface CostsReport {
  range: ResolvedRange;
  /** Charged messages priced from the price table, by category and country. */
  charged: CostSummary;
  /** Free messages (service, free entry point, free customer service) valued at their category's rate: what was saved. */
  saved: CostSummary & { byType: Array<{ pricingType: string; category: string; count: number }> };
  days: Array<{ date: string; charged: number; free: number }>;
  /** The calendar month of the range's end (in the reader's zone): cost so far and the forecast at this pace. */
  month: { month: string; charged: CostSummary; forecastTotal: string | null; currency: string | null; daysElapsed: number; daysInMonth: number };
}

/** GET /api/analytics/options: what the reader may filter by. */
export interface AnalyticsOptions {
  /** False for agents: they see their own figures only, and no templates, campaigns or costs. */
  viewAll: boolean;
  timeZone: string | null;
  numbers: Array<{ id: string; label: string }>;
  agents: Array<{ id: string; name: string }>;
  labels: Array<{ id: string; name: string; color: string }>;
  campaigns: Array<{ id: string; name: string }>;
}

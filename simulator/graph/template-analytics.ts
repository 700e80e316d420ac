import { invalidParameter } from "../errors";
import type { Reply } from "../http";
import { json } from "../http";
import type { Simulator } from "../sim";
import type { SimState, Waba } from "../state";
import { templatesOf } from "../state";
import type { GraphRequest } from "./context";

/*
 * `GET /{waba_id}/template_analytics`: Meta's daily figures of a WABA's templates (sent, delivered,
 * read, button clicks), computed from what the simulator itself sent. A template send, each status the
 * simulator reported for it and each quick-reply answer to it are noted here (a log per state, so a reset
 * forgets it with the rest).
 */

/** Meta's limits: ten template ids per request, ninety days back. */
export const TEMPLATE_ANALYTICS_IDS_MAX = 10;
export const TEMPLATE_ANALYTICS_DAYS_BACK = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const METRICS = ["SENT", "DELIVERED", "READ", "CLICKED"] as const;
type Metric = (typeof METRICS)[number];

interface TemplateSendRecord {
  wabaId: string;
  templateId: string;
  /** Simulated ms of each status as reported (null: not reported). */
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  clicks: Array<{ type: "quick_reply_button" | "url_button"; buttonContent: string; at: number }>;
}

const logs = new WeakMap<SimState, Map<string, TemplateSendRecord>>();

function logOf(state: SimState): Map<string, TemplateSendRecord> {
  let log = logs.get(state);
  if (!log) {
    log = new Map();
    logs.set(state, log);
  }
  return log;
}

/** An accepted template send (`POST /{phone_number_id}/messages` with type template). */
export function recordTemplateSend(sim: Simulator, send: { wamid: string; wabaId: string; templateId: string }): void {
  logOf(sim.state).set(send.wamid, { wabaId: send.wabaId, templateId: send.templateId, sentAt: null, deliveredAt: null, readAt: null, clicks: [] });
}

/** A status the simulator reported for a message (only template sends are counted). */
export function recordTemplateStatus(sim: Simulator, wamid: string, status: "sent" | "delivered" | "read" | "failed"): void {
  const record = logOf(sim.state).get(wamid);
  if (!record || status === "failed") return;
  const now = sim.clock.now();
  // A later status implies the earlier ones, as Meta counts a read message as sent and delivered.
  record.sentAt ??= now;
  if (status === "delivered" || status === "read") record.deliveredAt ??= now;
  if (status === "read") record.readAt ??= now;
}

/** The customer's `button` answer (a quick reply) to a template message, by its `context.id`. */
export function recordTemplateButtonReply(sim: Simulator, reply: { contextId: string; text: string }): void {
  logOf(sim.state).get(reply.contextId)?.clicks.push({ type: "quick_reply_button", buttonContent: reply.text, at: sim.clock.now() });
}

function listParameter(value: string | null, name: string): string[] {
  if (value === null || value.trim() === "") throw invalidParameter(`The parameter ${name} is required.`);
  const text = value.trim();
  if (text.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidParameter(`Param ${name} must be a JSON array.`);
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string" || typeof item === "number")) {
      throw invalidParameter(`Param ${name} must be an array of strings.`);
    }
    return parsed.map(String);
  }
  return text.split(",").map((item) => item.trim()).filter(Boolean);
}

function secondsParameter(value: string | null, name: string): number {
  if (value === null || !/^\d{1,12}$/.test(value.trim())) throw invalidParameter(`Param ${name} must be a UNIX timestamp in seconds.`);
  return Number(value.trim()) * 1000;
}

const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const ceilDay = (ms: number) => Math.ceil(ms / DAY_MS) * DAY_MS;

export function templateAnalytics(request: GraphRequest, waba: Waba): Reply {
  const { sim, query } = request;
  const start = floorDay(secondsParameter(query.get("start"), "start"));
  const end = ceilDay(secondsParameter(query.get("end"), "end"));
  const oldest = floorDay(sim.clock.now()) - TEMPLATE_ANALYTICS_DAYS_BACK * DAY_MS;
  if (start < oldest) {
    throw invalidParameter(`Param start must be within the last ${TEMPLATE_ANALYTICS_DAYS_BACK} days (not before ${oldest / 1000}).`);
  }
  if (end <= start) throw invalidParameter("Param end must be after start.");
  const granularity = query.get("granularity") ?? "";
  if (granularity !== "DAILY") throw invalidParameter(`Param granularity must be one of {DAILY}; got "${granularity}".`);
  const templateIds = [...new Set(listParameter(query.get("template_ids"), "template_ids"))];
  if (templateIds.length > TEMPLATE_ANALYTICS_IDS_MAX) {
    throw invalidParameter(`Param template_ids must contain at most ${TEMPLATE_ANALYTICS_IDS_MAX} template ids; got ${templateIds.length}.`);
  }
  const known = new Set(templatesOf(sim.state, waba.id).map((template) => template.id));
  const unknown = templateIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw invalidParameter(`Param template_ids contains ${unknown}, which is not a template of this WhatsApp Business Account.`);
  const metricsAsked = query.get("metric_types");
  const metrics = new Set<Metric>(
    metricsAsked === null
      ? METRICS
      : listParameter(metricsAsked, "metric_types").map((metric) => {
          const upper = metric.toUpperCase();
          if (!(METRICS as readonly string[]).includes(upper)) throw invalidParameter(`Param metric_types contains ${metric}; expected one of ${METRICS.join(", ")}.`);
          return upper as Metric;
        }),
  );

  const sends = [...logOf(sim.state).values()].filter((record) => record.wabaId === waba.id);
  const within = (at: number | null, day: number) => at !== null && at >= day && at < day + DAY_MS;
  const dataPoints: Array<Record<string, unknown>> = [];
  for (const templateId of templateIds) {
    const ofTemplate = sends.filter((record) => record.templateId === templateId);
    for (let day = start; day < end; day += DAY_MS) {
      const point: Record<string, unknown> = { template_id: templateId, start: day / 1000, end: (day + DAY_MS) / 1000 };
      if (metrics.has("SENT")) point.sent = ofTemplate.filter((record) => within(record.sentAt, day)).length;
      if (metrics.has("DELIVERED")) point.delivered = ofTemplate.filter((record) => within(record.deliveredAt, day)).length;
      if (metrics.has("READ")) point.read = ofTemplate.filter((record) => within(record.readAt, day)).length;
      if (metrics.has("CLICKED")) {
        const clicks = new Map<string, { type: string; button_content: string; count: number }>();
        for (const click of ofTemplate.flatMap((record) => record.clicks).filter((click) => within(click.at, day))) {
          const key = `${click.type}:${click.buttonContent}`;
          const entry = clicks.get(key) ?? { type: click.type, button_content: click.buttonContent, count: 0 };
          entry.count += 1;
          clicks.set(key, entry);
        }
        point.clicked = [...clicks.values()];
      }
      dataPoints.push(point);
    }
  }
  return json({
    data: [{ granularity: "DAILY", product_type: "cloud_api", data_points: dataPoints }],
    paging: { cursors: { before: "MAZDZD", after: "MjQZD" } },
  });
}

/**
 * Meta's own figures of the period's templates (template_analytics through the gateway), beside ours:
 * for each business account in scope, the templates the period's own report found with Meta's id. Meta
 * keeps 90 days, so the period is clipped to them; an account whose call fails is told as a problem in
 * plain words, never as a failed report.
 */
import "server-only";

import type { Database } from "@/db";
import { listLinkedWabas } from "@/db/queries/wabas";
import type { GatewayClient } from "@/lib/gateway/client";
import { describeGatewayFailure, failureSentence, isGatewayError, translateFailure } from "@/lib/gateway/errors";
import type { Translate } from "@/lib/i18n/translatable";

import { templateSends, type TemplateSendsOfAccount } from "./templates";
import type { AnalyticsRequest } from "./types";
import type { MetaTemplatesReport } from "./views";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back Meta answers template analytics. */
export const META_TEMPLATE_ANALYTICS_DAYS = 90;

export interface MetaTemplatesOptions {
  /** Default: the process's gateway client. */
  gateway?: GatewayClient;
  /** The reader's translator, for the problems' words; default: the request's. */
  t?: Translate;
}

type MetaRow = MetaTemplatesReport["rows"][number];

/** GET /api/analytics/templates/meta (readers who see everyone's figures: the door refuses agents). */
export async function metaTemplatesReport(db: Database, request: AnalyticsRequest, options: MetaTemplatesOptions = {}): Promise<MetaTemplatesReport> {
  const oldest = new Date(Math.floor(request.now.getTime() / DAY_MS) * DAY_MS - META_TEMPLATE_ANALYTICS_DAYS * DAY_MS);
  const start = request.query.start < oldest ? oldest : request.query.start;
  const end = request.query.end > request.now ? request.now : request.query.end;
  const report: MetaTemplatesReport = { range: request.range, available: true, problems: [], rows: [] };
  if (end <= start) return report;

  // The period's own template sends (with the number, label, campaign and agent filters) name the templates to ask about.
  const { byAccount } = await templateSends(db, request);
  const byWaba = new Map<string, TemplateSendsOfAccount[]>();
  for (const sent of byAccount) byWaba.set(sent.wabaId, [...(byWaba.get(sent.wabaId) ?? []), sent]);
  if (byWaba.size === 0) return report;

  const linked = new Map((await listLinkedWabas(db, [...byWaba.keys()])).map((waba) => [waba.id, waba.connectionId]));
  const client = options.gateway ?? (await import("@/lib/gateway/server")).gateway();
  for (const [wabaId, sends] of byWaba) {
    // An account no longer linked cannot be asked: its templates simply have no figures from Meta.
    const connectionId = linked.get(wabaId);
    if (!connectionId) continue;
    try {
      const points = await client.templates.templateAnalytics(wabaId, { start, end, templateIds: sends.map((sent) => sent.templateId) }, { connectionId });
      const rows = new Map<string, MetaRow>(sends.map((sent) => [sent.templateId, { templateId: sent.templateId, name: sent.name, language: sent.language, sent: 0, delivered: 0, read: 0, clicked: 0 }]));
      for (const point of points) {
        const row = rows.get(point.templateId);
        if (!row) continue;
        row.sent += point.sent;
        row.delivered += point.delivered;
        row.read += point.read;
        row.clicked += point.clicked.reduce((total, click) => total + click.count, 0);
      }
      report.rows.push(...rows.values());
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      const t = options.t ?? (await (await import("@/lib/i18n/server")).requestTranslator());
      const failure = translateFailure(t, describeGatewayFailure(error));
      report.available = false;
      report.problems.push({
        wabaId,
        code: typeof failure.code === "number" ? failure.code : null,
        message: failure.details ?? failure.graphTitle ?? failure.title,
        explanation: failureSentence(t, failure),
      });
    }
  }
  report.rows.sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  return report;
}

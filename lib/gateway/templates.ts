/** Message templates of a WABA: list (paged, filtered), walk all pages, create, edit, delete; Meta's analytics of them. */
import { z } from "@/lib/zod";
import { issuesToProblems } from "@/lib/whatsapp/message-builders";
import { successResponseSchema } from "@/lib/whatsapp/messages";
import {
  type CreateTemplateBody,
  type EditTemplateBody,
  createTemplateBodySchema,
  editTemplateBodySchema,
} from "@/lib/whatsapp/template-rules";
import {
  type CreateTemplateResponse,
  type Template,
  type TemplateFilters,
  createTemplateResponseSchema,
  templateListResponseSchema,
} from "@/lib/whatsapp/templates";

import { InvalidRequestError } from "./errors";
import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

export interface TemplatePageRequest extends TemplateFilters {
  limit?: number;
  /** Cursor of the page after (from the previous page's `paging.after`). */
  after?: string;
  before?: string;
}

export interface TemplatePage {
  templates: Template[];
  paging: { after: string | undefined; before: string | undefined; hasNext: boolean; hasPrevious: boolean };
}

/** Meta answers template analytics for at most this many template ids per request. */
export const TEMPLATE_ANALYTICS_IDS_MAX = 10;
const TEMPLATE_ANALYTICS_MAX_PAGES = 20;

const analyticsCount = z.number().nonnegative().catch(0).default(0);
const templateAnalyticsPointSchema = z.looseObject({
  template_id: z.coerce.string(),
  start: z.number(),
  end: z.number(),
  sent: analyticsCount,
  delivered: analyticsCount,
  read: analyticsCount,
  clicked: z
    .array(z.looseObject({ type: z.string().default(""), button_content: z.string().optional(), count: analyticsCount }))
    .catch([])
    .default([]),
});
const templateAnalyticsResponseSchema = z.looseObject({
  data: z.array(z.looseObject({ granularity: z.string().optional(), data_points: z.array(templateAnalyticsPointSchema).default([]) })).default([]),
  paging: z.looseObject({ cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

export interface TemplateAnalyticsRequest {
  /** Meta rounds down to the day (UTC) and keeps 90 days. */
  start: Date;
  /** Meta rounds up to the day (UTC). */
  end: Date;
  templateIds: readonly string[];
}

/** One template's figures for one day, as Meta counts them. */
export interface TemplateAnalyticsPoint {
  templateId: string;
  /** Unix seconds, the day's bounds. */
  start: number;
  end: number;
  sent: number;
  delivered: number;
  read: number;
  /** Button clicks by button. */
  clicked: Array<{ type: string; buttonContent: string | null; count: number }>;
}

export function createTemplatesApi(transport: GatewayTransport) {
  async function listTemplates(wabaId: string, page: TemplatePageRequest = {}, options?: CallOptions): Promise<TemplatePage> {
    const response = await transport.request(
      {
        plane: "graph",
        method: "GET",
        path: `${encodeSegment(wabaId)}/message_templates`,
        query: {
          limit: page.limit,
          after: page.after,
          before: page.before,
          status: page.status,
          category: page.category,
          name: page.name,
          language: page.language,
          fields: page.fields,
        },
        schema: templateListResponseSchema,
      },
      options,
    );
    const cursors = response.paging?.cursors;
    return {
      templates: response.data,
      paging: {
        after: cursors?.after,
        before: cursors?.before,
        hasNext: response.paging?.next !== undefined,
        hasPrevious: response.paging?.previous !== undefined,
      },
    };
  }

  return {
    listTemplates,

    /**
     * Meta's daily figures of these templates (sent, delivered, read, button clicks), asked ten ids at a
     * time. Reporting waits behind everything else: the calls default to the lowest priority.
     */
    async templateAnalytics(wabaId: string, request: TemplateAnalyticsRequest, options?: CallOptions): Promise<TemplateAnalyticsPoint[]> {
      const ids = [...new Set(request.templateIds)];
      const points: TemplateAnalyticsPoint[] = [];
      const callOptions: CallOptions = { ...options, priority: options?.priority ?? "background" };
      for (let index = 0; index < ids.length; index += TEMPLATE_ANALYTICS_IDS_MAX) {
        const chunk = ids.slice(index, index + TEMPLATE_ANALYTICS_IDS_MAX);
        let after: string | undefined;
        for (let page = 0; page < TEMPLATE_ANALYTICS_MAX_PAGES; page += 1) {
          const response = await transport.request(
            {
              plane: "graph",
              method: "GET",
              path: `${encodeSegment(wabaId)}/template_analytics`,
              query: {
                start: Math.floor(request.start.getTime() / 1000),
                end: Math.ceil(request.end.getTime() / 1000),
                granularity: "DAILY",
                template_ids: JSON.stringify(chunk),
                metric_types: JSON.stringify(["SENT", "DELIVERED", "READ", "CLICKED"]),
                after,
              },
              schema: templateAnalyticsResponseSchema,
            },
            callOptions,
          );
          for (const entry of response.data) {
            for (const point of entry.data_points) {
              points.push({
                templateId: point.template_id,
                start: point.start,
                end: point.end,
                sent: point.sent,
                delivered: point.delivered,
                read: point.read,
                clicked: point.clicked.map((click) => ({ type: click.type, buttonContent: click.button_content ?? null, count: click.count })),
              });
            }
          }
          const next = response.paging?.cursors?.after;
          if (!response.paging?.next || !next || next === after) break;
          after = next;
        }
      }
      return points;
    },

    /** Every template matching the filters, walking the `after` cursor until Graph gives no `next`. */
    async listAllTemplates(
      wabaId: string,
      filters: TemplateFilters & { pageSize?: number; maxPages?: number } = {},
      options?: CallOptions,
    ): Promise<Template[]> {
      const { pageSize = 100, maxPages = 100, ...rest } = filters;
      const templates: Template[] = [];
      const seenCursors = new Set<string>();
      let after: string | undefined;
      for (let pageNumber = 0; pageNumber < maxPages; pageNumber += 1) {
        const page = await listTemplates(wabaId, { ...rest, limit: pageSize, after }, options);
        templates.push(...page.templates);
        const next = page.paging.after;
        // A repeated cursor would loop for ever: stop there.
        if (!page.paging.hasNext || next === undefined || seenCursors.has(next) || page.templates.length === 0) break;
        seenCursors.add(next);
        after = next;
      }
      return templates;
    },

    /** Submits a new template for review (answers status PENDING). Checked against Meta's rules first. */
    async createTemplate(wabaId: string, body: CreateTemplateBody, options?: CallOptions): Promise<CreateTemplateResponse> {
      const path = `${encodeSegment(wabaId)}/message_templates`;
      const parsed = createTemplateBodySchema.safeParse(body);
      if (!parsed.success) throw new InvalidRequestError(issuesToProblems(parsed.error.issues), { method: "POST", path });
      return transport.request({ plane: "graph", method: "POST", path, json: parsed.data, schema: createTemplateResponseSchema }, options);
    },

    /** Changes the components or the category of a template (it goes back to review). */
    async editTemplate(templateId: string, body: EditTemplateBody, options?: CallOptions): Promise<boolean> {
      const path = encodeSegment(templateId);
      const parsed = editTemplateBodySchema.safeParse(body);
      if (!parsed.success) throw new InvalidRequestError(issuesToProblems(parsed.error.issues), { method: "POST", path });
      const response = await transport.request(
        { plane: "graph", method: "POST", path, json: parsed.data, schema: successResponseSchema, idempotent: true },
        options,
      );
      return response.success;
    },

    /** By name: every language of it; with hsmId: only that one template. */
    async deleteTemplate(wabaId: string, target: { name: string; hsmId?: string }, options?: CallOptions): Promise<boolean> {
      const response = await transport.request(
        {
          plane: "graph",
          method: "DELETE",
          path: `${encodeSegment(wabaId)}/message_templates`,
          query: { name: target.name, hsm_id: target.hsmId },
          schema: successResponseSchema,
        },
        options,
      );
      return response.success;
    },
  };
}

export type TemplatesApi = ReturnType<typeof createTemplatesApi>;

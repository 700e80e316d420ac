/** Message templates of a WABA: list (paged, filtered), walk all pages, create, edit, delete. */
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

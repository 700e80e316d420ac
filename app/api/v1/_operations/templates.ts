import { countTemplates, listTemplatePage } from "@/db/queries/api-templates";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import { apiTemplate, templateCategorySchema, templateSchema, templateStatusSchema } from "@/lib/api/resources/templates";
import { z } from "@/lib/zod";

const position = z.object({ name: z.string(), language: z.string(), id: z.string() });

export const listTemplates = defineOperation({
  method: "GET",
  path: "/templates",
  operationId: "listTemplates",
  summary: "List message templates",
  description:
    "The message templates of the WhatsApp Business accounts you work in, as last synced from Meta (the dashboard " +
    "re-reads them regularly), by name and language. Templates Meta deleted are left out unless `status=DELETED` " +
    "is asked for. Only APPROVED templates can be sent.",
  tag: "Templates",
  capability: "templates.view",
  query: pageQuery.extend({
    waba_id: z.string().min(1).max(64).optional().meta({ description: "Only the templates of this WhatsApp Business account." }),
    phone_number_id: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "Only the templates this business number can send (those of its WhatsApp Business account)." }),
    category: templateCategorySchema.optional(),
    status: templateStatusSchema.optional(),
    language: z
      .string()
      .regex(/^[A-Za-z_]{2,12}$/)
      .optional()
      .meta({ description: "Only this language code (e.g. en_US).", example: "en_US" }),
    name: z.string().min(1).max(512).optional().meta({ description: "Only templates of exactly this name (every language).", example: "order_update" }),
    q: z.string().min(1).max(100).optional().meta({ description: "Only templates whose name contains this, in any case.", example: "order" }),
  }),
  success: { status: 200, description: "A page of templates.", schema: listOf(templateSchema) },
  async handle({ db, user, query }) {
    const filters = {
      scope: user.connections,
      wabaId: query.waba_id,
      phoneNumberId: query.phone_number_id,
      category: query.category,
      status: query.status,
      language: query.language,
      name: query.name,
      q: query.q,
    };
    const rows = await listTemplatePage(db, { ...filters, after: decodeCursor(query.cursor, position), limit: query.limit });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(apiTemplate),
      next_cursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, language: last.language, id: last.id }) : null,
      total: await countTemplates(db, filters),
    };
  },
});

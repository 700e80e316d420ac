import { and, asc, count, eq, ilike, ne, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { phoneNumbers, templates, type Template } from "../schema";
import { wabaInScope, type ConnectionScope } from "./connection-access";

/** Where a page of templates ends: name, language, id (the order of the list). */
export interface TemplatePosition {
  name: string;
  language: string;
  id: string;
}

export interface TemplateFilters {
  scope: ConnectionScope;
  wabaId?: string;
  /** The WABA of this business number. */
  phoneNumberId?: string;
  category?: string;
  /** Without one, templates Meta deleted are left out. */
  status?: string;
  language?: string;
  /** The exact name. */
  name?: string;
  /** Part of the name, any case. */
  q?: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function filters(request: TemplateFilters): SQL | undefined {
  return and(
    wabaInScope(request.scope, templates.wabaId),
    request.wabaId === undefined ? undefined : eq(templates.wabaId, request.wabaId),
    request.phoneNumberId === undefined
      ? undefined
      : sql`${templates.wabaId} = (select ${phoneNumbers.wabaId} from ${phoneNumbers} where ${phoneNumbers.id} = ${request.phoneNumberId})`,
    request.category === undefined ? undefined : eq(templates.category, request.category),
    request.status === undefined ? ne(templates.status, "DELETED") : eq(templates.status, request.status),
    request.language === undefined ? undefined : eq(templates.language, request.language),
    request.name === undefined ? undefined : eq(templates.name, request.name),
    request.q === undefined || request.q === "" ? undefined : ilike(templates.name, `%${escapeLike(request.q)}%`),
  );
}

/** Byte order: the same on every database, whatever its locale, for the order and the cursor alike. */
const byName = sql`${templates.name} collate "C"`;
const byLanguage = sql`${templates.language} collate "C"`;
const byId = sql`${templates.id} collate "C"`;

/**
 * A page of the mirrored templates of the WABAs a user may see, by name, language and id, after
 * `after`; one row more than `limit` tells that another page follows.
 */
export async function listTemplatePage(db: Database, request: TemplateFilters & { after: TemplatePosition | null; limit: number }): Promise<Template[]> {
  const after = request.after
    ? sql`(${byName}, ${byLanguage}, ${byId}) > (${request.after.name}, ${request.after.language}, ${request.after.id})`
    : undefined;
  return db
    .select()
    .from(templates)
    .where(and(filters(request), after))
    .orderBy(asc(byName), asc(byLanguage), asc(byId))
    .limit(request.limit + 1);
}

/** How many templates the same filters hold, whatever the page. */
export async function countTemplates(db: Database, request: TemplateFilters): Promise<number> {
  const [row] = await db.select({ total: count() }).from(templates).where(filters(request));
  return row?.total ?? 0;
}

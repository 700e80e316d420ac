import { and, asc, desc, eq, inArray, max, ne, sql } from "drizzle-orm";

import type { Database } from "../client";
import { templates, wabas, type Template, type Waba } from "../schema";

/** A template as Graph lists it, in the mirror's columns. */
export interface TemplateFromGraph {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  components: unknown[];
  qualityScore: string | null;
  rejectedReason: string | null;
  previousCategory: string | null;
  parameterFormat: string | null;
}

export interface TemplateSyncChanges {
  inserted: number;
  updated: number;
  /** Templates whose status differs from the mirror's (new ones included), for live events. */
  statusChanges: Array<{ templateId: string; status: string }>;
  /** Mirrored templates Meta no longer lists: now marked DELETED. */
  gone: string[];
}

/** jsonb reorders object keys: compare with keys sorted. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
      : value;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Makes the mirror of one WABA match a complete listing from Graph: new templates inserted, changed
 * ones updated (updatedAt moves only when something changed), unlisted ones marked DELETED. Run it
 * in a transaction with the live events it reports.
 */
export async function applyTemplateListing(db: Database, wabaId: string, listed: TemplateFromGraph[], at: Date): Promise<TemplateSyncChanges> {
  const existing = await db.select().from(templates).where(eq(templates.wabaId, wabaId));
  const byId = new Map(existing.map((row) => [row.id, row]));
  const changes: TemplateSyncChanges = { inserted: 0, updated: 0, statusChanges: [], gone: [] };
  for (const template of listed) {
    const row = byId.get(template.id);
    if (!row) {
      // A template deleted and created again under the same name and language has a new id.
      await db
        .delete(templates)
        .where(and(eq(templates.wabaId, wabaId), eq(templates.name, template.name), eq(templates.language, template.language), ne(templates.id, template.id)));
      await db.insert(templates).values({ ...template, wabaId, syncedAt: at });
      changes.inserted += 1;
      changes.statusChanges.push({ templateId: template.id, status: template.status });
      continue;
    }
    const changed =
      row.status !== template.status ||
      row.category !== template.category ||
      row.qualityScore !== template.qualityScore ||
      row.rejectedReason !== template.rejectedReason ||
      row.previousCategory !== template.previousCategory ||
      row.parameterFormat !== template.parameterFormat ||
      row.name !== template.name ||
      row.language !== template.language ||
      !sameJson(row.components, template.components);
    if (changed) {
      await db.update(templates).set({ ...template, syncedAt: at, updatedAt: at }).where(eq(templates.id, template.id));
      changes.updated += 1;
      if (row.status !== template.status) changes.statusChanges.push({ templateId: template.id, status: template.status });
    } else {
      await db.update(templates).set({ syncedAt: at, updatedAt: row.updatedAt }).where(eq(templates.id, template.id));
    }
  }
  const listedIds = new Set(listed.map((template) => template.id));
  const gone = existing.filter((row) => !listedIds.has(row.id) && row.status !== "DELETED").map((row) => row.id);
  if (gone.length > 0) {
    await db.update(templates).set({ status: "DELETED", syncedAt: at, updatedAt: at }).where(inArray(templates.id, gone));
    changes.gone = gone;
    changes.statusChanges.push(...gone.map((templateId) => ({ templateId, status: "DELETED" })));
  }
  return changes;
}

/** Every mirrored template of the WABAs, newest change first. */
export async function listMirroredTemplates(db: Database, wabaIds: string[]): Promise<Template[]> {
  if (wabaIds.length === 0) return [];
  return db
    .select()
    .from(templates)
    .where(inArray(templates.wabaId, wabaIds))
    .orderBy(desc(templates.updatedAt), asc(templates.name), asc(templates.language));
}

/** The account's approved templates (what may be sent), by name and language. */
export async function listApprovedTemplates(db: Database, wabaId: string): Promise<Template[]> {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.wabaId, wabaId), eq(templates.status, "APPROVED")))
    .orderBy(asc(templates.name), asc(templates.language));
}

export async function findTemplate(db: Database, id: string): Promise<Template | undefined> {
  const [row] = await db.select().from(templates).where(eq(templates.id, id)).limit(1);
  return row;
}

/** Every language of a template name in a WABA (what a delete by name removes). */
export async function findTemplatesNamed(db: Database, wabaId: string, name: string): Promise<Template[]> {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.wabaId, wabaId), eq(templates.name, name), ne(templates.status, "DELETED")))
    .orderBy(asc(templates.language));
}

/** Name and language pairs in use in a WABA (templates gone at Meta excluded). */
export async function listTakenTemplateNames(db: Database, wabaId: string): Promise<Array<{ name: string; language: string }>> {
  return db
    .select({ name: templates.name, language: templates.language })
    .from(templates)
    .where(and(eq(templates.wabaId, wabaId), ne(templates.status, "DELETED")));
}

/** A template just created through the gateway, mirrored at once so its review shows live. */
export async function insertCreatedTemplate(db: Database, template: TemplateFromGraph & { wabaId: string }, at: Date): Promise<Template> {
  await db
    .delete(templates)
    .where(and(eq(templates.wabaId, template.wabaId), eq(templates.name, template.name), eq(templates.language, template.language), ne(templates.id, template.id)));
  const [row] = await db
    .insert(templates)
    .values({ ...template, syncedAt: at })
    .onConflictDoUpdate({ target: templates.id, set: { ...template, syncedAt: at, updatedAt: at } })
    .returning();
  return row!;
}

/** An edit accepted by Meta: new definition, back in review. */
export async function updateEditedTemplate(
  db: Database,
  id: string,
  changes: { category: string; components: unknown[]; status: string },
  at: Date,
): Promise<Template | undefined> {
  const [row] = await db
    .update(templates)
    .set({ ...changes, rejectedReason: null, syncedAt: at, updatedAt: at })
    .where(eq(templates.id, id))
    .returning();
  return row;
}

/** Removes every language of a name after Meta deleted them; returns what was removed. */
export async function deleteTemplatesNamed(db: Database, wabaId: string, name: string): Promise<Template[]> {
  return db.delete(templates).where(and(eq(templates.wabaId, wabaId), eq(templates.name, name))).returning();
}

/** When the WABA's templates were last synced (undefined: never). */
export async function lastTemplateSync(db: Database, wabaId: string): Promise<Date | undefined> {
  const [row] = await db.select({ at: max(templates.syncedAt) }).from(templates).where(eq(templates.wabaId, wabaId));
  return row?.at ?? undefined;
}

/** The WABAs of a connection, by name: the template manager's account choices. */
export async function listWabasOfConnection(db: Database, connectionId: string): Promise<Waba[]> {
  return db.select().from(wabas).where(eq(wabas.connectionId, connectionId)).orderBy(sql`${wabas.name} asc nulls last`, asc(wabas.id));
}

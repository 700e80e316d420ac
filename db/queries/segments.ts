/** Saved contact filters (segments): the rows, with their author's name. */
import { asc, eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { segments, users } from "../schema";

export interface SegmentRow {
  id: string;
  name: string;
  definition: Record<string, unknown>;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = {
  id: segments.id,
  name: segments.name,
  definition: segments.definition,
  createdById: segments.createdById,
  createdByName: users.name,
  createdAt: segments.createdAt,
  updatedAt: segments.updatedAt,
};

/** Every segment, by name whatever its case. */
export async function listSegmentRows(db: Database): Promise<SegmentRow[]> {
  return db
    .select(columns)
    .from(segments)
    .leftJoin(users, eq(users.id, segments.createdById))
    .orderBy(sql`lower(${segments.name})`, asc(segments.id));
}

export async function findSegmentRow(db: Database, id: string, options: { lock?: boolean } = {}): Promise<SegmentRow | undefined> {
  const query = db.select(columns).from(segments).leftJoin(users, eq(users.id, segments.createdById)).where(eq(segments.id, id)).limit(1);
  const [row] = options.lock ? await query.for("update", { of: segments }) : await query;
  return row;
}

/** The segment holding this name (case-insensitively), other than `exceptId`. */
export async function segmentNamed(db: Database, name: string, exceptId?: string): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: segments.id })
    .from(segments)
    .where(exceptId ? sql`lower(${segments.name}) = lower(${name}) and ${segments.id} <> ${exceptId}` : sql`lower(${segments.name}) = lower(${name})`)
    .limit(1);
  return row;
}

/** A new segment, or undefined when its name is taken meanwhile (the unique index on lower(name) decides). */
export async function insertSegment(db: Database, values: { name: string; definition: Record<string, unknown>; createdById: string | null }): Promise<string | undefined> {
  const [row] = await db.insert(segments).values(values).onConflictDoNothing().returning({ id: segments.id });
  return row?.id;
}

export async function updateSegmentRow(db: Database, id: string, patch: { name?: string; definition?: Record<string, unknown> }): Promise<void> {
  await db
    .update(segments)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(segments.id, id));
}

export async function deleteSegmentRow(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(segments).where(eq(segments.id, id)).returning({ id: segments.id });
  return rows.length > 0;
}

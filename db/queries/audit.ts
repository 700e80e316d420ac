import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import type { Database } from "../client";
import { auditLog, users, type AuditEntry } from "../schema";

export interface AuditRecord {
  actor: { id: string; email: string } | null;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/** Pass the transaction that makes the change, so the entry and the change land together. */
export async function recordAudit(db: Database, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    actorId: record.actor?.id ?? null,
    actorEmail: record.actor?.email ?? null,
    action: record.action,
    targetType: record.target?.type ?? null,
    targetId: record.target?.id ?? null,
    details: record.details ?? {},
  });
}

export async function latestAuditEntries(db: Database, limit = 100): Promise<AuditEntry[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries strictly before this instant. */
  before?: Date;
}

/** An entry with the current name of its actor and, for user targets, of the user it concerns. */
export interface AuditListEntry extends AuditEntry {
  actorName: string | null;
  targetLabel: string | null;
}

export interface AuditPage {
  entries: AuditListEntry[];
  total: number;
  page: number;
  pageSize: number;
}

function auditConditions(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.before) conditions.push(lt(auditLog.at, filter.before));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** One page of entries matching the filter, newest first, with the number of all matches. */
export async function listAuditEntries(
  db: Database,
  filter: AuditFilter,
  paging: { page: number; pageSize: number },
): Promise<AuditPage> {
  const where = auditConditions(filter);
  const page = Math.max(1, Math.floor(paging.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(paging.pageSize)));
  const actor = alias(users, "actor");
  const target = alias(users, "target");
  const rows = await db
    .select({ entry: auditLog, actorName: actor.name, targetLabel: target.email })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(target, and(eq(auditLog.targetType, "user"), sql`${target.id}::text = ${auditLog.targetId}`))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return {
    entries: rows.map((row) => ({ ...row.entry, actorName: row.actorName, targetLabel: row.targetLabel })),
    total: count?.total ?? 0,
    page,
    pageSize,
  };
}

/** The distinct action names recorded so far, for the filter. */
export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((row) => row.action);
}

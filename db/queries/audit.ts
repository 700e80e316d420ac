import { desc } from "drizzle-orm";

import type { Database } from "../client";
import { auditLog, type AuditEntry } from "../schema";

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

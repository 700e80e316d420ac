import { eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { phoneNumbers, wabas } from "../schema";

export interface WabaFromGraph {
  id: string;
  connectionId: string;
  businessId: string | null;
  name: string | null;
  syncedAt: Date;
}

/** Inserts or refreshes a WABA; this dashboard's webhook registration columns are left alone. */
export async function upsertWaba(db: Database, waba: WabaFromGraph): Promise<void> {
  await db
    .insert(wabas)
    .values(waba)
    .onConflictDoUpdate({
      target: wabas.id,
      set: {
        connectionId: waba.connectionId,
        businessId: waba.businessId,
        name: waba.name,
        syncedAt: waba.syncedAt,
        updatedAt: new Date(),
      },
    });
}

export interface PhoneNumberFromGraph {
  id: string;
  wabaId: string;
  connectionId: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  throughputLevel: string | null;
  codeVerificationStatus: string | null;
  nameStatus: string | null;
  syncedAt: Date;
}

/** Inserts or refreshes a phone number (one first seen in a webhook gets its connection here). */
export async function upsertPhoneNumber(db: Database, number: PhoneNumberFromGraph): Promise<void> {
  const { id: _id, ...changes } = number;
  await db
    .insert(phoneNumbers)
    .values(number)
    .onConflictDoUpdate({ target: phoneNumbers.id, set: { ...changes, updatedAt: new Date() } });
}

/** The connection a phone number was last synced under (null when it is only known from webhooks). */
export async function findPhoneNumberConnectionId(db: Database, phoneNumberId: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ connectionId: phoneNumbers.connectionId })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.id, phoneNumberId))
    .limit(1);
  return row ? row.connectionId : undefined;
}

/** How many WABAs and numbers a connection has locally (for the unlink confirmation and audit). */
export async function countAccountsOfConnection(db: Database, connectionId: string): Promise<{ wabas: number; phoneNumbers: number }> {
  const [wabaCount] = await db.select({ count: sql<number>`count(*)::int` }).from(wabas).where(eq(wabas.connectionId, connectionId));
  const [numberCount] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.connectionId, connectionId));
  return { wabas: wabaCount?.count ?? 0, phoneNumbers: numberCount?.count ?? 0 };
}

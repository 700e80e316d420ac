import { and, asc, eq, isNull } from "drizzle-orm";

import type { Database } from "../client";
import { connections, phoneNumbers, users, type PhoneNumber } from "../schema";
import { ALL_CONNECTIONS, connectionInScope, type ConnectionScope } from "./connection-access";

/**
 * Numbers of linked, ACTIVE connections (the ones the dashboard can work with), by display number;
 * with a scope, only those of its connections (a user's). Without one: every number, for work no person does.
 */
export async function listUsablePhoneNumbers(db: Database, scope: ConnectionScope = ALL_CONNECTIONS): Promise<PhoneNumber[]> {
  const rows = await db
    .select({ number: phoneNumbers })
    .from(phoneNumbers)
    .innerJoin(connections, eq(connections.id, phoneNumbers.connectionId))
    .where(and(eq(connections.status, "ACTIVE"), isNull(connections.unlinkedAt), connectionInScope(scope, connections.id)))
    .orderBy(asc(phoneNumbers.displayPhoneNumber), asc(phoneNumbers.id));
  return rows.map((row) => row.number);
}

export async function findPhoneNumber(db: Database, id: string): Promise<PhoneNumber | undefined> {
  const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.id, id)).limit(1);
  return row;
}

export async function findSelectedPhoneNumberId(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: users.selectedPhoneNumberId }).from(users).where(eq(users.id, userId));
  return row?.id ?? null;
}

export async function setSelectedPhoneNumberId(db: Database, userId: string, phoneNumberId: string): Promise<void> {
  await db.update(users).set({ selectedPhoneNumberId: phoneNumberId }).where(eq(users.id, userId));
}

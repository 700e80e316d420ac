import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { phoneNumbers, wabas, type PhoneNumber } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

/** A business number with the connection it belongs to (its own, else its WABA's; null when not known). */
export type ApiPhoneNumberRow = PhoneNumber & { connectionId: string | null };

/** Where a page of numbers ends: the display number ("" when none yet) and the id. */
export interface PhoneNumberPosition {
  display: string;
  id: string;
}

export interface PhoneNumberPageRequest {
  scope: ConnectionScope;
  wabaId?: string;
  after: PhoneNumberPosition | null;
  limit: number;
}

/** Byte order: the same on every database, whatever its locale, for the order and the cursor alike. */
const displayKey = sql<string>`coalesce(${phoneNumbers.displayPhoneNumber}, '') collate "C"`;
const idKey = sql<string>`${phoneNumbers.id} collate "C"`;

function filters(request: Pick<PhoneNumberPageRequest, "scope" | "wabaId">): SQL | undefined {
  return and(phoneNumberInScope(request.scope, phoneNumbers.id), request.wabaId === undefined ? undefined : eq(phoneNumbers.wabaId, request.wabaId));
}

/**
 * A page of the business numbers a user may work with (those of their connections), by display
 * number then id, after `after`; one row more than `limit` tells that another page follows.
 */
export async function listPhoneNumberPage(db: Database, request: PhoneNumberPageRequest): Promise<ApiPhoneNumberRow[]> {
  const after = request.after ? sql`(${displayKey}, ${idKey}) > (${request.after.display}, ${request.after.id})` : undefined;
  const rows = await db
    .select({ number: phoneNumbers, connectionId: sql<string | null>`coalesce(${phoneNumbers.connectionId}, ${wabas.connectionId})` })
    .from(phoneNumbers)
    .leftJoin(wabas, eq(wabas.id, phoneNumbers.wabaId))
    .where(and(filters(request), after))
    .orderBy(asc(displayKey), asc(idKey))
    .limit(request.limit + 1);
  return rows.map((row) => ({ ...row.number, connectionId: row.connectionId }));
}

/** How many numbers the same filters hold, whatever the page. */
export async function countPhoneNumbers(db: Database, request: Pick<PhoneNumberPageRequest, "scope" | "wabaId">): Promise<number> {
  const [row] = await db.select({ total: count() }).from(phoneNumbers).where(filters(request));
  return row?.total ?? 0;
}

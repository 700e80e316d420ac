/** What the analytics filter bar offers: the agents, labels and campaigns a reader may filter by. */
import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { campaigns, conversationLabels, userConnections, users } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

/** A user who may work in some connection of the scope: admins and users given every connection always can. */
function mayWorkInScope(scope: ConnectionScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.connectionIds.length === 0) return or(eq(users.role, "admin"), eq(users.allConnections, true));
  return or(
    eq(users.role, "admin"),
    eq(users.allConnections, true),
    sql`exists (select 1 from ${userConnections} where ${userConnections.userId} = ${users.id} and ${inArray(userConnections.connectionId, [...scope.connectionIds])})`,
  );
}

/** Enabled users of any role who may work in the scope, by name. */
export async function listAnalyticsAgents(db: Database, scope: ConnectionScope): Promise<Array<{ id: string; name: string }>> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.disabled, false), mayWorkInScope(scope)))
    .orderBy(asc(users.name), asc(users.id));
}

/** Every conversation label, by name. */
export async function listAnalyticsLabels(db: Database): Promise<Array<{ id: string; name: string; color: string }>> {
  return db
    .select({ id: conversationLabels.id, name: conversationLabels.name, color: conversationLabels.color })
    .from(conversationLabels)
    .orderBy(asc(sql`lower(${conversationLabels.name})`), asc(conversationLabels.id));
}

/** Campaigns past their draft, sent from numbers of the scope, newest first, at most `limit`. */
export async function listAnalyticsCampaigns(db: Database, scope: ConnectionScope, limit: number): Promise<Array<{ id: string; name: string }>> {
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(and(ne(campaigns.status, "draft"), phoneNumberInScope(scope, campaigns.phoneNumberId)))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(limit);
}

/** The time zone the user saved (null: they follow their browser's). */
export async function findUserTimeZone(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.timeZone ?? null;
}

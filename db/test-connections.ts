import type { Database } from "./client";
import { connections, wabas } from "./schema";

/**
 * For tests of access by connection: a dashboard serving two businesses, ACTIVE connections "conn-a"
 * and "conn-b", each with its WABA ("waba-a", "waba-b"). Each test adds the numbers it needs.
 */
export async function insertTwoConnections(db: Database): Promise<void> {
  await db.insert(connections).values([
    { id: "conn-a", status: "ACTIVE" },
    { id: "conn-b", status: "ACTIVE" },
  ]);
  await db.insert(wabas).values([
    { id: "waba-a", connectionId: "conn-a" },
    { id: "waba-b", connectionId: "conn-b" },
  ]);
}

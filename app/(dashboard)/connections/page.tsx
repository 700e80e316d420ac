import type { Metadata } from "next";
import { connection } from "next/server";

import { ConnectionsManager } from "@/components/connections/connections-manager";
import { getDb } from "@/db";
import { checkAccountsHealth, loadConnectionsOverview } from "@/lib/accounts/overview";
import { requirePageAccess } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Connections" };

export default async function Page() {
  const user = await requirePageAccess("connections.manage");
  await connection();
  const db = await getDb();
  // Mirrors Maton first when the copy is older than a minute, then checks the key and the working connection.
  const overview = await loadConnectionsOverview(db, user.connections);
  const health = await checkAccountsHealth(db, user);
  return <ConnectionsManager initialOverview={overview} initialHealth={health} />;
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";

import { ConnectionsManager } from "@/components/connections/connections-manager";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { checkAccountsHealth, healthInWords, loadConnectionsOverview, overviewInWords } from "@/lib/accounts/overview";
import { requirePageAccess } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("connections");
  return { title: t("title") };
}

export default async function Page() {
  const user = await requirePageAccess("connections.manage");
  await connection();
  const db = await getDb();
  // Mirrors Maton first when the copy is older than a minute, then checks the key and the working connection.
  const overview = await loadConnectionsOverview(db, user.connections);
  const health = await checkAccountsHealth(db, user);
  const t = await requestTranslator();
  return (
    <ClientMessages namespaces={["connections"]}>
      <ConnectionsManager initialOverview={overviewInWords(t, overview)} initialHealth={healthInWords(t, health)} />
    </ClientMessages>
  );
}

import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PhoneIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";

import { EmptyState } from "@/components/empty-state";
import { ClientMessages } from "@/components/i18n/client-messages";
import { InboxSettingsScreen } from "@/components/inbox-settings/inbox-settings-screen";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { listUsablePhoneNumbers, selectedPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { requirePageAccess } from "@/lib/auth/session";
import { loadInboxSettings } from "@/lib/inbox/inbox-settings";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inboxSettings");
  return { title: t("title") };
}

/** Settings › Inbox: per business number, its hours, automatic messages and auto-assignment (admins). */
export default async function InboxSettingsPage({ searchParams }: { searchParams: Promise<{ number?: string | string[] }> }) {
  await connection();
  const user = await requirePageAccess("inbox.settings");
  const t = await getTranslations("inboxSettings");
  const db = await getDb();
  const [numbers, selected, params] = await Promise.all([listUsablePhoneNumbers(db, user.connections), selectedPhoneNumber(db, user), searchParams]);
  const asked = typeof params.number === "string" ? params.number : undefined;
  const chosen = numbers.find((number) => number.id === asked) ?? numbers.find((number) => number.id === selected?.id) ?? numbers[0];
  const queryClient = new QueryClient();
  if (chosen) {
    // The same JSON the action answers, so the hydrated cache and a refetch agree.
    queryClient.setQueryData(queryKeys.inboxSettings.ofNumber(chosen.id), JSON.parse(JSON.stringify(await loadInboxSettings(db, user, chosen.id))) as unknown);
  }
  return (
    <ClientMessages namespaces={["inboxSettings"]}>
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 p-6">
        <PageHeader title={t("title")} description={t("description")} />
        {chosen ? (
          <HydrationBoundary state={dehydrate(queryClient)}>
            <InboxSettingsScreen
              numbers={numbers.map((number) => ({ id: number.id, displayPhoneNumber: number.displayPhoneNumber, verifiedName: number.verifiedName }))}
              initialNumberId={chosen.id}
            />
          </HydrationBoundary>
        ) : (
          <EmptyState icon={PhoneIcon} title={t("noNumbers")} description={null} />
        )}
      </div>
    </ClientMessages>
  );
}

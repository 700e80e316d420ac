import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { ProfileScreen } from "@/components/profile/profile-screen";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { getDb } from "@/db";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { loadBusinessProfile, loadPhoneNumbers, phoneNumbersInWords, profileLoadInWords } from "@/lib/profile/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title") };
}

export default async function Page() {
  await connection();
  const user = await requirePageAccess("profile.view");
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page={(await getTranslations("profile"))("title")} />;
  const db = await getDb();
  // Gateway problems are said in the reader's words; the profile's own texts stay as the business wrote them.
  const t = await requestTranslator();
  // The numbers of the user's connections, from the mirror (re-read from the gateway when older than a minute).
  const numbers = phoneNumbersInWords(t, await loadPhoneNumbers(db, user, { refresh: "if-stale" }));
  const initialProfile = numbers.selectedId ? profileLoadInWords(t, await loadBusinessProfile(db, numbers.selectedId)) : null;
  return (
    // The numbers' table below the profile speaks `phoneNumbers`.
    <ClientMessages namespaces={["profile", "phoneNumbers"]}>
      <ProfileScreen initialNumbers={numbers} initialProfile={initialProfile} canEdit={can(user.role, "profile.edit")} />
    </ClientMessages>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";

import { ProfileScreen } from "@/components/profile/profile-screen";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { getDb } from "@/db";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { loadBusinessProfile, loadPhoneNumbers } from "@/lib/profile/load";

export const metadata: Metadata = { title: "Business profile" };

export default async function Page() {
  await connection();
  const user = await requirePageAccess("profile.view");
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page="Business profile" />;
  const db = await getDb();
  // The numbers of the user's connections, from the mirror (re-read from the gateway when older than a minute).
  const numbers = await loadPhoneNumbers(db, user, { refresh: "if-stale" });
  const initialProfile = numbers.selectedId ? await loadBusinessProfile(db, numbers.selectedId) : null;
  return <ProfileScreen initialNumbers={numbers} initialProfile={initialProfile} canEdit={can(user.role, "profile.edit")} />;
}

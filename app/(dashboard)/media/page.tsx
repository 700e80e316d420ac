import { PhoneIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";

import { EmptyState } from "@/components/empty-state";
import { ClientMessages } from "@/components/i18n/client-messages";
import { MediaLibrary } from "@/components/media/media-library";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { listLibraryMedia } from "@/db/queries/media";
import type { PhoneNumber } from "@/db/schema";
import { listUsablePhoneNumbers, selectedPhoneNumber } from "@/lib/accounts/selected-phone-number";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { toLibraryView } from "@/lib/media/library";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("media");
  return { title: t("title") };
}

const labelOf = (number: PhoneNumber) =>
  [number.verifiedName, number.displayPhoneNumber].filter(Boolean).join(" · ") || number.id;

export default async function Page() {
  const user = await requirePageAccess("media.use");
  await connection();
  const t = await getTranslations("media");
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page={t("title")} />;
  const db = await getDb();
  // Only numbers of the user's connections, and the selected one among them.
  const [numbers, selected] = await Promise.all([listUsablePhoneNumbers(db, user.connections), selectedPhoneNumber(db, user)]);
  if (!selected) {
    return (
      <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
        <PageHeader title={t("title")} description={t("noNumber.description")} />
        <EmptyState
          icon={PhoneIcon}
          title={t("noNumber.title")}
          description={t("noNumber.body")}
          action={
            can(user.role, "connections.manage") ? (
              <Button asChild>
                <Link href="/connections">{t("noNumber.openConnections")}</Link>
              </Button>
            ) : undefined
          }
        />
      </div>
    );
  }
  const media = (await listLibraryMedia(db, user.connections, selected.id)).map(toLibraryView);
  return (
    <ClientMessages namespaces={["media"]}>
      <MediaLibrary
        key={selected.id}
        phoneNumber={{ id: selected.id, label: labelOf(selected) }}
        numbers={numbers.map((number) => ({ id: number.id, label: labelOf(number) }))}
        initialMedia={media}
        canManage={can(user.role, "media.manage")}
      />
    </ClientMessages>
  );
}

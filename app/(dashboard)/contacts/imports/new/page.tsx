import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { UploadStep } from "@/components/contacts/import/upload-step";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.importer.upload");
  return { title: t("metaTitle") };
}

/** Step 1 of a contact import: the CSV file. */
export default async function NewContactImportPage() {
  await requirePageAccess("contacts.manage");
  const t = await getTranslations("contacts.importer.upload");
  return (
    <ClientMessages namespaces={["contacts"]}>
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-6 py-6">
        <h2 className="text-lg font-semibold tracking-tight">{t("pageTitle")}</h2>
        <UploadStep />
      </div>
    </ClientMessages>
  );
}

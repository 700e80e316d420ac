import { LockKeyholeIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { EmptyState } from "@/components/empty-state";

import { PageHeader } from "./page-header";

/**
 * What a page about accounts' data shows a user granted no connection: why it is empty and who can
 * change it, instead of an empty list. Server-compatible, like EmptyState. `page`: the page's title,
 * in the reader's language.
 */
export function NoAccountAccess({ page }: { page: string }) {
  const t = useTranslations("shell.noAccountAccess");
  return (
    <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
      <PageHeader title={page} />
      <EmptyState icon={LockKeyholeIcon} title={t("title")} description={t("description")} />
    </div>
  );
}

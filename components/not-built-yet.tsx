import type { LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/shell/page-header";

/** An honest placeholder for a section whose screens are not built yet. The caller passes its texts in the reader's language. */
export function NotBuiltYet({
  title,
  description,
  icon,
  coming,
}: {
  title: string;
  description: string;
  icon: LucideIcon;
  coming: string;
}) {
  const t = useTranslations("shell.notBuiltYet");
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
      <PageHeader title={title} description={description} />
      <EmptyState icon={icon} title={t("title")} description={coming} />
    </div>
  );
}

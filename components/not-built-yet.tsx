import type { LucideIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/shell/page-header";

/** An honest placeholder for a section whose screens are not built yet. */
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
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
      <PageHeader title={title} description={description} />
      <EmptyState icon={icon} title="Not available yet" description={coming} />
    </div>
  );
}

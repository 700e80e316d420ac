import { LockKeyholeIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";

import { PageHeader } from "./page-header";

export const NO_ACCOUNT_ACCESS = {
  title: "You don't have access to any WhatsApp account yet.",
  description: "Ask an admin to give you access in Settings › Users.",
} as const;

/**
 * What a page about accounts' data shows a user granted no connection: why it is empty and who can
 * change it, instead of an empty list. Server-compatible, like EmptyState.
 */
export function NoAccountAccess({ page }: { page: string }) {
  return (
    <div className="flex flex-1 flex-col gap-5 p-4 sm:p-6">
      <PageHeader title={page} />
      <EmptyState icon={LockKeyholeIcon} title={NO_ACCOUNT_ACCESS.title} description={NO_ACCOUNT_ACCESS.description} />
    </div>
  );
}
